"""Speaker-labelled transcripts: "Name: words" turns, one a paragraph or inline after wide spacing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.acts import is_commitment
from ingest.model import Span, Speaker
from ingest.roles import classify_role
from ingest.speakers import SpeakerRegistry, name_key

SPEAKER_LABEL = re.compile(
    r"(?:(?<=\n)|(?<=\A)|(?<=\s\s))[ \t]*"
    r"(?P<label>\*{3,}|(?:Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Hon\.?|The )?[A-Z][\w.’'\-]*"
    r"(?:[ \t](?:[A-Z][\w.’'\-]*|de|van|von|of|the|and|for))*"
    r"(?:\s*\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\))?(?:,[ \t]+[A-Z][^:\n]{2,80})?)"
    r":[ \t]+(?=\S)"
)
# A label already seen also opens a turn after one space: "[gavel pounding] Adams:", "12 of 18 Fritz:".
_LOOSE_LABEL = re.compile(
    r"(?:(?<=[.?!\]] )|(?<=\d ))(?P<label>[A-Z][\w.’'\-]*(?:[ \t]+[A-Z][\w.’'\-]*){0,2}):[ \t]+(?=\S)"
)
_NOT_SPEAKERS = {
    "disposition",
    "key",
    "note",
    "notes",
    "motion",
    "vote",
    "yeas",
    "nays",
    "present",
    "agenda",
    "item",
    "re",
    "subject",
    "time",
    "date",
    "location",
    "moved",
    "seconded",
    "minutes",
    "attendance",
    "apologies",
    "action",
    "resolution",
    "website",
    "email",
    "tel",
    "original link",
    "ordinance",
    "report",
    "communications",
    "whereas",
    "resolved",
    "proposed",
    "regrets",
    "officers in attendance",
    "those present were",
    "answer",
    "question",
}
MIN_TURNS = 5


@dataclass(frozen=True, slots=True)
class Turn:
    label: Span
    body: Span


def find_turns(text: str) -> list[Turn]:
    """Speaker turns from the first run of labels on; empty when the text is not a transcript."""
    labels = [m for m in SPEAKER_LABEL.finditer(text) if is_speaker_label(m.group("label"))]
    if len(labels) < MIN_TURNS:
        return []
    first = 0
    while first + MIN_TURNS <= len(labels):
        window = labels[first : first + MIN_TURNS]
        if window[-1].start() - window[0].start() < 4000:
            break
        first += 1
    else:
        return []
    labels = labels[first:]
    known = {m.group("label") for m in labels}
    starts = {m.start("label") for m in labels}
    loose = [m for m in _LOOSE_LABEL.finditer(text) if m.group("label") in known and m.start("label") not in starts]
    labels = sorted(labels + loose, key=lambda m: m.start("label"))
    turns: list[Turn] = []
    for index, match in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        body_end = end
        while body_end > match.end() and text[body_end - 1].isspace():
            body_end -= 1
        turns.append(Turn(Span(match.start("label"), match.end("label")), Span(match.end(), body_end)))
    return turns


def is_speaker_label(label: str) -> bool:
    if label.startswith("*"):
        return True
    head = label.split(",")[0].split("(")[0].strip()
    words = head.split()
    if not words or len(words) > 6 or head.lower() in _NOT_SPEAKERS or head.isupper() and len(head) > 3:
        return False
    return not re.search(r"\d", head)


_INTRO_OFFICER = re.compile(
    r"(?i)\b(?:bureau|office of|city attorney|director of|manager|procurement|planning"
    r"|city staff|department|division|auditor|commission staff)\b"
)
_INTRO_EXTERNAL = re.compile(
    r"(?i)\b(?:vice president|president|ceo|company|corporation|inc\b|foundation|parking"
    r"|association|representing|consultant|on behalf of)\b"
)
_INTRO_PUBLIC = re.compile(
    r"(?i)\b(?:i (?:live|reside)|and reside|resident|my neighborhood|citizen|parish|member of)\b"
)


def resolve_label(label: str, registry: SpeakerRegistry, first_words: str, public_names: set[str]) -> Speaker:
    """Kind from the label's post, the attendance, or the speaker's own introduction."""
    if label.startswith("*"):
        return Speaker(name="unidentified speaker", kind="unknown", key="unidentified")
    name, _, post = label.partition(",")
    inner = re.search(r"\((.*)\)", name)
    name = re.sub(r"\s*\(.*\)\s*$", "", name).strip()
    post = post.strip() or None
    if name.lower().startswith("the chair") or name.lower() == "chair":
        return Speaker(
            name=inner.group(1).split("(")[0].strip() if inner else "Chair",
            kind="chair",
            role="Chair",
            key=name_key(inner.group(1).split("(")[0]) if inner else "chair",
        )
    known = registry.by_name(name, None)
    if known is not None:
        return known
    if post:
        kind = classify_role(post, "unknown")
        if kind == "unknown":
            kind = "officer" if _INTRO_OFFICER.search(post) else "external"
        speaker = Speaker(name=name, kind=kind, role=post, key=name_key(name))
    elif name_key(name) in public_names:
        speaker = Speaker(name=name, kind="public", key=name_key(name))
    elif re.search(r"\b(?:AM|MS|MP|MLA|TD)$", name) or (inner and re.search(r",\s*[A-Z]{2,4}\)?$", inner.group(1))):
        speaker = Speaker(name=name, kind="councillor", key=name_key(name))
    else:
        intro = first_words[:400]
        if _INTRO_PUBLIC.search(intro):
            kind = "public"
        elif _INTRO_EXTERNAL.search(intro):
            kind = "external"
        elif _INTRO_OFFICER.search(intro):
            kind = "officer"
        else:
            kind = "unknown"
        speaker = Speaker(name=name, kind=kind, key=name_key(name))  # type: ignore[arg-type]
    registry.seen.setdefault(speaker.key.split()[-1] if speaker.key else name.lower(), speaker)
    return speaker


# Spoken questions the transcript does not end with "?" ("What are we looking at.", "If someone can tell me why."),
# and requests, which ask without opening an answer ("Karla, please call the roll.", "Can you please read item 38.").
_SPOKEN_QUESTION = re.compile(
    r"(?i)^(?:what|how|why|where|when|who|which)(?:'s|\s+(?:is|are|was|were|do|does|did|can|could|will|would|should))\b"
    r"|^(?:if\s+)?(?:someone|anyone)\s+(?:can|could)\s+tell\s+me\b"
    r"|^i\s+would\s+like\s+(?:to\s+(?:get|see|have|know|hear)\b|the\s+\w+\s+to\s+be\b)"
)
_SPOKEN_REQUEST = re.compile(
    r"(?i)^(?:[a-z]+,\s*)?(?:(?:can|could|would|will)\s+(?:you|someone|anyone)\s+please\b|please\b)"
    r"|\bplease\s+(?:call|read)\b"
)


_DECLARED = re.compile(
    r"(?i)\b(?:is|are|has been|have been)\s+(?:approved|adopted|passed|referred|accepted)\b"
    r"|\b(?:motion|ordinance)\s+(?:carries|passes)\b"
)


def is_question(sentence: str) -> bool:
    """A question that the next speaker answers (a request to read or call the vote is not one)."""
    stripped = sentence.rstrip()
    return stripped.endswith("?") or bool(_SPOKEN_QUESTION.search(stripped))


def turn_act(sentence: str, replying: bool) -> str:
    """The act of one sentence of a turn: questions and requests ask, declarations decide, the rest answer or say."""
    stripped = sentence.rstrip()
    if is_question(stripped) or _SPOKEN_REQUEST.search(stripped):
        return "asked"
    if re.match(r"(?i)^(?:i (?:move|second)|second\b|so moved|move (?:to|that))", stripped):
        return "proposed"
    if _DECLARED.search(stripped) and ("[gavel" in stripped or _DECLARED.search(stripped[-40:])):
        return "resolved"  # the presiding officer declares the decision: "[gavel pounded] consent agenda is approved."
    if re.match(r"(?i)^(?:aye|yes, aye|i vote aye)\b", stripped):
        return "agreed"
    if re.match(r"(?i)^i (?:will|'ll|can)\b|^we (?:will|'ll)\b", stripped) and is_commitment(stripped):
        return "committed"
    return "answered" if replying else "said"
