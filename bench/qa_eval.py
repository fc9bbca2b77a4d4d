"""Retrieval quality on the QMSum committee train split: minutes-kg against plain BM25 and plain dense.

One index per meeting (each query belongs to one meeting). A hit counts when the returned
statement's [start, end) (for the baselines, the ~120-word chunk's) overlaps a gold span.
Abstention: each meeting is also asked the other meetings' questions; those are the negatives
for the confidence score (cross-domain negatives, covid vs education, are clearly irrelevant).

    PYTHONPATH=. HF_HUB_OFFLINE=1 python bench/qa_eval.py [--data DIR] [--cache DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.embedding_cache import CachedEmbedder  # noqa: E402
from ingest.model import Meeting  # noqa: E402
from ingest.parser import parse  # noqa: E402
from ingest.reading import read_source  # noqa: E402
from qa.embedding import Embedder, SentenceTransformerEmbedder  # noqa: E402
from qa.retrieval import HybridIndex  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "qmsum-committee" / "train"
CHUNK_WORDS = 120
KEEP_ANSWERABLE = 0.95  # the abstention threshold keeps this share of answerable questions

Spans = list[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Case:
    meeting: str
    query: str
    gold: tuple[tuple[int, int], ...]


def overlaps(span: tuple[int, int], gold: tuple[tuple[int, int], ...]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in gold)


def chunks(text: str, words: int = CHUNK_WORDS) -> Spans:
    """Consecutive ~120-word chunks: the baselines' passages."""
    tokens = [m.span() for m in re.finditer(r"\S+", text)]
    return [(tokens[i][0], tokens[min(i + words, len(tokens)) - 1][1]) for i in range(0, len(tokens), words)]


def hits_at(spans: list[tuple[int, int]], gold: tuple[tuple[int, int], ...]) -> tuple[bool, bool]:
    inside = [overlaps(s, gold) for s in spans[:5]]
    return (bool(inside[:1] and inside[0]), any(inside))


def load(data: Path) -> tuple[dict[str, Meeting], list[Case]]:
    meetings: dict[str, Meeting] = {}
    cases: list[Case] = []
    for path in sorted(data.glob("*.txt")):
        meetings[path.stem] = parse(read_source(path))
        for line in (data / f"{path.stem}.queries.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            cases.append(Case(path.stem, row["query"], tuple((int(a), int(b)) for a, b in row["gold"])))
    return meetings, cases


def auc(positives: np.ndarray, negatives: np.ndarray) -> float:
    """Probability that an answerable question scores above an unanswerable one."""
    if not len(positives) or not len(negatives):
        return float("nan")
    greater = (positives[:, None] > negatives[None, :]).mean()
    ties = (positives[:, None] == negatives[None, :]).mean()
    return float(greater + 0.5 * ties)


def evaluate(meetings: dict[str, Meeting], cases: list[Case], embedder: Embedder) -> dict[str, object]:
    by_meeting: dict[str, list[Case]] = {}
    for case in cases:
        by_meeting.setdefault(case.meeting, []).append(case)
    results: dict[str, list[tuple[bool, bool]]] = {"minutes-kg": [], "bm25": [], "dense": []}
    positives: list[float] = []
    negatives: dict[str, list[float]] = {"cross-domain": [], "same-domain": []}
    timings: list[float] = []
    for name, meeting in meetings.items():
        index = HybridIndex(embedder)
        index.add_meeting(meeting)
        spans = {s.id: (s.span.start, s.span.end) for s in meeting.statements}
        chunk_spans = chunks(meeting.text)
        chunk_texts = [meeting.text[a:b] for a, b in chunk_spans]
        lexical = bm25s.BM25()
        lexical.index(bm25s.tokenize(chunk_texts, stopwords="en", show_progress=False), show_progress=False)
        chunk_vectors = embedder.embed(chunk_texts)
        own = by_meeting.get(name, [])
        query_vectors = embedder.embed([c.query for c in own])
        for case, query_vector in zip(own, query_vectors, strict=True):
            started = time.perf_counter()
            result = index.search(case.query, k=5)
            timings.append(time.perf_counter() - started)
            results["minutes-kg"].append(hits_at([spans[h.statement] for h in result.hits], case.gold))
            positives.append(result.confidence)
            tokens = bm25s.tokenize(case.query, stopwords="en", show_progress=False)
            order, _ = lexical.retrieve(tokens, k=min(5, len(chunk_spans)), show_progress=False)
            results["bm25"].append(hits_at([chunk_spans[i] for i in order[0]], case.gold))
            dense_order = np.argsort(-(chunk_vectors @ query_vector), kind="stable")[:5]
            results["dense"].append(hits_at([chunk_spans[i] for i in dense_order], case.gold))
        domain = name.split("_")[0]
        for case in cases:
            if case.meeting != name:
                kind = "same-domain" if case.meeting.split("_")[0] == domain else "cross-domain"
                negatives[kind].append(index.search(case.query, k=1).confidence)
    report: dict[str, object] = {
        name: {"hit@1": float(np.mean([h[0] for h in rows])), "hit@5": float(np.mean([h[1] for h in rows]))}
        for name, rows in results.items()
    }
    pos = np.array(positives)
    threshold = float(np.quantile(pos, 1 - KEEP_ANSWERABLE))
    report["abstention"] = {
        "score": "best cosine of a statement with the question",
        "threshold": threshold,
        "answerable_kept": float((pos >= threshold).mean()),
        **{f"{kind}_abstained": float((np.array(values) < threshold).mean()) for kind, values in negatives.items()},
        **{f"auc_{kind}": auc(pos, np.array(values)) for kind, values in negatives.items()},
        "negatives": {kind: len(values) for kind, values in negatives.items()},
    }
    report["search_ms_p50"] = float(np.median(timings) * 1000)
    report["queries"] = len(cases)
    report["meetings"] = len(meetings)
    report["statements"] = sum(len(m.statements) for m in meetings.values())
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/minutes-kg-embeddings"), help="embedding cache")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    started = time.perf_counter()
    meetings, cases = load(args.data)
    embedder = CachedEmbedder(SentenceTransformerEmbedder(), args.cache)
    try:
        report = evaluate(meetings, cases, embedder)
    finally:
        embedder.save()
    print(f"machine: {platform.machine()}, python {platform.python_version()}; data: {args.data}")
    print(f"{report['meetings']} meetings, {report['statements']} statements, {report['queries']} queries (train)")
    print(f"{'method':24s} {'hit@1':>6s} {'hit@5':>6s}")
    for name in ("minutes-kg", "bm25", "dense"):
        row = report[name]
        assert isinstance(row, dict)
        print(f"{name:24s} {row['hit@1']:6.3f} {row['hit@5']:6.3f}")
    print("abstention:", json.dumps(report["abstention"]))
    print(f"search p50 {report['search_ms_p50']:.1f} ms; {time.perf_counter() - started:.0f} s in all")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
