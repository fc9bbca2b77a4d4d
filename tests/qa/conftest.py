"""Small hand-built meetings for the qa tests: exact spans, content ids, known speakers."""

from __future__ import annotations

import hashlib

import pytest

from ingest.model import Meeting, Span, Speaker, Statement, content_id
from qa.embedding import HashingEmbedder

Turn = tuple[str, list[str]]  # speaker name, sentences


def make_meeting(meeting_id: str, turns: list[Turn], kinds: dict[str, str] | None = None) -> Meeting:
    """A transcript-like meeting: one paragraph per turn, one statement per sentence."""
    kinds = kinds or {}
    parts: list[str] = []
    statements: list[Statement] = []
    offset = 0
    placed: list[tuple[str, int, int]] = []
    for speaker, sentences in turns:
        head = f"{speaker}: "
        offset += len(head)
        parts.append(head)
        for n, sentence in enumerate(sentences):
            if n:
                parts.append(" ")
                offset += 1
            placed.append((speaker, offset, offset + len(sentence)))
            parts.append(sentence)
            offset += len(sentence)
        parts.append("\n\n")
        offset += 2
    text = "".join(parts)
    sha = hashlib.sha256(text.encode()).hexdigest()
    for speaker, start, end in placed:
        who = Speaker(name=speaker, kind=kinds.get(speaker, "unknown"), key=speaker.lower())  # type: ignore[arg-type]
        statements.append(Statement(content_id(sha, start, end), text[start:end], Span(start, end), who, "said"))
    return Meeting(id=meeting_id, source=f"{meeting_id}.txt", sha256=sha, text=text, statements=tuple(statements))


@pytest.fixture
def embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def council() -> Meeting:
    return make_meeting(
        "council",
        [
            ("Chair", ["Welcome to the meeting.", "We now turn to the library budget."]),
            ("Jane Smith", ["The library budget falls by ten percent.", "Opening hours will be cut on Sundays."]),
            ("Director of Housing", ["Housing repairs are behind schedule.", "Damp complaints doubled this winter."]),
            ("Chair", ["Thank you.", "Next item: parking charges."]),
            ("Tom Brown", ["Parking charges in the town centre rise in April.", "Traders are worried."]),
            ("Jane Smith", ["Faith groups were consulted about the community hall.", "They asked for evening slots."]),
        ],
        kinds={
            "Chair": "chair",
            "Jane Smith": "councillor",
            "Tom Brown": "councillor",
            "Director of Housing": "officer",
        },
    )
