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
from qa.embedding import MODEL_NAME, Embedder
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
from qa.ranking import (
    DIVERSITY_CHARS,
    FEATURES,
    Hit,
    ScoreTable,
    SearchResult,
    Weights,
    best_in_turn,
    confidence,
    make_hit,
    select,
)
from qa.vector_index import FaissIndex, IndexMismatchError

BACK_WORDS, WIDE_WORDS, BROAD_WORDS = 200, 400, 800
FULL_SCAN_STATEMENTS = 200_000  # beyond this, only meetings holding a top PRESELECT hit are scored
PRESELECT = 500
ABSTAIN_BELOW = 0.48  # keeps 95% of answerable train questions (bench/qa_eval.py)
VECTORS_DIR, BACK_DIR, WIDE_DIR, LAYOUT_FILE = "vectors", "lexical-back", "lexical-wide", "layout.json"


@dataclass(frozen=True, slots=True)
class _MeetingArrays:
    """What scoring needs of a meeting, computed once: vectors, window bounds and norms, speaker names."""

    vectors: np.ndarray
    windows: tuple[tuple[np.ndarray, np.ndarray, np.ndarray], ...]  # turn, wide, broad: starts, ends, norms
    speaker_of: np.ndarray  # index into speaker_words for each statement
    speaker_words: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, layout: MeetingLayout, vectors: np.ndarray) -> _MeetingArrays:
        prefix = np.vstack([np.zeros((1, vectors.shape[1]), np.float64), np.cumsum(vectors, axis=0, dtype=np.float64)])
        windows = []
        for starts, ends in (
            turn_windows(layout.turns),
            centred_windows(layout.words, WIDE_WORDS),
            centred_windows(layout.words, BROAD_WORDS),
        ):
            norms = np.maximum(np.linalg.norm(prefix[ends] - prefix[starts], axis=1), 1e-6)
            windows.append((starts, ends, norms))
        speakers = sorted(set(layout.speakers))
        position = {name: n for n, name in enumerate(speakers)}
        speaker_of = np.array([position[s] for s in layout.speakers], dtype=np.int64)
        return cls(vectors, tuple(windows), speaker_of, tuple(name_words(s) for s in speakers))


class HybridIndex:
    """Statement vectors (FAISS), window BM25 (bm25s) and meeting layouts, kept and saved together."""

    def __init__(self, embedder: Embedder, weights: Weights | None = None, abstain_below: float | None = None) -> None:
        self.embedder = embedder
        self.weights = weights or Weights()
        # the threshold is a cosine of the shipped model; other embedders are not calibrated and never abstain
        calibrated = ABSTAIN_BELOW if embedder.name == MODEL_NAME else 0.0
        self.abstain_below = calibrated if abstain_below is None else abstain_below
        self.vectors = FaissIndex(embedder.name, embedder.dimension)
        self._layouts: dict[str, MeetingLayout] = {}
        self._lexical: tuple[LexicalIndex, LexicalIndex] | None = None
        self._rows: dict[str, slice] = {}  # each meeting's rows in the lexical indexes
        self._cache: dict[str, _MeetingArrays] = {}

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
            self._rows = {}
            ids: list[str] = []
            back_docs: list[list[str]] = []
            wide_docs: list[list[str]] = []
            for meeting_id in self.meetings():
                layout = self._layouts[meeting_id]
                self._rows[meeting_id] = slice(len(ids), len(ids) + len(layout))
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

    def _arrays(self, meeting_id: str) -> _MeetingArrays:
        cached = self._cache.get(meeting_id)
        if cached is None:
            cached = _MeetingArrays.of(
                self._layouts[meeting_id], self.vectors.vectors(list(self._layouts[meeting_id].ids))
            )
            self._cache[meeting_id] = cached
        return cached

    def _preselect(self, scope: list[str], query_vector: np.ndarray, tokens: list[str]) -> list[str]:
        """Past FULL_SCAN_STATEMENTS, score only meetings holding a top dense or top BM25 statement."""
        if sum(len(self._layouts[m]) for m in scope) <= FULL_SCAN_STATEMENTS:
            return scope
        back, _ = self._lexical_indexes()
        found = [i for i, _ in self.vectors.search(query_vector, PRESELECT)]
        found += [i for i, _ in back.search(tokens, PRESELECT)]
        keep = {self.vectors.group_of(i) for i in found}
        return [m for m in scope if m in keep]

    # --- searching ----------------------------------------------------------------------------

    def score_meetings(self, query: str, meetings: Collection[str] | None = None) -> list[ScoreTable]:
        """Every statement of these meetings (default: all) scored for the question."""
        scope = [m for m in (self.meetings() if meetings is None else meetings) if m in self._layouts]
        if not scope:
            return []
        query_vector = self.embedder.embed([query])[0]
        tokens = tokenize(query)
        scope = self._preselect(scope, query_vector, tokens)
        back, wide = self._lexical_indexes()
        back_all, wide_all = back.all_scores(tokens), wide.all_scores(tokens)
        rows = [self._rows[m] for m in scope]
        back_max = max((float(back_all[r].max()) for r in rows if r.stop > r.start), default=0.0)
        wide_max = max((float(wide_all[r].max()) for r in rows if r.stop > r.start), default=0.0)
        names = query_names(query)
        tables = []
        for meeting_id, row_range in zip(scope, rows, strict=True):
            layout = self._layouts[meeting_id]
            arrays = self._arrays(meeting_id)
            dense = arrays.vectors @ query_vector
            prefix = np.concatenate([[0.0], np.cumsum(dense, dtype=np.float64)])
            features = np.zeros((len(FEATURES), len(layout)))
            if back_max > 0:
                features[0] = back_all[row_range] / back_max
            if wide_max > 0:
                features[1] = wide_all[row_range] / wide_max
            for row, (starts, ends, norms) in zip((2, 3, 4), arrays.windows, strict=True):
                features[row] = (prefix[ends] - prefix[starts]) / norms
            features[5] = dense
            if names:
                named = np.array([bool(words & names) for words in arrays.speaker_words] or [False])
                features[6] = named[arrays.speaker_of]
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
        if allowed is not None:
            owners = {self.vectors.group_of(i) for i in allowed if i in self.vectors}
            meetings = sorted(owners) if meetings is None else [m for m in meetings if m in owners]
        tables = self.score_meetings(query, meetings)
        chosen = select(tables, [t.total(self.weights) for t in tables], k, allowed, spacing)
        hits: list[Hit] = []
        for score, t, i in chosen:
            cited = {h.statement for h in hits}
            row = best_in_turn(tables[t], i, allowed, cited)
            if tables[t].layout.ids[row] not in cited:
                hits.append(make_hit(tables[t], row, score))
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
        order = [i for m in index.meetings() for i in index._layouts[m].ids]
        if index._lexical[0].ids != order or index._lexical[1].ids != order:
            raise StoreError(f"index at {folder} is inconsistent: lexical rows do not follow the layouts")
        offset = 0
        for meeting_id in index.meetings():
            index._rows[meeting_id] = slice(offset, offset + len(index._layouts[meeting_id]))
            offset += len(index._layouts[meeting_id])
        counts = {len(index.vectors), len(index._lexical[0]), sum(len(x) for x in index._layouts.values())}
        if len(counts) != 1:
            raise StoreError(f"index at {folder} is inconsistent: statement counts {sorted(counts)}")
        return index


__all__ = [
    "FEATURES",
    "HybridIndex",
    "Hit",
    "IndexMismatchError",
    "ScoreTable",
    "SearchResult",
    "Weights",
    "confidence",
    "select",
]
