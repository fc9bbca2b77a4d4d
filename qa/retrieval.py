"""Hybrid search over meeting statements: BM25 and embeddings, each scored in context, then fused.

A statement's score blends (weights tuned on the QMSum committee train split, bench/qa_eval.py):
  - BM25 of the ~200 words ending at it and of ~400 words around it, each over the best in scope;
  - cosine between the question and the mean vector of its turn, and of ~400 and ~800 words
    around it (means of the statement vectors: context costs no extra embedding);
  - a bonus when a capitalised word of the question names the statement's speaker.
Hits are statements, kept at least DIVERSITY_CHARS apart in a meeting, so five hits are five
places rather than five sentences of one paragraph. An `allowed` set of statement ids (from
graph constraints such as speaker kind) limits what may be returned, not the context scored.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.errors import StoreError
from ingest.model import Meeting
from qa.embedding import Embedder
from qa.lexical import LexicalIndex, tokenize
from qa.passages import (
    MeetingLayout,
    back_windows,
    centred_windows,
    layout_of,
    name_words,
    query_names,
    turn_windows,
    window_tokens,
)
from qa.persist import read_json, recover, replace_folder, write_json
from qa.vector_index import FaissIndex, IndexMismatchError

BACK_WORDS, WIDE_WORDS, BROAD_WORDS = 200, 400, 800
DIVERSITY_CHARS = 1000
ABSTAIN_BELOW = 0.48  # keeps 95% of answerable train questions (bench/qa_eval.py)
VECTORS_DIR, BACK_DIR, WIDE_DIR, LAYOUT_FILE = "vectors", "lexical-back", "lexical-wide", "layout.json"


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


class HybridIndex:
    """Statement vectors (FAISS), window BM25 (bm25s) and meeting layouts, kept and saved together."""

    def __init__(
        self, embedder: Embedder, weights: Weights | None = None, abstain_below: float = ABSTAIN_BELOW
    ) -> None:
        self.embedder = embedder
        self.weights = weights or Weights()
        self.abstain_below = abstain_below
        self.vectors = FaissIndex(embedder.name, embedder.dimension)
        self._layouts: dict[str, MeetingLayout] = {}
        self._lexical: tuple[LexicalIndex, LexicalIndex] | None = None
        self._cache: dict[str, tuple[np.ndarray, dict[str, np.ndarray]]] = {}

    # --- building -----------------------------------------------------------------------------

    def meetings(self) -> list[str]:
        return sorted(self._layouts)

    def layout(self, meeting_id: str) -> MeetingLayout:
        return self._layouts[meeting_id]

    def __len__(self) -> int:
        return len(self.vectors)

    def add_meeting(self, meeting: Meeting) -> int:
        """Index one meeting, replacing what an earlier version of it left; returns statements indexed."""
        self.remove_meeting(meeting.id)
        layout = layout_of(meeting)
        texts = {s.id: s.text for s in meeting.statements}
        vectors = self.embedder.embed([texts[i] for i in layout.ids])
        self.vectors.add(list(layout.ids), vectors, group=meeting.id)
        self._layouts[meeting.id] = layout
        self._lexical = None
        return len(layout)

    def remove_meeting(self, meeting_id: str) -> int:
        removed = self.vectors.remove_group(meeting_id)
        if self._layouts.pop(meeting_id, None) is not None:
            self._lexical = None
        self._cache.pop(meeting_id, None)
        return removed

    def update(self, meetings: Iterable[Meeting]) -> dict[str, str]:
        """Bring the index in line with these meetings: add new, replace changed, drop absent ones.

        Returns meeting id -> "added" | "replaced" | "unchanged" | "removed". An unchanged meeting
        (same source sha256) is not embedded again.
        """
        status: dict[str, str] = {}
        for meeting in meetings:
            old = self._layouts.get(meeting.id)
            if old is not None and old.sha256 == meeting.sha256:
                status[meeting.id] = "unchanged"
                continue
            self.add_meeting(meeting)
            status[meeting.id] = "replaced" if old is not None else "added"
        for meeting_id in set(self._layouts) - set(status):
            self.remove_meeting(meeting_id)
            status[meeting_id] = "removed"
        return status

    def _lexical_indexes(self) -> tuple[LexicalIndex, LexicalIndex]:
        """BM25 over each statement's back and wide windows, rebuilt after any change."""
        if self._lexical is None:
            ids: list[str] = []
            back_docs: list[list[str]] = []
            wide_docs: list[list[str]] = []
            for meeting_id in self.meetings():
                layout = self._layouts[meeting_id]
                ids.extend(layout.ids)
                for docs, (starts, ends) in (
                    (back_docs, back_windows(layout.words, BACK_WORDS)),
                    (wide_docs, centred_windows(layout.words, WIDE_WORDS)),
                ):
                    docs.extend(
                        window_tokens(layout, a, b) for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
                    )
            self._lexical = (LexicalIndex.build(ids, back_docs), LexicalIndex.build(ids, wide_docs))
        return self._lexical

    def _meeting_arrays(self, meeting_id: str) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """The meeting's vectors and, per context window, the [start, end) bounds and the norm of the summed vectors."""
        cached = self._cache.get(meeting_id)
        if cached is None:
            layout = self._layouts[meeting_id]
            vectors = self.vectors.vectors(list(layout.ids))
            prefix = np.vstack([np.zeros((1, vectors.shape[1]), np.float32), np.cumsum(vectors, axis=0)])
            windows: dict[str, np.ndarray] = {}
            for name, (starts, ends) in (
                ("turn", turn_windows(layout.turns)),
                ("wide", centred_windows(layout.words, WIDE_WORDS)),
                ("broad", centred_windows(layout.words, BROAD_WORDS)),
            ):
                norms = np.linalg.norm(prefix[ends] - prefix[starts], axis=1)
                windows[name] = np.stack([starts, ends, np.maximum(norms, 1e-6)])
            cached = (vectors, windows)
            self._cache[meeting_id] = cached
        return cached

    # --- searching ----------------------------------------------------------------------------

    def score_meetings(self, query: str, meetings: Collection[str] | None = None) -> list[ScoreTable]:
        """Every statement of these meetings (default: all) scored for the question."""
        scope = [m for m in (self.meetings() if meetings is None else meetings) if m in self._layouts]
        if not scope:
            return []
        query_vector = self.embedder.embed([query])[0]
        tokens = tokenize(query)
        back, wide = self._lexical_indexes()
        back_all, wide_all = back.all_scores(tokens), wide.all_scores(tokens)
        rows = {m: back.rows(list(self._layouts[m].ids)) for m in scope}
        in_scope = np.concatenate(list(rows.values()))
        back_max = float(back_all[in_scope].max()) if len(in_scope) and len(back_all) else 0.0
        wide_max = float(wide_all[in_scope].max()) if len(in_scope) and len(wide_all) else 0.0
        names = query_names(query)
        tables = []
        for meeting_id in scope:
            layout = self._layouts[meeting_id]
            vectors, windows = self._meeting_arrays(meeting_id)
            dense = vectors @ query_vector
            prefix = np.concatenate([[0.0], np.cumsum(dense, dtype=np.float64)])
            features = np.zeros((len(FEATURES), len(layout)))
            if back_max > 0:
                features[0] = back_all[rows[meeting_id]] / back_max
            if wide_max > 0:
                features[1] = wide_all[rows[meeting_id]] / wide_max
            for row, name in ((2, "turn"), (3, "wide"), (4, "broad")):
                starts, ends, norms = windows[name]
                features[row] = (prefix[ends.astype(np.int64)] - prefix[starts.astype(np.int64)]) / norms
            features[5] = dense
            if names:
                features[6] = np.fromiter((bool(name_words(s) & names) for s in layout.speakers), dtype=bool)
            tables.append(ScoreTable(layout, features, dense))
        return tables

    def search(
        self,
        query: str,
        k: int = 5,
        allowed: Collection[str] | None = None,
        meetings: Collection[str] | None = None,
        spacing: int = DIVERSITY_CHARS,
    ) -> SearchResult:
        """The k best statements for a question, at least DIVERSITY_CHARS apart within a meeting.

        `allowed`: only these statement ids may be returned (their context still counts);
        `meetings`: only search these meeting ids; `spacing`: 0 lets neighbouring sentences all be hits.
        """
        tables = self.score_meetings(query, meetings)
        chosen = select(tables, [t.total(self.weights) for t in tables], k, allowed, spacing)
        hits: list[Hit] = []
        for score, t, i in chosen:
            cited = {h.statement for h in hits}
            row = _best_in_turn(tables[t], i, allowed, cited)
            if tables[t].layout.ids[row] not in cited:
                hits.append(_hit(tables[t], row, score))
        best = confidence(tables, allowed)
        return SearchResult(query, tuple(hits), best, best < self.abstain_below)

    # --- persistence --------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Vectors, both BM25 indexes and the layouts, swapped into place as one folder."""
        back, wide = self._lexical_indexes()
        layouts = [self._layouts[m].to_dict() for m in self.meetings()]

        def write(tmp: Path) -> None:
            self.vectors.save(tmp / VECTORS_DIR)
            back.save(tmp / BACK_DIR)
            wide.save(tmp / WIDE_DIR)
            write_json(tmp / LAYOUT_FILE, {"layouts": layouts})

        replace_folder(Path(folder), write)

    @classmethod
    def load(cls, folder: Path, embedder: Embedder, weights: Weights | None = None) -> HybridIndex:
        """Load a saved index; IndexMismatchError when it was built with another model."""
        folder = recover(Path(folder))
        index = cls(embedder, weights)
        index.vectors = FaissIndex.load(folder / VECTORS_DIR, embedder.name, embedder.dimension)
        data = read_json(folder / LAYOUT_FILE)
        index._layouts = {d["meeting"]: MeetingLayout.from_dict(d) for d in data["layouts"]}
        index._lexical = (LexicalIndex.load(folder / BACK_DIR), LexicalIndex.load(folder / WIDE_DIR))
        counts = {len(index.vectors), len(index._lexical[0]), sum(len(x) for x in index._layouts.values())}
        if len(counts) != 1:
            raise StoreError(f"index at {folder} is inconsistent: statement counts {sorted(counts)}")
        return index


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


def _best_in_turn(table: ScoreTable, i: int, allowed: Collection[str] | None, cited: set[str]) -> int:
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


def _hit(table: ScoreTable, i: int, score: float) -> Hit:
    layout = table.layout
    starts, ends = turn_windows(layout.turns)
    return Hit(
        statement=layout.ids[i],
        meeting=layout.meeting,
        score=score,
        dense=float(table.dense[i]),
        context=float(table.features[3, i]),
        lexical=float(table.features[0, i]),
        passage=layout.ids[int(starts[i]) : int(ends[i])],
    )


__all__ = ["HybridIndex", "Hit", "IndexMismatchError", "ScoreTable", "SearchResult", "Weights"]
