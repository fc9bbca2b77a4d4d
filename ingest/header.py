"""Header metadata and attendance lists: who was there, under which label, with which post."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.model import Attendee, Span, SpeakerKind
from ingest.vocabulary import CHAIR_WORDS, CLERK_WORDS, POLICE_WORDS, POST_HEADS

# label pattern -> (status, default kind)
_LABELS: list[tuple[str, str, str]] = [
    (r"IN THE CHAIR", "present", "chair"),
    (
        r"(?:SPC |Committee )?Members Present|THOSE PRESENT WERE|Those Attending|Those Present"
        r"|PRESENT(?: \([^)]*\))?|Present|Attendance",
        "present",
        "councillor",
    ),
    (r"COUNCILLORS|Councillors Present", "present", "councillor"),
    (r"OIREACHTAS MEMBERS", "present", "councillor"),
    (r"ALSO PRESENT|Also Present|Also,? in attendance|Also in Attendance", "in_attendance", "unknown"),
    (
        r"OFFICERS IN ATTENDANCE|Officers in Attendance|IN ATTENDANCE|In Attendance|OFFICIALS|Officials|Officers"
        r"|Staff and visitors present|Staff Present|Staff",
        "in_attendance",
        "officer",
    ),
    (r"Remote Attendance", "in_attendance", "unknown"),
    (r"GARDA NOMINATIONS", "present", "police"),
    (r"COMMUNITY\s+REPRESENTATIVES|Community Representatives", "present", "external"),
    (r"APOLOGIES(?: FOR ABSENCE)?|Apologies(?: for absence)?|Regrets|Absent", "apologies", "councillor"),
]
_LABEL = re.compile(
    r"(?:^[ \t]*|(?<=  ))(?P<label>" + "|".join(f"(?:{p})" for p, _, _ in _LABELS) + r")[ \t]*(?::|-|–)?[ \t]*[-–]?",
    re.MULTILINE,
)
_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Cllr|Councillor|Councilor|Mayor|Commissioner|Prof|Rev)s?\.?"
_NAME_TOKEN = r"(?:[A-Z][\w’'\-]*\.?|[A-Z]\.)"
_PAREN = re.compile(r"\(([^()]*)\)")
_INITIALS = re.compile(r"^[A-Z]{2,4}$")
_MONTHS = "January February March April May June July August September October November December".split()
_DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th|™|“)?\s+(?:day\s+of\s+)?(" + "|".join(_MONTHS) + r"),?\s+(\d{4})\b"
    r"|\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Header:
    attendance: tuple[Attendee, ...]
    end: int  # where the header's last attendance list ends
    date: str | None
    title: str | None
    venue: str | None


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
    if re.search(r"\b(cabinet member|portfolio holder|leader|councillor|cllr|mayor|t\.d\.|vice-chair)", low):
        return "councillor"
    if re.search(
        r"\b(director|manager|officer|engineer|executive|analyst|head of|solicitor|counsel|planner"
        r"|treasurer|secretary|administrator|assistant|attorney|ceo|cao|edo|superintendent)\b",
        low,
    ):
        return "officer" if default in ("officer", "unknown", "councillor") else default
    if words & {"resident", "parishioner", "public"}:
        return "public"
    return default


def iso_date(text: str) -> str | None:
    """The first full date in the text, ISO formatted."""
    match = _DATE.search(text)
    if not match:
        return None
    if match.group(1):
        day, month, year = match.group(1), match.group(2), match.group(3)
    else:
        month, day, year = match.group(4), match.group(5), match.group(6)
    month_number = [m.lower() for m in _MONTHS].index(month.lower()) + 1
    return f"{int(year):04d}-{month_number:02d}-{int(day):02d}"


_ORG_WORDS = {
    "council",
    "county",
    "borough",
    "parish",
    "district",
    "city",
    "ltd",
    "limited",
    "services",
    "group",
    "police",
    "garda",
    "association",
    "agency",
    "department",
    "board",
    "trust",
}
_NUMBER_WORDS = set("one two three four five six seven eight nine ten eleven twelve twenty".split())
_PREFIXES = re.compile(
    r"^(?:(?:were|was)\s+)?(?:received\s+and\s+accepted|received|accepted)\s+(?:from|for)\s+|^(?:Councillors|Councilors"
    r"|Councilor[’']s|Cllrs\.?|Commissioners|Members|VIRTUALLY:|Virtually:)\s+",
)
_SUFFIXES = re.compile(r"\s+(?:was|were)\s+(?:in\s+attendance|present).*$|\s*\((?:virtually|remote)\)", re.IGNORECASE)
_POSTNOMINAL = re.compile(r"^(?:CBE|OBE|MBE|MP|T\.?D\.?|TD|MEP|QC|KC|JP|Presiding)$")


def _split_entries(text: str, start: int, end: int) -> list[Span]:
    """Attendance entries: by line when each line is one person, else by commas, semicolons and 'and'."""
    block = text[start:end]
    lines = [ln for ln in block.split("\n") if ln.strip()]
    per_line = (
        len(lines) >= 3
        and all(re.match(r"\s*" + _HONORIFIC + r"\s", ln) for ln in lines)
        and not any(re.search(r",\s*" + _HONORIFIC + r"\s", ln) for ln in lines)
    )
    if per_line:
        separators = r"\n"
    else:
        separators = r"[,;]|\s+and\s+|\s+&\s+|(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Dr)(?<!Cllr)\.\s+(?=[A-Z])|:\s+(?=\()"
        if "," not in block:
            separators += r"|\s+(?=(?:Cllr|Mr|Mrs|Ms|Dr)\.?\s)"
    pattern = re.compile(separators)
    spans: list[Span] = []
    cursor = pos = start
    depth = 0
    while pos < end:
        ch = text[pos]
        depth = depth + 1 if ch == "(" else max(0, depth - 1) if ch == ")" else depth
        if depth == 0 and ch != ")":
            match = pattern.match(text, pos, end)
            if match and match.end() > pos and not (ch == "." and _is_initial_dot(text, pos)):
                spans.append(Span(cursor, pos))
                cursor = pos = match.end()
                continue
        pos += 1
    spans.append(Span(cursor, end))
    out = []
    for span in spans:
        s, e = span.start, span.end
        while s < e and text[s] in " \t\n-–.:":
            s += 1
        while e > s and text[e - 1] in " \t\n.,":
            e -= 1
        if e > s:
            out.append(Span(s, e))
    return out


def _is_initial_dot(text: str, pos: int) -> bool:
    return pos >= 1 and text[pos - 1].isupper() and (pos < 2 or not text[pos - 2].isalpha())


def _is_role_text(value: str) -> bool:
    words = re.findall(r"[A-Za-z\-]+", value.lower())
    return (
        bool(words)
        and any(w in POST_HEADS or w == "presiding" for w in words)
        and not re.match(_HONORIFIC + r"\s", value)
    )


def _split_name(value: str) -> tuple[str, str | None]:
    """'Cllr Martin Storey Norfolk County Council' -> ('Cllr Martin Storey', 'Norfolk County Council')."""
    tokens = value.split()
    taken: list[str] = []
    names = 0
    for index, token in enumerate(tokens):
        bare = token.strip(",.").lower()
        ahead = [t.strip(",.").lower() for t in tokens[index : index + 3]]
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if not taken and bare in ("county", "borough", "district") and re.fullmatch(_HONORIFIC, following):
            taken.append(token)  # "County Councillor Joseph Davies"
            continue
        if re.fullmatch(_HONORIFIC, token) and names == 0 and len(taken) <= 1:
            taken.append(token)
            continue
        if bare in POST_HEADS or not token[:1].isupper() or bare in _NUMBER_WORDS:
            break
        if names >= 1 and bare in _ORG_WORDS:
            break  # "Cllr T Ryves Police Matters"
        if names >= 2 and (any(a in _ORG_WORDS for a in ahead) or ahead[1:2] and ahead[1] in POST_HEADS):
            break  # "Cllr Martin Storey Norfolk County Council", "Mr Chris Philpott Footpath Warden"
        if names >= 2 and index + 1 < len(tokens) and re.fullmatch(r"[a-z]{3,}", tokens[index + 1]):
            break  # "Helen Richardson Ten members of the public"
        if names >= 3 and not re.fullmatch(r"[A-Z]\.?", token):
            break
        taken.append(token)
        names += 0 if re.fullmatch(r"[A-Z]\.?", token) else 1
    rest = " ".join(tokens[len(taken) :]).strip(" ,–-")
    return " ".join(taken), (rest or None)


def _attendee(text: str, span: Span, status: str, default: SpeakerKind) -> Attendee | None:
    raw = re.sub(r"\s+", " ", text[span.start : span.end])
    raw = _SUFFIXES.sub("", _PREFIXES.sub("", raw)).strip()
    role: str | None = None
    initials: str | None = None
    labelled = re.match(r"^([A-Z][\w ]{2,40}?):\s*(.+)$", raw)  # "Locum Clerk: Helen Richardson"
    if labelled and _is_role_text(labelled.group(1)):
        role, raw = labelled.group(1), labelled.group(2)
    name = raw
    for inner in _PAREN.findall(raw):
        inner_clean = inner.strip()
        if _INITIALS.match(inner_clean):
            initials = inner_clean
        elif re.match(_HONORIFIC + r"\s", inner_clean) or re.match(r"^[A-Z]\.?\s", inner_clean):
            role, name = _PAREN.sub("", raw).strip(" ,–-"), inner_clean  # "Chief Superintendent (Mr. D. Smart)"
        else:
            role = inner_clean
    if name is raw:
        name = _PAREN.sub("", raw)
    dash = re.search(r"\s[–-]\s*(.+)$", name)
    if dash:
        role = role or dash.group(1).strip()
        name = name[: dash.start()]
    if "," in name and role is None:
        head, _, tail = name.partition(",")
        if _is_role_text(tail):
            name, role = head, tail.strip()
    name = name.strip(" ,.;:")
    if not name or _POSTNOMINAL.match(name) or name[0].isdigit():
        return None
    if _is_role_text(name) and (role is None or role == name) and not re.match(_HONORIFIC + r"\s", name):
        return Attendee(
            name=name, kind=classify_role(name, default), role=name, status=status, span=span, initials=initials
        )  # type: ignore[arg-type]
    name, rest = _split_name(name)
    role = role or rest
    if not name or not re.search(r"[A-Z][a-z]", name) and not re.search(r"[A-Z]\.", name):
        return None
    if len(name.split()) > 6 or re.fullmatch(_HONORIFIC, name):
        return None
    if re.match(r"(?:Cllr|Councillor|Councilor)s?\b", name) and default in ("unknown", "officer"):
        default = "councillor"
    kind = classify_role(role, default)
    if re.match(r"Mayor\b", raw) and ("presiding" in text[span.start : span.end + 14].lower()):
        kind = "chair"
    return Attendee(name=name, kind=kind, role=role, status=status, span=span, initials=initials)  # type: ignore[arg-type]


def parse_header(text: str, body_start: int | None = None) -> Header:
    """Attendance lists from the labelled blocks before the body; the meeting date and title."""
    limit = body_start if body_start is not None else len(text)
    limit = min(limit, len(text))
    attendees: list[Attendee] = []
    labels = [m for m in _LABEL.finditer(text, 0, limit) if _label_is_list(text, m)]
    header_end = 0
    for index, match in enumerate(labels):
        label = match.group("label")
        status, default = next((s, k) for p, s, k in _LABELS if re.fullmatch(p, label))
        block_start = match.end()
        block_end = labels[index + 1].start() if index + 1 < len(labels) else _block_end(text, block_start, limit)
        block_end = min(block_end, _block_end(text, block_start, limit))
        header_end = max(header_end, block_end)
        for entry in _split_entries(text, block_start, block_end):
            defined = re.fullmatch(r"\(?([A-Z]{2,3})\)?", text[entry.start : entry.end].strip())
            if defined and attendees and attendees[-1].initials is None:  # "Jon Miles, Director ... (JM)"
                attendees[-1] = replace(attendees[-1], initials=defined.group(1))
                continue
            attendee = _attendee(text, entry, status, default)  # type: ignore[arg-type]
            if attendee:
                attendees.append(attendee)
    attendees = _attach_roles(_split_pairs(text, attendees))
    head = text[: max(header_end, 600)]
    title_line = next((ln.strip() for ln in text.split("\n") if ln.strip()), None)
    venue_match = re.search(r"(?:held (?:in|at)|Venue:)\s+(?:the\s+)?([^\n,.]{3,80})", head)
    return Header(
        attendance=tuple(attendees),
        end=header_end,
        date=iso_date(head),
        title=title_line[:200] if title_line else None,
        venue=venue_match.group(1).strip() if venue_match else None,
    )


def _label_is_list(text: str, match: re.Match[str]) -> bool:
    """A label opens a list only at a line start and when names follow, not in running prose."""
    after = text[match.end() : match.end() + 80]
    label = match.group("label")
    if not after.strip():
        return False
    if label[0].islower() or label in ("Present", "Attendance", "Officers", "Staff", "Absent", "Regrets"):
        return bool(re.search(r"[:\-–]", match.group(0)[len(label) :]))
    return True


def _block_end(text: str, start: int, limit: int) -> int:
    """A list ends at a blank line followed by prose, or at a long line of prose."""
    pos = start
    while pos < limit:
        nl = text.find("\n", pos, limit)
        if nl < 0:
            return limit
        line = text[pos:nl]
        if pos - start > 2500:
            return pos
        if re.search(r"\b(?:welcomed|opened|took|declared|arrived|called|adopted)\b", line) and pos > start:
            return pos
        if pos > start and re.fullmatch(r"[A-Z][A-Z &]{3,}", line.strip()):
            return pos
        following_nl = text.find("\n", nl + 1)
        nxt = text[nl + 1 : following_nl if following_nl >= 0 else limit]
        if not nxt.strip():
            # blank line: the list goes on only if the next text line continues it
            following = text[nl + 1 : limit].lstrip("\n")
            first = following.split("\n", 1)[0]
            if (
                not first
                or _LABEL.match(first)
                or not re.match(r"\s*(?:[A-Z][a-z]*\.?\s|[A-Z]\.)", first)
                or len(first) > 40
                and "," not in first
                or first.rstrip().endswith(":")
            ):
                return nl
            if re.match(r"\s*\d", first):
                return nl
        pos = nl + 1
    return limit


def _split_pairs(text: str, attendees: list[Attendee]) -> list[Attendee]:
    """'Cllr Gail Reeve Helen Richardson Parish Clerk': an unpunctuated list runs two people together."""
    out: list[Attendee] = []
    for attendee in attendees:
        name, rest = _split_name(attendee.role or "")
        entry = text[attendee.span.start : attendee.span.end]
        if (
            attendee.role
            and rest
            and not re.search(r"[(),:]", entry)
            and len(name.split()) >= 2
            and _is_role_text(rest)
            and name != attendee.role
        ):
            first: SpeakerKind = "councillor" if attendee.status != "in_attendance" else "unknown"
            if re.match(r"(?:Cllr|Councillor|Councilor)s?\b", attendee.name):
                first = "councillor"
            out.append(replace(attendee, role=None, kind=first))
            out.append(replace(attendee, name=name, role=rest, kind=classify_role(rest, attendee.kind)))
        else:
            out.append(attendee)
    return out


def _attach_roles(attendees: list[Attendee]) -> list[Attendee]:
    """'Jon Miles, Director of Glazewing' splits at the comma: give the post back to the name before it."""
    out: list[Attendee] = []
    pending_role: Attendee | None = None
    for attendee in attendees:
        if (
            pending_role is not None
            and attendee.role is None
            and attendee.name != pending_role.name
            and attendee.status == pending_role.status
        ):
            kind = classify_role(pending_role.role, attendee.kind)
            attendee = replace(
                attendee, kind=kind, role=pending_role.role, span=Span(pending_role.span.start, attendee.span.end)
            )
        pending_role = None
        if attendee.role == attendee.name and (not out or out[-1].role is not None):
            pending_role = attendee  # "An Cathaoirleach, Cllr. Stephen Keary": the post comes first
            continue
        if out and attendee.role == attendee.name and out[-1].role is None and _is_role_text(attendee.name):
            previous = out[-1]
            kind = classify_role(attendee.role, previous.kind)
            out[-1] = replace(
                previous, kind=kind, role=attendee.role, span=Span(previous.span.start, attendee.span.end)
            )
            continue
        out.append(attendee)
    return out
