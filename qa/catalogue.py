"""What the store knows about every statement, in one table: who spoke, in what role, what act, when, where.

Question constraints ("officers", "Councillor Abbas", "in 2024", "the Corporate Parenting Panel")
select candidate statements from this table before retrieval ranks them. It holds the same speaker,
kind, act and meeting facts the graph does, read once per process from the meeting records, so
a constraint costs a scan of a list rather than a SPARQL round trip per question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.model import Meeting, Statement
from ingest.speakers import name_key

_GENERIC = {
    "county", "city", "council", "parish", "of", "and", "the", "community", "borough", "district", "township",
    "town", "meeting", "minutes", "committee", "ontario", "oregon",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class StatementRow:
    id: str
    meeting: str
    kind: str  # speaker kind
    act: str
    speaker: str  # the speaker's label as shown
    name_words: frozenset[str]  # the speaker's name words, lowercased, without titles
    role: str | None  # the post the speaker spoke in
    date: str | None
    council: str | None
    committee: str | None


@dataclass(frozen=True, slots=True)
class Catalogue:
    rows: tuple[StatementRow, ...]
    statements: dict[str, tuple[Statement, str]]  # id -> (statement, meeting id)
    posts: tuple[str, ...]  # every post a speaker spoke in
    surnames: frozenset[str]  # last words of named speakers
    councils: dict[str, str]  # distinctive words -> council name
    committees: tuple[str, ...]
    dates: tuple[str, ...]


def _row(meeting: Meeting, statement: Statement) -> StatementRow:
    speaker = statement.speaker
    named = speaker.name != speaker.role and speaker.kind != "unknown"
    words = frozenset(name_key(speaker.name).split()) if named else frozenset()
    return StatementRow(
        id=statement.id,
        meeting=meeting.id,
        kind=speaker.kind,
        act=statement.act,
        speaker=speaker.label,
        name_words=words,
        role=" ".join(speaker.role.split()) if speaker.role else None,
        date=meeting.date,
        council=meeting.council,
        committee=meeting.committee,
    )


def council_words(council: str) -> str:
    """'Kent County Council' -> 'kent': the words that tell one council from another."""
    return " ".join(w for w in re.findall(r"[a-z’']+", council.lower()) if w not in _GENERIC)


def build_catalogue(meetings: Iterable[Meeting]) -> Catalogue:
    rows: list[StatementRow] = []
    statements: dict[str, tuple[Statement, str]] = {}
    posts: set[str] = set()
    surnames: set[str] = set()
    councils: dict[str, str] = {}
    committees: set[str] = set()
    dates: set[str] = set()
    for meeting in meetings:
        for statement in meeting.statements:
            row = _row(meeting, statement)
            rows.append(row)
            statements[statement.id] = (statement, meeting.id)
            if row.role:
                posts.add(row.role)
            if row.name_words:
                surnames.add(name_key(statement.speaker.name).split()[-1])
        if meeting.council and council_words(meeting.council):
            councils[council_words(meeting.council)] = meeting.council
        if meeting.committee:
            committees.add(meeting.committee)
        if meeting.date:
            dates.add(meeting.date)
    return Catalogue(
        rows=tuple(rows),
        statements=statements,
        posts=tuple(sorted(posts)),
        surnames=frozenset(s for s in surnames if len(s) > 2),
        councils=councils,
        committees=tuple(sorted(committees)),
        dates=tuple(sorted(dates)),
    )
