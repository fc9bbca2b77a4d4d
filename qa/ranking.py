"""Ranking values and rules: the fused features of a statement, hits, and how hits are picked.

Kept apart from the index (qa/retrieval.py) so that evaluation and tuning (bench/qa_tune.py)
can re-weight precomputed features without touching an index.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    """Features of the statements scored for one question: rows as in FEATURES, one column a statement.

    Columns are statements in reading order, from one meeting or several. Every statement's whole
    turn is in the table, so a hit can always cite the best sentence of its turn.
    """

    features: np.ndarray
    ids: Sequence[str]  # statement ids that `rows` index into (the whole corpus, or one layout)
    rows: np.ndarray  # each column's index into `ids`
    meeting_ids: Sequence[str]
    meeting: np.ndarray  # each column's index into `meeting_ids`
    starts: np.ndarray  # character offset of each statement in its meeting
    turn_start: np.ndarray  # [turn_start, turn_end) of each statement's turn, in columns
    turn_end: np.ndarray

    def __len__(self) -> int:
        return int(self.features.shape[1])

    def statement(self, column: int) -> str:
        return self.ids[int(self.rows[column])]

    @property
    def dense(self) -> np.ndarray:
        """Each statement's own cosine with the question."""
        return self.features[FEATURES.index("dense_statement")]

    def total(self, weights: Weights) -> np.ndarray:
        return weights.vector() @ self.features

    @classmethod
    def of(cls, layout: MeetingLayout, features: np.ndarray) -> ScoreTable:
        """A table of one layout, every statement scored (tests, tools)."""
        turn_start, turn_end = turn_windows(layout.turns)
        count = len(layout)
        return cls(
            features=features,
            ids=layout.ids,
            rows=np.arange(count),
            meeting_ids=(layout.meeting,),
            meeting=np.zeros(count, dtype=np.int64),
            starts=np.asarray(layout.starts, dtype=np.int64),
            turn_start=turn_start,
            turn_end=turn_end,
        )

    @classmethod
    def empty(cls) -> ScoreTable:
        none = np.zeros(0, dtype=np.int64)
        return cls(np.zeros((len(FEATURES), 0)), (), none, (), none, none, none, none)


def select(
    table: ScoreTable,
    total: np.ndarray,
    k: int,
    eligible: np.ndarray | None = None,
    spacing: int = DIVERSITY_CHARS,
) -> list[tuple[float, int]]:
    """(score, column) of the k best statements, preferring no two within `spacing` characters of a meeting.

    `eligible`: a boolean mask of the columns that may be returned.
    """
    if not len(table) or k <= 0:
        return []
    if eligible is not None:
        total = np.where(eligible, total, -np.inf)
    finite = int(np.isfinite(total).sum())
    chosen: list[tuple[float, int]] = []
    skipped: list[tuple[float, int]] = []
    pool = min(finite, 50 + 20 * k)
    meeting, starts = table.meeting, table.starts
    while True:
        top = np.argpartition(-total, pool - 1)[:pool] if pool else np.zeros(0, dtype=np.int64)
        top = top[np.argsort(-total[top], kind="stable")]
        chosen, skipped = [], []
        for column in top.tolist():
            near = any(
                meeting[c] == meeting[column] and abs(int(starts[column]) - int(starts[c])) < spacing for _, c in chosen
            )
            (skipped if near else chosen).append((float(total[column]), column))
            if len(chosen) == k:
                return chosen
        if pool >= finite:
            break
        pool = min(finite, pool * 4)
    # Fewer than k places that far apart (a short meeting): fill up with the best of the rest.
    return sorted(chosen + skipped[: k - len(chosen)], key=lambda c: -c[0])


def confidence(table: ScoreTable, eligible: np.ndarray | None = None) -> float:
    """The best cosine of any (eligible) statement with the question.

    A cosine means the same across questions, unlike fused scores; of the scores tried it
    best separated a meeting's own questions from other meetings' (bench/qa_eval.py).
    """
    dense = table.dense if eligible is None else table.dense[eligible]
    return max(0.0, float(dense.max())) if len(dense) else 0.0


def best_in_turn(table: ScoreTable, column: int, eligible: np.ndarray | None, cited: set[str]) -> int:
    """The sentence to cite for a place: the one of its turn closest in meaning to the question.

    Context finds the place; within one speaker's turn the sentence's own cosine picks the
    quote, so the citation is the sentence that answers rather than its neighbour.
    """
    columns = [
        c
        for c in range(int(table.turn_start[column]), int(table.turn_end[column]))
        if table.statement(c) not in cited and (eligible is None or eligible[c])
    ]
    return max(columns, key=lambda c: table.dense[c], default=column)


def make_hit(table: ScoreTable, column: int, score: float) -> Hit:
    return Hit(
        statement=table.statement(column),
        meeting=table.meeting_ids[int(table.meeting[column])],
        score=score,
        dense=float(table.dense[column]),
        context=float(table.features[FEATURES.index("dense_wide"), column]),
        lexical=float(table.features[FEATURES.index("lexical_back"), column]),
        passage=tuple(table.statement(c) for c in range(int(table.turn_start[column]), int(table.turn_end[column]))),
    )
