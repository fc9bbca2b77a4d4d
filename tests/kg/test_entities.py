"""Entity search and pages over the sample store, read with SPARQL."""

from __future__ import annotations

import pytest

from ingest.errors import NotFoundError, UsageError
from kg.entities import entity_profile, search_entities
from kg.workspace import Workspace


def _run(workspace: Workspace):  # type: ignore[no-untyped-def]
    return lambda query: workspace.query(query, 10.0)


def test_search_finds_each_kind(sample_workspace: Workspace) -> None:
    run, iris = _run(sample_workspace), sample_workspace.iris
    kinds = {hit.kind for hit in search_entities(run, iris, "", limit=1000)}
    assert kinds == {"person", "post", "organisation", "topic", "meeting"}
    people = search_entities(run, iris, "ABBAS", ("person",))
    assert [h.label for h in people] == ["Abbas"]
    assert search_entities(run, iris, 'x" ) } DROP ALL { ("') == []  # the text is a literal, never SPARQL


def test_a_person_page(sample_workspace: Workspace) -> None:
    run, iris = _run(sample_workspace), sample_workspace.iris
    abbas = search_entities(run, iris, "abbas", ("person",))[0]
    page = entity_profile(run, iris, abbas.iri)
    assert page.kind == "person" and page.statements and page.asked
    assert all("Abbas" in q.speaker for q in page.statements)
    assert any(q.reply for q in page.asked)  # questions come with the answers the minutes link
    meeting = sample_workspace.meetings.get("thurrock-prevent-extract")
    for q in page.statements:
        assert meeting.text[q.start : q.end] == q.text


def test_a_post_answers_and_commits(sample_workspace: Workspace) -> None:
    run, iris = _run(sample_workspace), sample_workspace.iris
    post = search_entities(run, iris, "community safety partnership manager", ("post",))[0]
    page = entity_profile(run, iris, post.iri)
    assert page.answered and page.commitments and page.topics and page.timeline
    assert all(q.reply for q in page.answered)


def test_meeting_and_topic_pages(sample_workspace: Workspace) -> None:
    run, iris = _run(sample_workspace), sample_workspace.iris
    meeting = entity_profile(run, iris, str(iris.meeting("thurrock-prevent-extract")))
    assert meeting.kind == "meeting" and len(meeting.statements) == 62 and len(meeting.resolutions) == 3
    topic = search_entities(run, iris, "faith", ("topic",))[0]
    page = entity_profile(run, iris, topic.iri)
    assert page.kind == "topic" and {row[0] for row in page.timeline} == {"faith"}


def test_unknown_and_malformed_iris(sample_workspace: Workspace) -> None:
    run, iris = _run(sample_workspace), sample_workspace.iris
    with pytest.raises(NotFoundError):
        entity_profile(run, iris, "https://w3id.org/minutes-kg/person/nobody")
    with pytest.raises(UsageError):
        entity_profile(run, iris, "x> } DROP ALL { <y")
