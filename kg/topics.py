"""Topics: a meeting's key noun phrases become skos:Concepts; the corpus scheme nests them.

No hand-written topic list. A meeting's topics are its most frequent noun phrases (from ingest)
that are not people's names; a statement or item is about a topic when it contains the phrase.
Across the corpus, a phrase contained in a longer one is its broader concept ("social care" is
broader than "adult social care"), which groups the phrases into a small scheme. That scheme is
derived data: it is rebuilt from the meeting graphs, in its own named graph, after every ingest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Graph, Literal

from ingest.model import Meeting, Statement
from ingest.speakers import name_key
from kg.namespaces import RDF, SKOS, Iris

TOPICS_PER_MEETING = 15
_MIN_COUNT = 3


def _name_words(meeting: Meeting) -> set[str]:
    """Words of people's names and of posts: they say who spoke, not what about."""
    words = set()
    for statement in meeting.statements:
        if statement.speaker.kind != "unknown":
            words |= set(name_key(statement.speaker.name).split())
            words |= set(name_key(statement.speaker.role or "").split())
    for attendee in meeting.attendance:
        words |= set(name_key(attendee.name).split())
    return {w for w in words if len(w) > 1}


def meeting_topics(meeting: Meeting) -> list[str]:
    """The meeting's topic phrases, most salient first, without names and one-off phrases."""
    names = _name_words(meeting)
    topics: list[str] = []
    for phrase, count in meeting.keyphrases:
        words = phrase.split()
        if count < _MIN_COUNT or names & set(words) or (len(words) == 1 and len(phrase) < 5):
            continue
        if any(f" {phrase} " in f" {kept} " for kept in topics):
            continue  # a fragment of a phrase already chosen
        topics.append(phrase)
        if len(topics) == TOPICS_PER_MEETING:
            break
    return topics


def _pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?i)\b" + r"[\s\-]+".join(words) + r"s?\b")


def statement_topics(statement: Statement, topics: Iterable[str]) -> list[str]:
    """Topics whose phrase the statement contains."""
    return [topic for topic in topics if _pattern(topic).search(statement.text)]


def scheme_graph(topics: Iterable[str], iris: Iris) -> Graph:
    """The corpus concept scheme: every topic in it, nested by phrase containment."""
    graph = Graph()
    scheme = iris.topic_scheme()
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, SKOS.prefLabel, Literal("Topics of the minutes", lang="en")))
    phrases = sorted(set(topics))
    for phrase in phrases:
        concept = iris.topic(phrase)
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.prefLabel, Literal(phrase, lang="en")))
        graph.add((concept, SKOS.inScheme, scheme))
        broader = [other for other in phrases if other != phrase and f" {other} " in f" {phrase} "]
        # the most specific containing phrase only, so the hierarchy is a tree, not a tangle
        broader = [b for b in broader if not any(b != o and f" {b} " in f" {o} " for o in broader)]
        for parent in broader:
            graph.add((concept, SKOS.broader, iris.topic(parent)))
            graph.add((iris.topic(parent), SKOS.narrower, concept))
        if not broader:
            graph.add((concept, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, concept))
    return graph
