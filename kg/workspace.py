"""A store folder opened as a whole: the meeting records, their graph and its IRI scheme.

The command line and the UI both go through this, so they see the same graph the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph

from ingest.store import MeetingStore
from kg.graph_sync import SyncReport, graph_settings, open_triple_store, sync_graphs
from kg.mapping import roles_graph
from kg.namespaces import PREFIXES, Iris
from kg.query import DEFAULT_TIMEOUT_S, QueryResult
from kg.triple_store import TripleStore
from kg.validation import ValidationReport, validate_graph


class Workspace:
    def __init__(self, store_dir: Path, base_iri: str | None = None, endpoint: str | None = None) -> None:
        self.store_dir = Path(store_dir)
        self.meetings = MeetingStore(self.store_dir)
        self.settings = graph_settings(self.store_dir, base_iri, endpoint)
        self.iris = Iris(self.settings["base_iri"])
        self._triples: TripleStore | None = None

    @property
    def triples(self) -> TripleStore:
        """Opened on first use: reading a meeting does not need the graph store."""
        if self._triples is None:
            self._triples = open_triple_store(self.store_dir, self.settings)
        return self._triples

    def sync(self, progress: Callable[[list[str]], Iterable[str]] = lambda ids: ids) -> SyncReport:
        return sync_graphs(self.meetings, self.triples, self.iris, progress)

    def query(self, sparql: str, timeout_s: float | None = DEFAULT_TIMEOUT_S) -> QueryResult:
        """A read-only user query: updates are refused and it stops at the time limit."""
        return self.triples.query(sparql, timeout_s)

    def export(self, out: BinaryIO, fmt: str, meeting: str | None = None) -> None:
        graph = self.iris.meeting_graph(self.meetings.find(meeting).id) if meeting else None
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()} | {"mkg": str(self.iris.vocab)}
        self.triples.export(out, fmt, graph, prefixes)

    def meeting_graph(self, meeting_id: str) -> Graph:
        """One meeting's graph as stored, read back through the ox N-Triples parser."""
        from io import BytesIO

        buffer = BytesIO()
        self.triples.export(buffer, "nt", self.iris.meeting_graph(meeting_id))
        return Graph().parse(data=buffer.getvalue(), format="ox-nt")

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def validate(self, meeting_id: str, shapes: Graph | None = None) -> ValidationReport:
        """SHACL-check one stored meeting graph, with the shared roles it points to."""
        return validate_graph(meeting_id, self.meeting_graph(meeting_id), shapes, roles_graph(self.iris))

    def close(self) -> None:
        if self._triples is not None:
            self._triples.close()
            self._triples = None
