"""Graph store benchmark: load throughput, size on disk and README-query latency, Oxigraph vs plain rdflib.

The corpus is the real minutes, replicated under new meeting and statement IRIs up to --meetings
(people, posts and topics of a council stay shared, as they would be). Both stores load the same
meeting graphs: minutes-kg's embedded Oxigraph through its graph-replacing SPARQL Update, and
rdflib's in-memory Dataset (the baseline) parsing the same N-Triples into named graphs. The
baseline is skipped above --rdflib-max meetings, where it needs minutes and gigabytes.

Usage: python bench/graph_store.py [--meetings 1000] [--rdflib-max 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Dataset, URIRef  # noqa: E402

from ingest.parser import parse  # noqa: E402
from ingest.reading import read_source  # noqa: E402
from kg.mapping import meeting_to_graph, roles_graph  # noqa: E402
from kg.namespaces import Iris  # noqa: E402
from kg.topics import meeting_topics, scheme_graph  # noqa: E402
from kg.triple_store import EmbeddedStore  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MINUTES = Path(os.environ.get("MINUTES_KG_SHARED", ROOT.parent / "shared")) / "minutes"
QUERIES = sorted((ROOT / "docs" / "queries").glob("*.rq"))
_LOCAL = re.compile(r"(/(?:statement|resolution|action)/[0-9a-f]{16})|(/meeting/[a-z0-9-]+)")


def corpus(n: int, iris: Iris) -> list[tuple[URIRef, str]]:
    """n meeting graphs as (graph name, N-Triples): the real ones, then copies under new IRIs."""
    meetings = [parse(read_source(p)) for p in sorted(MINUTES.glob("*.txt"))]
    base = [(m.id, meeting_to_graph(m, iris).serialize(format="nt")) for m in meetings]
    out = []
    for i in range(n):
        meeting_id, nt = base[i % len(base)]
        copy = i // len(base)
        if copy:
            nt = _LOCAL.sub(lambda m, c=copy: f"{m.group(0)}-r{c}", nt)
            meeting_id = f"{meeting_id}-r{copy}"
        out.append((iris.meeting_graph(meeting_id), nt))
    return out


def load_oxigraph(graphs: list[tuple[URIRef, str]], path: Path, iris: Iris) -> tuple[EmbeddedStore, float]:
    store = EmbeddedStore(path)
    start = time.perf_counter()
    for name, nt in graphs:
        store.replace_graph(name, nt)
    store.replace_graph(iris.roles_graph(), roles_graph(iris))
    store.flush()
    return store, time.perf_counter() - start


def load_rdflib(graphs: list[tuple[URIRef, str]], iris: Iris) -> tuple[Dataset, float]:
    dataset = Dataset(default_union=True)
    start = time.perf_counter()
    for name, nt in graphs:
        dataset.graph(name).parse(data=nt, format="nt")
    for s, p, o in roles_graph(iris):
        dataset.graph(iris.roles_graph()).add((s, p, o))
    return dataset, time.perf_counter() - start


def latency(run, rounds: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        if times[-1] > 20:
            break  # one slow round says enough
    return statistics.median(times)


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, nargs="+", default=[28, 1000])
    parser.add_argument("--rdflib-max", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    iris = Iris()
    print(f"machine: {platform.machine()}, python {platform.python_version()}, {os.cpu_count()} cores")
    for n in args.meetings:
        graphs = corpus(n, iris)
        triples = sum(nt.count("\n") for _, nt in graphs)
        folder = Path(tempfile.mkdtemp(prefix="graph-bench-"))
        store, ox_load = load_oxigraph(graphs, folder / "graph", iris)
        topics = {t for m in [parse(read_source(p)) for p in sorted(MINUTES.glob("*.txt"))] for t in meeting_topics(m)}
        store.replace_graph(iris.topic_graph(), scheme_graph(topics, iris))
        store.flush()
        raw_size = du(folder)
        store.optimize()
        print(f"\n{n} meetings, {triples} triples (N-Triples lines)")
        print(f"  load  oxigraph (minutes-kg) {ox_load:8.2f} s  {triples / ox_load:10.0f} triples/s")
        print(
            f"  store size on disk          {raw_size / 1e6:8.1f} MB after loading, {du(folder) / 1e6:.1f} MB compacted"
        )
        dataset = None
        if n <= args.rdflib_max:
            dataset, rd_load = load_rdflib(graphs, iris)
            print(f"  load  rdflib in-memory      {rd_load:8.2f} s  {triples / rd_load:10.0f} triples/s")
        else:
            print(f"  load  rdflib in-memory      not run above {args.rdflib_max} meetings")
        print(f"  {'query':40s} {'oxigraph ms':>12s} {'rdflib ms':>12s} {'rows':>6s}")
        for path in QUERIES:
            text = path.read_text(encoding="utf-8")
            rows = len(store.query(text, timeout_s=None).rows)
            ox_ms = latency(lambda t=text, s=store: s.query(t, timeout_s=None), args.rounds) * 1e3
            rd = "-"
            if dataset is not None:
                rd = f"{latency(lambda t=text, d=dataset: list(d.query(t)), args.rounds) * 1e3:12.1f}"
            print(f"  {path.stem:40s} {ox_ms:12.1f} {rd:>12s} {rows:6d}")
        store.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
