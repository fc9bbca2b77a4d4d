"""The kind of speaker a post title makes: a Chair chairs, a Garda is police, a Director is an officer."""

from __future__ import annotations

import re

from ingest.model import SpeakerKind
from ingest.vocabulary import CHAIR_WORDS, CLERK_WORDS, POLICE_WORDS

# Words that name a council's own department ("Director of Children's Services"), not an outside body.
_DEPARTMENT_WORDS = set(
    "services service planning finance financial housing education children adult adults health environment "
    "transport highways law legal governance resources operations commissioning strategy strategic development "
    "regeneration communities community people place economy economic public social care customer corporate "
    "democratic digital property infrastructure growth safeguarding policy council county borough city district "
    "parish town department directorate programme programmes schools learning skills culture leisure waste "
    "climate estates human technology information ict communications marketing procurement audit risk performance "
    "projects engineering roads water parks recreation libraries revenues benefits licensing assets facilities "
    "transformation environmental neighbourhoods change personnel administration research intelligence works "
    "operational emergency sport tourism arts heritage".split()
)
_OUTSIDE_POST = re.compile(
    r"(?i)\b(?:co-chair|(?:managing |company |regional |area )?director|chief executive|ceo|chair|representative"
    r"|manager|founder|owner|partner|trustee)\s+(?:of\s+|for\s+|at\s+|from\s+)?(?:the\s+)?(?P<org>[A-Z][\w&'’\- ]*)$"
)


def _outside_body(role: str) -> bool:
    """'Director of Glazewing', 'Co-Chair Kent Housing Options Subgroup': a post in another organisation."""
    match = _OUTSIDE_POST.search(role.strip(" .,"))
    if not match or not match.group("org").strip():
        return False
    if role.lower().startswith("co-chair"):
        return True
    org = set(re.findall(r"[a-z]+", match.group("org").lower()))
    return bool(org) and not org & _DEPARTMENT_WORDS and bool(re.search(r"\b(?:of|for|at|from)\s", role))


def classify_role(role: str | None, default: SpeakerKind) -> SpeakerKind:
    """Kind from a post title: a Chair is the chair, a Garda is police, a Director is an officer."""
    if not role:
        return default
    low = role.lower()
    words = set(re.findall(r"[a-zí.\-]+", low))
    if words & CHAIR_WORDS and "vice" not in low and "deputy" not in low:
        return "chair"
    if (words & CLERK_WORDS or "clerk" in low) and "deputy" not in low and "assistant" not in low:
        return "clerk"
    if words & POLICE_WORDS and "sergeant at arms" not in low:
        return "police"
    if _outside_body(role):
        return "external"
    if re.search(r"\b(cabinet member|portfolio holder|leader|councillor|cllr|mayor|t\.d\.|vice-chair)", low):
        return "councillor"
    if re.search(
        r"\b(director|manager|officer|engineer|executive|analyst|head of|solicitor|counsel|planner"
        r"|treasurer|secretary|administrator|assistant|attorney|ceo|cao|edo|superintendent)\b",
        low,
    ):
        return "officer" if default in ("officer", "unknown", "councillor") else default
    if words & {"resident", "parishioner"} or re.search(r"\bmembers? of the public\b|^(?:the )?public$", low):
        return "public"  # not "Lead for Public Health"
    return default
