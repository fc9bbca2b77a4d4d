"""Question understanding: constraints are found and removed; the rest is the topic."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.errors import UsageError
from ingest.model import Meeting
from qa.catalogue import Catalogue, build_catalogue
from qa.question import MAX_QUESTION_CHARS, interpret


@pytest.fixture(scope="module")
def catalogue(parsed_minutes: dict[str, Meeting]) -> Catalogue:
    return build_catalogue(parsed_minutes.values())


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "what did officers say about faith group engagement",
            {"speaker_kind": "officer", "topic": "faith group engagement"},
        ),
        ("What did councillors ask about radicalisation?", {"speaker_kind": "councillor", "act": "asked"}),
        ("what did members of the public say about the sugar factory smell", {"speaker_kind": "public"}),
        ("what did the police say about drugs", {"speaker_kind": "police", "topic": "drugs"}),
        ("what did Councillor Abbas ask", {"speaker": "abbas", "act": "asked", "topic": None}),
        ("what did Cllr Abbas say about faith leaders", {"speaker": "abbas", "topic": "faith leaders"}),
        (
            "what did officers promise to do",
            {"speaker_kind": "officer", "act": "committed", "structured": "what_promised"},
        ),
        ("what was resolved about the budget in 2025", {"act": "resolved", "year": "2025", "topic": "budget"}),
        ("who asked about speeding", {"structured": "who_asked", "act": "asked", "topic": "speeding"}),
        ("who answered Councillor Abbas's question about schools", {"structured": "who_answered", "speaker": "abbas"}),
        ("what was said at the December meeting about Christmas", {"month": 12}),
        ("what did the Joint Policing Committee discuss about drugs", {"committee": "Joint Policing Committee"}),
    ],
)
def test_constraints(catalogue: Catalogue, question: str, expected: dict[str, object]) -> None:
    interpretation = interpret(question, catalogue)
    for key, value in expected.items():
        assert getattr(interpretation, key) == value, (key, interpretation)


def test_a_post_the_store_knows(catalogue: Catalogue) -> None:
    interpretation = interpret("what did the Community Safety Partnership Manager say about SACRE", catalogue)
    assert interpretation.post and "Community Safety" in interpretation.post
    assert interpretation.topic == "SACRE"


def test_bad_questions(catalogue: Catalogue) -> None:
    with pytest.raises(UsageError, match="empty question"):
        interpret("   ", catalogue)
    with pytest.raises(UsageError, match="too long"):
        interpret("x" * (MAX_QUESTION_CHARS + 1), catalogue)
    only_stop_words = interpret("what did they say about it?", catalogue)
    assert only_stop_words.topic is None and only_stop_words.notes


@given(st.text(max_size=300))
def test_any_text_is_interpreted_or_refused_cleanly(text: str) -> None:
    empty = build_catalogue([])
    try:
        interpretation = interpret(text, empty)
    except UsageError:
        assert not text.split() or len(" ".join(text.split())) > MAX_QUESTION_CHARS
    else:
        assert interpretation.question == " ".join(text.split())
