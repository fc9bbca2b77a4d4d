"""Answers over the sample minutes: citations quote the source exactly and never break a constraint."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.batch import ingest_paths
from ingest.store import MeetingStore
from kg.namespaces import Iris
from qa.answer_view import answer_view
from qa.asking import KIND_COVERS, Asker
from qa.embedding import HashingEmbedder
from qa.index_sync import open_asker, sync_index
from tests.conftest import REPO

QUESTIONS = [
    "what did officers say about faith group engagement",
    "what did councillors say about Prevent",
    "what did the police say about drugs",
    "what did the public say",
    "what did the chair say about the report",
    "what did officers promise to do",
    "who asked about radicalisation",
]


@pytest.fixture(scope="module")
def sample_asker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Asker]:
    store = MeetingStore(tmp_path_factory.mktemp("qa-store"))
    ingest_paths([REPO / "data" / "minutes"], store)
    embedder = HashingEmbedder()
    status = sync_index(store, embedder)
    assert set(status.values()) == {"added"}
    assert set(sync_index(store, embedder).values()) == {"unchanged"}  # re-sync embeds nothing
    yield open_asker(store, embedder)


@pytest.mark.parametrize("question", QUESTIONS)
def test_citations_quote_the_source_and_keep_the_constraint(sample_asker: Asker, question: str) -> None:
    answer = sample_asker.ask(question)
    kind = answer.interpretation.get("speaker_kind")
    act = answer.interpretation.get("act")
    for citation in answer.citations:
        statement, meeting = citation.statement, citation.meeting
        assert meeting.text[statement.span.start : statement.span.end] == statement.text
        if kind:
            assert statement.speaker.kind in KIND_COVERS[str(kind)], (question, statement.speaker)
        if act == "asked":
            assert statement.act == "asked"
        assert f"[{citation.n}]" in answer.text


def test_officers_on_faith_groups_never_cites_a_councillor(sample_asker: Asker) -> None:
    answer = sample_asker.ask("what did officers say about faith group engagement", top=8)
    assert not answer.abstained and answer.citations
    assert {c.statement.speaker.kind for c in answer.citations} <= {"officer", "clerk"}


def test_constraint_with_no_match_abstains(sample_asker: Asker) -> None:
    answer = sample_asker.ask("what did Councillor Zzyzx say about faith groups")
    assert answer.citations == () or all("zzyzx" in c.statement.speaker.name.lower() for c in answer.citations)
    nothing = sample_asker.ask("what did they say about it")
    assert nothing.abstained and not nothing.citations and nothing.text.startswith("No answer")


def test_who_answered_follows_question_answer_links(sample_asker: Asker) -> None:
    answer = sample_asker.ask("who answered Councillor Abbas's question about faith leaders")
    assert answer.citations
    first = answer.citations[0].statement
    assert first.act == "asked" and "Abbas" in first.speaker.name
    links = {(qa.question, qa.answer) for c in answer.citations for qa in c.meeting.questions}
    asked_by_abbas = {c.statement.id for c in answer.citations if "Abbas" in c.statement.speaker.name}
    question = None
    for citation in answer.citations:  # each question of Abbas, then the answers the minutes link to it
        if citation.statement.id in asked_by_abbas and citation.statement.act == "asked":
            question = citation.statement.id
        else:
            assert (question, citation.statement.id) in links


def test_json_view_follows_the_contract(sample_asker: Asker) -> None:
    view = answer_view(sample_asker.ask("what did officers say about faith group engagement"), Iris())
    assert set(view) == {"question", "interpretation", "answer", "abstained", "citations"}
    for c in view["citations"]:
        assert {
            "n",
            "text",
            "speaker",
            "speaker_kind",
            "act",
            "meeting",
            "date",
            "item",
            "source",
            "start",
            "end",
            "statement",
            "score",
        } <= set(c)
        source = (REPO / "data" / "minutes" / c["source"]).read_text(encoding="utf-8")
        assert source[c["start"] : c["end"]] == c["text"]
        assert c["meeting"].startswith("https://w3id.org/minutes-kg/meeting/")


def test_an_index_built_by_another_model_is_refused(tmp_path: Path) -> None:
    store = MeetingStore(tmp_path)
    ingest_paths([REPO / "data" / "minutes" / "thurrock-prevent-extract.txt"], store)
    sync_index(store, HashingEmbedder())
    with pytest.raises(Exception, match="hashing-64") as caught:
        open_asker(store, HashingEmbedder(dimension=32, name="hashing-32"))
    assert "hashing-32" in str(caught.value)


@pytest.fixture(scope="module")
def real_asker(tmp_path_factory: pytest.TempPathFactory) -> Asker:
    """The seed minutes indexed with the shipped model (only the model-marked tests use it)."""
    from qa.embedding import SentenceTransformerEmbedder

    store = MeetingStore(tmp_path_factory.mktemp("qa-real"))
    ingest_paths([REPO / "data" / "minutes" / "thurrock-prevent-extract.txt"], store)
    embedder = SentenceTransformerEmbedder()
    sync_index(store, embedder)
    return open_asker(store, embedder)


@pytest.mark.model
def test_faith_group_question_with_the_real_model(real_asker: Asker) -> None:
    """The issue's example: the CSPM on faith groups and faith leaders, the Assistant Director on
    hard-to-reach groups, and none of Councillor Abbas's words."""
    answer = real_asker.ask("what did officers say about faith group engagement", top=5)
    speakers = {c.statement.speaker.name for c in answer.citations}
    texts = " ".join(c.statement.text for c in answer.citations)
    assert "Community Safety Partnership Manager" in speakers
    assert "Assistant Director Adult Social Care and Communities" in speakers
    assert "faith" in texts and ("SACRE" in texts or "Act Early" in texts)
    assert "hard to reach" in texts
    assert not any("Abbas" in c.statement.speaker.name for c in answer.citations)


@pytest.mark.model
@pytest.mark.parametrize(
    "question",
    [
        "¿Qué dijeron los funcionarios sobre los grupos religiosos?",  # another language
        "Beth ddywedodd y swyddogion am grwpiau ffydd?",
        "what did officers say about the weather on Mars",  # nothing in the minutes
        "what did they say about it",  # only stop words
    ],
)
def test_questions_the_minutes_cannot_answer_abstain(real_asker: Asker, question: str) -> None:
    answer = real_asker.ask(question)
    assert answer.abstained and not answer.citations and answer.text.startswith("No answer")
