"""Graph comparison helpers for the tests."""

from __future__ import annotations

from rdflib import XSD, Graph, Literal
from rdflib.compare import isomorphic


def rdf11(graph: Graph) -> Graph:
    """In RDF 1.1 "x" and "x"^^xsd:string are one literal; rdflib keeps them apart, Oxigraph's parser
    returns the second. Map both to one form before comparing."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


def same_graph(a: Graph, b: Graph) -> bool:
    return isomorphic(rdf11(a), rdf11(b))
