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
