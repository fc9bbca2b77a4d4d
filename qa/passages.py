"""Where a statement sits: its turn and the windows of words around it, used to score it in context.

A single sentence is a small target for a question, and the sentence that best matches the
words of a question is often the chair's "we now turn to X" rather than the answer after it.
So a statement is scored with its context: the ~200 words ending at it (the question that
led to it), its turn (a run of one speaker's sentences, split at blank lines), and wider
windows centred on it. Windows never cross meetings, so a meeting's layout is all they need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from ingest.model import Meeting
from qa.lexical import tokenize

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_NAME_WORD = re.compile(r"[A-Za-z][\w'’\-]+")
_NOT_NAMES = frozenset(
    "mr mrs ms miss dr hon the right rt sir dame lord lady cllr councillor am mp mla td chair chairman chairperson"
    " vice deputy mayor of and for minister".split()
)


@dataclass(frozen=True, slots=True)
class MeetingLayout:
    """One meeting's statements in reading order, with what context scoring needs of each."""

    meeting: str
    sha256: str
    ids: tuple[str, ...]
    starts: tuple[int, ...]  # character offsets, to keep returned hits apart
    words: tuple[int, ...]
    turns: tuple[int, ...]  # turn number of each statement
    speakers: tuple[str, ...]  # speaker name of each statement
    tokens: tuple[tuple[str, ...], ...]  # lexical tokens of each statement

    def __len__(self) -> int:
        return len(self.ids)

    def to_dict(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting,
            "sha256": self.sha256,
            "ids": list(self.ids),
            "starts": list(self.starts),
            "words": list(self.words),
            "turns": list(self.turns),
            "speakers": list(self.speakers),
            "tokens": [" ".join(t) for t in self.tokens],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MeetingLayout:
        return cls(
            meeting=data["meeting"],
            sha256=data["sha256"],
            ids=tuple(data["ids"]),
            starts=tuple(data["starts"]),
            words=tuple(data["words"]),
            turns=tuple(data["turns"]),
            speakers=tuple(data["speakers"]),
            tokens=tuple(tuple(t.split()) for t in data["tokens"]),
        )


def layout_of(meeting: Meeting) -> MeetingLayout:
    """Turns break where the speaker changes or a blank line separates two statements."""
    statements = [s for s in meeting.statements if s.text.strip()]
    turns: list[int] = []
    turn = -1
    previous = None
    for statement in statements:
        gap = meeting.text[previous.span.end : statement.span.start] if previous else ""
        if previous is None or statement.speaker.key != previous.speaker.key or _PARAGRAPH.search(gap):
            turn += 1
        turns.append(turn)
        previous = statement
    return MeetingLayout(
        meeting=meeting.id,
        sha256=meeting.sha256,
        ids=tuple(s.id for s in statements),
        starts=tuple(s.span.start for s in statements),
        words=tuple(len(s.text.split()) for s in statements),
        turns=tuple(turns),
        speakers=tuple(s.speaker.name for s in statements),
        tokens=tuple(tuple(tokenize(s.text)) for s in statements),
    )


def _cumulative(words: tuple[int, ...]) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(np.asarray(words, dtype=np.int64))])


def back_windows(words: tuple[int, ...], size: int) -> tuple[np.ndarray, np.ndarray]:
    """[start, end) of the longest run ending at each statement with at most `size` words (itself at least)."""
    cum = _cumulative(words)
    index = np.arange(len(words))
    start = np.minimum(index, np.searchsorted(cum, cum[index + 1] - size, side="left"))
    return start, index + 1


def centred_windows(words: tuple[int, ...], size: int) -> tuple[np.ndarray, np.ndarray]:
    """About size/2 words before each statement (itself included), then forward up to `size` in all."""
    cum = _cumulative(words)
    index = np.arange(len(words))
    start = np.minimum(index, np.searchsorted(cum, cum[index + 1] - size / 2, side="left"))
    end = np.maximum(index + 1, np.searchsorted(cum, cum[start] + size, side="right") - 1)
    return start, end


def turn_windows(turns: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """[start, end) of the turn of each statement."""
    array = np.asarray(turns, dtype=np.int64)
    if not len(array):
        return array, array
    change = np.flatnonzero(np.diff(array)) + 1
    bounds = np.concatenate([[0], change, [len(array)]])
    lengths = np.diff(bounds)
    return np.repeat(bounds[:-1], lengths), np.repeat(bounds[1:], lengths)


def window_tokens(layout: MeetingLayout, start: int, end: int) -> list[str]:
    """Tokens of statements [start, end), each speaker's name once where the speaker changes."""
    out: list[str] = []
    speaker = None
    for i in range(start, end):
        if layout.speakers[i] != speaker:
            speaker = layout.speakers[i]
            out.extend(tokenize(speaker))
        out.extend(layout.tokens[i])
    return out


def name_words(name: str) -> frozenset[str]:
    """The words of a speaker's name that identify them: no titles, posts in brackets or post-nominals."""
    name = re.sub(r"\(.*", "", name)
    return frozenset(w.lower() for w in _NAME_WORD.findall(name) if w.lower() not in _NOT_NAMES and len(w) > 2)


def query_names(query: str) -> frozenset[str]:
    """Capitalised words of a question: the only ones that may name a speaker."""
    return frozenset(w.lower() for w in _NAME_WORD.findall(query) if w[0].isupper())
