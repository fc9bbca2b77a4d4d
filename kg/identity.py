"""Entity resolution: which graph node a speaker, attendee or mover is.

A person's IRI is built from the council and the surname, so "Councillor Abbas", "Cllr Abbas"
and "Mr Abbas" of one council are one foaf:Person in every meeting graph that names them, and
namesakes in different councils stay apart. When one meeting names two people with the same
surname, the first initial is added to tell them apart. An officer known only by post is an
org:Post node of the council (a chair's post belongs to the committee). Descriptors ("a
parishioner", "Members") name no one and get no node: the statement keeps its role and words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rdflib import URIRef

from ingest.model import Meeting, Speaker
from ingest.speakers import name_key
from ingest.vocabulary import CHAIR_WORDS, CLERK_WORDS, POST_HEADS
from kg.namespaces import Iris, slug

AgentKind = Literal["person", "post"]

_DESCRIPTOR = re.compile(
    r"(?i)^(?:a|an|another|one|some|several|other|all|the|two|three|many|members?|councill?ors?|parishioners?"
    r"|residents?|public|officers?|unknown|unidentified)\b"
)
_TITLES = re.compile(
    r"(?i)^(?:councill?or|cllr|mr|mrs|ms|miss|dr|sir|dame|lord|lady|prof(?:essor)?|rev(?:d)?|mayor|deputy mayor"
    r"|chief superintendent|superintendent|inspector|sergeant|garda|pcso|commissioner)\.?\s+"
)


@dataclass(frozen=True, slots=True)
class Agent:
    """The graph node a speaker resolves to: a person or a post, with the words used for it."""

    iri: URIRef
    kind: AgentKind
    name: str  # foaf:name of a person without its title, or the post's label
    title: str | None = None  # honorific prefix as written ("Councillor", "Mr")


def council_key(meeting: Meeting) -> str:
    """People and posts are scoped to a council; a meeting without one is its own scope."""
    return slug(meeting.council) if meeting.council else f"meeting-{meeting.id}"


def _is_post(speaker: Speaker) -> bool:
    words = set(re.findall(r"[a-z-]+", speaker.name.lower()))
    if speaker.role and speaker.name.strip() == speaker.role.strip():
        return True
    return bool(words & (POST_HEADS | CHAIR_WORDS | CLERK_WORDS)) and not _TITLES.match(speaker.name)


def _person_tokens(name: str) -> list[str]:
    """Name words without titles and stray punctuation; '' initials kept as single letters."""
    cleaned = name.split(",")[0].split("(")[0]
    cleaned = re.sub(r"^[A-Za-z ]+:\s*", "", cleaned)  # "Present: Mr. B. Kennedy"
    return [t for t in name_key(cleaned).split() if re.fullmatch(r"[a-z][a-z'’-]*", t)]


def _looks_like_person(text: str) -> bool:
    words = text.split()
    heads = {w.lower().strip(".,") for w in words} & (POST_HEADS | CHAIR_WORDS | CLERK_WORDS)
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and not heads


def _is_group(name: str) -> bool:
    """'The Chair and Members', 'Joseph Davies and Andrew Thomas' name several people, not one."""
    parts = re.split(r"(?i)\s+(?:and|&)\s+", name, maxsplit=1)
    if len(parts) < 2:
        return False
    left, right = parts
    if _DESCRIPTOR.match(right) or _TITLES.match(right):
        return True
    return _looks_like_person(_TITLES.sub("", left)) and _looks_like_person(right)


def names_no_one(name: str) -> bool:
    """A descriptor ("A Member", "parishioners") or a group ("Lesley Game and Dan Bride"): words that
    name no single person or post, so they get no node and are not offered as a person to filter by."""
    name = name.strip()
    return bool(_DESCRIPTOR.match(name) and not _TITLES.match(name)) or _is_group(name)


def _title(name: str) -> str | None:
    match = _TITLES.match(name.strip())
    return match.group(0).strip().rstrip(".") if match else None


def _is_named_person(speaker: Speaker) -> bool:
    if speaker.kind == "unknown" and speaker.key in ("unknown", "unidentified"):
        return False
    if _DESCRIPTOR.match(speaker.name.strip()) and not _TITLES.match(speaker.name.strip()):
        return False
    tokens = _person_tokens(speaker.name)
    return bool(tokens) and len(tokens[-1]) > 1


class AgentResolver:
    """Resolves the speakers and attendees of one meeting to graph nodes, consistently within it."""

    def __init__(self, meeting: Meeting, iris: Iris) -> None:
        self.meeting = meeting
        self.iris = iris
        self.council = council_key(meeting)
        names = [s.speaker.name for s in meeting.statements if _is_named_person(s.speaker)]
        names += [a.name for a in meeting.attendance]
        initials_by_surname: dict[str, set[str]] = defaultdict(set)
        for name in names:
            tokens = _person_tokens(name)
            if len(tokens) > 1:
                initials_by_surname[tokens[-1]].add(tokens[0][0])
        self._ambiguous = {surname for surname, initials in initials_by_surname.items() if len(initials) > 1}

    def _person(self, name: str) -> Agent | None:
        tokens = _person_tokens(name)
        if not tokens or len(tokens[-1]) < 2:
            return None
        surname = tokens[-1]
        key = slug(surname)
        if surname in self._ambiguous and len(tokens) > 1:
            key = f"{tokens[0][0]}-{key}"
        bare = _TITLES.sub("", name.split(",")[0].split("(")[0].strip()).strip()
        bare = re.sub(r"^[A-Za-z ]+:\s*", "", bare)
        return Agent(self.iris.person(self.council, key), "person", " ".join(bare.split()), _title(name))

    def post(self, label: str) -> Agent:
        words = set(re.findall(r"[a-z-]+", label.lower()))
        committee = self.meeting.committee if words & CHAIR_WORDS else None
        return Agent(self.iris.post(self.council, label, committee), "post", label)

    def speaker(self, speaker: Speaker) -> Agent | None:
        """The node for a statement's speaker; None for descriptors, groups and the unknown."""
        if names_no_one(speaker.name):
            return None
        if _is_post(speaker) and not _TITLES.match(speaker.name):
            return self.post(" ".join((speaker.role or speaker.name).split()))
        if _is_named_person(speaker):
            return self._person(speaker.name)
        return None

    def held_post(self, speaker: Speaker) -> Agent | None:
        """The post a named person speaks in, where the minutes give one ("Jason Read, Youth Justice ...")."""
        if not speaker.role or speaker.role == speaker.name or not _is_named_person(speaker):
            return None
        role = " ".join(speaker.role.split())
        if ":" in role or "\n" in speaker.role or len(role) > 120:
            return None
        return self.post(role)

    def named(self, name: str) -> Agent | None:
        """A proposer or seconder given by name."""
        return self._person(name) if name and not _DESCRIPTOR.match(name) else None

    def variants(self, agent: Agent, names: Iterable[str]) -> set[str]:
        """Every written form in this meeting that resolves to `agent` (skos:altLabel)."""
        found = set()
        for name in names:
            other = self._person(name)
            if other and other.iri == agent.iri:
                found.add(" ".join(name.split()))
        return found
