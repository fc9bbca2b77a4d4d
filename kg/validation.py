"""SHACL validation of meeting graphs against the shapes shipped in kg/shapes.ttl (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rdflib import Graph

SHAPES_FILE = Path(__file__).with_name("shapes.ttl")


@dataclass(frozen=True, slots=True)
class ValidationReport:
    graph: str  # the meeting id
    conforms: bool
    triples: int
    violations: tuple[str, ...] = ()  # one line per result: focus node, path, message


def load_shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def validate_graph(
    name: str, data: Graph, shapes: Graph | None = None, context: Graph | None = None
) -> ValidationReport:
    """`context` holds what a meeting graph refers to but does not repeat (the shared roles graph)."""
    graph = data + context if context is not None else data
    conforms, results, _ = validate(graph, shacl_graph=shapes or load_shapes(), inference="none", advanced=True)
    lines = []
    if not conforms:
        query = """
            PREFIX sh: <http://www.w3.org/ns/shacl#>
            SELECT ?focus ?path ?message WHERE {
                ?r a sh:ValidationResult ; sh:focusNode ?focus ; sh:resultMessage ?message .
                OPTIONAL { ?r sh:resultPath ?path } }"""
        for focus, path, message in results.query(query):  # type: ignore[misc]
            lines.append(f"{focus} {path or ''}: {message}")
    return ValidationReport(name, bool(conforms), len(data), tuple(sorted(lines)))
