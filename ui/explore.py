"""HTML for the Explore tab: an entity's page (statements, questions, commitments, resolutions, topics)."""

from __future__ import annotations

from kg.entities import EntityHit, EntityProfile, Quote
from ui.views import esc

KIND_LABELS = {
    "person": "Person",
    "post": "Post",
    "organisation": "Organisation or committee",
    "topic": "Topic",
    "meeting": "Meeting",
}
SHOWN = 50
OPEN_UP_TO = 8


def hit_choices(hits: list[EntityHit]) -> list[tuple[str, str]]:
    """Dropdown (label, value) pairs; the value is the entity's IRI."""
    return [(f"{h.label} — {h.kind}", h.iri) for h in hits]


def _where(q: Quote) -> str:
    date = f"{q.date}, " if q.date else ""
    place = f"{q.source}, characters {q.start}–{q.end}" if q.source else q.meeting
    return f"<div class='mkg-where'>{esc(date)}{esc(q.meeting)} — {esc(place)}</div>"


def _quote_item(q: Quote, reply_label: str | None = None) -> str:
    who = f"<b>{esc(q.speaker)}</b> ({esc(q.act)}): " if q.speaker else ""
    reply = ""
    if reply_label and q.reply:
        by = f" — {esc(q.reply_by)}" if q.reply_by else ""
        reply = f"<div class='mkg-reply'><i>{reply_label}{by}:</i> {esc(q.reply)}</div>"
    return f"<li>{who}{esc(q.text)}{reply}{_where(q)}</li>"


def _section(title: str, items: list[str], total: int) -> str:
    """A collapsible list, open when short: a busy officer's page would otherwise run to metres."""
    if not items:
        return f"<h3>{esc(title)}</h3><p class='mkg-empty'>None recorded.</p>"
    more = ""
    if total > len(items):
        more = f"<p class='mkg-empty'>… and {total - len(items)} more (see the SPARQL tab).</p>"
    state = " open" if total <= OPEN_UP_TO else ""
    summary = f"<summary><h3>{esc(title)} ({total})</h3></summary>"
    return f"<details class='mkg-section'{state}>{summary}<ul>{''.join(items)}</ul>{more}</details>"


def profile_html(profile: EntityProfile) -> str:
    p = profile
    sections = [
        f"<h2>{esc(p.label)}</h2><p class='mkg-where'>{esc(KIND_LABELS.get(p.kind, p.kind))} · {esc(p.iri)}</p>",
    ]
    if p.topics:
        topics = ", ".join(f"{esc(label)} ({n})" for label, n in p.topics)
        sections.append(f"<h3>Topics</h3><p>{topics}</p>")
    asked_title = "Questions asked" if p.kind in ("person", "post") else "Questions and their answers"
    sections += [
        _section(asked_title, [_quote_item(q, "Answer") for q in p.asked[:SHOWN]], len(p.asked)),
    ]
    if p.kind in ("person", "post"):
        sections.append(
            _section("Questions answered", [_quote_item(q, "Question") for q in p.answered[:SHOWN]], len(p.answered))
        )
    sections += [
        _section("Commitments", [_quote_item(q) for q in p.commitments[:SHOWN]], len(p.commitments)),
        _section("Resolutions", [_quote_item(q) for q in p.resolutions[:SHOWN]], len(p.resolutions)),
        _section("Statements", [_quote_item(q) for q in p.statements[:SHOWN]], len(p.statements)),
    ]
    return f"<div class='mkg-entity'>{''.join(sections)}</div>"
