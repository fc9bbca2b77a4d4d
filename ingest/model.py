"""The one model module: frozen dataclasses passed from ingest to kg to qa to ui.

Every span is a half-open character range into `Meeting.text`, the source text as read,
so `meeting.text[span.start:span.end]` is exactly the quoted words.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

SpeakerKind = Literal["councillor", "officer", "chair", "clerk", "police", "public", "external", "unknown"]
SPEAKER_KINDS: tuple[str, ...] = ("councillor", "officer", "chair", "clerk", "police", "public", "external", "unknown")

Act = Literal["said", "asked", "answered", "proposed", "agreed", "resolved", "committed", "noted"]
ACTS: tuple[str, ...] = ("said", "asked", "answered", "proposed", "agreed", "resolved", "committed", "noted")

MentionKind = Literal["organisation", "document", "place", "date"]
DocumentKind = Literal["minutes", "transcript"]


def content_id(sha256: str, start: int, end: int, kind: str = "") -> str:
    """Stable ID from the source's sha256 and a span: the same IRI local name and vector key everywhere."""
    return hashlib.sha256(f"{sha256}:{kind}:{start}:{end}".encode()).hexdigest()[:16]


def page_at(pages: tuple[int, ...], offset: int) -> int | None:
    """The 1-based page holding `offset`, given where each page starts; None when pages are unknown."""
    return bisect_right(pages, offset) if pages else None


def time_at(times: tuple[tuple[int, int], ...], offset: int) -> int | None:
    """Milliseconds into the recording of the cue holding `offset` (the first cue before any);
    None when the source is not a recording."""
    if not times:
        return None
    return times[max(0, bisect_right(times, offset, key=lambda cue: cue[0]) - 1)][1]


@dataclass(frozen=True, slots=True)
class Span:
    """[start, end) into the meeting text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who spoke: a named person, a post, or a descriptor ("A Member")."""

    name: str
    kind: SpeakerKind = "unknown"
    role: str | None = None
    key: str = ""  # identity within a meeting: same key, same speaker

    @property
    def label(self) -> str:
        """How to show the speaker: the post when the minutes only know the post."""
        if self.role and self.name != self.role:
            return f"{self.name} ({self.role})"
        return self.name


UNKNOWN_SPEAKER = Speaker(name="unknown", kind="unknown", key="unknown")


@dataclass(frozen=True, slots=True)
class Attendee:
    """One entry of the attendance lists, as the header states it."""

    name: str
    kind: SpeakerKind
    role: str | None
    status: Literal["present", "apologies", "in_attendance", "absent"]
    span: Span
    initials: str | None = None


@dataclass(frozen=True, slots=True)
class AgendaItem:
    number: str
    title: str
    span: Span  # the verbatim title
    body: Span  # from the heading to the next heading


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence of the minutes, with who said it and what kind of act it records."""

    id: str
    text: str
    span: Span
    speaker: Speaker
    act: Act
    item: str | None = None  # AgendaItem.number
    attribution: Span | None = None  # the words naming the speaker
    page: int | None = None  # of a PDF, from 1
    time_ms: int | None = None  # into the recording, of a WebVTT transcript: when the statement began


@dataclass(frozen=True, slots=True)
class QuestionAnswer:
    question: str  # Statement.id
    answer: str  # Statement.id


@dataclass(frozen=True, slots=True)
class Vote:
    in_favour: int | None = None
    against: int | None = None
    abstained: int | None = None
    unanimous: bool = False


@dataclass(frozen=True, slots=True)
class Resolution:
    id: str
    text: str
    span: Span
    item: str | None = None
    proposer: str | None = None
    seconder: str | None = None
    vote: Vote | None = None
    outcome: str | None = None  # carried | lost | None when not stated


@dataclass(frozen=True, slots=True)
class Action:
    """A commitment: who undertook to do what, and when if the minutes say."""

    id: str
    text: str  # the words of the commitment
    span: Span
    agent: Speaker
    statement: str  # Statement.id
    due: str | None = None
    item: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    span: Span
    kind: MentionKind


@dataclass(frozen=True, slots=True)
class Meeting:
    id: str  # readable, stable across edits of the same file: slug of the file name
    source: str  # the file name as ingested
    sha256: str
    text: str
    kind: DocumentKind = "minutes"
    council: str | None = None
    committee: str | None = None
    date: str | None = None  # ISO 8601
    venue: str | None = None
    title: str | None = None
    attendance: tuple[Attendee, ...] = ()
    items: tuple[AgendaItem, ...] = ()
    statements: tuple[Statement, ...] = ()
    questions: tuple[QuestionAnswer, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    actions: tuple[Action, ...] = ()
    mentions: tuple[Mention, ...] = ()
    keyphrases: tuple[tuple[str, int], ...] = ()  # (phrase, count) for the corpus topic scheme
    extractor: str = ""
    encoding: str = "utf-8"
    pages: tuple[int, ...] = field(default=())  # start offsets of pages, where the reader knows them
    media_type: str = "text/plain"  # of the source file; `text` is what its reader extracted
    times: tuple[tuple[int, int], ...] = ()  # (offset, milliseconds) where each cue of a recording starts


@dataclass(frozen=True, slots=True)
class Citation:
    n: int
    statement: Statement
    meeting: Meeting
    score: float


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    interpretation: dict[str, str | None] = field(default_factory=dict)
