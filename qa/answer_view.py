"""The `ask --json` contract of DESIGN.md: an Answer as the JSON object outside tools read."""

from __future__ import annotations

from typing import Any

from ingest.model import Answer, Citation
from kg.namespaces import Iris


def clock(seconds: float) -> str:
    """Seconds into a recording as the player shows them: 723.5 -> '00:12:03'."""
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _item(citation: Citation) -> str | None:
    number = citation.statement.item
    if number is None:
        return None
    title = next((i.title for i in citation.meeting.items if i.number == number), "")
    return f"{number} {' '.join(title.split())}".strip()


def citation_view(citation: Citation, iris: Iris) -> dict[str, Any]:
    statement, meeting = citation.statement, citation.meeting
    return {
        "n": citation.n,
        "text": statement.text,
        "speaker": statement.speaker.name,
        "speaker_role": statement.speaker.role,
        "speaker_kind": statement.speaker.kind,
        "act": statement.act,
        "meeting": str(iris.meeting(meeting.id)),
        "date": meeting.date,
        "council": meeting.council,
        "committee": meeting.committee,
        "item": _item(citation),
        "source": meeting.source,
        "start": statement.span.start,
        "end": statement.span.end,
        "page": statement.page,
        "time": None if statement.time_ms is None else statement.time_ms / 1000,  # seconds into the recording
        "statement": str(iris.statement(statement.id)),
        "score": citation.score,
    }


def answer_view(answer: Answer, iris: Iris) -> dict[str, Any]:
    return {
        "question": answer.question,
        "interpretation": dict(answer.interpretation),
        "answer": answer.text,
        "abstained": answer.abstained,
        "citations": [citation_view(c, iris) for c in answer.citations],
    }
