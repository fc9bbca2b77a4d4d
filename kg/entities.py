"""Entities of the graph for browsing: find people, posts, organisations, topics and meetings by name,
and gather what the minutes record about one of them.

Everything is read with SPARQL from the stored graph, so the Explore tab shows exactly what an
outside SPARQL user would see. Search text goes into queries only as an escaped literal, and an
entity IRI only after it is checked to be an IRI.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Literal

from ingest.errors import NotFoundError, UsageError
from kg.namespaces import PREFIXES, Iris
from kg.query import QueryResult

Run = Callable[[str], QueryResult]
KINDS = ("person", "post", "organisation", "topic", "meeting")
MAX_ROWS = 200
_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")

# one branch per kind: ?e the entity, ?l the label shown, ?m the text searched
_SEARCH_BRANCHES = {
    "person": '?e a foaf:Person ; foaf:name ?l ; foaf:name|skos:altLabel ?m . BIND("person" AS ?kind)',
    "post": '?e a org:Post ; skos:prefLabel ?l . BIND(?l AS ?m) BIND("post" AS ?kind)',
    "organisation": '?e a org:Organization ; skos:prefLabel ?l . BIND(?l AS ?m) BIND("organisation" AS ?kind)',
    "topic": '?e a skos:Concept ; skos:prefLabel ?l . BIND(?l AS ?m) BIND("topic" AS ?kind)',
    "meeting": "?e a schema:Event ; schema:identifier ?id ; schema:name ?l ."
    " FILTER NOT EXISTS { ?e schema:superEvent ?up }"
    ' ?e schema:name|schema:identifier ?m . BIND("meeting" AS ?kind)',
}
# the statements an entity's page is about, as a pattern binding ?s
_SCOPES = {
    "person": "?s schema:creator <{e}> .",
    "post": "?s schema:creator <{e}> .",
    "topic": "?s dcterms:subject <{e}> .",
    "organisation": "{{ ?s schema:mentions <{e}> }}"
    " UNION {{ ?s dcterms:isPartOf ?org_m . ?org_m schema:organizer <{e}> }}"
    " UNION {{ ?s dcterms:isPartOf/schema:superEvent ?org_m . ?org_m schema:organizer <{e}> }}",
    "meeting": "{{ ?s dcterms:isPartOf <{e}> }} UNION {{ ?s dcterms:isPartOf/schema:superEvent <{e}> }}",
}
_RESOLUTIONS = {
    "person": "?r mkg:proposer|mkg:seconder <{e}> .",
    "post": "?r mkg:proposer|mkg:seconder <{e}> .",
    "topic": "?r prov:wasGeneratedBy ?scope . ?scope dcterms:subject <{e}> .",
    "organisation": "{{ ?r prov:wasGeneratedBy ?m0 }} UNION {{ ?r prov:wasGeneratedBy/schema:superEvent ?m0 }}"
    " ?m0 schema:organizer <{e}> .",
    "meeting": "{{ ?r prov:wasGeneratedBy <{e}> }} UNION {{ ?r prov:wasGeneratedBy/schema:superEvent <{e}> }}",
}
# the meeting (?m, its id ?mid, date ?date) a statement ?s belongs to
_MEETING_OF = (
    "?s dcterms:isPartOf ?scope0 . OPTIONAL { ?scope0 schema:superEvent ?up0 } BIND(COALESCE(?up0, ?scope0) AS ?m)"
    " ?m schema:identifier ?mid . OPTIONAL { ?m schema:startDate ?date }"
)
_QUOTED = (
    "?s prov:wasQuotedFrom ?tq . ?tq oa:hasSource/schema:name ?file ; oa:hasSelector ?pq ."
    " ?pq oa:start ?start ; oa:end ?end ."
)


@dataclass(frozen=True, slots=True)
class EntityHit:
    iri: str
    kind: str
    label: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement, resolution or commitment with where it was said and where it sits in its file."""

    text: str
    speaker: str
    act: str
    meeting: str
    date: str | None
    source: str
    start: int
    end: int
    reply: str | None = None  # for a question, its answer (or for an answer, its question) ...
    reply_by: str | None = None  # ... and who gave it


@dataclass(frozen=True, slots=True)
class EntityProfile:
    iri: str
    kind: str
    label: str
    statements: tuple[Quote, ...]
    asked: tuple[Quote, ...]  # questions, with their answers
    answered: tuple[Quote, ...]  # answers, with their questions (people and posts only)
    commitments: tuple[Quote, ...]
    resolutions: tuple[Quote, ...]
    topics: tuple[tuple[str, int], ...]  # label, statements
    timeline: tuple[tuple[str, str, str | None, int], ...]  # topic, meeting id, date, statements


def _prologue(iris: Iris) -> str:
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()} | {"mkg": str(iris.vocab)}
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())


def _text(term: object) -> str | None:
    return None if term is None else str(term)


def checked_iri(iri: str) -> str:
    iri = (iri or "").strip()
    if not _IRI.match(iri):
        raise UsageError(f"not an entity IRI: {iri[:80]!r}")
    return iri


def search_entities(
    run: Run, iris: Iris, text: str, kinds: tuple[str, ...] = KINDS, limit: int = 50
) -> list[EntityHit]:
    """Entities whose name contains `text` (case-insensitive), people first, then by label."""
    kinds = tuple(k for k in kinds if k in _SEARCH_BRANCHES) or KINDS
    needle = Literal(" ".join((text or "").split()).lower()).n3()
    branches = " UNION ".join(f"{{ {_SEARCH_BRANCHES[k]} }}" for k in kinds)
    query = f"""{_prologue(iris)}SELECT ?e ?kind (SAMPLE(?l) AS ?label) WHERE {{
        {branches} FILTER(CONTAINS(LCASE(STR(?m)), {needle}))
    }} GROUP BY ?e ?kind ORDER BY ?kind LCASE(STR(?label)) LIMIT {int(limit)}"""
    order = {k: n for n, k in enumerate(KINDS)}
    hits = [EntityHit(str(e), str(k), str(label)) for e, k, label in run(query).rows]
    return sorted(hits, key=lambda h: (order.get(h.kind, 9), h.label.lower()))


def entity_kind(run: Run, iris: Iris, iri: str) -> tuple[str, str]:
    """(kind, label) of an entity; NotFoundError when the graph has no such entity."""
    iri = checked_iri(iri)
    for hit in search_entities_by_iri(run, iris, iri):
        return hit.kind, hit.label
    raise NotFoundError(f"no person, post, organisation, topic or meeting {iri!r} in the graph")


def search_entities_by_iri(run: Run, iris: Iris, iri: str) -> list[EntityHit]:
    branches = " UNION ".join(f"{{ {b} }}" for b in _SEARCH_BRANCHES.values())
    query = f"""{_prologue(iris)}SELECT ?e ?kind (SAMPLE(?l) AS ?label) WHERE {{
        VALUES ?e {{ <{checked_iri(iri)}> }} {branches} }} GROUP BY ?e ?kind"""
    order = {k: n for n, k in enumerate(KINDS)}
    hits = [EntityHit(str(e), str(k), str(label)) for e, k, label in run(query).rows]
    return sorted(hits, key=lambda h: order.get(h.kind, 9))


def _quotes(run: Run, query: str) -> tuple[Quote, ...]:
    out = []
    for row in run(query).rows:
        text, speaker, act, mid, date, file, start, end, *reply = row
        out.append(
            Quote(
                text=str(text),
                speaker=_text(speaker) or "",
                act=_text(act) or "",
                meeting=str(mid),
                date=_text(date),
                source=_text(file) or "",
                start=int(start) if start is not None else 0,  # type: ignore[call-overload]
                end=int(end) if end is not None else 0,  # type: ignore[call-overload]
                reply=_text(reply[0]) if reply else None,
                reply_by=_text(reply[1]) if len(reply) > 1 else None,
            )
        )
    return tuple(out)


def entity_profile(run: Run, iris: Iris, iri: str) -> EntityProfile:
    """What the minutes record about one entity: its statements, questions, commitments, resolutions, topics."""
    kind, label = entity_kind(run, iris, iri)
    e = checked_iri(iri)
    scope = _SCOPES[kind].format(e=e)
    head = _prologue(iris)
    select = "SELECT DISTINCT ?text ?speaker ?act ?mid ?date ?file ?start ?end"
    statements = _quotes(
        run,
        f"""{head}{select} WHERE {{ {scope} ?s a opengov:Speech ; schema:text ?text .
        OPTIONAL {{ ?s mkg:speakerLabel ?speaker }} OPTIONAL {{ ?s mkg:act ?act }} {_MEETING_OF}
        OPTIONAL {{ {_QUOTED} }} }} ORDER BY ?date ?mid ?start LIMIT {MAX_ROWS}""",
    )
    asked = _quotes(
        run,
        f"""{head}{select} ?reply ?replyBy WHERE {{ {scope} ?s a schema:Question ; schema:text ?text .
        OPTIONAL {{ ?s mkg:speakerLabel ?speaker }} OPTIONAL {{ ?s mkg:act ?act }} {_MEETING_OF}
        OPTIONAL {{ {_QUOTED} }}
        OPTIONAL {{ ?s schema:suggestedAnswer ?a . ?a schema:text ?reply .
                    OPTIONAL {{ ?a mkg:speakerLabel ?replyBy }} }}
        }} ORDER BY ?date ?mid ?start LIMIT {MAX_ROWS}""",
    )
    answered: tuple[Quote, ...] = ()
    if kind in ("person", "post"):
        answered = _quotes(
            run,
            f"""{head}{select} ?reply ?replyBy WHERE {{ {scope} ?s a schema:Answer ; schema:text ?text .
            OPTIONAL {{ ?s mkg:speakerLabel ?speaker }} OPTIONAL {{ ?s mkg:act ?act }} {_MEETING_OF}
            OPTIONAL {{ {_QUOTED} }}
            ?q schema:suggestedAnswer ?s ; schema:text ?reply . OPTIONAL {{ ?q mkg:speakerLabel ?replyBy }}
            }} ORDER BY ?date ?mid ?start LIMIT {MAX_ROWS}""",
        )
    commitments = _quotes(
        run,
        f"""{head}SELECT DISTINCT ?text ?speaker (COALESCE(CONCAT("committed, due ", STR(?due)), "committed") AS ?act)
               ?mid ?date ?file ?start ?end WHERE {{
        {scope} ?act0 a schema:Action ; prov:wasDerivedFrom ?s ; schema:description ?text .
        OPTIONAL {{ ?s mkg:speakerLabel ?speaker }} OPTIONAL {{ ?act0 mkg:due ?due }} {_MEETING_OF}
        OPTIONAL {{ ?act0 prov:wasQuotedFrom ?tq . ?tq oa:hasSource/schema:name ?file ; oa:hasSelector ?pq .
                    ?pq oa:start ?start ; oa:end ?end }}
        }} ORDER BY ?date ?mid ?start LIMIT {MAX_ROWS}""",
    )
    resolutions = _quotes(
        run,
        f"""{head}SELECT DISTINCT ?text ?speaker (COALESCE(?outcome, "resolved") AS ?act) ?mid ?date ?file ?start ?end
        WHERE {{
        {_RESOLUTIONS[kind].format(e=e)} ?r a mkg:Resolution ; schema:text ?text ; prov:wasGeneratedBy ?scope1 .
        OPTIONAL {{ ?r mkg:outcome ?outcome }} OPTIONAL {{ ?scope1 schema:superEvent ?up1 }}
        BIND(COALESCE(?up1, ?scope1) AS ?m) ?m schema:identifier ?mid . OPTIONAL {{ ?m schema:startDate ?date }}
        OPTIONAL {{ ?r prov:wasQuotedFrom ?tq . ?tq oa:hasSource/schema:name ?file ; oa:hasSelector ?pq .
                    ?pq oa:start ?start ; oa:end ?end }}
        }} ORDER BY ?date ?mid ?start LIMIT {MAX_ROWS}""",
    )
    topic_filter = f"FILTER(?t != <{e}>)" if kind == "topic" else ""
    topics = tuple(
        (str(t), int(n))  # type: ignore[call-overload]
        for t, n in run(
            f"""{head}SELECT (SAMPLE(?tl) AS ?topic) (COUNT(DISTINCT ?s) AS ?n) WHERE {{
            {scope} ?s a opengov:Speech ; dcterms:subject ?t . ?t skos:prefLabel ?tl . {topic_filter}
            }} GROUP BY ?t ORDER BY DESC(?n) LIMIT 15"""
        ).rows
    )
    return EntityProfile(
        iri=e,
        kind=kind,
        label=label,
        statements=statements,
        asked=asked,
        answered=answered,
        commitments=commitments,
        resolutions=resolutions,
        topics=topics,
        timeline=topic_timeline(run, iris, e, kind),
    )


def topic_timeline(
    run: Run, iris: Iris, iri: str, kind: str, top: int = 6
) -> tuple[tuple[str, str, str | None, int], ...]:
    """Statements per meeting for the entity's main topics (for a topic: itself), meetings in date order."""
    e = checked_iri(iri)
    scope = _SCOPES[kind].format(e=e)
    about = f"BIND(<{e}> AS ?t) ?s dcterms:subject ?t ." if kind == "topic" else "?s dcterms:subject ?t ."
    rows = run(
        f"""{_prologue(iris)}SELECT (SAMPLE(?tl) AS ?topic) ?mid (SAMPLE(?date) AS ?d) (COUNT(DISTINCT ?s) AS ?n)
        WHERE {{
        {scope} ?s a opengov:Speech . {about} ?t skos:prefLabel ?tl . {_MEETING_OF}
        }} GROUP BY ?t ?mid"""
    ).rows
    totals: dict[str, int] = {}
    for topic, _, _, n in rows:
        totals[str(topic)] = totals.get(str(topic), 0) + int(n)  # type: ignore[call-overload]
    keep = set(sorted(totals, key=lambda t: (-totals[t], t))[:top])
    out = [(str(t), str(m), _text(d), int(n)) for t, m, d, n in rows if str(t) in keep]  # type: ignore[call-overload]
    return tuple(sorted(out, key=lambda r: (r[2] or "9999", r[1], -totals[r[0]], r[0])))
