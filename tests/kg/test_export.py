"""Export: every format parses with an independent parser; Turtle round-trips isomorphic; SHACL conforms."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.mapping import roles_graph
from kg.validation import load_shapes, validate_graph
from kg.workspace import Workspace
from tests.kg.rdf_compare import rdf11


def _export(workspace: Workspace, fmt: str, meeting: str | None = None) -> bytes:
    buffer = io.BytesIO()
    workspace.export(buffer, fmt, meeting)
    return buffer.getvalue()


def test_turtle_of_the_whole_corpus_parses_independently_and_round_trips(corpus_workspace: Workspace) -> None:
    turtle = _export(corpus_workspace, "turtle")
    assert turtle.startswith(b"@prefix")  # readable: our prefixes are kept
    triples = list(ox.parse(turtle, ox.RdfFormat.TURTLE))  # pyoxigraph's parser, independent of rdflib
    distinct = corpus_workspace.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }", timeout_s=None
    )
    assert len(triples) == int(distinct.rows[0][0])  # type: ignore[arg-type]
    exported = Graph().parse(data=turtle, format="ox-turtle")
    stored = Graph().parse(data=_export(corpus_workspace, "nt"), format="ox-nt")
    assert isomorphic(rdf11(exported), rdf11(stored))
    again = Graph().parse(data=exported.serialize(format="ox-turtle"), format="turtle")  # ox writes, rdflib reads
    assert isomorphic(rdf11(exported), rdf11(again))


@pytest.mark.parametrize(("fmt", "parser"), [("nt", "nt"), ("jsonld", "json-ld"), ("turtle", "turtle")])
def test_one_meeting_in_each_graph_format(sample_workspace: Workspace, fmt: str, parser: str) -> None:
    data = _export(sample_workspace, fmt, "thurrock-prevent-extract.txt")
    graph = Graph().parse(data=data, format=parser)
    reference = Graph().parse(data=_export(sample_workspace, "nt", "thurrock-prevent-extract"), format="nt")
    assert isomorphic(graph, reference)
    assert len(graph) > 1000


@pytest.mark.parametrize(("fmt", "parser"), [("trig", "trig"), ("nq", "nquads")])
def test_dataset_formats_keep_one_graph_per_meeting(sample_workspace: Workspace, fmt: str, parser: str) -> None:
    dataset = Dataset()
    dataset.parse(data=_export(sample_workspace, fmt), format=parser)
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    meetings = {str(sample_workspace.iris.meeting_graph(m)) for m in sample_workspace.meetings.ids()}
    assert meetings <= names
    assert str(sample_workspace.iris.topic_graph()) in names


def test_every_real_meeting_graph_conforms_to_the_shapes(corpus_workspace: Workspace) -> None:
    shapes = load_shapes()
    failures = []
    for meeting_id in corpus_workspace.meetings.ids():
        report = corpus_workspace.validate(meeting_id, shapes)
        if not report.conforms:
            failures.append((meeting_id, report.violations[:3]))
    assert not failures


def test_the_shapes_catch_a_broken_graph(sample_workspace: Workspace) -> None:
    """The shapes can fail: a statement without its text or source span does not conform."""
    graph = sample_workspace.meeting_graph("thurrock-prevent-extract")
    statement = next(graph.subjects(predicate=ox_text(), unique=True))
    graph.remove((statement, ox_text(), None))
    report = validate_graph("broken", graph, load_shapes(), roles_graph(sample_workspace.iris))
    assert not report.conforms
    assert any("text" in line for line in report.violations)


def ox_text():  # type: ignore[no-untyped-def]
    from kg.namespaces import SCHEMA

    return SCHEMA.text
