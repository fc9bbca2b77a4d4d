"""Triple stores behind one small Protocol: embedded Oxigraph (through rdflib's oxrdflib plugin) here,
a remote SPARQL 1.1 endpoint in kg/remote_store.py.

Both take the same SPARQL Update for a meeting's graph ("drop it, insert the new one" in one
request), which Oxigraph applies as one transaction: a crash leaves the old graph or the new one,
never half of either.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from ingest.errors import QuerySyntaxError, QueryTimeoutError, StoreError
from kg.namespaces import PREFIXES
from kg.query import DEFAULT_TIMEOUT_S, MAX_ROWS, QueryKind, QueryResult, plain, query_form

EXPORT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
}
DATASET_FORMATS = {"trig", "nq"}


class TripleStore(Protocol):
    """What the rest of the tool needs of a store of named graphs."""

    def query(self, sparql: str, timeout_s: float | None = DEFAULT_TIMEOUT_S) -> QueryResult:
        """A read-only query over the union of all graphs; refuses updates."""
        ...

    def replace_graph(self, name: URIRef, graph: Graph | str) -> None:
        """Make `name` hold exactly `graph` (a Graph or N-Triples text), atomically."""
        ...

    def drop_graph(self, name: URIRef) -> None: ...

    def graph_names(self) -> list[str]: ...

    def export(
        self, out: BinaryIO, fmt: str, graph: URIRef | None = None, prefixes: dict[str, str] | None = None
    ) -> None:
        """Stream the whole store (or one graph) in a format of EXPORT_FORMATS."""
        ...

    def triple_count(self) -> int: ...

    def close(self) -> None: ...


def one_line(message: str, limit: int = 200) -> str:
    """Parser messages list every expected token over many lines; a user needs where and the gist."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def insert_graph_update(name: URIRef, graph: Graph | str) -> str:
    """One SPARQL Update that replaces a named graph (given as a Graph or as N-Triples text):
    the same text for every backend."""
    triples = graph if isinstance(graph, str) else graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{triples}}} }}"


class QueryRunner:
    """Runs user queries with a time limit. Oxigraph cannot cancel a query, and it releases the GIL,
    so a query past its limit is abandoned to its thread and no new one starts until it ends."""

    def __init__(self) -> None:
        self._abandoned: threading.Thread | None = None
        self._lock = threading.Lock()

    def run(self, work: callable, timeout_s: float | None) -> QueryResult:  # type: ignore[valid-type]
        if timeout_s is None:
            return work()  # type: ignore[no-any-return]
        with self._lock:
            if self._abandoned is not None and self._abandoned.is_alive():
                raise QueryTimeoutError("the previous query is still running past its time limit; try again later")
        box: dict[str, object] = {}

        def target() -> None:
            try:
                box["result"] = work()
            except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread below
                box["error"] = error

        thread = threading.Thread(target=target, name="sparql-query", daemon=True)
        thread.start()
        thread.join(timeout_s)
        if thread.is_alive():
            with self._lock:
                self._abandoned = thread
            raise QueryTimeoutError(f"query stopped at the time limit of {timeout_s:g} s")
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        return box["result"]  # type: ignore[return-value]


def _take(rows: Iterator[tuple[Node | None, ...]]) -> tuple[tuple[tuple[Node | None, ...], ...], bool]:
    taken = []
    for row in rows:
        if len(taken) == MAX_ROWS:
            return tuple(taken), True
        taken.append(row)
    return tuple(taken), False


class EmbeddedStore:
    """Oxigraph on disk, used through rdflib (oxrdflib); default graph = union of the meeting graphs."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"cannot open graph store {self.path}: it is not a folder")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._ox = ox.Store(str(self.path))
        except OSError as error:
            cause = "it is open in another minutes-kg process" if "lock" in str(error).lower() else str(error)
            raise StoreError(f"cannot open graph store {self.path}: {cause}") from None
        self.dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=True)
        self._runner = QueryRunner()

    def query(self, sparql: str, timeout_s: float | None = DEFAULT_TIMEOUT_S) -> QueryResult:
        kind = query_form(sparql)
        return self._runner.run(lambda: self._evaluate(sparql, kind), timeout_s)

    def _evaluate(self, sparql: str, kind: QueryKind) -> QueryResult:
        try:
            result = self.dataset.query(sparql)
        except SyntaxError as error:
            raise QuerySyntaxError(f"SPARQL syntax error: {one_line(str(error))}") from None
        except OSError as error:
            raise QuerySyntaxError(f"query failed: {error}") from None
        if kind == "ask":
            return QueryResult(kind="ask", boolean=bool(result.askAnswer))
        if kind == "graph":
            triples, truncated = _take(iter(result))  # type: ignore[arg-type]
            return QueryResult(kind="graph", triples=triples, truncated=truncated)  # type: ignore[arg-type]
        variables = tuple(str(v) for v in result.vars or ())
        rows, truncated = _take(tuple(plain(row.get(v)) for v in (result.vars or ())) for row in result.bindings)
        return QueryResult(kind="select", variables=variables, rows=rows, truncated=truncated)

    def replace_graph(self, name: URIRef, graph: Graph | str) -> None:
        # straight to Oxigraph: rdflib would parse the INSERT DATA itself, minutes per meeting
        self._ox.update(insert_graph_update(name, graph))

    def drop_graph(self, name: URIRef) -> None:
        self._ox.update(f"DROP SILENT GRAPH <{name}>")

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def export(
        self, out: BinaryIO, fmt: str, graph: URIRef | None = None, prefixes: dict[str, str] | None = None
    ) -> None:
        prefixes = prefixes if prefixes is not None else {p: str(ns) for p, ns in PREFIXES.items()}
        if graph is not None:
            if fmt in DATASET_FORMATS:
                quads = self._ox.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))
                ox.serialize(quads, out, EXPORT_FORMATS[fmt], prefixes=prefixes)
            else:
                self._ox.dump(out, EXPORT_FORMATS[fmt], from_graph=ox.NamedNode(str(graph)), prefixes=prefixes)
        elif fmt in DATASET_FORMATS:
            self._ox.dump(out, EXPORT_FORMATS[fmt], prefixes=prefixes)
        else:  # one graph: the union, each triple once
            triples = self._ox.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
            )
            ox.serialize(triples, out, EXPORT_FORMATS[fmt], prefixes=prefixes)

    def triple_count(self) -> int:
        return len(self._ox)

    def flush(self) -> None:
        self._ox.flush()

    def optimize(self) -> None:
        """Compact the files on disk (RocksDB keeps superseded versions until compaction)."""
        self._ox.optimize()

    def close(self) -> None:
        """Release the store's lock now: the Oxigraph store closes when its last reference goes."""
        if getattr(self, "_ox", None) is None:
            return
        self._ox.flush()
        self.dataset.close()
        del self.dataset
        self._ox = None  # type: ignore[assignment]
