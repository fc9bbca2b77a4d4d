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
from qa.corpus import Corpus, merge_runs
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
from qa.vector_index import EXACT_SUBSET, FaissIndex, IndexMismatchError

FULL_SCAN_STATEMENTS = 200_000  # beyond this, only the places around PRESELECT candidates are scored
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

    def score(
        self, query: str, meetings: Collection[str] | None = None, allowed: Collection[str] | None = None
    ) -> tuple[ScoreTable, np.ndarray | None]:
        """The statements of these meetings (default: all) scored for the question, and which may be hits.

        Up to FULL_SCAN_STATEMENTS in scope, every statement is scored. Past that, only the
        places around the best BM25 and the nearest FAISS statements are (see `_candidates`).
        The mask is None when every column may be a hit, else True for the `allowed` ids.
        """
        corpus = self.corpus()
        wanted = set(corpus.meetings) if meetings is None else set(meetings) & set(corpus.meetings)
        selectable: np.ndarray | None = None
        if allowed is not None:
            rows = np.fromiter((corpus.row_of[i] for i in allowed if i in corpus.row_of), dtype=np.int64)
            selectable = np.zeros(len(corpus), dtype=bool)
            selectable[rows] = True
            wanted &= {corpus.meetings[m] for m in np.unique(corpus.meeting_of[rows]).tolist()}
        if len(wanted) == len(corpus.meetings):
            runs = [slice(0, len(corpus))]
        else:
            parts = [corpus.rows[m] for m in corpus.meetings if m in wanted]
            merged = merge_runs(np.array([p.start for p in parts]), np.array([p.stop for p in parts]))
            runs = [slice(int(a), int(b)) for a, b in merged]  # neighbouring meetings read as one run
        in_scope = sum(part.stop - part.start for part in runs)
        if not in_scope:
            return ScoreTable.empty(), None if selectable is None else np.zeros(0, dtype=bool)
        query_vector = self.embedder.embed([query])[0]
        tokens = tokenize(query)
        lexical = []
        for scores in (corpus.back.all_scores(tokens), corpus.wide.all_scores(tokens)):
            best = max(float(scores[part].max(initial=0.0)) for part in runs)
            lexical.append(scores / best if best > 0 else scores)
        if in_scope <= FULL_SCAN_STATEMENTS:
            rows = np.concatenate([np.arange(part.start, part.stop) for part in runs])
        else:
            if len(runs) > 1 or runs[0] != slice(0, len(corpus)):
                scope = np.zeros(len(corpus), dtype=bool)
                for part in runs:
                    scope[part] = True
                selectable = scope if selectable is None else selectable & scope
            rows = self._candidates(corpus, query_vector, lexical[0], lexical[1], selectable)
        table = corpus.table(rows, query_vector, (lexical[0], lexical[1]), query_names(query))
        return table, None if selectable is None else selectable[rows]

    def _candidates(
        self,
        corpus: Corpus,
        query_vector: np.ndarray,
        back: np.ndarray,
        wide: np.ndarray,
        selectable: np.ndarray | None,
    ) -> np.ndarray:
        """Rows worth scoring in a large scope: the ~800 words around each of the PRESELECT best
        statements by BM25 and by their own cosine (FAISS), extended to whole turns.

        A statement's fused score is mostly its context's, so a place the question is about holds
        a statement high on one of the two lists; bench/candidate_agreement.py measures how often
        the top hits of a full scan are among these."""
        weights = self.weights
        lexical = weights.lexical_back * back + weights.lexical_wide * wide
        found = np.flatnonzero(lexical > 0)
        if selectable is not None:
            found = found[selectable[found]]
        if len(found) > PRESELECT:
            found = found[np.argpartition(-lexical[found], PRESELECT - 1)[:PRESELECT]]
        share = len(corpus) if selectable is None else int(selectable.sum())
        if selectable is not None and share <= EXACT_SUBSET:  # few may be hits: their cosines, exactly
            rows = np.flatnonzero(selectable)
            cosines = corpus.vectors[rows] @ query_vector
            near = rows[np.argsort(-cosines, kind="stable")[:PRESELECT]]
        elif share:  # FAISS over all, asked for enough that PRESELECT of them are likely in scope
            want = min(PRESELECT * max(1, len(corpus) // share), len(corpus), 64 * PRESELECT)
            near = np.array([corpus.row_of[i] for i, _ in self.vectors.search(query_vector, want)], dtype=np.int64)
            if selectable is not None:
                near = near[selectable[near]]
        else:
            near = np.zeros(0, dtype=np.int64)
        found = np.concatenate([found, near[:PRESELECT]])
        places = np.unique(found)
        broad, turn = corpus.windows[2], corpus.windows[0]
        around = merge_runs(places - broad.before[places], places + broad.after[places])
        whole_turns = merge_runs(
            around[:, 0] - turn.before[around[:, 0]], around[:, 1] - 1 + turn.after[around[:, 1] - 1]
        )
        return np.concatenate([np.arange(a, b) for a, b in whole_turns.tolist()] or [np.zeros(0, dtype=np.int64)])

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
        table, eligible = self.score(query, meetings, allowed)
        chosen = select(table, self.weights.vector() @ table.features, k, eligible, spacing)
        hits: list[Hit] = []
        for score, column in chosen:
            cited = {h.statement for h in hits}
            best = best_in_turn(table, column, eligible, cited)
            if table.statement(best) not in cited:
                hits.append(make_hit(table, best, score))
        best_cosine = confidence(table, eligible)
        return SearchResult(query, tuple(hits), best_cosine, best_cosine < self.abstain_below)

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
