"""Written questions, notices of motion and their printed replies.

Councils print a submitted question or motion under a heading that names the member
("QUESTION SUBMITTED BY COUNCILLOR CONOR SHEEHAN", "Question by Paul Stepto to Rory Love,
Cabinet Member ...") and the written answer under a bare "REPLY:" / "RESPONSE" / "Answer"
line. Nobody is named inside those texts, so the headings, not the sentences, say who
speaks: the member asks or moves, and the answer comes from the person the question was
put to, or else from the body that answers the committee (the police, for a policing
committee; the council's executive otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.attribution import Attribution
from ingest.model import Speaker
from ingest.roles import classify_role
from ingest.speakers import SpeakerRegistry, name_key

_SUBMITTED = re.compile(
    r"^[ \t*]*(?:\d{1,3}\.?\s*)?(?P<kind>QUESTION|Question|NOTICE OF MOTION|Notice of Motion|MOTION|Motion)"
    r"\s+(?:(?:SUBMITTED|submitted)\s+)?(?:BY|by|IN THE NAME OF|in the name of)\s+"
    r"(?P<asker>[A-Z][^\n(]*?)(?:\s+(?:TO|to)\s+(?P<to>[A-Z][^,\n]*?))?\s*(?:,\s*(?P<post>[^\n*]*))?[ \t*]*$",
    re.MULTILINE,
)
_TO_POST = re.compile(r"\A\s*\n\s*(?P<post>[A-Z][^\n]{3,80})\s*\n")
_REPLY = re.compile(
    r"^[ \t*]*(?:RE(?:S)?PONSE|REPLY|ANSWER|Reply|Response|Answer)(?:[ \t]*:?[ \t*]*$|[ \t]*:[ \t_*]*(?=\S))",
    re.MULTILINE,
)
_BOUNDARY = re.compile(
    r"^[ \t*]*(?:\d{1,3}\.[ \t]*$|Question \d+[ \t]*$|\d{1,3}\.\s*[A-Z][A-Z ,.'’]{8,}$)", re.MULTILINE
)
_QUOTED = re.compile(r"^[*\s]*(?:[“\"‘*]|[I!] will (?:move|ask)\b)")
_NARRATOR_KINDS = ("councillor", "chair", "clerk", "public")
_GROUP = re.compile(r"(?i)^(?:the |a |an |all |some |several |other |another )?(?:members?|councillors?)\b")
_NARRATIVE = re.compile(
    r"^(?:At this point|At this stage|Following (?:a |the |further )?discussion|In (?:proposing|seconding|replying)"
    r"|The (?:Notice of )?Motion was|It was (?:agreed|proposed|resolved)|Councillor|Cllr)\b"
)
_POLICING = re.compile(r"(?i)\bpolicing\b|\bpolice\b|\bgarda\b")


@dataclass(frozen=True, slots=True)
class Region:
    start: int
    end: int
    mode: str  # "question" | "motion" | "reply"
    speaker: Speaker


def _title_case(words: str) -> str:
    """Headings shout: 'DEPUTY MAURICE QUINLIVAN, T.D.' -> 'Deputy Maurice Quinlivan'."""
    words = re.sub(r",?\s*T\.?\s*D\.?\s*$", "", words.strip(" ,.*"))
    return words.title() if words.isupper() else words


def _responder(text: str, registry: SpeakerRegistry, to: str | None, post: str | None) -> Speaker:
    if to:
        speaker = registry.resolve(_title_case(to))
        if speaker.kind == "unknown":
            kind = classify_role(post, "officer") if post else "officer"
            speaker = Speaker(name=_title_case(to), kind=kind, role=post, key=name_key(to))
        return speaker
    title = next((line for line in text.split("\n") if line.strip()), "")
    if _POLICING.search(title):
        name = "An Garda Síochána" if re.search(r"Garda Síochána", text) else "Police"
        return Speaker(name=name, kind="police", role=name, key=name.lower())
    return Speaker(name="Council executive", kind="officer", role="Council executive", key="council executive")


def find_regions(text: str, registry: SpeakerRegistry, start: int, end: int) -> list[Region]:
    """Spans of printed questions, motions and replies, each with who speaks in it."""
    submitted = list(_SUBMITTED.finditer(text, start, end))
    if not submitted:
        return []
    replies = list(_REPLY.finditer(text, start, end))
    stops = sorted(
        [m.start() for m in submitted]
        + [m.start() for m in replies]
        + [m.start() for m in _BOUNDARY.finditer(text, start, end)]
        + [end]
    )
    regions: list[Region] = []
    for match in submitted:
        asker = registry.resolve(_title_case(match.group("asker")))
        if asker.kind == "unknown":
            asker = Speaker(name=_title_case(match.group("asker")), kind="councillor", key=asker.key)
        post = match.group("post")
        body = match.end()
        if match.group("to") and not post:
            follow = _TO_POST.match(text, body)
            if follow:
                post, body = follow.group("post").strip(), follow.end()
        mode = "question" if match.group("kind").lower() == "question" else "motion"
        stop = next(s for s in stops if s > match.start())
        regions.append(Region(body, stop, mode, asker))
        reply = next((r for r in replies if r.start() == stop), None)
        if reply is not None:
            responder = _responder(text, registry, match.group("to"), post)
            reply_stop = next(s for s in stops if s > reply.start())
            regions.append(Region(reply.end(), reply_stop, "reply", responder))
    return regions


def _narrator(narrated: Attribution) -> bool:
    """A member named as speaker, or a decision: the minutes' own narrative, not the printed reply."""
    if narrated.act == "resolved":
        return True
    return narrated.speaker.kind in _NARRATOR_KINDS and not _GROUP.match(narrated.speaker.name)


class PrintedTexts:
    """The printed question, motion and reply regions of one meeting, walked in order."""

    def __init__(self, regions: list[Region]) -> None:
        self.regions = regions
        self.closed: set[int] = set()  # replies the minutes' own narrative has taken over

    def speaker(self, sentence: str, offset: int, narrated: Attribution) -> tuple[Speaker, str] | None:
        """Who speaks a sentence inside a printed question, motion or reply, and the act; None outside them."""
        for index, region in enumerate(self.regions):
            if not region.start <= offset < region.end or index in self.closed:
                continue
            if region.mode == "question":
                return region.speaker, "asked"
            if region.mode == "motion":
                return (region.speaker, "proposed") if _QUOTED.match(sentence) else None
            if _NARRATIVE.match(sentence) or (narrated.explicit and _narrator(narrated)):
                self.closed.add(index)  # "In proposing the Motion, Councillor Galvin stated": the reply is over
                return None
            return region.speaker, "answered"
        return None
