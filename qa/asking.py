"""Answering a question: constraints pick the candidate statements, hybrid retrieval ranks them,
and the answer is the cited statements themselves, grouped by speaker.

A citation never breaks the question's constraints: candidates are filtered before ranking, and
every hit is checked against the same filter again before it is cited.
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.model import Answer, Citation, Meeting, Statement
from ingest.speakers import post_similarity
from qa.catalogue import Catalogue, StatementRow
from qa.question import Interpretation, interpret
from qa.retrieval import HybridIndex

# the speaker kinds a question's word covers: the Clerk is a parish council's officer; the Chair is a member
KIND_COVERS = {
    "officer": {"officer", "clerk"},
    "councillor": {"councillor", "chair"},
    "chair": {"chair"},
    "clerk": {"clerk"},
    "police": {"police"},
    "public": {"public"},
}
ACT_COVERS = {
    "asked": {"asked"},
    "answered": {"answered"},
    "committed": {"committed"},
    "resolved": {"resolved", "agreed"},
    "proposed": {"proposed"},
}
# Cited sentences at least this far apart, unless a different speaker said them: reported-speech minutes
# interleave speakers within a paragraph, and the answer should reach the second speaker too.
SPACING_CHARS = 300
VERB = {
    "said": "said",
    "asked": "asked",
    "answered": "answered",
    "proposed": "proposed",
    "agreed": "agreed",
    "resolved": "resolved",
    "committed": "undertook",
    "noted": "noted",
}


def row_filter(interpretation: Interpretation) -> Callable[[StatementRow], bool] | None:
    """The constraint as a predicate over statements; None when the question constrains nothing."""
    i = interpretation
    checks: list[Callable[[StatementRow], bool]] = []
    if i.speaker_kind:
        kinds = KIND_COVERS.get(i.speaker_kind, {i.speaker_kind})
        checks.append(lambda r: r.kind in kinds)
    if i.speaker:
        checks.append(lambda r: i.speaker in r.name_words)
    if i.post:
        checks.append(lambda r: post_similarity(i.post or "", r.role or r.speaker) >= 0.75)
    if i.act:
        acts = {"asked"} if i.structured == "who_answered" else ACT_COVERS.get(i.act, {i.act})
        checks.append(lambda r: r.act in acts)
    if i.year:
        checks.append(lambda r: bool(r.date) and r.date.startswith(i.year or ""))  # type: ignore[union-attr]
    if i.month:
        checks.append(lambda r: bool(r.date) and int(r.date[5:7]) == i.month)  # type: ignore[index]
    if i.council:
        checks.append(lambda r: r.council == i.council)
    if i.committee:
        checks.append(lambda r: r.committee == i.committee)
    if i.date_from:
        checks.append(lambda r: bool(r.date) and r.date >= (i.date_from or ""))  # type: ignore[operator]
    if i.date_to:
        checks.append(lambda r: bool(r.date) and r.date <= (i.date_to or ""))  # type: ignore[operator]
    if not checks:
        return None
    return lambda row: all(check(row) for check in checks)


class Asker:
    """Answers questions over one store's meetings, index and catalogue (all loaded once)."""

    def __init__(self, index: HybridIndex, catalogue: Catalogue, meetings: Callable[[str], Meeting]) -> None:
        self.index = index
        self.catalogue = catalogue
        self._meeting = meetings
        self._rows = {row.id: row for row in catalogue.rows}

    def ask(self, question: str, top: int = 5) -> Answer:
        return self.answer(interpret(question, self.catalogue), top)

    def answer(self, interpretation: Interpretation, top: int = 5) -> Answer:
        """Answer an interpretation as given: the UI narrows one with its filters before asking (qa/filters.py)."""
        accept = row_filter(interpretation)
        allowed = None if accept is None else {r.id for r in self.catalogue.rows if accept(r)}
        view = interpretation.as_dict()
        if allowed is not None and not allowed:
            return self._abstain(interpretation, view, "no statement in the store matches the question's constraints")
        if interpretation.topic is None:
            if allowed is None:
                return self._abstain(interpretation, view, "the question names nothing to look for")
            ids = sorted(allowed, key=lambda i: self._order(i))[:top]  # constraints only: in reading order
            return self._answer(interpretation, view, [(i, 1.0) for i in ids])
        result = self.index.search(interpretation.topic, k=top, allowed=allowed, spacing=SPACING_CHARS)
        view["confidence"] = f"{result.confidence:.3f}"
        if result.abstained or not result.hits:
            return self._abstain(interpretation, view, "nothing in the minutes matches closely enough")
        hits = [(h.statement, h.score) for h in result.hits]
        if interpretation.structured == "who_answered":
            hits = self._with_answers(hits, top)
        if accept is not None and interpretation.structured != "who_answered":
            hits = [(sid, score) for sid, score in hits if accept(self._rows[sid])]  # defence in depth
        return self._answer(interpretation, view, hits)

    def _order(self, statement_id: str) -> tuple[str, str, int]:
        statement, meeting = self.catalogue.statements[statement_id]
        row = self._rows[statement_id]
        return (row.date or "", meeting, statement.span.start)

    def _with_answers(self, hits: list[tuple[str, float]], top: int) -> list[tuple[str, float]]:
        """Each question found, then the answers the minutes link to it."""
        out: list[tuple[str, float]] = []
        for statement_id, score in hits:
            _, meeting_id = self.catalogue.statements[statement_id]
            meeting = self._meeting(meeting_id)
            answers = [qa.answer for qa in meeting.questions if qa.question == statement_id]
            if answers:
                out.append((statement_id, score))
                out.extend((answer, score) for answer in answers)
            if len(out) >= top:
                break
        return out[: max(top, 2)]

    def _abstain(self, interpretation: Interpretation, view: dict, why: str) -> Answer:  # type: ignore[type-arg]
        view = {**view, "notes": "; ".join(filter(None, [view.get("notes"), why]))}
        return Answer(interpretation.question, f"No answer: {why}.", (), True, view)

    def _answer(self, interpretation: Interpretation, view: dict, hits: list[tuple[str, float]]) -> Answer:  # type: ignore[type-arg]
        citations: list[Citation] = []
        for n, (statement_id, score) in enumerate(hits, start=1):
            statement, meeting_id = self.catalogue.statements[statement_id]
            citations.append(Citation(n, statement, self._meeting(meeting_id), round(float(score), 4)))
        if not citations:
            return self._abstain(interpretation, view, "nothing in the minutes matches the question's constraints")
        return Answer(interpretation.question, compose(citations), tuple(citations), False, view)


def compose(citations: list[Citation]) -> str:
    """Extractive and grouped by speaker: each speaker once, then their cited sentences with markers."""
    groups: dict[str, list[Citation]] = {}
    for citation in citations:
        groups.setdefault(_speaker_line(citation.statement), []).append(citation)
    lines = []
    for speaker, cited in groups.items():
        acts = {c.statement.act for c in cited}
        verb = VERB.get(acts.pop(), "said") if len(acts) == 1 else "said"
        quotes = " ".join(f"“{' '.join(c.statement.text.split())}” [{c.n}]" for c in cited)
        lines.append(f"{speaker} {verb}: {quotes}")
    return "\n".join(lines)


def _speaker_line(statement: Statement) -> str:
    speaker = statement.speaker
    if speaker.kind == "unknown":
        return "The minutes record"
    return f"{speaker.label} ({speaker.kind})"
