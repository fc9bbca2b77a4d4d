"""Tables for the SPARQL and Ingest tabs: query results and per-file ingest results as rows of text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.sniffing import format_name
from kg.query import QueryResult
from ui.service import IngestOutcome

MAX_SHOWN_ROWS = 2000


def result_table(result: QueryResult) -> dict[str, Any]:
    """A Dataframe value: SELECT rows as they are, ASK as one cell, CONSTRUCT/DESCRIBE as triples."""
    if result.kind == "ask":
        return {"headers": ["answer"], "data": [["true" if result.boolean else "false"]]}
    if result.kind == "graph":
        headers, rows = ["subject", "predicate", "object"], [[str(t) for t in triple] for triple in result.triples]
    else:
        headers = list(result.variables) or ["(no variables)"]
        rows = [["" if term is None else str(term) for term in row] for row in result.rows]
    return {"headers": headers, "data": rows[:MAX_SHOWN_ROWS] or [[""] * len(headers)]}


def result_status(result: QueryResult) -> str:
    if result.kind == "ask":
        return "ASK answered."
    count = len(result.triples) if result.kind == "graph" else len(result.rows)
    noun = "triples" if result.kind == "graph" else "rows"
    notes = []
    if count > MAX_SHOWN_ROWS:
        notes.append(f"the first {MAX_SHOWN_ROWS} shown; the CSV holds all")
    if result.truncated:
        notes.append("the result was cut at the row limit")
    return f"{count} {noun}" + (f" ({'; '.join(notes)})" if notes else "") + "."


def ingest_rows(outcome: IngestOutcome) -> dict[str, Any]:
    """One row per uploaded file: its (safe) name, what happened, the meeting, and the error if any."""
    rows = []
    for r in outcome.report.results:
        folder = str(Path(r.path).parent)
        error = (r.error or "").replace(folder + "/", "")
        kind = format_name(r.media_type)
        pages = str(r.pages or "")
        rows.append([Path(r.path).name, r.status, kind, r.meeting or "", str(r.statements or ""), pages, error])
    headers = ["file", "status", "format", "meeting", "statements", "pages", "error"]
    return {"headers": headers, "data": rows or [[""] * len(headers)]}


def ingest_summary(outcome: IngestOutcome) -> str:
    results = outcome.report.results
    failed = len(outcome.report.failed)
    changed = sum(1 for status in outcome.index.values() if status != "unchanged")
    return (
        f"{len(results) - failed} of {len(results)} files ingested, {failed} failed. "
        f"Graph: {len(outcome.graph.replaced)} meeting graphs written, {len(outcome.graph.dropped)} dropped. "
        f"Index: {changed} meetings embedded. New answers include these files now."
    )
