"""The indexed statements as flat arrays, so one question is scored against all of them at once.

Rows follow the meetings in id order and each meeting's statements in reading order. Context
windows never cross meetings, so one prefix sum over all rows serves every window: the cosine
of a window's mean vector is (sum of its statements' cosines) / |sum of its vectors|, and
those norms are computed once here. Rebuilt (cheaply, no embedding) after any change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from qa.lexical import LexicalIndex
from qa.passages import MeetingLayout, back_windows, centred_windows, name_words, turn_windows, window_tokens

BACK_WORDS, WIDE_WORDS, BROAD_WORDS = 200, 400, 800


@dataclass(frozen=True, slots=True)
class Corpus:
    meetings: tuple[str, ...]
    rows: dict[str, slice]  # each meeting's rows
    ids: tuple[str, ...]
    row_of: dict[str, int]
    starts: np.ndarray  # character offset of each statement in its meeting
    vectors: np.ndarray  # one unit row per statement
    windows: tuple[tuple[np.ndarray, np.ndarray, np.ndarray], ...]  # turn, wide, broad: start, end, norm of sum
    speaker_of: np.ndarray  # index into speaker_words
    speaker_words: tuple[frozenset[str], ...]
    back: LexicalIndex  # BM25 of the ~200 words ending at each statement
    wide: LexicalIndex  # BM25 of the ~400 words around each statement

    @classmethod
    def build(
        cls,
        layouts: list[MeetingLayout],
        vectors_of: Callable[[list[str]], np.ndarray],
        dimension: int,
        lexical: tuple[LexicalIndex, LexicalIndex] | None = None,
    ) -> Corpus:
        """Arrays from the layouts and their stored vectors; BM25 built unless `lexical` is given (loaded)."""
        layouts = sorted(layouts, key=lambda layout: layout.meeting)
        rows: dict[str, slice] = {}
        parts: dict[str, list[np.ndarray]] = {name: [] for name in ("turn", "wide", "broad")}
        speakers: dict[str, int] = {}
        speaker_of: list[int] = []
        offset = 0
        for layout in layouts:
            rows[layout.meeting] = slice(offset, offset + len(layout))
            for name, (start, end) in (
                ("turn", turn_windows(layout.turns)),
                ("wide", centred_windows(layout.words, WIDE_WORDS)),
                ("broad", centred_windows(layout.words, BROAD_WORDS)),
            ):
                parts[name].append(np.stack([start + offset, end + offset]))
            speaker_of.extend(speakers.setdefault(s, len(speakers)) for s in layout.speakers)
            offset += len(layout)
        ids = tuple(i for layout in layouts for i in layout.ids)
        vectors = vectors_of(list(ids)) if ids else np.zeros((0, dimension), np.float32)
        windows = []
        for name in ("turn", "wide", "broad"):
            bounds = np.concatenate(parts[name], axis=1) if parts[name] else np.zeros((2, 0), np.int64)
            windows.append((bounds[0], bounds[1], _window_norms(vectors, rows.values(), bounds)))
        if lexical is None:  # one window kind at a time: at a million statements each is gigabytes of tokens
            back = _documents(layouts, lambda lay: back_windows(lay.words, BACK_WORDS))
            back_index = LexicalIndex.build(list(ids), back)
            del back
            wide = _documents(layouts, lambda lay: centred_windows(lay.words, WIDE_WORDS))
            lexical = (back_index, LexicalIndex.build(list(ids), wide))
        return cls(
            meetings=tuple(layout.meeting for layout in layouts),
            rows=rows,
            ids=ids,
            row_of={statement_id: row for row, statement_id in enumerate(ids)},
            starts=np.array([s for layout in layouts for s in layout.starts], dtype=np.int64),
            vectors=vectors,
            windows=tuple(windows),
            speaker_of=np.array(speaker_of, dtype=np.int64),
            speaker_words=tuple(name_words(s) for s in speakers),
            back=lexical[0],
            wide=lexical[1],
        )

    def __len__(self) -> int:
        return len(self.ids)

    def features(
        self,
        part: slice,
        query_vector: np.ndarray,
        lexical: tuple[np.ndarray, np.ndarray],
        names: frozenset[str],
        order: tuple[str, ...],
    ) -> np.ndarray:
        """Raw scores of the rows in `part` (whole meetings) for one question, one row per feature in `order`.

        `lexical`: BM25 of every row's back and wide windows (LexicalIndex.all_scores), already scaled.
        """
        dense = self.vectors[part] @ query_vector
        prefix = np.concatenate([[0.0], np.cumsum(dense, dtype=np.float64)])
        out = {"dense_statement": dense, "lexical_back": lexical[0][part], "lexical_wide": lexical[1][part]}
        for name, (start, end, norm) in zip(("dense_turn", "dense_wide", "dense_broad"), self.windows, strict=True):
            out[name] = (prefix[end[part] - part.start] - prefix[start[part] - part.start]) / norm[part]
        if names:
            named = np.array([bool(words & names) for words in self.speaker_words] or [False])
            out["speaker_name"] = named[self.speaker_of[part]]
        else:
            out["speaker_name"] = np.zeros(len(dense))
        return np.vstack([out[name] for name in order])


def _window_norms(vectors: np.ndarray, meetings: Iterable[slice], bounds: np.ndarray) -> np.ndarray:
    """|sum of the vectors in each window|, with a prefix sum per meeting (windows never cross one), so
    the float64 running sums stay one meeting's size instead of the whole corpus's."""
    norms = np.ones(bounds.shape[1], dtype=np.float64)
    for rows in meetings:
        if rows.stop == rows.start:
            continue
        local = vectors[rows]
        prefix = np.vstack([np.zeros((1, local.shape[1])), np.cumsum(local, axis=0, dtype=np.float64)])
        start, end = bounds[0, rows] - rows.start, bounds[1, rows] - rows.start
        norms[rows] = np.linalg.norm(prefix[end] - prefix[start], axis=1)
    return np.maximum(norms, 1e-6)


def _documents(
    layouts: list[MeetingLayout], windows: Callable[[MeetingLayout], tuple[np.ndarray, np.ndarray]]
) -> list[list[str]]:
    docs: list[list[str]] = []
    for layout in layouts:
        start, end = windows(layout)
        docs.extend(window_tokens(layout, a, b) for a, b in zip(start.tolist(), end.tolist(), strict=True))
    return docs
