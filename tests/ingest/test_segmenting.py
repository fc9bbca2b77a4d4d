from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.segmenting import split_sentences

WORDS = st.sampled_from(
    [
        "Councillor",
        "A.",
        "Teskey",
        "said",
        "that",
        "Mr.",
        "Smart",
        "asked",
        "the",
        "Clerk",
        "e.g.",
        "report",
        "7.00",
        "p.m.",
        "(SACRE)",
        "1.",
        "•",
        "-",
        "and",
        "?",
        "!",
        "\n",
        "\n\n",
    ]
)


def test_initials_and_titles_do_not_end_sentences() -> None:
    text = "Councillor A. Teskey asked Mr. D. Smart about it. He replied."
    spans = split_sentences(text, 0, len(text))
    assert [text[s.start : s.end] for s in spans] == [
        "Councillor A. Teskey asked Mr. D. Smart about it.",
        "He replied.",
    ]


def test_sentences_run_across_wrapped_lines() -> None:
    text = "The Community Safety\nPartnership Manager replied that it\nwas so. She added more."
    spans = split_sentences(text, 0, len(text))
    assert len(spans) == 2
    assert text[spans[0].start : spans[0].end].startswith("The Community Safety\nPartnership")


def test_list_marker_is_not_part_of_the_sentence() -> None:
    text = "a. A Member questioned the scope."
    (span,) = split_sentences(text, 0, len(text))
    assert text[span.start : span.end] == "A Member questioned the scope."


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=60))
def test_sentence_spans_are_ordered_disjoint_and_trimmed(words: list[str]) -> None:
    text = " ".join(words)
    spans = split_sentences(text, 0, len(text))
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        quote = text[span.start : span.end]
        assert quote == quote.strip()
        previous_end = span.end
