"""The indexed statements as flat arrays, so one question is scored against many at once.

Rows follow the meetings in id order and each meeting's statements in reading order. Context
windows never cross meetings and are stored as row offsets, so one prefix sum of cosines over
the runs of rows being scored serves every window: the cosine of a window's mean vector is
(sum of its statements' cosines) / |sum of its vectors|, and those norms are computed once
here. Rebuilt (cheaply, no embedding) after any change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from qa.lexical import LexicalIndex
from qa.passages import MeetingLayout, back_windows, centred_windows, name_words, turn_windows, window_tokens
from qa.ranking import FEATURES, ScoreTable

BACK_WORDS, WIDE_WORDS, BROAD_WORDS = 200, 400, 800


@dataclass(frozen=True, slots=True)
class Window:
    """One kind of context window of every row: rows [row - before, row + after), and |sum of vectors|."""

    before: np.ndarray
    after: np.ndarray
    norm: np.ndarray


@dataclass(frozen=True, slots=True)
class Corpus:
    meetings: tuple[str, ...]
    rows: dict[str, slice]  # each meeting's rows
    ids: tuple[str, ...]
    row_of: dict[str, int]
    meeting_of: np.ndarray  # each row's index into `meetings`
    starts: np.ndarray  # character offset of each statement in its meeting
    vectors: np.ndarray  # one unit row per statement
    windows: tuple[Window, Window, Window]  # turn, ~400 words around, ~800 words around
    reach: tuple[np.ndarray, np.ndarray]  # first row of any window of a row, and one past the last
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
        index = np.arange(len(ids))
        windows = []
        for name in ("turn", "wide", "broad"):
            bounds = np.concatenate(parts[name], axis=1) if parts[name] else np.zeros((2, 0), np.int64)
            norm = _window_norms(vectors, rows.values(), bounds)
            windows.append(Window((index - bounds[0]).astype(np.int32), (bounds[1] - index).astype(np.int32), norm))
        reach = (
            index - np.max([w.before for w in windows], axis=0, initial=0),
            index + np.max([w.after for w in windows], axis=0, initial=0),
        )
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
            meeting_of=np.repeat(np.arange(len(layouts)), [len(layout) for layout in layouts]),
            starts=np.array([s for layout in layouts for s in layout.starts], dtype=np.int64),
            vectors=vectors,
            windows=(windows[0], windows[1], windows[2]),
            reach=reach,
            speaker_of=np.array(speaker_of, dtype=np.int64),
            speaker_words=tuple(name_words(s) for s in speakers),
            back=lexical[0],
            wide=lexical[1],
        )

    def __len__(self) -> int:
        return len(self.ids)

    def context(self, rows: np.ndarray) -> list[tuple[int, int]]:
        """The row runs [start, stop) holding every window of these rows (sorted), in order.

        Windows never cross meetings and their bounds never decrease from row to row, so the
        runs come from one pass over the rows' reaches."""
        runs = merge_runs(self.reach[0][rows], self.reach[1][rows])
        return [(int(a), int(b)) for a, b in runs]

    def table(
        self,
        rows: np.ndarray,
        query_vector: np.ndarray,
        lexical: tuple[np.ndarray, np.ndarray],
        names: frozenset[str],
    ) -> ScoreTable:
        """Every feature of these rows for one question, in FEATURES order.

        `rows`: sorted, and holding whole turns (a hit cites the best sentence of its turn).
        `lexical`: BM25 of every row's back and wide windows, already scaled. Cosines are taken
        only over the runs holding the rows' windows: all rows for a full scan, a few thousand
        around the candidates of a large store.
        """
        runs = self.context(rows)
        # a product per run reads the vectors in place; gathering the rows first would copy them
        dense = np.concatenate([self.vectors[a:b] @ query_vector for a, b in runs] or [np.zeros(0, np.float32)])
        count = len(rows)
        columns = np.arange(count)
        # a full scan's rows are one range: slices read the per-row arrays in place
        whole = bool(count) and int(rows[-1] - rows[0]) == count - 1
        take: slice | np.ndarray = slice(int(rows[0]), int(rows[-1]) + 1) if whole else rows
        if count == len(dense):  # the rows are their own context: row n is at position n
            position, statement = columns, dense
        else:
            first = np.array([a for a, _ in runs], dtype=np.int64)
            offsets = np.concatenate([[0], np.cumsum([b - a for a, b in runs])])[:-1]
            run = np.searchsorted(first, rows, side="right") - 1
            position = rows - first[run] + offsets[run]
            statement = dense[position]
        prefix = np.concatenate([[0.0], np.cumsum(dense, dtype=np.float64)])
        features = np.empty((len(FEATURES), count), dtype=np.float64)
        at = {name: n for n, name in enumerate(FEATURES)}
        features[at["dense_statement"]] = statement
        features[at["lexical_back"]] = lexical[0][take]
        features[at["lexical_wide"]] = lexical[1][take]
        for name, window in zip(("dense_turn", "dense_wide", "dense_broad"), self.windows, strict=True):
            window_sum = prefix[position + window.after[take]] - prefix[position - window.before[take]]
            features[at[name]] = window_sum / window.norm[take]
        if names:
            named = np.array([bool(words & names) for words in self.speaker_words] or [False])
            features[at["speaker_name"]] = named[self.speaker_of[take]]
        else:
            features[at["speaker_name"]] = 0.0
        turn = self.windows[0]
        return ScoreTable(
            features=features,
            ids=self.ids,
            rows=rows,
            meeting_ids=self.meetings,
            meeting=self.meeting_of[take],
            starts=self.starts[take],
            turn_start=columns - turn.before[take],
            turn_end=columns + turn.after[take],
        )


def merge_runs(starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """Intervals [start, stop), in order of start with stops never decreasing, merged where they
    overlap or touch: an (n, 2) array."""
    if not len(starts):
        return np.zeros((0, 2), dtype=np.int64)
    breaks = np.flatnonzero(starts[1:] > stops[:-1]) + 1
    firsts, lasts = np.concatenate([[0], breaks]), np.concatenate([breaks - 1, [len(starts) - 1]])
    return np.stack([starts[firsts], stops[lasts]], axis=1)


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
