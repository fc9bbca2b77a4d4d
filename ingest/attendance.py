"""One attendance list entry to one Attendee: names, posts, initials, run-together lists."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.model import Attendee, Span, SpeakerKind
from ingest.roles import classify_role
from ingest.vocabulary import POST_HEADS

HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Cllr|Councillor|Councilor|Mayor|Commissioner|Prof|Rev)s?\.?"
_PAREN = re.compile(r"\(([^()]*)\)")
_INITIALS = re.compile(r"^[A-Z]{2,4}$")
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
CELL_GAP = re.compile(r"[ \t]*\t[ \t]*| {2,}")  # columns of a table row: a tab or a run of spaces


def is_table(lines: list[str]) -> bool:
    """An attendance table ('Cllr Jo Bruce      JB      Chairperson'): most lines split into columns."""
    rows = [ln.strip() for ln in lines if ln.strip()]
    split = sum(bool(CELL_GAP.search(row)) for row in rows)
    listed = any(row.count(",") >= 2 for row in rows)  # "Cllr A, Cllr B, Cllr C": a run-on list, not a table
    return len(rows) >= 2 and not listed and split >= max(1, 0.5 * len(rows))


def _cells(raw: str) -> tuple[str, str | None, str | None]:
    """A table row's name, initials column and post column; a row without columns is all name."""
    cells = [c for c in CELL_GAP.split(raw.strip()) if c]
    if len(cells[0].split()) < 2:
        return re.sub(r"\s+", " ", raw), None, None  # "Cllr  John Smith": a doubled space, not columns
    initials = next((c for c in cells[1:] if _INITIALS.match(c)), None)
    role = " ".join(c for c in cells[1:] if c != initials) or None
    return (cells[0] if cells else ""), initials, role


def split_entries(text: str, start: int, end: int) -> list[Span]:
    """Attendance entries: by line when each line is one person, else by commas, semicolons and 'and'."""
    block = text[start:end]
    lines = [ln for ln in block.split("\n") if ln.strip()]
    per_line = is_table(lines) or (
        len(lines) >= 3
        and all(re.match(r"\s*" + HONORIFIC + r"\s", ln) for ln in lines)
        and not any(re.search(r",\s*" + HONORIFIC + r"\s", ln) for ln in lines)
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
        and not re.match(HONORIFIC + r"\s", value)
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
        if not taken and bare in ("county", "borough", "district") and re.fullmatch(HONORIFIC, following):
            taken.append(token)  # "County Councillor Joseph Davies"
            continue
        if re.fullmatch(HONORIFIC, token) and names == 0 and len(taken) <= 1:
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


def attendee_from(text: str, span: Span, status: str, default: SpeakerKind, table: bool = False) -> Attendee | None:
    """`table`: the entry is a row of an attendance table, its columns name, initials and post."""
    entry = text[span.start : span.end]
    role: str | None = None
    initials: str | None = None
    if table and "\n" not in entry:
        entry, initials, role = _cells(entry)
    raw = re.sub(r"\s+", " ", entry)
    raw = _SUFFIXES.sub("", _PREFIXES.sub("", raw)).strip()
    labelled = re.match(r"^([A-Z][\w ]{2,40}?):\s*(.+)$", raw)  # "Locum Clerk: Helen Richardson"
    if labelled and _is_role_text(labelled.group(1)):
        role, raw = labelled.group(1), labelled.group(2)
    name = raw
    for inner in _PAREN.findall(raw):
        inner_clean = inner.strip()
        if _INITIALS.match(inner_clean):
            initials = inner_clean
        elif re.match(HONORIFIC + r"\s", inner_clean) or re.match(r"^[A-Z]\.?\s", inner_clean):
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
    if _is_role_text(name) and (role is None or role == name) and not re.match(HONORIFIC + r"\s", name):
        return Attendee(
            name=name, kind=classify_role(name, default), role=name, status=status, span=span, initials=initials
        )  # type: ignore[arg-type]
    name, rest = _split_name(name)
    role = role or rest
    if not name or not re.search(r"[A-Z][a-z]", name) and not re.search(r"[A-Z]\.", name):
        return None
    if len(name.split()) > 6 or re.fullmatch(HONORIFIC, name):
        return None
    if re.match(r"(?:Cllr|Councillor|Councilor)s?\b", name) and default in ("unknown", "officer"):
        default = "councillor"
    kind = classify_role(role, default)
    if re.match(r"Mayor\b", raw) and ("presiding" in text[span.start : span.end + 14].lower()):
        kind = "chair"
    return Attendee(name=name, kind=kind, role=role, status=status, span=span, initials=initials)  # type: ignore[arg-type]


def split_pairs(text: str, attendees: list[Attendee]) -> list[Attendee]:
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


def attach_roles(attendees: list[Attendee]) -> list[Attendee]:
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
