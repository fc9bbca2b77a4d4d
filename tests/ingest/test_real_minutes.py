"""Invariants over every real minutes file in ../shared/minutes."""

from __future__ import annotations

from ingest.model import ACTS, SPEAKER_KINDS, Meeting
from ingest.parser import parse
from ingest.reading import read_source
from ingest.serialise import meeting_from_dict, meeting_to_dict
from tests.conftest import real_minutes


def test_every_quote_is_exactly_its_slice_of_the_source(parsed_minutes: dict[str, Meeting]) -> None:
    for name, meeting in parsed_minutes.items():
        assert meeting.statements, f"{name}: no statements"
        for s in meeting.statements:
            assert meeting.text[s.span.start : s.span.end] == s.text, (name, s.span)
            assert s.text == s.text.strip() and s.text, (name, s.span)
            if s.attribution:
                assert s.attribution.end <= len(meeting.text)
        for r in meeting.resolutions:
            assert meeting.text[r.span.start : r.span.end] == r.text
        for a in meeting.actions:
            assert meeting.text[a.span.start : a.span.end] == a.text
        for m in meeting.mentions:
            assert meeting.text[m.span.start : m.span.end] == m.text
        for i in meeting.items:
            assert meeting.text[i.span.start : i.span.end].split() == i.title.split()


def test_the_parsed_text_is_the_file_as_read(parsed_minutes: dict[str, Meeting]) -> None:
    for path in real_minutes():
        assert parsed_minutes[path.name].text == path.read_text(encoding="utf-8")


def test_statements_are_ordered_and_never_overlap(parsed_minutes: dict[str, Meeting]) -> None:
    for name, meeting in parsed_minutes.items():
        ends = 0
        for s in meeting.statements:
            assert s.span.start >= ends, (name, s.span)
            ends = s.span.end


def test_kinds_and_acts_come_from_the_closed_vocabularies(parsed_minutes: dict[str, Meeting]) -> None:
    for meeting in parsed_minutes.values():
        for s in meeting.statements:
            assert s.speaker.kind in SPEAKER_KINDS
            assert s.act in ACTS


def test_ids_are_content_derived_stable_and_unique(parsed_minutes: dict[str, Meeting]) -> None:
    for path in real_minutes()[:6]:
        again = parse(read_source(path))
        assert [s.id for s in again.statements] == [s.id for s in parsed_minutes[path.name].statements]
    for meeting in parsed_minutes.values():
        ids = [s.id for s in meeting.statements]
        assert len(ids) == len(set(ids))


def test_store_records_round_trip_to_equal_meetings(parsed_minutes: dict[str, Meeting]) -> None:
    for meeting in parsed_minutes.values():
        assert meeting_from_dict(meeting_to_dict(meeting)) == meeting


def test_question_links_point_at_a_question_and_a_later_answer(parsed_minutes: dict[str, Meeting]) -> None:
    for meeting in parsed_minutes.values():
        position = {s.id: (n, s) for n, s in enumerate(meeting.statements)}
        for link in meeting.questions:
            q_at, question = position[link.question]
            a_at, answer = position[link.answer]
            assert question.act == "asked" and a_at > q_at
            assert answer.speaker.key != question.speaker.key
