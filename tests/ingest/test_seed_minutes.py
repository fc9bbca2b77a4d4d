"""The minutes extract the project started from (Thurrock, a Prevent item): what it must show."""

from __future__ import annotations

import re

from ingest.model import Meeting


def _statement(seed: Meeting, starts: str):  # type: ignore[no-untyped-def]
    pattern = re.compile(r"\s+".join(map(re.escape, starts.split())))
    match = pattern.search(seed.text)
    assert match, starts
    return next(s for s in seed.statements if s.span.start <= match.start() < s.span.end)


def test_officers_are_officers(seed: Meeting) -> None:
    s = _statement(seed, "She stated that the Prevent self-assessment highlighted")
    assert (s.speaker.name, s.speaker.kind, s.act) == ("Community Safety Partnership Manager", "officer", "said")
    s = _statement(seed, "He stated that hard to reach groups would be targeted")
    assert s.speaker.name == "Assistant Director Adult Social Care and Communities"
    assert s.speaker.kind == "officer"
    s = _statement(seed, "The Community Safety Partnership Managed added")  # a typo in the minutes
    assert s.speaker.name == "Community Safety Partnership Manager"


def test_councillors_and_chair(seed: Meeting) -> None:
    for who, starts in [
        ("Ralph", "He asked if the team could do events"),
        ("Abbas", "He asked if briefings could"),
        ("Collins", "Councillor Collins asked if the team"),
        ("Chukwu", "Councillor Chukwu asked what"),
        ("Shinnick", "Councillor Shinnick felt pleased"),
    ]:
        s = _statement(seed, starts)
        assert s.speaker.name == f"Councillor {who}" and s.speaker.kind == "councillor", s
        assert s.act == "asked" or who == "Shinnick"
    chair = _statement(seed, "The Chair queried why left-wing extremism")
    assert (chair.speaker.kind, chair.act) == ("chair", "asked")


def test_every_statement_of_the_seed_has_a_known_speaker(seed: Meeting) -> None:
    body = [s for s in seed.statements if s.act not in ("resolved", "noted")]
    assert body and all(s.speaker.kind != "unknown" for s in body)
    kinds = {s.speaker.name: s.speaker.kind for s in seed.statements}
    assert kinds["Community Safety Partnership Manager"] == "officer"
    assert {n for n, k in kinds.items() if k == "councillor"} == {
        "Councillor Ralph",
        "Councillor Abbas",
        "Councillor Collins",
        "Councillor Chukwu",
        "Councillor Shinnick",
    }


def test_replies_are_answers_linked_to_their_questions(seed: Meeting) -> None:
    reply = _statement(seed, "The Community Safety Partnership Manager replied that the Members handbook")
    assert reply.act == "answered"
    chair_q = _statement(seed, "The Chair queried why left-wing extremism")
    assert any(q.question == chair_q.id and q.answer == reply.id for q in seed.questions)


def test_three_resolutions(seed: Meeting) -> None:
    assert [r.text.split()[:3] for r in seed.resolutions] == [
        ["That", "Members", "noted"],
        ["Members", "agreed", "to"],
        ["Members", "agreed", "to"],
    ]


def test_the_four_commitments(seed: Meeting) -> None:
    texts = [" ".join(a.text.split()) for a in seed.actions]
    assert len(texts) == 4, texts
    assert any("Communications team" in t for t in texts)
    assert any("SACRE" in t for t in texts)
    assert any("invited to December’s meeting" in t for t in texts)
    assert any("could be shared with Members" in t for t in texts)
    assert all(a.agent.name == "Community Safety Partnership Manager" for a in seed.actions)
    invitation = next(a for a in seed.actions if "invited" in a.text)
    assert invitation.due == "to December’s meeting"


def test_organisations_and_documents_are_mentioned(seed: Meeting) -> None:
    orgs = {m.text for m in seed.mentions if m.kind == "organisation"}
    docs = {m.text for m in seed.mentions if m.kind == "document"}
    assert {"Home Office", "Local Government Association", "Essex Police", "Ofsted"} <= orgs
    assert "Prevent Strategy" in docs
