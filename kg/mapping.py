"""Meeting -> RDF: one graph per meeting, in standard vocabularies (see DESIGN.md's table).

Everything a meeting graph says is derived from the Meeting alone, so a meeting's graph can be
replaced without touching any other. People, posts, organisations and topics have IRIs that
other meeting graphs share; each graph repeats the few triples that describe them.
"""

from __future__ import annotations

from datetime import datetime

from rdflib import Graph, Literal, URIRef

from ingest.model import SPEAKER_KINDS, Meeting, Statement
from kg.decisions import add_actions, add_mentions, add_resolutions
from kg.identity import Agent, AgentResolver, council_key
from kg.namespaces import DCTERMS, FOAF, OPENGOV, ORG, PREFIXES, PROV, RDF, SCHEMA, SKOS, XSD, Iris
from kg.selectors import add_quote
from kg.topics import meeting_topics, statement_topics

# schema:additionalType of a speech (Popolo's vocabulary), from the act the minutes record
SPEECH_TYPE = {
    "asked": "question",
    "answered": "answer",
    "said": "narrative",
    "proposed": "narrative",
    "committed": "narrative",
}

SOFTWARE = "minutes-kg"


def new_graph(iris: Iris) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    graph.bind("mkg", iris.vocab, replace=True)
    return graph


def meeting_to_graph(meeting: Meeting, iris: Iris, generated_at: datetime | None = None) -> Graph:
    """The meeting's named-graph content. `generated_at` is the PROV time of this extraction."""
    graph = new_graph(iris)
    resolver = AgentResolver(meeting, iris)
    meeting_iri = _add_meeting(graph, meeting, iris, generated_at)
    item_iris = _add_items(graph, meeting, iris, meeting_iri)
    _add_attendance(graph, meeting, iris, resolver, meeting_iri)
    topics = meeting_topics(meeting)
    for topic in topics:
        graph.add((iris.topic(topic), RDF.type, SKOS.Concept))
        graph.add((iris.topic(topic), SKOS.prefLabel, Literal(topic, lang="en")))
        graph.add((iris.topic(topic), SKOS.inScheme, iris.topic_scheme()))
    for position, statement in enumerate(meeting.statements, start=1):
        scope = item_iris.get(statement.item or "", meeting_iri)
        _add_statement(graph, meeting, statement, position, scope, topics, iris, resolver)
    for qa in meeting.questions:
        question, answer = iris.statement(qa.question), iris.statement(qa.answer)
        graph.add((question, RDF.type, SCHEMA.Question))
        graph.add((answer, RDF.type, SCHEMA.Answer))
        graph.add((question, SCHEMA.suggestedAnswer, answer))
        graph.add((answer, SCHEMA.parentItem, question))
    add_resolutions(graph, meeting, iris, resolver, item_iris, meeting_iri)
    add_actions(graph, meeting, iris, resolver, item_iris)
    add_mentions(graph, meeting, iris, meeting_iri)
    return graph


def _add_meeting(graph: Graph, meeting: Meeting, iris: Iris, generated_at: datetime | None) -> URIRef:
    m = iris.meeting(meeting.id)
    council = iris.council(council_key(meeting))
    graph.add((m, RDF.type, SCHEMA.Event))
    graph.add((m, SCHEMA.name, Literal(meeting.title or _default_title(meeting))))
    graph.add((m, SCHEMA.identifier, Literal(meeting.id)))
    if meeting.date:
        graph.add((m, SCHEMA.startDate, Literal(meeting.date, datatype=XSD.date)))
    if meeting.venue:
        graph.add((m, SCHEMA.location, Literal(meeting.venue)))
    graph.add((council, RDF.type, ORG.Organization))
    graph.add((council, SKOS.prefLabel, Literal(meeting.council or f"council not named ({meeting.source})")))
    organizer = council
    if meeting.committee:
        organizer = iris.committee(council_key(meeting), meeting.committee)
        graph.add((organizer, RDF.type, ORG.OrganizationalUnit))
        graph.add((organizer, RDF.type, ORG.Organization))  # stated, so no inference is needed to see it
        graph.add((organizer, SKOS.prefLabel, Literal(meeting.committee)))
        graph.add((organizer, ORG.unitOf, council))
        graph.add((council, ORG.hasUnit, organizer))
    graph.add((m, SCHEMA.organizer, organizer))
    # provenance: the source file, its hash, and the extraction that read it
    source, activity = iris.source(meeting.id), iris.extraction(meeting.id)
    graph.add((source, RDF.type, SCHEMA.DigitalDocument))
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, SCHEMA.name, Literal(meeting.source)))
    graph.add((source, iris.vocab.sha256, Literal(meeting.sha256)))
    graph.add((source, SCHEMA.encodingFormat, Literal(meeting.media_type)))
    graph.add((source, iris.vocab.characterCount, Literal(len(meeting.text))))
    graph.add((m, PROV.wasDerivedFrom, source))
    graph.add((m, PROV.wasGeneratedBy, activity))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, PROV.used, source))
    graph.add((activity, SCHEMA.softwareVersion, Literal(meeting.extractor or SOFTWARE)))
    graph.add((activity, PROV.wasAssociatedWith, URIRef(f"{iris.base}software/{SOFTWARE}")))
    if generated_at is not None:
        graph.add((activity, PROV.endedAtTime, Literal(generated_at.isoformat(), datatype=XSD.dateTime)))
    return m


def _default_title(meeting: Meeting) -> str:
    parts = [meeting.council, meeting.committee, meeting.date]
    return " ".join(p for p in parts if p) or meeting.source


def _add_items(graph: Graph, meeting: Meeting, iris: Iris, meeting_iri: URIRef) -> dict[str, URIRef]:
    item_iris: dict[str, URIRef] = {}
    for position, item in enumerate(meeting.items, start=1):
        node = iris.item(meeting.id, item.number)
        item_iris[item.number] = node
        graph.add((node, RDF.type, SCHEMA.Event))
        graph.add((node, SCHEMA.superEvent, meeting_iri))
        graph.add((meeting_iri, SCHEMA.subEvent, node))
        graph.add((node, SCHEMA.position, Literal(position)))
        graph.add((node, SCHEMA.identifier, Literal(item.number)))
        graph.add((node, DCTERMS.title, Literal(item.title)))
    return item_iris


def roles_graph(iris: Iris) -> Graph:
    """The fixed roles a speaker acts in, described once in their own graph, not in every meeting's."""
    graph = new_graph(iris)
    for kind in SPEAKER_KINDS:
        graph.add((iris.role(kind), RDF.type, ORG.Role))
        graph.add((iris.role(kind), SKOS.prefLabel, Literal(kind, lang="en")))
    return graph


def _add_agent(graph: Graph, agent: Agent, council: URIRef) -> None:
    if agent.kind == "person":
        graph.add((agent.iri, RDF.type, FOAF.Person))
        graph.add((agent.iri, FOAF.name, Literal(agent.name)))
        if agent.title:
            graph.add((agent.iri, SCHEMA.honorificPrefix, Literal(agent.title)))
    else:
        graph.add((agent.iri, RDF.type, ORG.Post))
        graph.add((agent.iri, SKOS.prefLabel, Literal(agent.name)))
        graph.add((agent.iri, ORG.postIn, council))


def _add_attendance(graph: Graph, meeting: Meeting, iris: Iris, resolver: AgentResolver, meeting_iri: URIRef) -> None:
    """Who held which seat or post at this meeting: one org:Membership per attendee."""
    council = iris.council(council_key(meeting))
    organisation = iris.committee(council_key(meeting), meeting.committee) if meeting.committee else council
    for attendee in meeting.attendance:
        person = resolver.named(attendee.name)
        if person is None:
            continue
        _add_agent(graph, person, council)
        graph.add((person.iri, SKOS.altLabel, Literal(" ".join(attendee.name.split()))))
        membership = iris.membership(meeting.id, person.iri.rsplit("/", 1)[-1])
        graph.add((membership, RDF.type, ORG.Membership))
        graph.add((membership, ORG.member, person.iri))
        graph.add((membership, ORG.organization, organisation))
        graph.add((membership, ORG.role, iris.role(attendee.kind)))
        graph.add((membership, iris.vocab.atMeeting, meeting_iri))
        graph.add((membership, iris.vocab.attendance, Literal(attendee.status)))
        if attendee.initials:
            graph.add((person.iri, SKOS.altLabel, Literal(attendee.initials)))
        if attendee.role and ":" not in attendee.role:
            post = resolver.post(" ".join(attendee.role.split()))
            _add_agent(graph, post, council)
            graph.add((person.iri, ORG.holds, post.iri))
            graph.add((post.iri, ORG.heldBy, person.iri))


def _add_statement(
    graph: Graph,
    meeting: Meeting,
    statement: Statement,
    position: int,
    scope: URIRef,
    topics: list[str],
    iris: Iris,
    resolver: AgentResolver,
) -> None:
    node = iris.statement(statement.id)
    council = iris.council(council_key(meeting))
    graph.add((node, RDF.type, OPENGOV.Speech))
    graph.add((node, SCHEMA.text, Literal(statement.text)))
    graph.add((node, SCHEMA.position, Literal(position)))
    graph.add((node, DCTERMS.isPartOf, scope))
    graph.add((node, iris.vocab.act, Literal(statement.act)))
    graph.add((node, SCHEMA.additionalType, Literal(SPEECH_TYPE.get(statement.act, "summary"))))
    graph.add((node, OPENGOV.role, iris.role(statement.speaker.kind)))
    graph.add((node, iris.vocab.speakerLabel, Literal(statement.speaker.label)))
    agent = resolver.speaker(statement.speaker)
    if agent is not None:
        _add_agent(graph, agent, council)
        graph.add((node, SCHEMA.creator, agent.iri))
        if agent.kind == "person":
            graph.add((agent.iri, SKOS.altLabel, Literal(" ".join(statement.speaker.name.split()))))
            post = resolver.held_post(statement.speaker)
            if post is not None:
                _add_agent(graph, post, council)
                graph.add((agent.iri, ORG.holds, post.iri))
                graph.add((post.iri, ORG.heldBy, agent.iri))
    if statement.attribution is not None:
        words = meeting.text[statement.attribution.start : statement.attribution.end]
        graph.add((node, PREFIXES["odrs"].attributionText, Literal(" ".join(words.split()))))
    for topic in statement_topics(statement, topics):
        graph.add((node, DCTERMS.subject, iris.topic(topic)))
        if scope != iris.meeting(meeting.id):
            graph.add((scope, DCTERMS.subject, iris.topic(topic)))
    add_quote(graph, node, meeting, statement.span, iris)
