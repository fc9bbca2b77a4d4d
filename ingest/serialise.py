"""Meeting <-> plain JSON, for the store and for `show --json`. The dataclasses stay the model."""

from __future__ import annotations

from typing import Any

from ingest.model import (
    Action,
    AgendaItem,
    Attendee,
    Meeting,
    Mention,
    QuestionAnswer,
    Resolution,
    Span,
    Speaker,
    Statement,
    Vote,
)

FORMAT_VERSION = 1


def _span(s: Span | None) -> list[int] | None:
    return None if s is None else [s.start, s.end]


def _unspan(v: list[int] | None) -> Span | None:
    return None if v is None else Span(v[0], v[1])


def _speaker(s: Speaker) -> dict[str, Any]:
    return {"name": s.name, "kind": s.kind, "role": s.role, "key": s.key}


def meeting_to_dict(m: Meeting) -> dict[str, Any]:
    """Every field, losslessly: the store's record of a meeting."""
    return {
        "format": FORMAT_VERSION,
        "id": m.id,
        "source": m.source,
        "sha256": m.sha256,
        "text": m.text,
        "kind": m.kind,
        "council": m.council,
        "committee": m.committee,
        "date": m.date,
        "venue": m.venue,
        "title": m.title,
        "extractor": m.extractor,
        "encoding": m.encoding,
        "pages": list(m.pages),
        "media_type": m.media_type,
        "times": [list(t) for t in m.times],
        "attendance": [
            {
                "name": a.name,
                "kind": a.kind,
                "role": a.role,
                "status": a.status,
                "span": _span(a.span),
                "initials": a.initials,
            }
            for a in m.attendance
        ],
        "items": [
            {"number": i.number, "title": i.title, "span": _span(i.span), "body": _span(i.body)} for i in m.items
        ],
        "statements": [
            {
                "id": s.id,
                "span": _span(s.span),
                "speaker": _speaker(s.speaker),
                "act": s.act,
                "item": s.item,
                "attribution": _span(s.attribution),
                "page": s.page,
                "time_ms": s.time_ms,
            }
            for s in m.statements
        ],
        "questions": [[q.question, q.answer] for q in m.questions],
        "resolutions": [
            {
                "id": r.id,
                "span": _span(r.span),
                "item": r.item,
                "proposer": r.proposer,
                "seconder": r.seconder,
                "outcome": r.outcome,
                "vote": None
                if r.vote is None
                else [r.vote.in_favour, r.vote.against, r.vote.abstained, r.vote.unanimous],
            }
            for r in m.resolutions
        ],
        "actions": [
            {
                "id": a.id,
                "span": _span(a.span),
                "agent": _speaker(a.agent),
                "statement": a.statement,
                "due": a.due,
                "item": a.item,
            }
            for a in m.actions
        ],
        "mentions": [{"span": _span(x.span), "kind": x.kind} for x in m.mentions],
        "keyphrases": [list(k) for k in m.keyphrases],
    }


def meeting_from_dict(d: dict[str, Any]) -> Meeting:
    text: str = d["text"]

    def quote(span: Span) -> str:
        return text[span.start : span.end]

    statements = []
    for s in d["statements"]:
        span = Span(*s["span"])
        statements.append(
            Statement(
                id=s["id"],
                text=quote(span),
                span=span,
                speaker=Speaker(**s["speaker"]),
                act=s["act"],
                item=s["item"],
                attribution=_unspan(s["attribution"]),
                page=s.get("page"),
                time_ms=s.get("time_ms"),
            )
        )
    resolutions = []
    for r in d["resolutions"]:
        span = Span(*r["span"])
        vote = None if r["vote"] is None else Vote(*r["vote"])
        resolutions.append(
            Resolution(
                id=r["id"],
                text=quote(span),
                span=span,
                item=r["item"],
                proposer=r["proposer"],
                seconder=r["seconder"],
                vote=vote,
                outcome=r["outcome"],
            )
        )
    actions = []
    for a in d["actions"]:
        span = Span(*a["span"])
        actions.append(
            Action(
                id=a["id"],
                text=quote(span),
                span=span,
                agent=Speaker(**a["agent"]),
                statement=a["statement"],
                due=a["due"],
                item=a["item"],
            )
        )
    return Meeting(
        id=d["id"],
        source=d["source"],
        sha256=d["sha256"],
        text=text,
        kind=d["kind"],
        council=d["council"],
        committee=d["committee"],
        date=d["date"],
        venue=d["venue"],
        title=d["title"],
        extractor=d["extractor"],
        encoding=d["encoding"],
        pages=tuple(d.get("pages", ())),
        media_type=d.get("media_type", "text/plain"),
        times=tuple((int(offset), int(ms)) for offset, ms in d.get("times", ())),
        attendance=tuple(
            Attendee(
                name=a["name"],
                kind=a["kind"],
                role=a["role"],
                status=a["status"],
                span=Span(*a["span"]),
                initials=a["initials"],
            )
            for a in d["attendance"]
        ),
        items=tuple(
            AgendaItem(number=i["number"], title=i["title"], span=Span(*i["span"]), body=Span(*i["body"]))
            for i in d["items"]
        ),
        statements=tuple(statements),
        questions=tuple(QuestionAnswer(q, a) for q, a in d["questions"]),
        resolutions=tuple(resolutions),
        actions=tuple(actions),
        mentions=tuple(
            Mention(text=quote(Span(*x["span"])), span=Span(*x["span"]), kind=x["kind"]) for x in d["mentions"]
        ),
        keyphrases=tuple((k, n) for k, n in d["keyphrases"]),
    )


def meeting_view(m: Meeting, base_iri: str) -> dict[str, Any]:
    """The `show --json` shape of DESIGN.md: what a reader of the minutes wants to see."""
    iri = f"{base_iri}meeting/{m.id}"
    by_id = {s.id: s for s in m.statements}
    return {
        "meeting": iri,
        "source": m.source,
        "sha256": m.sha256,
        "kind": m.kind,
        "council": m.council,
        "committee": m.committee,
        "date": m.date,
        "venue": m.venue,
        "title": m.title,
        "extractor": m.extractor,
        "media_type": m.media_type,
        "pages": len(m.pages),
        "attendance": [
            {"name": a.name, "kind": a.kind, "role": a.role, "status": a.status, "initials": a.initials}
            for a in m.attendance
        ],
        "items": [{"number": i.number, "title": i.title, "start": i.span.start, "end": i.span.end} for i in m.items],
        "statements": [
            {
                "id": s.id,
                "text": s.text,
                "start": s.span.start,
                "end": s.span.end,
                "speaker": s.speaker.name,
                "role": s.speaker.role,
                "speaker_kind": s.speaker.kind,
                "act": s.act,
                "item": s.item,
                "page": s.page,
                "time": None if s.time_ms is None else s.time_ms / 1000,
            }
            for s in m.statements
        ],
        "questions": [
            {
                "question": q.question,
                "answer": q.answer,
                "asked_by": by_id[q.question].speaker.name,
                "answered_by": by_id[q.answer].speaker.name,
            }
            for q in m.questions
        ],
        "resolutions": [
            {
                "text": r.text,
                "start": r.span.start,
                "end": r.span.end,
                "item": r.item,
                "proposer": r.proposer,
                "seconder": r.seconder,
                "outcome": r.outcome,
                "vote": None
                if r.vote is None
                else {
                    "in_favour": r.vote.in_favour,
                    "against": r.vote.against,
                    "abstained": r.vote.abstained,
                    "unanimous": r.vote.unanimous,
                },
            }
            for r in m.resolutions
        ],
        "actions": [
            {
                "text": a.text,
                "start": a.span.start,
                "end": a.span.end,
                "agent": a.agent.name,
                "agent_kind": a.agent.kind,
                "due": a.due,
                "item": a.item,
            }
            for a in m.actions
        ],
        "mentions": [{"text": x.text, "start": x.span.start, "end": x.span.end, "kind": x.kind} for x in m.mentions],
        "keyphrases": [k for k, _ in m.keyphrases],
    }
