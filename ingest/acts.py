"""Whether a sentence records a commitment: something promised for later, not just reported."""

from __future__ import annotations

import re

from ingest.vocabulary import COMMIT_VERBS, PASSIVE_COMMIT_PARTICIPLES

_COMMIT = re.compile(
    r"\b(?:would|will|shall|'ll|agreed to|undertook to|offered to|promised to|is to|was to|were to|are to|to)\s+"
    r"(?:also\s+|now\s+|then\s+|further\s+|personally\s+|kindly\s+|be\s+(?:happy|able|pleased|willing)\s+to\s+)?"
    r"(?P<verb>[a-z]+)\b"
)
_PASSIVE_COMMIT = re.compile(r"\b(?:would|will|could|shall|to)\s+be\s+(?P<verb>[a-z]+)\b")
_FUTURE_MARKERS = re.compile(
    r"(?i)\b(?:next meeting|report back|in due course|after the meeting|outside the meeting"
    r"|by the next|before the next|following the meeting|at a later date)\b"
)


def is_commitment(sentence: str) -> bool:
    """Future action promised: 'would look into', 'agreed to report back', 'would be invited to'."""
    for match in _COMMIT.finditer(sentence):
        word = match.group(0).split()[0].lower()
        if re.search(r"\b(?:and|which|that|who)\s+$", sentence[max(0, match.start() - 8) : match.start()]):
            continue
        if match.group("verb") in COMMIT_VERBS and word != "to":
            return True
        if (
            word == "to"
            and match.group("verb") in COMMIT_VERBS
            and re.search(
                r"\b(?:agreed|undertook|offered|promised|volunteered|asked|would|will)\s+(?:\w+\s+){0,2}to\s+"
                + match.group("verb"),
                sentence,
            )
        ):
            return True
    for match in _PASSIVE_COMMIT.finditer(sentence):
        if re.search(r"\b(?:and|which|that|who)\s+$", sentence[max(0, match.start() - 8) : match.start()]):
            continue
        if match.group("verb") in PASSIVE_COMMIT_PARTICIPLES:
            return True
    return bool(_FUTURE_MARKERS.search(sentence) and re.search(r"\b(?:would|will)\b", sentence))


_SELF_SUBJECT = re.compile(r"(?i)\b(?:he|she|i|we)\s+(?:\w+ly\s+|also\s+|then\s+)?$")
_TAKES_ON = re.compile(
    r"\b(?:agreed|offered|undertook|promised|volunteered)\s+to\s+(?:also\s+|further\s+|personally\s+)?(?P<verb>[a-z]+)\b"
)


# Passives that report what will happen rather than what the speaker will deliver ("would be discussed on the day").
_EVENTS = {"discussed", "published", "made", "held", "considered", "reviewed", "examined", "explored"}


def _own_clause(before: str) -> bool:
    """Whether a subjectless "and would ..." continues the speaker or their team, not someone in a that-clause
    ("added that schools had undertaken their audit, and would respond" is the schools' doing)."""
    clauses = list(re.finditer(r"\bthat\s+(?P<subject>(?:the\s+)?[\w’'\-]+)", before))
    if not clauses:
        return True
    clause = clauses[-1]
    return bool(
        re.fullmatch(r"(?i)she|he|i|we|(?:the\s+)?(?:team|service|officers?|council|clerk)", clause.group("subject"))
    )


def speaker_commits(sentence: str) -> bool:
    """The reported speaker promises ("she would circulate", "agreed to report back", "would be shared"),
    not a third party or a forecast ("devolution would bring", "the decision would be made by government")."""
    for match in _TAKES_ON.finditer(sentence):
        if match.group("verb") in COMMIT_VERBS or match.group("verb") in ("be", "add", "write", "speak"):
            return True
    for match in _COMMIT.finditer(sentence):
        word = match.group(0).split()[0].lower()
        if word in ("would", "will", "shall", "'ll") and match.group("verb") in COMMIT_VERBS:
            before = sentence[max(0, match.start() - 20) : match.start()]
            if _SELF_SUBJECT.search(before):
                return True  # "she would circulate"
            if re.search(r"\b(?:but|and)\s+(?:also\s+)?$", before) and _own_clause(sentence[: match.start()]):
                return True  # "stated that the team used ..., but would look into the suggestion"
            if re.fullmatch(r"(?:(?:[A-Z][\w.’'\-]*|[Tt]he|of|for)\s+)+", sentence[: match.start()]):
                return True  # straight after the speaker: "Cllr. O. Williams would send a letter"
    for match in _PASSIVE_COMMIT.finditer(sentence):
        if re.search(r"\b(?:and|which|that|who)\s+$", sentence[max(0, match.start() - 8) : match.start()]):
            continue
        verb = match.group("verb")
        if verb not in PASSIVE_COMMIT_PARTICIPLES or verb in _EVENTS or match.group(0).startswith("to "):
            continue
        if re.match(r"\s+by\b", sentence[match.end() :]) or re.search(r"(?i)\bif\b", sentence[: match.start()]):
            continue  # done by someone named, or only if something happens
        return True  # "the questionnaire could be shared with Members": an undertaking with the agent left out
    return bool(_FUTURE_MARKERS.search(sentence) and re.search(r"(?i)\b(?:he|she|i|we)\s+(?:would|will)\b", sentence))
