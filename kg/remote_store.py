"""A remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso) as a TripleStore.

Plain SPARQL 1.1 Protocol over HTTP: queries to the query URL, the same graph-replacing updates
as the embedded store to the update URL. The time limit is the HTTP timeout; servers that can,
also stop the query (start Oxigraph with --timeout-s). Queries without GRAPH read the endpoint's
default graph, so the server should expose the union of named graphs there (Oxigraph:
--union-default-graph; Fuseki: unionDefaultGraph).
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from io import BytesIO
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.query import Result

from ingest.errors import QuerySyntaxError, QueryTimeoutError, StoreError
from kg.namespaces import PREFIXES
from kg.query import DEFAULT_TIMEOUT_S, MAX_ROWS, QueryResult, plain, query_form
from kg.triple_store import DATASET_FORMATS, EXPORT_FORMATS, insert_graph_update

_ACCEPT = {"select": "application/sparql-results+json", "ask": "application/sparql-results+json"}


class RemoteStore:
    def __init__(self, query_url: str, update_url: str | None = None, timeout_s: float = 60.0) -> None:
        for url in (query_url, update_url):
            if url and urllib.parse.urlparse(url).scheme not in ("http", "https"):
                raise StoreError(f"not an http(s) SPARQL endpoint: {url!r}")
        self.query_url = query_url
        self.update_url = update_url
        self.timeout_s = timeout_s

    def _post(self, url: str, body: bytes, content_type: str, accept: str, timeout_s: float | None) -> bytes:
        request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=timeout_s or self.timeout_s) as response:
                return bytes(response.read())
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip().splitlines()
            cause = detail[0][:300] if detail else error.reason
            if error.code == 400:
                raise QuerySyntaxError(f"{url} refused the request: {cause}") from None
            raise StoreError(f"{url} answered HTTP {error.code}: {cause}") from None
        except TimeoutError:
            raise QueryTimeoutError(f"{url} gave no answer within {timeout_s or self.timeout_s:g} s") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError | socket.timeout):
                raise QueryTimeoutError(f"{url} gave no answer within {timeout_s or self.timeout_s:g} s") from None
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {error.reason}") from None

    def query(self, sparql: str, timeout_s: float | None = DEFAULT_TIMEOUT_S) -> QueryResult:
        kind = query_form(sparql)
        accept = _ACCEPT.get(kind, "application/n-triples")
        body = self._post(self.query_url, sparql.encode("utf-8"), "application/sparql-query", accept, timeout_s)
        if kind == "graph":
            graph = Graph().parse(data=body.decode("utf-8"), format="nt")
            triples = tuple(graph)[:MAX_ROWS]
            return QueryResult(kind="graph", triples=triples, truncated=len(graph) > MAX_ROWS)
        result = Result.parse(BytesIO(body), format="json")
        if kind == "ask":
            return QueryResult(kind="ask", boolean=bool(result.askAnswer))
        variables = tuple(str(v) for v in result.vars or ())
        rows = tuple(tuple(plain(row.get(v)) for v in (result.vars or ())) for row in result.bindings[: MAX_ROWS + 1])
        return QueryResult(kind="select", variables=variables, rows=rows[:MAX_ROWS], truncated=len(rows) > MAX_ROWS)

    def _update(self, update: str) -> None:
        if not self.update_url:
            raise StoreError(f"no update URL for the SPARQL endpoint {self.query_url}")
        self._post(self.update_url, update.encode("utf-8"), "application/sparql-update", "*/*", None)

    def replace_graph(self, name: URIRef, graph: Graph | str) -> None:
        self._update(insert_graph_update(name, graph))

    def drop_graph(self, name: URIRef) -> None:
        self._update(f"DROP SILENT GRAPH <{name}>")

    def graph_names(self) -> list[str]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", timeout_s=None)
        return sorted(str(row[0]) for row in result.rows)

    def export(
        self, out: BinaryIO, fmt: str, graph: URIRef | None = None, prefixes: dict[str, str] | None = None
    ) -> None:
        prefixes = prefixes if prefixes is not None else {p: str(ns) for p, ns in PREFIXES.items()}
        scope = f"GRAPH <{graph}>" if graph is not None else "GRAPH ?g"
        select = "?s ?p ?o ?g" if fmt in DATASET_FORMATS and graph is None else "DISTINCT ?s ?p ?o"
        body = self._post(
            self.query_url,
            f"SELECT {select} WHERE {{ {scope} {{ ?s ?p ?o }} }}".encode(),
            "application/sparql-query",
            "application/sparql-results+json",
            None,
        )
        rows = json.loads(body)["results"]["bindings"]
        name = ox.NamedNode(str(graph)) if graph is not None else None

        def term(value: dict[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
            if value["type"] == "uri":
                return ox.NamedNode(value["value"])
            if value["type"] == "bnode":
                return ox.BlankNode(value["value"])
            if "xml:lang" in value:
                return ox.Literal(value["value"], language=value["xml:lang"])
            return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]) if "datatype" in value else None)

        if fmt in DATASET_FORMATS:
            quads = (
                ox.Quad(term(r["s"]), term(r["p"]), term(r["o"]), name or ox.NamedNode(r["g"]["value"])) for r in rows
            )
            ox.serialize(quads, out, EXPORT_FORMATS[fmt], prefixes=prefixes)
        else:
            triples = (ox.Triple(term(r["s"]), term(r["p"]), term(r["o"])) for r in rows)
            ox.serialize(triples, out, EXPORT_FORMATS[fmt], prefixes=prefixes)

    def triple_count(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", timeout_s=None)
        return int(result.rows[0][0]) if result.rows else 0  # type: ignore[arg-type]

    def close(self) -> None:
        pass
