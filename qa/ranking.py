"""Ranking values and rules: the fused features of a statement, hits, and how hits are picked.

Kept apart from the index (qa/retrieval.py) so that evaluation and tuning (bench/qa_tune.py)
can re-weight precomputed features without touching an index.
"""

from __future__ import annotations

from collections.abc import Collection
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
    dense: np.ndarray  # each statement's own cosine

    def total(self, weights: Weights) -> np.ndarray:
        return weights.vector() @ self.features


def select(
    tables: list[ScoreTable],
    totals: list[np.ndarray],
    k: int,
    allowed: Collection[str] | None = None,
    spacing: int = DIVERSITY_CHARS,
) -> list[tuple[float, int, int]]:
    """(score, table, row) of the k best statements, preferring no two within `spacing` characters of a meeting."""
    candidates: list[tuple[float, int, int]] = []
    for t, (table, total) in enumerate(zip(tables, totals, strict=True)):
        if allowed is not None:
            eligible = np.fromiter((i in allowed for i in table.layout.ids), dtype=bool, count=len(table.layout))
            total = np.where(eligible, total, -np.inf)
        order = np.argsort(-total, kind="stable")[: max(50, 20 * k)]
        candidates.extend((float(total[i]), t, int(i)) for i in order if np.isfinite(total[i]))
    candidates.sort(key=lambda c: -c[0])
    chosen: list[tuple[float, int, int]] = []
    taken: dict[int, list[int]] = {}
    for score, t, i in candidates:
        starts = tables[t].layout.starts
        if any(abs(starts[i] - starts[j]) < spacing for j in taken.get(t, ())):
            continue
        taken.setdefault(t, []).append(i)
        chosen.append((score, t, i))
        if len(chosen) == k:
            return chosen
    # A short meeting has fewer than k places that far apart: fill up with the best of the rest.
    rest = [c for c in candidates if c[2] not in taken.get(c[1], ())]
    return sorted(chosen + rest[: k - len(chosen)], key=lambda c: -c[0])


def confidence(tables: list[ScoreTable], allowed: Collection[str] | None = None) -> float:
    """The best cosine of any (allowed) statement with the question.

    A cosine means the same across questions, unlike fused scores; of the scores tried it
    best separated a meeting's own questions from other meetings' (bench/qa_eval.py).
    """
    best = 0.0
    for table in tables:
        dense = table.dense
        if allowed is not None:
            dense = dense[[i for i, statement_id in enumerate(table.layout.ids) if statement_id in allowed]]
        if len(dense):
            best = max(best, float(dense.max()))
    return best


def best_in_turn(table: ScoreTable, i: int, allowed: Collection[str] | None, cited: set[str]) -> int:
    """The sentence to cite for a place: the one of its turn closest in meaning to the question.

    Context finds the place; within one speaker's turn the sentence's own cosine picks the
    quote, so the citation is the sentence that answers rather than its neighbour.
    """
    starts, ends = turn_windows(table.layout.turns)
    ids = table.layout.ids
    rows = [
        r for r in range(int(starts[i]), int(ends[i])) if ids[r] not in cited and (allowed is None or ids[r] in allowed)
    ]
    return max(rows, key=lambda r: table.dense[r], default=i)


def make_hit(table: ScoreTable, i: int, score: float) -> Hit:
    layout = table.layout
    starts, ends = turn_windows(layout.turns)
    return Hit(
        statement=layout.ids[i],
        meeting=layout.meeting,
        score=score,
        dense=float(table.dense[i]),
        context=float(table.features[FEATURES.index("dense_wide"), i]),
        lexical=float(table.features[FEATURES.index("lexical_back"), i]),
        passage=layout.ids[int(starts[i]) : int(ends[i])],
    )
