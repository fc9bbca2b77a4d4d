"""Ranking values and rules: the fused features of a statement, hits, and how hits are picked.

Kept apart from the index (qa/retrieval.py) so that evaluation and tuning (bench/qa_tune.py)
can re-weight precomputed features without touching an index.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qa.passages import MeetingLayout, turn_windows

DIVERSITY_CHARS = 1000

FEATURES = (
    "lexical_back",
    "lexical_wide",
    "dense_turn",
    "dense_wide",
    "dense_broad",
    "dense_statement",
    "speaker_name",
)


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each feature counts (names as in FEATURES)."""

    lexical_back: float = 1.0
    lexical_wide: float = 0.5
    dense_turn: float = 1.0
    dense_wide: float = 2.0
    dense_broad: float = 1.0
    dense_statement: float = 0.0
    speaker_name: float = 0.4

    def vector(self) -> np.ndarray:
        return np.array([getattr(self, name) for name in FEATURES], dtype=np.float64)


@dataclass(frozen=True, slots=True)
class Hit:
    """One statement found for a question, with the evidence behind its score."""

    statement: str  # Statement.id
    meeting: str  # Meeting.id
    score: float  # fused score: only comparable within one search
    dense: float  # cosine of the statement itself with the question
    context: float  # cosine of the ~400 words around it with the question
    lexical: float  # BM25 of the ~200 words ending at it, over the best in scope (0..1)
    passage: tuple[str, ...]  # the statement ids of its turn, in reading order


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    hits: tuple[Hit, ...]
    confidence: float  # best cosine of a statement in scope with the question: see `confidence`
    abstained: bool  # confidence below the calibrated threshold: better to say nothing


@dataclass(frozen=True, slots=True)
class ScoreTable:
    """Per-statement features of one meeting for one question: rows as in FEATURES, one column a statement."""

    layout: MeetingLayout
    features: np.ndarray
    starts: np.ndarray  # character offset of each statement
    turn_start: np.ndarray  # [turn_start, turn_end) of each statement's turn, in rows of this table
    turn_end: np.ndarray

    @property
    def dense(self) -> np.ndarray:
        """Each statement's own cosine with the question."""
        return self.features[FEATURES.index("dense_statement")]

    def total(self, weights: Weights) -> np.ndarray:
        return weights.vector() @ self.features

    @classmethod
    def of(cls, layout: MeetingLayout, features: np.ndarray) -> ScoreTable:
        """A table for a layout alone (tests, tools): offsets and turns from the layout."""
        turn_start, turn_end = turn_windows(layout.turns)
        return cls(layout, features, np.asarray(layout.starts, dtype=np.int64), turn_start, turn_end)


def select(
    tables: list[ScoreTable],
    totals: list[np.ndarray],
    k: int,
    eligible: list[np.ndarray] | None = None,
    spacing: int = DIVERSITY_CHARS,
) -> list[tuple[float, int, int]]:
    """(score, table, row) of the k best statements, preferring no two within `spacing` characters of a meeting.

    `eligible`: per table, a boolean mask of the statements that may be returned.
    """
    if not tables or k <= 0:
        return []
    total = np.concatenate(totals)
    if eligible is not None:
        total = np.where(np.concatenate(eligible), total, -np.inf)
    sizes = [len(t) for t in totals]
    table_of = np.repeat(np.arange(len(tables)), sizes)
    row_of = np.arange(len(total)) - np.repeat(np.cumsum([0, *sizes[:-1]]), sizes)
    finite = int(np.isfinite(total).sum())
    chosen: list[tuple[float, int, int]] = []
    skipped: list[tuple[float, int, int]] = []
    pool = min(finite, 50 + 20 * k)
    while True:
        top = np.argpartition(-total, pool - 1)[:pool] if pool else np.zeros(0, dtype=np.int64)
        top = top[np.argsort(-total[top], kind="stable")]
        chosen, skipped = [], []
        for g in top.tolist():
            t, i = int(table_of[g]), int(row_of[g])
            starts = tables[t].starts
            if any(c[1] == t and abs(int(starts[i]) - int(starts[c[2]])) < spacing for c in chosen):
                skipped.append((float(total[g]), t, i))
                continue
            chosen.append((float(total[g]), t, i))
            if len(chosen) == k:
                return chosen
        if pool >= finite:
            break
        pool = min(finite, pool * 4)
    # Fewer than k places that far apart (a short meeting): fill up with the best of the rest.
    return sorted(chosen + skipped[: k - len(chosen)], key=lambda c: -c[0])


def confidence(tables: list[ScoreTable], eligible: list[np.ndarray] | None = None) -> float:
    """The best cosine of any (eligible) statement with the question.

    A cosine means the same across questions, unlike fused scores; of the scores tried it
    best separated a meeting's own questions from other meetings' (bench/qa_eval.py).
    """
    best = 0.0
    for n, table in enumerate(tables):
        dense = table.dense if eligible is None else table.dense[eligible[n]]
        if len(dense):
            best = max(best, float(dense.max()))
    return best


def best_in_turn(table: ScoreTable, i: int, eligible: np.ndarray | None, cited: set[str]) -> int:
    """The sentence to cite for a place: the one of its turn closest in meaning to the question.

    Context finds the place; within one speaker's turn the sentence's own cosine picks the
    quote, so the citation is the sentence that answers rather than its neighbour.
    """
    ids = table.layout.ids
    rows = [
        r
        for r in range(int(table.turn_start[i]), int(table.turn_end[i]))
        if ids[r] not in cited and (eligible is None or eligible[r])
    ]
    return max(rows, key=lambda r: table.dense[r], default=i)


def make_hit(table: ScoreTable, i: int, score: float) -> Hit:
    layout = table.layout
    return Hit(
        statement=layout.ids[i],
        meeting=layout.meeting,
        score=score,
        dense=float(table.dense[i]),
        context=float(table.features[FEATURES.index("dense_wide"), i]),
        lexical=float(table.features[FEATURES.index("lexical_back"), i]),
        passage=layout.ids[int(table.turn_start[i]) : int(table.turn_end[i])],
    )
