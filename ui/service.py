"""One store opened for the web app: the calls the app's handlers make, each a library call.

The asker (index, catalogue, meetings) is loaded once and shared by every request; an ingest builds
a fresh one and swaps it in whole, so a question is answered by the old store or the new one,
never by half of each, and new files are searchable without a restart.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from ingest.batch import IngestReport, ingest_paths
from ingest.errors import UsageError
from kg.analytics import all_networks, asked_network, write_graphml
from kg.entities import KINDS, EntityHit, EntityProfile, entity_profile, search_entities
from kg.graph_sync import SyncReport
from kg.query import QueryResult
from kg.query_format import format_result
from kg.workspace import Workspace
from qa.answer_view import answer_view
from qa.asking import Asker
from qa.embedding import Embedder
from qa.filters import AskFilters, FilterChoices, ask_filtered, filter_choices
from qa.index_sync import default_embedder, open_asker, sync_index
from ui.uploads import stage_uploads

EXPORT_SUFFIX = {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "trig": "trig", "nq": "nq", "graphml": "graphml"}
MAX_TOP = 20
QUERIES_DIR = Path(__file__).resolve().parent.parent / "docs" / "queries"
WARM_QUESTION = "what was said about the budget"


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    report: IngestReport
    graph: SyncReport
    index: dict[str, str] = field(default_factory=dict)


def example_queries(folder: Path = QUERIES_DIR) -> dict[str, str]:
    """docs/queries/*.rq by file name; empty when the docs are not installed."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.rq"))} if folder.is_dir() else {}


class Service:
    def __init__(self, store_dir: Path, embedder: Embedder | None = None) -> None:
        self.workspace = Workspace(Path(store_dir))
        self.iris = self.workspace.iris
        self.embedder = embedder or default_embedder()
        self.workspace.triples  # noqa: B018 - opened now: two requests must not race to open the store
        self._asker: Asker | None = None
        self._asker_lock = threading.Lock()
        self._ingest_lock = threading.Lock()
        self._texts: dict[str, str] = {}
        self._scratch = Path(tempfile.mkdtemp(prefix="minutes-kg-ui-"))

    def prepare(self) -> IngestOutcome:
        """Bring graph and index in step with the meeting records (cheap when they are), and warm the asker."""
        graph = self.workspace.sync()
        index = sync_index(self.workspace.meetings, self.embedder)
        self._swap_asker()
        return IngestOutcome(IngestReport(), graph, index)

    def _open_asker(self) -> Asker:
        """A fresh asker, warmed by one question so its lazily built indexes exist before threads share it."""
        asker = open_asker(self.workspace.meetings, self.embedder)
        if asker.catalogue.rows:
            asker.ask(WARM_QUESTION)
        return asker

    def _swap_asker(self) -> None:
        asker = self._open_asker()
        with self._asker_lock:
            self._asker = asker
            self._texts = {}

    def asker(self) -> Asker:
        with self._asker_lock:
            if self._asker is None:
                self._asker = self._open_asker()
            return self._asker

    # --- ask
    def ask(self, question: str, top: int = 5, filters: AskFilters | None = None) -> dict[str, Any]:
        """The `ask --json` object (DESIGN.md) for a question, narrowed by the filters."""
        top = max(1, min(int(top), MAX_TOP))
        return answer_view(ask_filtered(self.asker(), question, top, filters), self.iris)

    def choices(self) -> FilterChoices:
        return filter_choices(self.asker().catalogue)

    def meeting_text(self, meeting_iri: str) -> str | None:
        """The text of a cited meeting, for showing a quote in context; None when it is no longer stored."""
        meeting_id = self.iris.local_name(meeting_iri, "meeting")
        if meeting_id is None or meeting_id not in self.workspace.meetings.ids():
            return None
        if meeting_id not in self._texts:
            self._texts[meeting_id] = self.workspace.meetings.get(meeting_id).text
        return self._texts[meeting_id]

    def meeting_ids(self) -> list[str]:
        return self.workspace.meetings.ids()

    # --- SPARQL
    def sparql(self, query: str, timeout_s: float) -> QueryResult:
        """A read-only query with a time limit: updates are refused (ReadOnlyError)."""
        if not (query or "").strip():
            raise UsageError("empty query: write a SELECT, ASK, CONSTRUCT or DESCRIBE query")
        return self.workspace.query(query, timeout_s=max(0.5, min(float(timeout_s), 120.0)))

    def csv_file(self, result: QueryResult) -> Path | None:
        if result.kind != "select":
            return None
        path = Path(tempfile.mkdtemp(dir=self._scratch)) / "results.csv"
        path.write_text(format_result(result, "csv"), encoding="utf-8")
        return path

    # --- export
    def export(self, fmt: str, meeting: str | None = None) -> Path:
        """The whole graph, or one meeting's, as a file to download; GraphML holds the networks of the whole graph."""
        if fmt not in EXPORT_SUFFIX:
            raise UsageError(f"unknown export format {fmt!r}: choose one of {', '.join(EXPORT_SUFFIX)}")
        meeting_id = self.workspace.meetings.find(meeting).id if meeting else None
        folder = Path(tempfile.mkdtemp(dir=self._scratch))
        path = folder / f"{meeting_id or 'minutes-kg'}.{EXPORT_SUFFIX[fmt]}"
        if fmt == "graphml":
            if meeting_id:
                raise UsageError("GraphML holds the networks of the whole graph: choose all meetings")
            write_graphml(all_networks(self.workspace.triples), path)
            return path
        with path.open("wb") as handle:
            self.workspace.export(handle, fmt, meeting_id)
        return path

    # --- ingest
    def ingest(self, files: Sequence[Path], names: Sequence[str] | None = None) -> IngestOutcome:
        """Copy uploads under safe names, ingest them, then bring graph and index in step and swap the asker."""
        if not files:
            raise UsageError("no files uploaded: choose one or more minutes files")
        with self._ingest_lock:
            folder = Path(tempfile.mkdtemp(prefix="upload-", dir=self._scratch))
            try:
                report = ingest_paths(stage_uploads(files, folder, names), self.workspace.meetings)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            graph = self.workspace.sync()
            index = sync_index(self.workspace.meetings, self.embedder)
            self._swap_asker()
        return IngestOutcome(report, graph, index)

    # --- explore
    def search(self, text: str, kinds: Sequence[str] = KINDS) -> list[EntityHit]:
        return search_entities(lambda q: self.workspace.query(q, 10.0), self.iris, text, tuple(kinds))

    def profile(self, iri: str) -> EntityProfile:
        return entity_profile(lambda q: self.workspace.query(q, 10.0), self.iris, iri)

    def asked_network(self) -> nx.DiGraph:
        return asked_network(self.workspace.triples)

    def close(self) -> None:
        self.workspace.close()
        shutil.rmtree(self._scratch, ignore_errors=True)
