from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.errors import UsageError
from ingest.metadata import MeetingFacts, checked_date, date_in, facts_from_path, name_convention
from ingest.parser import parse
from ingest.reading import read_bytes

TEXT = b"Minutes of the meeting held on 3 March 2025.\n\n1. Apologies\n\nThe Chair welcomed everyone to the meeting.\n"


@pytest.mark.parametrize(
    ("words", "iso"),
    [
        ("2025-01-09", "2025-01-09"),
        ("minutes_20250109", "2025-01-09"),
        ("Printed minutes 09th-Jan-2025 10.00 Cabinet", "2025-01-09"),
        ("Jan 9 2025", "2025-01-09"),
        ("9 September 2024", "2024-09-09"),
        ("Sept 30, 2024 council", "2024-09-30"),
        ("report-2025-13-40", None),  # no such month
        ("agenda item 12345678", None),
        ("cabinet", None),
    ],
)
def test_dates_in_file_names(words: str, iso: str | None) -> None:
    assert date_in(words) == iso


@given(st.dates())
def test_an_iso_date_in_a_name_is_read_back(day) -> None:  # type: ignore[no-untyped-def]
    if 1900 <= day.year <= 2100:
        assert date_in(f"minutes_{day.isoformat()}_final") == day.isoformat()


def test_corpus_convention_and_folders() -> None:
    assert name_convention("kent-county-council_cabinet_2025-01-09.txt") == MeetingFacts(
        "Kent County Council", "Cabinet", "2025-01-09"
    )
    assert name_convention("thurrock.txt") is None
    assert facts_from_path("kent-county-council/cabinet/2025-01-09/minutes.pdf") == MeetingFacts(
        "Kent County Council", "Cabinet", "2025-01-09"
    )
    # one folder alone could be the council or the committee: not guessed; a year folder is no name
    assert facts_from_path("cabinet/minutes.pdf") == MeetingFacts()
    assert facts_from_path("2024/minutes 9 Jan 2025.pdf") == MeetingFacts(date="2025-01-09")


def test_stated_facts_win_over_text_and_path() -> None:
    doc = read_bytes(TEXT, "kent/cabinet/2024-12-01/minutes.txt")
    meeting = parse(doc)
    assert (meeting.council, meeting.committee, meeting.date) == ("Kent", "Cabinet", "2025-03-03")  # text date wins
    stated = parse(doc, MeetingFacts(council="Kent County Council", date="2025-03-04"))
    assert (stated.council, stated.committee, stated.date) == ("Kent County Council", "Cabinet", "2025-03-04")


def test_path_date_when_the_text_has_none() -> None:
    text = TEXT.replace(b" held on 3 March 2025", b"")
    assert parse(read_bytes(text, "x/y/2024-12-01/minutes.txt")).date == "2024-12-01"


def test_bad_stated_date_is_a_usage_error_naming_it() -> None:
    with pytest.raises(UsageError, match="'9/1/2025'"):
        checked_date("9/1/2025")
    assert checked_date("2025-01-09") == "2025-01-09"
