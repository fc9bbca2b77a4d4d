"""Query results as a text table, SPARQL 1.1 JSON results, or SPARQL 1.1 CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.query import QueryResult

FORMATS = ("table", "json", "csv")


def _json_term(term: Node) -> dict[str, Any]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out: dict[str, Any] = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def _cell(term: Node | None, width: int = 80) -> str:
    text = "" if term is None else " ".join(str(term).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_result(result: QueryResult, fmt: str) -> str:
    """Render a result; CONSTRUCT/DESCRIBE results are Turtle whatever the format."""
    if result.kind == "graph":
        graph = Graph()
        for triple in result.triples:
            graph.add(triple)
        return graph.serialize(format="turtle")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return "true" if result.boolean else "false"
    if fmt == "json":
        bindings = [
            {var: _json_term(term) for var, term in zip(result.variables, row, strict=True) if term is not None}
            for row in result.rows
        ]
        return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}, indent=1)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows(["" if t is None else str(t) for t in row] for row in result.rows)
        return buffer.getvalue()
    cells = [[_cell(t) for t in row] for row in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(result.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    footer = f"({len(result.rows)} rows{', truncated' if result.truncated else ''})"
    return "\n".join(lines + [footer])
