"""SPARQL query results as one value type, and the read-only guard every user query passes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rdflib import XSD
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from ingest.errors import ReadOnlyError

QueryKind = Literal["select", "ask", "graph"]

DEFAULT_TIMEOUT_S = 10.0
MAX_ROWS = 100_000

_PROLOGUE = re.compile(
    r"""\s*(?:\#[^\n]*|PREFIX\s+[A-Za-z][\w.-]*?:?\s*<[^>]*>|PREFIX\s+:\s*<[^>]*>|BASE\s*<[^>]*>)""",
    re.IGNORECASE,
)
_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a SELECT, the answer of an ASK, or the triples of a CONSTRUCT/DESCRIBE."""

    kind: QueryKind
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Node, Node, Node], ...] = ()
    truncated: bool = False  # more than MAX_ROWS solutions; the rest were not read


def query_form(query: str) -> QueryKind:
    """The form of a query, refusing anything but SELECT, ASK, CONSTRUCT and DESCRIBE."""
    position = 0
    while match := _PROLOGUE.match(query, position):
        if match.end() == position:
            break
        position = match.end()
    word = re.match(r"\s*([A-Za-z]+)", query[position:])
    keyword = word.group(1).upper() if word else ""
    if keyword not in _FORMS:
        shown = keyword or query.strip()[:40] or "an empty query"
        raise ReadOnlyError(f"only SELECT, ASK, CONSTRUCT and DESCRIBE queries are allowed (read-only); got {shown!r}")
    return _FORMS[keyword]  # type: ignore[return-value]


def plain(term: Node | None) -> Node | None:
    """RDF 1.1: "x"^^xsd:string is "x". Oxigraph returns the first, HTTP endpoints the second: one form for all."""
    if isinstance(term, RDFLiteral) and term.datatype == XSD.string:
        return RDFLiteral(str(term))
    return term
