"""How much the candidate scoring of large stores loses against scoring every statement.

Past qa.retrieval.FULL_SCAN_STATEMENTS, a search scores only the places around the PRESELECT best
BM25 and FAISS statements. This runs the same questions both ways over one index of real meetings
(the 24 QMSum committee train meetings and the 28 minutes, ~23k statements, no meeting scope) and
reports how many of the full scan's top 5 the candidate scoring returns, and hit@1/hit@5 of both
against QMSum's gold spans. A smaller PRESELECT stands in for a larger store: 200 candidates among
23k statements is a far easier task than 200 among a million, so the small settings matter most
(5 of 23k is about the share 200 of 1M is).

    PYTHONPATH=. HF_HUB_OFFLINE=1 python bench/candidate_agreement.py [--preselect 200 50 20 5]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.embedding_cache import CachedEmbedder  # noqa: E402
from bench.index_speed import MINUTES  # noqa: E402
from bench.qa_eval import DEFAULT_DATA, hits_at  # noqa: E402
from bench.qa_eval import load as load_qmsum  # noqa: E402
from ingest.parser import parse  # noqa: E402
from ingest.reading import read_source  # noqa: E402
from qa import retrieval  # noqa: E402
from qa.embedding import SentenceTransformerEmbedder  # noqa: E402
from qa.retrieval import HybridIndex, SearchResult  # noqa: E402


def run(index: HybridIndex, queries: list[str], full_scan: int, preselect: int) -> list[SearchResult]:
    retrieval.FULL_SCAN_STATEMENTS, retrieval.PRESELECT = full_scan, preselect
    return [index.search(q, k=5) for q in queries]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/minutes-kg-embeddings"))
    parser.add_argument("--preselect", type=int, nargs="+", default=[200, 50, 20, 5])
    args = parser.parse_args()
    meetings, cases = load_qmsum(args.data)
    minutes = [parse(read_source(p)) for p in sorted(MINUTES.glob("*.txt"))]
    embedder = CachedEmbedder(SentenceTransformerEmbedder(), args.cache)
    index = HybridIndex(embedder)
    index.add_meetings(list(meetings.values()) + minutes)
    embedder.embed([c.query for c in cases])
    embedder.save()
    spans = {s.id: (s.span.start, s.span.end) for m in meetings.values() for s in m.statements}
    print(f"machine: {platform.machine()}, python {platform.python_version()}")
    print(f"{len(index)} statements of {len(index.meetings())} meetings, {len(cases)} QMSum train queries, no scope")
    queries = [c.query for c in cases]
    full_scan, preselect = retrieval.FULL_SCAN_STATEMENTS, retrieval.PRESELECT
    index.search(queries[0])  # builds the BM25 windows and the corpus arrays
    started = time.perf_counter()
    full = run(index, queries, len(index), preselect)
    full_ms = (time.perf_counter() - started) / len(queries) * 1000

    def quality(results: list[SearchResult]) -> tuple[float, float]:
        found = [
            hits_at([spans.get(h.statement, (-1, -1)) for h in r.hits], c.gold)
            for r, c in zip(results, cases, strict=True)
        ]
        return float(np.mean([f[0] for f in found])), float(np.mean([f[1] for f in found]))

    one, five = quality(full)
    print(f"{'scoring':28s} {'top-5 kept':>10s} {'same top 1':>10s} {'hit@1':>6s} {'hit@5':>6s} {'ms/query':>9s}")
    print(f"{'every statement':28s} {1.0:10.3f} {1.0:10.3f} {one:6.3f} {five:6.3f} {full_ms:9.1f}")
    for count in args.preselect:
        started = time.perf_counter()
        part = run(index, queries, 0, count)
        ms = (time.perf_counter() - started) / len(queries) * 1000
        kept = [
            len({h.statement for h in p.hits} & {h.statement for h in f.hits}) / len(f.hits)
            for p, f in zip(part, full, strict=True)
            if f.hits
        ]
        same = [
            bool(p.hits and f.hits and p.hits[0].statement == f.hits[0].statement)
            for p, f in zip(part, full, strict=True)
        ]
        one, five = quality(part)
        label = f"candidates, PRESELECT {count}"
        print(f"{label:28s} {np.mean(kept):10.3f} {np.mean(same):10.3f} {one:6.3f} {five:6.3f} {ms:9.1f}")
    retrieval.FULL_SCAN_STATEMENTS, retrieval.PRESELECT = full_scan, preselect
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
