"""Explicit filters on a question (speaker kind, person or post, committee, date range), as the UI offers them.

A filter is one more constraint on the question's interpretation, so it goes through the same row
filter as the question's own words: candidates are filtered before ranking, and every citation is
checked again. A filter given here replaces what the question's words said about the same field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.errors import UsageError
from ingest.model import Answer
from ingest.speakers import name_key
from kg.identity import names_no_one
from qa.asking import KIND_COVERS, Asker
from qa.catalogue import Catalogue
from qa.question import Interpretation, interpret

SPEAKER_KIND_CHOICES: tuple[str, ...] = (*KIND_COVERS, "external")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class AskFilters:
    speaker_kind: str | None = None
    person: str | None = None  # a named speaker or a post, as `filter_choices` lists them
    committee: str | None = None
    date_from: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    date_to: str | None = None


@dataclass(frozen=True, slots=True)
class FilterChoices:
    speaker_kinds: tuple[str, ...]
    people: tuple[str, ...]  # named speakers, then posts
    committees: tuple[str, ...]


def _named_speakers(catalogue: Catalogue) -> dict[str, str]:
    """Display name -> surname key, for every named speaker in the store."""
    out: dict[str, str] = {}
    for row in catalogue.rows:
        if row.name_words:
            statement, _ = catalogue.statements[row.id]
            name = " ".join(statement.speaker.name.split())
            out.setdefault(name, name_key(name).split()[-1])
    return out


def filter_choices(catalogue: Catalogue) -> FilterChoices:
    """The people, posts and committees to offer; descriptors and groups name no one to filter by."""
    named = sorted(n for n in _named_speakers(catalogue) if not names_no_one(n))
    posts = [p for p in catalogue.posts if p not in named and not names_no_one(p)]
    return FilterChoices(SPEAKER_KIND_CHOICES, tuple(named + posts), catalogue.committees)


def _date_bound(text: str | None, end: bool) -> str | None:
    """'2024' -> '2024-01-01' (from) or '2024-12-31' (to): ISO strings then compare as dates do."""
    text = (text or "").strip()
    if not text:
        return None
    match = _DATE.match(text)
    if not match:
        raise UsageError(f"bad date {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    return f"{year}-{month or ('12' if end else '01')}-{day or ('31' if end else '01')}"


def apply_filters(interpretation: Interpretation, filters: AskFilters, catalogue: Catalogue) -> Interpretation:
    """The interpretation narrowed by the filters; an unknown person, kind or committee is a usage error."""
    changes: dict[str, object] = {}
    if filters.speaker_kind:
        if filters.speaker_kind not in SPEAKER_KIND_CHOICES:
            raise UsageError(f"unknown speaker kind {filters.speaker_kind!r}")
        changes["speaker_kind"] = filters.speaker_kind
    if filters.person:
        named = _named_speakers(catalogue)
        if filters.person in named:
            changes |= {"speaker": named[filters.person], "post": None}
        elif filters.person in catalogue.posts:
            changes |= {"speaker": None, "post": filters.person}
        else:
            raise UsageError(f"nobody called {filters.person!r} speaks in the store")
    if filters.committee:
        if filters.committee not in catalogue.committees:
            raise UsageError(f"no committee {filters.committee!r} in the store")
        changes["committee"] = filters.committee
    date_from, date_to = _date_bound(filters.date_from, False), _date_bound(filters.date_to, True)
    if date_from and date_to and date_from > date_to:
        raise UsageError(f"the date range is empty: {date_from} is after {date_to}")
    if date_from:
        changes["date_from"] = date_from
    if date_to:
        changes["date_to"] = date_to
    if changes and interpretation.topic is None:
        changes["notes"] = ()  # "nothing to search for" no longer holds: the filters are the search
    return replace(interpretation, **changes) if changes else interpretation  # type: ignore[arg-type]


def ask_filtered(asker: Asker, question: str, top: int = 5, filters: AskFilters | None = None) -> Answer:
    interpretation = interpret(question, asker.catalogue)
    if filters is not None:
        interpretation = apply_filters(interpretation, filters, asker.catalogue)
    return asker.answer(interpretation, top)
