"""Question understanding without a language model: constraints on who, what act, when and where; the rest is the topic.

"what did officers say about faith group engagement" -> speaker_kind officer, topic "faith group
engagement". Named people ("Councillor Abbas", "Cllr Abbas", "Mr Abbas", or a surname the store
knows), posts the store knows ("the Assistant Director"), acts (asked, answered, promised,
resolved, proposed), years and months, councils and committees are recognised; each is removed
from the text, and what remains is what the question is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.errors import UsageError
from ingest.speakers import name_key, post_similarity
from qa.catalogue import Catalogue

MAX_QUESTION_CHARS = 2000
MONTHS = "january february march april may june july august september october november december".split()

_PERSON = re.compile(
    r"\b(?:Councill?or|Cllr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Mayor|Commissioner|Superintendent|Chief Superintendent)"
    r"\s+((?:[A-Z]\.?\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)(?:’s|'s)?"
)
# kinds of speaker, most specific first (members of the public before members)
_KINDS: tuple[tuple[str, str], ...] = (
    (r"\bmembers?\s+of\s+the\s+public\b|\bthe\s+public\b|\bresidents?\b|\bparishioners?\b|\bcitizens?\b", "public"),
    (r"\bpolice(?:\s+officers?)?\b|\bgarda[ií]?\b|\bconstabulary\b|\bsuperintendents?\b", "police"),
    (r"\b(?:council\s+)?officers?\b|\bofficials?\b|\bstaff\b", "officer"),
    (r"\bcouncill?ors?\b|\bcllrs\b|\b(?:elected\s+)?members\b", "councillor"),
    (r"\bthe\s+chair(?:man|person|woman)?\b|\bcathaoirleach\b", "chair"),
    (r"\bthe\s+(?:parish\s+)?clerk\b", "clerk"),
)
_ACTS: tuple[tuple[str, str], ...] = (
    (r"\b(?:answer(?:ed|s)?|repl(?:y|ied|ies)|respond(?:ed|s)?|responses?)\b", "answered"),
    (r"\b(?:ask(?:ed|s)?|question(?:ed|s)?|quer(?:y|ied|ies)|enquir(?:e|ed|ies))\b", "asked"),
    (
        r"\b(?:promis\w*|undert(?:ake|akes|ook)|commit(?:ted|ments?|s)?|pledg\w*|agreed\s+to\s+do|actions?)\b",
        "committed",
    ),
    (r"\b(?:resol(?:ve|ved|ution|utions)|decid(?:e|ed)|decisions?|vot(?:e|ed|es|ing))\b", "resolved"),
    (r"\b(?:propos(?:e|ed|al|als)|suggest(?:ed|ion|ions)?|moved)\b", "proposed"),
)
_SCAFFOLD = re.compile(
    r"(?i)\b(?:what|which|who|whom|whose|when|where|how|why|did|do|does|was|were|is|are|has|have|had|the|a|an"
    r"|say|said|says|saying|tell|told|state|stated|mention(?:ed)?|discuss(?:ed)?|talk(?:ed)?|about|regarding"
    r"|on|of|to|in|at|for|by|any|there|anything|something|me|us|they|their|them|it|its|and|or|with|from"
    r"|during|meeting|meetings|minutes|concerning|re|please|give|show|list|find|all|do|can|could|would)\b"
)


@dataclass(frozen=True, slots=True)
class Interpretation:
    """What a question asks for; `topic` is None when only constraints are given."""

    question: str
    topic: str | None
    speaker_kind: str | None = None
    speaker: str | None = None  # a named person (surname words, lowercased) ...
    post: str | None = None  # ... or a post the store knows
    act: str | None = None
    year: str | None = None
    month: int | None = None
    council: str | None = None
    committee: str | None = None
    structured: str | None = None  # who_asked | who_answered | what_resolved | what_promised
    date_from: str | None = None  # ISO dates, inclusive; set by the UI's filters, not read from the words
    date_to: str | None = None
    notes: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, str | int | None]:
        out: dict[str, str | int | None] = {
            "speaker_kind": self.speaker_kind,
            "speaker": self.speaker or self.post,
            "act": self.act,
            "topic": self.topic,
            "year": self.year,
            "month": MONTHS[self.month - 1] if self.month else None,
            "council": self.council,
            "committee": self.committee,
            "structured": self.structured,
        }
        if self.date_from or self.date_to:
            out["date_from"], out["date_to"] = self.date_from, self.date_to
        if self.notes:
            out["notes"] = "; ".join(self.notes)
        return out


def check_question(question: str) -> str:
    text = " ".join(question.split())
    if not text:
        raise UsageError("empty question: ask about something in the minutes")
    if len(text) > MAX_QUESTION_CHARS:
        raise UsageError(f"question too long: {len(text)} characters (the limit is {MAX_QUESTION_CHARS})")
    return text


def _cut(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " + text[match.end() :]


def interpret(question: str, catalogue: Catalogue) -> Interpretation:
    """Read a question's constraints against what the store holds."""
    text = check_question(question)
    rest = text
    speaker = post = kind = act = structured = council = committee = year = None
    month: int | None = None
    if found := re.search(r"\b(?:in|during|since)\s+((?:19|20)\d\d)\b", rest):
        year = found.group(1)
        rest = _cut(rest, found)
    month_words = "|".join(MONTHS)
    if found := re.search(
        rf"(?i)\b(?:in|at|during|last|on)?\s*(?:the\s+)?({month_words})(?:\s+((?:19|20)\d\d))?\b", rest
    ):
        month = MONTHS.index(found.group(1).lower()) + 1
        year = found.group(2) or year
        rest = _cut(rest, found)
    if person := _PERSON.search(rest):
        name = re.sub(r"(?:’s|'s)$", "", person.group(1))
        speaker = " ".join(name_key(name).split()[-1:])
        rest = _cut(rest, person)
    else:
        for word in re.finditer(r"\b[A-Z][\w’'\-]+(?:’s|'s)?", rest):
            bare = name_key(word.group(0).replace("’s", "").replace("'s", ""))
            if word.start() > 0 and bare in catalogue.surnames and bare not in MONTHS:
                speaker = bare
                rest = _cut(rest, word)
                break
    if speaker is None:
        post, rest = _find_post(rest, catalogue)
    for pattern, value in _KINDS:
        if speaker is None and post is None and (found := re.search(pattern, rest, re.IGNORECASE)):
            kind = value
            rest = _cut(rest, found)
            break
    lowered = rest.lower()
    if re.match(r"\s*who\b", lowered):
        structured = "who_answered" if re.search(_ACTS[0][0], lowered) else "who_asked"
    for pattern, value in _ACTS:
        if found := re.search(pattern, rest, re.IGNORECASE):
            act = value
            rest = _cut(rest, found)
            break
    if structured == "who_asked" and act not in (None, "asked"):
        structured = None
    if structured is None and act == "resolved":
        structured = "what_resolved"
    if structured is None and act == "committed":
        structured = "what_promised"
    if structured == "who_asked":
        act = "asked"
    if structured == "who_answered":
        rest = re.sub(r"(?i)\bquestions?\b", " ", rest)
    for name in sorted(catalogue.committees, key=len, reverse=True):
        if found := re.search(rf"(?i)\b{re.escape(name)}\b", rest):
            committee = name
            rest = _cut(rest, found)
            break
    for words, name in sorted(catalogue.councils.items(), key=lambda kv: -len(kv[0])):
        if words and (
            found := re.search(rf"(?i)\b{re.escape(words)}\b(?:\s+(?:county|city|parish|town))?(?:\s+council)?", rest)
        ):
            council = name
            rest = _cut(rest, found)
            break
    topic_words = [w for w in re.findall(r"[\w’'\-]+", _SCAFFOLD.sub(" ", rest)) if len(w) > 1]
    topic = " ".join(topic_words) or None
    notes = () if topic or speaker or post or kind or act else ("nothing to search for in the question",)
    return Interpretation(
        question=text,
        topic=topic,
        speaker_kind=kind,
        speaker=speaker,
        post=post,
        act=act,
        year=year,
        month=month,
        council=council,
        committee=committee,
        structured=structured,
        notes=notes,
    )


def _find_post(text: str, catalogue: Catalogue) -> tuple[str | None, str]:
    """A post the store knows, named in the question ("the Assistant Director", "the Clerk")."""
    best: tuple[float, str, re.Match[str]] | None = None
    for match in re.finditer(r"\b[Tt]he\s+((?:[A-Z][\w’'\-]*(?:\s+(?:of|for|and|&))?\s*)+)", text):
        phrase = match.group(1).strip()
        if len(phrase) < 4:
            continue
        for known in catalogue.posts:
            score = post_similarity(phrase, known)
            if score >= 0.75 and (best is None or score > best[0]):
                best = (score, phrase, match)
    if best is None:
        return None, text
    return best[1], _cut(text, best[2])
