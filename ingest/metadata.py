"""Council, committee and date of a meeting when the text does not say: from the file's name and
path, and from what the user states on the command line (which wins over everything).

Councils' downloads name files in many ways: our corpus convention `council_committee_2025-01-09.txt`,
ModernGov's "Printed minutes 09th-Jan-2025 10.00 Cabinet.pdf", or folders such as
`kent/cabinet/2025-01-09/minutes.pdf`. Each is read for what it states and nothing more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from ingest.errors import UsageError

_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_ISO = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")
_DAY_MONTH_YEAR = re.compile(r"(?<![\d])(\d{1,2})(?:st|nd|rd|th)?[-_ ]+([a-z]{3,9})[-_ ,]+(\d{4})(?!\d)", re.I)
_MONTH_DAY_YEAR = re.compile(r"(?<![a-z])([a-z]{3,9})[-_ ]+(\d{1,2})(?:st|nd|rd|th)?[-_ ,]+(\d{4})(?!\d)", re.I)
_GENERIC_FOLDERS = {"minutes", "downloads", "download", "documents", "docs", "files", "pdf", "pdfs", "data", "meetings"}


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    """What is known of a meeting apart from its text; None where unknown."""

    council: str | None = None
    committee: str | None = None
    date: str | None = None  # ISO 8601

    def over(self, other: MeetingFacts) -> MeetingFacts:
        """These facts where stated, the other's elsewhere."""
        return MeetingFacts(self.council or other.council, self.committee or other.committee, self.date or other.date)


def checked_date(value: str) -> str:
    """A user's --date as ISO 8601, or a UsageError naming the value."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"--date {value!r}: expected YYYY-MM-DD") from None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def date_in(words: str) -> str | None:
    """The first whole date in a file name or folder: 2025-01-09, 20250109, 09th-Jan-2025, Jan 9 2025."""
    found: list[tuple[int, str]] = []
    for match in _ISO.finditer(words):
        iso = _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if iso:
            found.append((match.start(), iso))
    for pattern, day_group, month_group in ((_DAY_MONTH_YEAR, 1, 2), (_MONTH_DAY_YEAR, 2, 1)):
        for match in pattern.finditer(words):
            month = match.group(month_group)[:3].lower()
            if month in _MONTHS and match.group(month_group).lower() in _month_forms(month):
                iso = _valid(int(match.group(3)), _MONTHS.index(month) + 1, int(match.group(day_group)))
                if iso:
                    found.append((match.start(), iso))
    return min(found)[1] if found else None


def _month_forms(short: str) -> set[str]:
    full = "january february march april may june july august september october november december".split()
    name = full[_MONTHS.index(short)]
    return {short, name, "sept"} if short == "sep" else {short, name}


def _title(slug: str) -> str:
    return re.sub(r"[-_]+", " ", slug).strip().title()


def name_convention(source: str) -> MeetingFacts | None:
    """`council_committee_YYYY-MM-DD.txt`, the naming of our corpus: structured, so trusted first."""
    parts = PurePosixPath(source.replace("\\", "/")).stem.split("_")
    stem_date = next((p for p in parts if re.fullmatch(r"\d{4}-\d{2}-\d{2}", p)), None)
    if len(parts) >= 3 and stem_date and parts[0] != stem_date:
        return MeetingFacts(_title(parts[0]), _title(parts[1]) if parts[1] != stem_date else None, stem_date)
    return None


def facts_from_path(source: str) -> MeetingFacts:
    """Facts any other path states: a date in the file name or a folder, and for
    `.../council/committee/file` the two folder names (one folder alone is too ambiguous to use)."""
    path = PurePosixPath(source.replace("\\", "/"))
    found = date_in(path.stem) or next((d for d in map(date_in, reversed(path.parent.parts)) if d), None)
    named = [
        p
        for p in path.parent.parts
        if p not in {"", ".", "..", "/"} and not date_in(p) and not p.isdigit() and p.lower() not in _GENERIC_FOLDERS
    ]
    if len(named) >= 2:
        return MeetingFacts(_title(named[-2]), _title(named[-1]), found)
    return MeetingFacts(date=found)
