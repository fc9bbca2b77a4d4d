from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from ingest.model import Meeting
from qa.embedding import HashingEmbedder
from qa.passages import layout_of
from qa.retrieval import FEATURES, HybridIndex, IndexMismatchError, ScoreTable, Weights, select
from tests.conftest import MINUTES, SEED
from tests.qa.conftest import make_meeting


def text_of(meeting: Meeting, statement_id: str) -> str:
    return next(s.text for s in meeting.statements if s.id == statement_id)


@pytest.fixture
def index(embedder: HashingEmbedder, council: Meeting) -> HybridIndex:
    built = HybridIndex(embedder)
    built.add_meeting(council)
    return built


def test_finds_the_topic(index: HybridIndex, council: Meeting) -> None:
    result = index.search("parking charges in the town centre", k=3)
    assert "arking" in text_of(council, result.hits[0].statement)
    assert len(result.hits) == 3 and len({h.statement for h in result.hits}) == 3
    assert result.hits[0].score >= result.hits[1].score >= result.hits[2].score
    assert result.hits[0].meeting == "council" and result.hits[0].statement in result.hits[0].passage


def test_allowed_ids_restrict_what_is_returned(index: HybridIndex, council: Meeting) -> None:
    officers = {s.id for s in council.statements if s.speaker.kind == "officer"}
    result = index.search("library budget", k=5, allowed=officers)
    assert result.hits and all(h.statement in officers for h in result.hits)
    assert index.search("library budget", k=5, allowed=set()).hits == ()


def test_speaker_named_in_the_question_is_preferred(index: HybridIndex, council: Meeting) -> None:
    result = index.search("What did Tom Brown say?", k=1)
    assert text_of(council, result.hits[0].statement).startswith(("Parking", "Traders"))


def fake_table(features: list[list[float]], starts: list[int]) -> ScoreTable:
    meeting = make_meeting("m", [("A", [f"Sentence {i}." for i in range(len(starts))])])
    layout = layout_of(meeting)
    layout = dataclasses.replace(layout, starts=tuple(starts))
    return ScoreTable.of(layout, np.array(features, dtype=float))


def test_fusion_weighs_each_feature() -> None:
    rows = np.zeros((len(FEATURES), 3))
    rows[FEATURES.index("lexical_back")] = [1.0, 0.0, 0.2]
    rows[FEATURES.index("dense_wide")] = [0.0, 0.6, 0.2]
    table = fake_table(rows.tolist(), [0, 5000, 10000])
    lexical_only = Weights(1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    dense_only = Weights(0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0)
    assert [i for _, i in select(table, table.total(lexical_only), 3)] == [0, 2, 1]
    assert [i for _, i in select(table, table.total(dense_only), 3)] == [1, 2, 0]
    both = Weights(1.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0)  # 1.0, 1.2, 0.6
    assert [i for _, i in select(table, table.total(both), 3)] == [1, 0, 2]


def test_hits_are_spread_out_then_filled_up() -> None:
    rows = np.zeros((len(FEATURES), 4))
    rows[0] = [0.9, 0.8, 0.7, 0.1]
    table = fake_table(rows.tolist(), [0, 100, 200, 5000])
    total = table.total(Weights())
    assert [i for _, i in select(table, total, 2, spacing=1000)] == [0, 3]
    assert [i for _, i in select(table, total, 3, spacing=1000)] == [0, 1, 3]
    assert [i for _, i in select(table, total, 2, spacing=0)] == [0, 1]


def test_remove_and_update_touch_only_the_changed_meeting(index: HybridIndex, council: Meeting) -> None:
    other = make_meeting("other", [("Ann Lee", ["Bins are collected on Tuesdays.", "Recycling rates rose."])])
    index.add_meeting(other)
    assert len(index) == len(council.statements) + 2
    assert index.search("recycling bins", k=1).hits[0].meeting == "other"
    assert index.search("recycling bins", k=1, meetings=["council"]).hits[0].meeting == "council"
    changed = make_meeting("other", [("Ann Lee", ["Bins are collected on Fridays now."])])
    assert index.update([council, changed]) == {"council": "unchanged", "other": "replaced"}
    assert len(index) == len(council.statements) + 1
    assert index.update([changed]) == {"other": "unchanged", "council": "removed"}
    assert index.meetings() == ["other"] and len(index) == 1
    assert index.remove_meeting("other") == 1 and index.search("bins").hits == ()


def test_large_scopes_score_only_the_places_around_candidates(
    index: HybridIndex, council: Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = make_meeting("other", [("Ann Lee", ["Bins are collected on Tuesdays.", "Recycling rates rose."])])
    index.add_meeting(other)
    monkeypatch.setattr("qa.retrieval.FULL_SCAN_STATEMENTS", 1)
    monkeypatch.setattr("qa.retrieval.PRESELECT", 1)
    table, _ = index.score("recycling bins")
    assert {table.meeting_ids[m] for m in table.meeting.tolist()} == {"other"}
    assert index.search("recycling bins", k=1).hits[0].meeting == "other"


QUESTIONS = ("faith groups and schools", "What did the Chair say about the budget?", "anti-social behaviour", "zzz")


@pytest.fixture(scope="module")
def real_index(parsed_minutes: dict[str, Meeting]) -> HybridIndex:
    built = HybridIndex(HashingEmbedder())
    built.add_meetings(list(parsed_minutes.values())[:6])
    return built


@pytest.mark.parametrize("preselect", [1, 5, 40])
def test_candidate_scoring_equals_the_full_scan_on_the_rows_it_scores(
    real_index: HybridIndex, preselect: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cosines are summed over a few runs of rows instead of all of them: each scored row must get
    exactly the features, turn and meeting a full scan gives it."""
    for question in QUESTIONS:
        full, _ = real_index.score(question)
        monkeypatch.setattr("qa.retrieval.FULL_SCAN_STATEMENTS", 0)
        monkeypatch.setattr("qa.retrieval.PRESELECT", preselect)
        part, _ = real_index.score(question)
        monkeypatch.undo()
        assert 0 < len(part) < len(full)
        columns = np.searchsorted(full.rows, part.rows)
        assert np.array_equal(full.rows[columns], part.rows)
        np.testing.assert_allclose(part.features, full.features[:, columns], rtol=1e-9, atol=1e-9)
        assert np.array_equal(part.meeting, full.meeting[columns]) and np.array_equal(part.starts, full.starts[columns])
        assert np.array_equal(part.rows[part.turn_start], full.rows[full.turn_start[columns]])
        assert np.array_equal(part.rows[part.turn_end - 1], full.rows[full.turn_end[columns] - 1])


def test_candidate_scoring_with_every_statement_a_candidate_finds_what_the_full_scan_finds(
    real_index: HybridIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    officers = {i for i in real_index.corpus().ids[::3]}
    expected = [real_index.search(q, k=5, allowed=a) for q in QUESTIONS for a in (None, officers)]
    monkeypatch.setattr("qa.retrieval.FULL_SCAN_STATEMENTS", 0)
    monkeypatch.setattr("qa.retrieval.PRESELECT", len(real_index))
    assert [real_index.search(q, k=5, allowed=a) for q in QUESTIONS for a in (None, officers)] == expected


@pytest.mark.parametrize("exact_subset", [0, 20_000])
def test_candidates_respect_allowed_ids_and_meetings(
    real_index: HybridIndex, exact_subset: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dense candidates of a restricted scope come from FAISS over everything, filtered, or (few
    selectable statements) from their own cosines: either way only allowed statements are hits."""
    monkeypatch.setattr("qa.retrieval.FULL_SCAN_STATEMENTS", 0)
    monkeypatch.setattr("qa.retrieval.PRESELECT", 3)
    monkeypatch.setattr("qa.retrieval.EXACT_SUBSET", exact_subset)
    corpus = real_index.corpus()
    some = set(corpus.ids[5::7])
    meeting = corpus.meetings[1]
    for question in QUESTIONS[:3]:
        hits = real_index.search(question, k=5, allowed=some).hits
        assert hits and all(h.statement in some for h in hits)
        hits = real_index.search(question, k=5, meetings=[meeting]).hits
        assert hits and all(h.meeting == meeting for h in hits)


def test_candidate_scoring_takes_questions_with_no_indexed_word(
    real_index: HybridIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only stop words, unknown words or 10,000 characters: no BM25 candidate at all, so FAISS's
    alone are scored; nothing fails, and an empty allowed set still returns nothing."""
    monkeypatch.setattr("qa.retrieval.FULL_SCAN_STATEMENTS", 0)
    monkeypatch.setattr("qa.retrieval.PRESELECT", 3)
    ids = set(real_index.corpus().ids)
    for question in ("the of and", "zzzz qqqq", "x" * 10_000):
        result = real_index.search(question, k=5)
        assert result.hits and all(h.statement in ids for h in result.hits)
        assert real_index.search(question, k=5, allowed=set()).hits == ()


def test_save_load_round_trip(index: HybridIndex, embedder: HashingEmbedder, tmp_path: Path) -> None:
    index.save(tmp_path / "index")
    loaded = HybridIndex.load(tmp_path / "index", embedder)
    assert loaded.meetings() == ["council"] and len(loaded) == len(index)
    for question in ("library budget", "What did Tom Brown say?", "damp housing"):
        assert loaded.search(question) == index.search(question)


def test_loading_with_another_model_is_refused(index: HybridIndex, tmp_path: Path) -> None:
    index.save(tmp_path / "index")
    with pytest.raises(IndexMismatchError, match="hashing-64.*other-model"):
        HybridIndex.load(tmp_path / "index", HashingEmbedder(name="other-model"))


def test_abstains_below_the_threshold(embedder: HashingEmbedder, council: Meeting) -> None:
    index = HybridIndex(embedder, abstain_below=0.99)
    index.add_meeting(council)
    result = index.search("library budget")
    assert result.abstained and result.confidence < 0.99
    assert HybridIndex(embedder).search("anything").hits == ()


@pytest.mark.model
def test_real_model_ranks_faith_group_sentences_first() -> None:
    from ingest.parser import parse
    from ingest.reading import read_source
    from qa.embedding import SentenceTransformerEmbedder

    path = MINUTES / SEED
    if not path.exists():
        pytest.skip(f"real minutes not found at {path}")
    meeting = parse(read_source(path))
    index = HybridIndex(SentenceTransformerEmbedder())
    index.add_meeting(meeting)
    result = index.search("How is the team engaging with faith groups?", k=5)
    top = [text_of(meeting, h.statement) for h in result.hits[:2]]
    assert all("faith groups" in text for text in top), top
    assert not result.abstained
    unrelated = index.search("What is the price of football tickets at the stadium?", k=1)
    assert unrelated.confidence < result.confidence
