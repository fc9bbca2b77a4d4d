"""Header metadata and attendance lists: who was there, under which label, with which post."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.attendance import CELL_GAP, attach_roles, attendee_from, is_table, split_entries, split_pairs
from ingest.model import Attendee

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
    (
        r"ALSO PRESENT|Also Present|Also,? in attendance|Also in Attendance|(?:Other )?Invitees|(?:OTHER )?INVITEES",
        "in_attendance",
        "unknown",
    ),
    (
        r"OFFICERS IN ATTENDANCE|Officers in Attendance|IN ATTENDANCE|In Attendance"
        r"|(?:OFFICIALS|Officials|OFFICERS|Officers)(?: PRESENT| Present)?"
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
        table = is_table(text[block_start:block_end].split("\n"))
        for entry in split_entries(text, block_start, block_end):
            defined = re.fullmatch(r"\(?([A-Z]{2,3})\)?", text[entry.start : entry.end].strip())
            if defined and attendees and attendees[-1].initials is None:  # "Jon Miles, Director ... (JM)"
                attendees[-1] = replace(attendees[-1], initials=defined.group(1))
                continue
            attendee = attendee_from(text, entry, status, default, table)  # type: ignore[arg-type]
            if attendee:
                attendees.append(attendee)
    attendees = attach_roles(split_pairs(text, attendees))
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
            line_after = following.split("\n", 1)[0]
            first = re.sub(r"\s+", " ", line_after)
            row = bool(CELL_GAP.search(line_after.strip())) and len(first) <= 80  # a table row, not prose
            # "... Kilcoyne, Leddin," then "McSweeney, Mitchell, ...": a list broken after a comma runs on
            runs_on = line.rstrip().endswith(",") and bool(first.strip()) and not _LABEL.match(first)
            if not runs_on and (
                not first
                or _LABEL.match(first)
                or not re.match(r"\s*(?:[A-Z][a-z]*\.?\s|[A-Z]\.)", first)
                or len(first) > 40
                and "," not in first
                and not row
                or first.rstrip().endswith(":")
                or re.match(r"\s*\d", first)
            ):
                return nl
        pos = nl + 1
    return limit
