from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.model import Meeting
from qa.passages import (
    MeetingLayout,
    back_windows,
    centred_windows,
    layout_of,
    name_words,
    query_names,
    turn_windows,
    window_tokens,
)
from tests.qa.conftest import make_meeting

word_counts = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=40)


@given(word_counts, st.integers(min_value=1, max_value=300))
def test_back_windows_match_a_plain_loop(words: list[int], size: int) -> None:
    starts, ends = back_windows(tuple(words), size)
    for i in range(len(words)):
        start, total = i, words[i]
        while start > 0 and total + words[start - 1] <= size:
            start -= 1
            total += words[start]
        assert (starts[i], ends[i]) == (start, i + 1)


@given(word_counts, st.integers(min_value=2, max_value=600))
def test_centred_windows_match_a_plain_loop(words: list[int], size: int) -> None:
    starts, ends = centred_windows(tuple(words), size)
    for i in range(len(words)):
        start, end, total = i, i, words[i]
        while start > 0 and total + words[start - 1] <= size / 2:
            start -= 1
            total += words[start]
        while end < len(words) - 1 and total + words[end + 1] <= size:
            end += 1
            total += words[end]
        assert (starts[i], ends[i]) == (start, end + 1)


def test_turn_windows() -> None:
    starts, ends = turn_windows((0, 0, 1, 2, 2, 2))
    assert starts.tolist() == [0, 0, 2, 3, 3, 3] and ends.tolist() == [2, 2, 3, 6, 6, 6]


def test_layout_breaks_turns_at_speaker_changes_and_blank_lines(council: Meeting) -> None:
    layout = layout_of(council)
    assert layout.turns == (0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5)
    assert layout.ids == tuple(s.id for s in council.statements)
    same_speaker_twice = make_meeting("m", [("Ann Lee", ["One.", "Two."]), ("Ann Lee", ["Three."])])
    assert layout_of(same_speaker_twice).turns == (0, 0, 1)


def test_layout_round_trips_through_json(council: Meeting) -> None:
    layout = layout_of(council)
    assert MeetingLayout.from_dict(layout.to_dict()) == layout


def test_window_tokens_name_each_speaker_once(council: Meeting) -> None:
    layout = layout_of(council)
    expected = ["chair", *layout.tokens[1], "jane", "smith", *layout.tokens[2], *layout.tokens[3]]
    assert window_tokens(layout, 1, 4) == expected
    assert "library" in layout.tokens[1]


def test_names() -> None:
    assert name_words("Mr. Garnett Genuis (Sherwood Park, CPC)") == {"garnett", "genuis"}
    assert name_words("Kirsty Williams AM") == {"kirsty", "williams"}
    assert name_words("The Chair") == frozenset()
    assert query_names("What did Kirsty Williams think about schools?") == {"what", "kirsty", "williams"}
