"""Keeping the graph store in step with the meeting store.

The meeting store (JSON records) is the source of truth; each meeting graph carries the sha256
of the file it came from. Syncing rebuilds exactly the graphs whose hash differs and drops the
graphs of meetings no longer stored, so re-ingesting an unchanged file touches nothing, a
changed file replaces only its own graph, and a run killed between the two stores is repaired
by the next one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ingest.errors import UsageError
from ingest.store import MeetingStore
from kg.mapping import meeting_to_graph, roles_graph
from kg.namespaces import DEFAULT_BASE_IRI, SKOS, Iris
from kg.remote_store import RemoteStore
from kg.topics import scheme_graph
from kg.triple_store import EmbeddedStore, TripleStore

CONFIG_FILE = "graph.json"


@dataclass(frozen=True, slots=True)
class SyncReport:
    replaced: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    topics: int = 0
    notes: tuple[str, ...] = field(default=())


def graph_settings(store_dir: Path, base_iri: str | None = None, endpoint: str | None = None) -> dict[str, str]:
    """The base IRI and backend of a store, fixed when it is first used and checked afterwards."""
    path = Path(store_dir) / CONFIG_FILE
    settings = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if base_iri and settings.get("base_iri") not in (None, base_iri):
        raise UsageError(
            f"store {store_dir} uses base IRI {settings['base_iri']!r}, not {base_iri!r}; use another --store"
        )
    settings.setdefault("base_iri", base_iri or DEFAULT_BASE_IRI)
    Iris(settings["base_iri"])  # validates
    if endpoint:
        settings["endpoint"] = endpoint
    if not path.exists() or endpoint:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(settings, indent=2), encoding="utf-8")
        os.replace(tmp, path)
    return settings


def open_triple_store(store_dir: Path, settings: dict[str, str]) -> TripleStore:
    """The remote endpoint when the store is configured with one, else embedded Oxigraph in STORE/graph."""
    endpoint = settings.get("endpoint") or os.environ.get("MINUTES_KG_SPARQL_ENDPOINT")
    if endpoint:
        query_url, _, update_url = endpoint.partition(",")
        return RemoteStore(query_url, update_url or None)
    return EmbeddedStore(Path(store_dir) / "graph")


def graph_versions(store: TripleStore, iris: Iris) -> dict[str, str]:
    """Meeting graph IRI -> sha256 of the source it was built from."""
    result = store.query(
        f"SELECT ?g ?sha WHERE {{ GRAPH ?g {{ ?source <{iris.vocab.sha256}> ?sha }} }}", timeout_s=None
    )
    return {str(g): str(sha) for g, sha in result.rows}


def sync_graphs(
    meetings: MeetingStore,
    store: TripleStore,
    iris: Iris,
    progress: Callable[[list[str]], Iterable[str]] = lambda ids: ids,
) -> SyncReport:
    """Bring the graph store in line with the meeting store; rebuild the topic scheme if anything changed."""
    versions = graph_versions(store, iris)
    stored = meetings.ids()
    wanted = {str(iris.meeting_graph(meeting_id)): meeting_id for meeting_id in stored}
    stale = [mid for mid in stored if versions.get(str(iris.meeting_graph(mid))) != meetings.sha256_of(mid)]
    replaced, dropped = [], []
    for meeting_id in progress(stale):
        meeting = meetings.get(meeting_id)
        graph = meeting_to_graph(meeting, iris, datetime.now(UTC).replace(microsecond=0))
        store.replace_graph(iris.meeting_graph(meeting_id), graph)
        replaced.append(meeting_id)
    prefix = str(iris.meeting_graph(""))
    for name in store.graph_names():
        if name.startswith(prefix) and name not in wanted:
            store.drop_graph(name)  # type: ignore[arg-type]
            dropped.append(name[len(prefix) :])
    topics = 0
    names = store.graph_names()
    if str(iris.roles_graph()) not in names:
        store.replace_graph(iris.roles_graph(), roles_graph(iris))
    if replaced or dropped or str(iris.topic_graph()) not in names:
        topics = rebuild_topic_scheme(store, iris)
    unchanged = tuple(sorted(set(stored) - set(replaced)))
    return SyncReport(tuple(replaced), tuple(dropped), unchanged, topics)


def rebuild_topic_scheme(store: TripleStore, iris: Iris) -> int:
    """The corpus-wide SKOS scheme over every meeting's topics, in its own graph."""
    result = store.query(
        f"SELECT DISTINCT ?label WHERE {{ GRAPH ?g {{ ?c a <{SKOS.Concept}> ; <{SKOS.prefLabel}> ?label }}"
        f" FILTER(?g != <{iris.topic_graph()}>) }}",
        timeout_s=None,
    )
    labels = [str(row[0]) for row in result.rows]
    if not labels:
        store.drop_graph(iris.topic_graph())
        return 0
    store.replace_graph(iris.topic_graph(), scheme_graph(labels, iris))
    return len(labels)
