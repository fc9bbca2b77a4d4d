"""The remote backend against a real SPARQL 1.1 server: the Oxigraph server binary, started on 127.0.0.1."""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from ingest.batch import ingest_paths
from ingest.errors import QuerySyntaxError, ReadOnlyError, StoreError
from kg.namespaces import PROV
from kg.workspace import Workspace
from tests.conftest import REPO

SERVER = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(SERVER).exists():
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen(
        [
            SERVER,
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
            "--timeout-s",
            "5",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("oxigraph server did not start")
    yield base
    process.terminate()
    process.wait(10)


def test_the_same_sync_and_queries_work_against_a_server(endpoint: str, tmp_path: Path) -> None:
    remote = Workspace(tmp_path / "remote", endpoint=f"{endpoint}/query,{endpoint}/update")
    local = Workspace(tmp_path / "local")
    for workspace in (remote, local):
        ingest_paths([REPO / "data" / "minutes"], workspace.meetings)
        report = workspace.sync()
        assert len(report.replaced) == 4
    assert remote.sync().replaced == ()  # unchanged: a no-op on the server too
    assert remote.triples.triple_count() == local.triples.triple_count()
    query = (
        "SELECT ?name WHERE { ?s <http://www.w3.org/ns/opengov#role> <https://w3id.org/minutes-kg/role/councillor> ;"
        " <http://schema.org/creator> ?p . ?p <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name"
    )
    assert remote.query(query).rows == local.query(query).rows
    for meeting in (
        "thurrock-prevent-extract",
        "limerick-city-and-county-council-joint-policing-committee-2023-12-08-excerpt",
    ):
        graphs = [remote.meeting_graph(meeting), local.meeting_graph(meeting)]
        for graph in graphs:  # the two were synced a moment apart
            graph.remove((None, PROV.endedAtTime, None))
        assert isomorphic(*graphs)
    buffer = io.BytesIO()
    remote.export(buffer, "turtle")
    assert len(Graph().parse(data=buffer.getvalue(), format="turtle")) > 4000
    with pytest.raises(ReadOnlyError):
        remote.query("DROP ALL")
    with pytest.raises(QuerySyntaxError):
        remote.query("SELECT * WHERE { ?s ?p }")
    local.close()


def test_an_unreachable_endpoint_is_a_clear_error(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "store", endpoint=f"http://127.0.0.1:{_free_port()}/query")
    with pytest.raises(StoreError, match="cannot reach SPARQL endpoint"):
        workspace.query("ASK {}")
