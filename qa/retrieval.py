"""Hybrid search over meeting statements: BM25 and embeddings, each scored in context, then fused.

A statement's score blends (weights tuned on the QMSum committee train split, bench/qa_tune.py):
  - BM25 of the ~200 words ending at it and of ~400 words around it, each over the best in scope;
  - cosine between the question and the mean vector of its turn, and of ~400 and ~800 words
    around it (means of the statement vectors: context costs no extra embedding);
  - a bonus when a capitalised word of the question names the statement's speaker.
Hits are statements, kept at least DIVERSITY_CHARS apart in a meeting, so five hits are five
places rather than five sentences of one paragraph. An `allowed` set of statement ids (from
graph constraints such as speaker kind) limits what may be returned, not the context scored.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

import numpy as np

from ingest.errors import StoreError
from ingest.model import Meeting
from qa.corpus import Corpus
from qa.embedding import MODEL_NAME, Embedder
from qa.lexical import LexicalIndex, tokenize
from qa.passages import MeetingLayout, layout_of, query_names
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

FULL_SCAN_STATEMENTS = 200_000  # beyond this, only meetings holding a top PRESELECT hit are scored
PRESELECT = 200
EMBED_CHUNK = 2048  # statements embedded per model call while updating: long enough to sort well
ABSTAIN_BELOW = 0.48  # keeps 95% of answerable train questions (bench/qa_eval.py)
VECTORS_DIR, BACK_DIR, WIDE_DIR, LAYOUT_FILE = "vectors", "lexical-back", "lexical-wide", "layout.json"


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
        self._corpus: Corpus | None = None  # rebuilt lazily after a change
        self._loaded_lexical: tuple[LexicalIndex, LexicalIndex] | None = None

    # --- building -----------------------------------------------------------------------------

    def meetings(self) -> list[str]:
        return sorted(self._layouts)

    def layout(self, meeting_id: str) -> MeetingLayout:
        return self._layouts[meeting_id]

    def __len__(self) -> int:
        return len(self.vectors)

    def add_meeting(self, meeting: Meeting) -> int:
        """Index one meeting, replacing what an earlier version of it left; returns statements indexed."""
        return self.add_meetings([meeting])

    def add_meetings(self, meetings: Sequence[Meeting]) -> int:
        """Index meetings with one embedding call for all their statements: the model sorts one
        long list by length, so batches pad less than meeting by meeting (bench/index_speed.py)."""
        layouts = [layout_of(m) for m in meetings]
        texts = [{s.id: s.text for s in m.statements} for m in meetings]
        vectors = self.embedder.embed([t[i] for layout, t in zip(layouts, texts, strict=True) for i in layout.ids])
        start = 0
        for meeting, layout in zip(meetings, layouts, strict=True):
            self.remove_meeting(meeting.id)
            self.vectors.add(list(layout.ids), vectors[start : start + len(layout)], group=meeting.id)
            self._layouts[meeting.id] = layout
            start += len(layout)
        self._changed()
        return start

    def remove_meeting(self, meeting_id: str) -> int:
        removed = self.vectors.remove_group(meeting_id)
        if self._layouts.pop(meeting_id, None) is not None:
            self._changed()
        return removed

    def _changed(self) -> None:
        self._corpus = None
        self._loaded_lexical = None

    def update(self, meetings: Iterable[Meeting]) -> dict[str, str]:
        """Bring the index in line with these meetings: add new, replace changed, drop absent ones.

        Returns meeting id -> "added" | "replaced" | "unchanged" | "removed". An unchanged meeting
        (same source sha256) is not embedded again.
        """
        status: dict[str, str] = {}
        pending: list[Meeting] = []
        for meeting in meetings:
            old = self._layouts.get(meeting.id)
            if old is not None and old.sha256 == meeting.sha256:
                status[meeting.id] = "unchanged"
                continue
            pending.append(meeting)
            status[meeting.id] = "replaced" if old is not None else "added"
            if sum(len(m.statements) for m in pending) >= EMBED_CHUNK:
                self.add_meetings(pending)
                pending = []
        if pending:
            self.add_meetings(pending)
        for meeting_id in set(self._layouts) - set(status):
            self.remove_meeting(meeting_id)
            status[meeting_id] = "removed"
        return status

    def corpus(self) -> Corpus:
        if self._corpus is None:
            self._corpus = Corpus.build(
                list(self._layouts.values()), self.vectors.vectors, self.embedder.dimension, self._loaded_lexical
            )
        return self._corpus

    # --- searching ----------------------------------------------------------------------------

    def score_meetings(self, query: str, meetings: Collection[str] | None = None) -> list[ScoreTable]:
        """Every statement of these meetings (default: all) scored for the question."""
        corpus = self.corpus()
        wanted = set(corpus.meetings if meetings is None else meetings)
        scope = [m for m in corpus.meetings if m in wanted]
        if not scope:
            return []
        query_vector = self.embedder.embed([query])[0]
        tokens = tokenize(query)
        back, wide = corpus.back.all_scores(tokens), corpus.wide.all_scores(tokens)
        scope = self._preselect(corpus, scope, query_vector, back)
        if not scope:
            return []
        runs = _runs([corpus.rows[m] for m in scope])
        for scores in (back, wide):
            best = max(float(scores[part].max(initial=0.0)) for part in runs)
            if best > 0:
                scores /= best
        names = query_names(query)
        features = [corpus.features(part, query_vector, (back, wide), names, FEATURES) for part in runs]
        turn_start, turn_end, _ = corpus.windows[0]
        tables = []
        run = 0
        for meeting_id in scope:  # in row order, like the runs
            rows = corpus.rows[meeting_id]
            while rows.start >= runs[run].stop:
                run += 1
            local = slice(rows.start - runs[run].start, rows.stop - runs[run].start)
            tables.append(
                ScoreTable(
                    self._layouts[meeting_id],
                    features[run][:, local],
                    corpus.starts[rows],
                    turn_start[rows] - rows.start,
                    turn_end[rows] - rows.start,
                )
            )
        return tables

    def _preselect(self, corpus: Corpus, scope: list[str], query_vector: np.ndarray, back: np.ndarray) -> list[str]:
        """Past FULL_SCAN_STATEMENTS, score only meetings holding a top dense or top BM25 statement."""
        if sum(len(self._layouts[m]) for m in scope) <= FULL_SCAN_STATEMENTS:
            return scope
        found = [i for i, _ in self.vectors.search(query_vector, PRESELECT)]
        top = np.argpartition(-back, min(PRESELECT, len(back)) - 1)[:PRESELECT]
        found += [corpus.ids[r] for r in top.tolist() if back[r] > 0]
        keep = {self.vectors.group_of(i) for i in found}
        return [m for m in scope if m in keep]

    def search(
        self,
        query: str,
        k: int = 5,
        allowed: Collection[str] | None = None,
        meetings: Collection[str] | None = None,
        spacing: int = DIVERSITY_CHARS,
    ) -> SearchResult:
        """The k best statements for a question, at least `spacing` characters apart within a meeting.

        `allowed`: only these statement ids may be returned (their context still counts);
        `meetings`: only search these meeting ids; `spacing`: 0 lets neighbouring sentences all be hits.
        """
        eligible = None
        if allowed is not None:
            owners = {self.vectors.group_of(i) for i in allowed if i in self.vectors}
            meetings = sorted(owners) if meetings is None else [m for m in meetings if m in owners]
        tables = self.score_meetings(query, meetings)
        if allowed is not None:
            eligible = [np.array([i in allowed for i in t.layout.ids], dtype=bool) for t in tables]
        weights = self.weights.vector()
        chosen = select(tables, [weights @ t.features for t in tables], k, eligible, spacing)
        hits: list[Hit] = []
        for score, t, i in chosen:
            cited = {h.statement for h in hits}
            row = best_in_turn(tables[t], i, None if eligible is None else eligible[t], cited)
            if tables[t].layout.ids[row] not in cited:
                hits.append(make_hit(tables[t], row, score))
        best = confidence(tables, eligible)
        return SearchResult(query, tuple(hits), best, best < self.abstain_below)

    # --- persistence --------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Vectors, both BM25 indexes and the layouts, swapped into place as one folder."""
        corpus = self.corpus()
        layouts = [self._layouts[m].to_dict() for m in self.meetings()]

        def write(tmp: Path) -> None:
            self.vectors.save(tmp / VECTORS_DIR)
            corpus.back.save(tmp / BACK_DIR)
            corpus.wide.save(tmp / WIDE_DIR)
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
        lexical = (LexicalIndex.load(folder / BACK_DIR), LexicalIndex.load(folder / WIDE_DIR))
        order = [i for m in index.meetings() for i in index._layouts[m].ids]
        if len(index.vectors) != len(order) or lexical[0].ids != order or lexical[1].ids != order:
            raise StoreError(f"index at {folder} is inconsistent: vectors, BM25 rows and layouts disagree")
        index._loaded_lexical = lexical
        return index


def _runs(parts: list[slice]) -> list[slice]:
    """Adjacent row ranges merged, so neighbouring meetings are scored in one pass."""
    runs: list[slice] = []
    for part in parts:
        if runs and runs[-1].stop == part.start:
            runs[-1] = slice(runs[-1].start, part.stop)
        else:
            runs.append(part)
    return runs


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
