"""The graph store: re-ingest, replacement of one meeting, crash safety, and bad SPARQL."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from ingest.batch import ingest_paths
from ingest.errors import QuerySyntaxError, QueryTimeoutError, ReadOnlyError, StoreError
from ingest.parser import parse
from ingest.reading import read_source
from kg.mapping import meeting_to_graph
from kg.namespaces import Iris
from kg.triple_store import EmbeddedStore
from kg.workspace import Workspace
from tests.conftest import REPO
from tests.kg.rdf_compare import same_graph

SAMPLES = REPO / "data" / "minutes"
THURROCK = "thurrock-prevent-extract.txt"
DEREHAM = "west-dereham-parish-council_parish-council_2017-04-06_excerpt.txt"


@pytest.fixture
def two_files(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (THURROCK, DEREHAM):
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def test_reingesting_unchanged_files_changes_nothing(two_files: Path, tmp_path: Path) -> None:
    with Workspace(tmp_path / "store") as workspace:
        ingest_paths([two_files], workspace.meetings)
        first = workspace.sync()
        count = workspace.triples.triple_count()
        ingest_paths([two_files], workspace.meetings)
        second = workspace.sync()
        assert len(first.replaced) == 2 and not second.replaced
        assert workspace.triples.triple_count() == count


def test_an_edited_file_replaces_only_its_own_graph(two_files: Path, tmp_path: Path) -> None:
    with Workspace(tmp_path / "store") as workspace:
        ingest_paths([two_files], workspace.meetings)
        workspace.sync()
        dereham_id = workspace.meetings.find(DEREHAM).id
        untouched = workspace.meeting_graph(dereham_id)
        before = workspace.meeting_graph("thurrock-prevent-extract")
        edited = two_files / THURROCK
        edited.write_text(
            edited.read_text(encoding="utf-8") + "\nThe Chair thanked officers for the report.\n", encoding="utf-8"
        )
        ingest_paths([two_files], workspace.meetings)
        report = workspace.sync()
        assert report.replaced == ("thurrock-prevent-extract",)
        after = workspace.meeting_graph("thurrock-prevent-extract")
        assert not isomorphic(before, after)
        assert isomorphic(untouched, workspace.meeting_graph(dereham_id))
        thanked = workspace.query(
            'ASK { ?s <http://schema.org/text> "The Chair thanked officers for the report." }', timeout_s=None
        )
        assert thanked.boolean


def test_a_meeting_removed_from_the_store_loses_its_graph(two_files: Path, tmp_path: Path) -> None:
    with Workspace(tmp_path / "store") as workspace:
        ingest_paths([two_files], workspace.meetings)
        workspace.sync()
        (workspace.meetings.meetings_dir / "thurrock-prevent-extract.json").unlink()
        report = workspace.sync()
        assert report.dropped == ("thurrock-prevent-extract",)
        assert str(workspace.iris.meeting_graph("thurrock-prevent-extract")) not in workspace.triples.graph_names()


_WRITER = """
import sys
from pathlib import Path
from ingest.parser import parse
from ingest.reading import read_source
from kg.mapping import meeting_to_graph
from kg.namespaces import Iris
from kg.triple_store import EmbeddedStore
store, old, new = EmbeddedStore(Path(sys.argv[1])), Path(sys.argv[2]), Path(sys.argv[3])
iris = Iris()
graphs = [meeting_to_graph(parse(read_source(p)), iris) for p in (new, old)]
name = iris.meeting_graph("thurrock-prevent-extract")
print("ready", flush=True)
while True:
    for graph in graphs:
        store.replace_graph(name, graph)
"""


def test_a_killed_writer_leaves_the_old_graph_or_the_new_one_never_half(tmp_path: Path) -> None:
    """SIGKILL a process that keeps replacing a meeting graph; the graph is always one whole version."""
    old = tmp_path / "old" / THURROCK
    new = tmp_path / "new" / THURROCK
    old.parent.mkdir()
    new.parent.mkdir()
    shutil.copy(SAMPLES / THURROCK, old)
    new.write_text(old.read_text(encoding="utf-8").replace("Prevent", "PREVENT"), encoding="utf-8")
    with Workspace(tmp_path / "store") as workspace:
        ingest_paths([old], workspace.meetings)
        workspace.sync()
        synced = workspace.meeting_graph("thurrock-prevent-extract")
    iris = Iris()
    versions = [synced] + [
        Graph().parse(data=meeting_to_graph(parse(read_source(p)), iris).serialize(format="nt"), format="nt")
        for p in (old, new)
    ]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for delay in (0.05, 0.2, 0.45):
        writer = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(tmp_path / "store" / "graph"), str(old), str(new)],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert writer.stdout is not None and writer.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        store = EmbeddedStore(tmp_path / "store" / "graph")
        try:
            buffer = io.BytesIO()
            store.export(buffer, "nt", Iris().meeting_graph("thurrock-prevent-extract"))
        finally:
            store.close()
        stored = Graph().parse(data=buffer.getvalue(), format="nt")
        assert any(same_graph(stored, whole) for whole in versions), f"half-written graph after {delay} s"


def test_bad_sparql_gives_clear_errors_and_changes_nothing(sample_workspace: Workspace) -> None:
    count = sample_workspace.triples.triple_count()
    with pytest.raises(QuerySyntaxError, match="syntax error"):
        sample_workspace.query("SELECT * WHERE { ?s ?p }")
    for update in (
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/#a>\n# comment\nINSERT DATA { ex:a ex:b ex:c }",
        "DROP ALL",
        "",
    ):
        with pytest.raises(ReadOnlyError, match="read-only"):
            sample_workspace.query(update)
    with pytest.raises(QuerySyntaxError):  # an update smuggled after a query is not a query
        sample_workspace.query("SELECT * WHERE { ?s ?p ?o } ; DROP ALL")
    with pytest.raises(QueryTimeoutError, match="time limit"):
        sample_workspace.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout_s=0.2)
    assert sample_workspace.triples.triple_count() == count


def test_a_second_process_on_the_same_store_gets_a_clear_error(tmp_path: Path) -> None:
    first = EmbeddedStore(tmp_path / "graph")
    try:
        code = (
            "import sys; from pathlib import Path; from kg.triple_store import EmbeddedStore;"
            " EmbeddedStore(Path(sys.argv[1]))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / "graph")],
            capture_output=True,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(REPO)),
        )
        assert result.returncode != 0
        assert "open in another minutes-kg process" in result.stderr
    finally:
        first.close()
    with pytest.raises(StoreError, match="not a folder"):
        blocker = tmp_path / "file"
        blocker.write_text("x")
        EmbeddedStore(blocker)
