"""Index build throughput and warm search latency of qa.retrieval, and exact vs approximate FAISS.

1. Build: every statement of ../shared/minutes embedded and indexed with the real model
   (model load excluded), then the BM25 windows built and the index saved.
2. Search: real meetings replicated with new ids up to 1k/10k/100k statements (vectors reused,
   so no re-embedding), 100 warm questions each (10 questions, 10 rounds after a warm-up round;
   a 95th percentile of 40 was the second slowest), every question embedded by the real model.
3. FAISS alone: flat vs IVF latency per single query, and recall@10 of IVF against flat on
   real embeddings (QMSum train statements and the minutes); past the real vectors available,
   copies with small noise (sigma 0.02 per dimension, renormalised) fill up to the size.

    PYTHONPATH=. HF_HUB_OFFLINE=1 python bench/index_speed.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import faiss
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.embedding_cache import CachedEmbedder  # noqa: E402
from bench.qa_eval import DEFAULT_DATA  # noqa: E402
from bench.qa_eval import load as load_qmsum  # noqa: E402
from ingest.model import Meeting, content_id  # noqa: E402
from ingest.parser import parse  # noqa: E402
from ingest.reading import read_source  # noqa: E402
from qa.embedding import Embedder, SentenceTransformerEmbedder, load_model, normalise  # noqa: E402
from qa.retrieval import HybridIndex  # noqa: E402
from qa.vector_index import FaissIndex, ivf_lists  # noqa: E402

MINUTES = Path(__file__).resolve().parents[2] / "shared" / "minutes"
QUESTIONS = [
    "How is the team engaging with faith groups?",
    "What did councillors say about the budget?",
    "Were there concerns about road safety near schools?",
    "What was agreed about the planning application?",
    "Who raised the issue of anti-social behaviour?",
    "What did officers report about housing repairs?",
    "Was the grant for the village hall approved?",
    "What is the position on the local plan consultation?",
    "What did the police say about crime figures?",
    "How will children in care be supported?",
]


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.array(values) * 1000, q))


def copy_meeting(meeting: Meeting, n: int) -> Meeting:
    """The same meeting under a new id and sha256, so every statement gets a new id."""
    sha = hashlib.sha256(f"{meeting.sha256}:{n}".encode()).hexdigest()
    statements = tuple(dataclasses.replace(s, id=content_id(sha, s.span.start, s.span.end)) for s in meeting.statements)
    return dataclasses.replace(meeting, id=f"{meeting.id}-{n}", sha256=sha, statements=statements)


def build(meetings: list[Meeting], embedder: Embedder) -> dict[str, float]:
    """Index from nothing with the production embedder, so every statement is embedded as `ingest` does it."""
    embedder.embed(["warm the model up"])
    index = HybridIndex(embedder)
    count = sum(len(m.statements) for m in meetings)
    started = time.perf_counter()
    index.update(meetings)
    added = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        index.save(Path(tmp) / "index")
        saved = time.perf_counter() - started
    return {"statements": count, "add_s": added, "save_s": saved, "per_s": count / (added + saved)}


def model_alone(texts: list[str], batch_size: int = 32) -> float:
    """Sentences per second of plain sentence-transformers `encode` (its default batch of 32), in one call."""
    model = load_model()
    torch.set_num_threads(os.cpu_count() or 1)  # torch's default here; a one-question embedding leaves 1
    started = time.perf_counter()
    model.encode(texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)
    return len(texts) / (time.perf_counter() - started)


def search_latency(
    meetings: list[Meeting], size: int, embedder: CachedEmbedder, model: SentenceTransformerEmbedder
) -> dict[str, float]:
    """Warm search latency with the question embedded by the real model, as `ask` does it."""
    index = HybridIndex(embedder)
    total, n = 0, 0
    started = time.perf_counter()
    while total < size:
        for meeting in meetings:
            if total >= size:
                break
            index.add_meeting(copy_meeting(meeting, n))
            total += len(meeting.statements)
        n += 1
    index.search(QUESTIONS[0])  # builds the BM25 windows and the per-meeting arrays
    prepared = time.perf_counter() - started
    index.embedder = model  # statements came from the cache; questions are embedded for real
    timings = []
    for round_ in range(11):
        for question in QUESTIONS:
            started = time.perf_counter()
            index.search(question, k=5)
            if round_:
                timings.append(time.perf_counter() - started)
    return {
        "statements": len(index),
        "prepare_s": prepared,
        "p50_ms": percentile(timings, 50),
        "p95_ms": percentile(timings, 95),
    }


def real_vectors(embedder: CachedEmbedder, minutes: list[Meeting]) -> tuple[np.ndarray, np.ndarray]:
    qmsum, cases = load_qmsum(DEFAULT_DATA)
    texts = [s.text for m in list(qmsum.values()) + minutes for s in m.statements]
    vectors = np.unique(embedder.embed(texts), axis=0)
    return vectors, embedder.embed([c.query for c in cases])


def faiss_compare(base: np.ndarray, queries: np.ndarray, size: int, nprobes: Sequence[int]) -> list[dict[str, float]]:
    rng = np.random.default_rng(0)
    data = base[rng.permutation(len(base))[:size]]
    while len(data) < size:
        extra = base[rng.integers(0, len(base), min(size - len(data), len(base)))]
        data = np.vstack([data, normalise(extra + rng.normal(0, 0.02, extra.shape).astype(np.float32))])
    ids = [str(i) for i in range(size)]
    flat = FaissIndex("m", data.shape[1], approximate_from=size + 1)
    flat.add(ids, data)
    started = time.perf_counter()
    ivf = FaissIndex("m", data.shape[1], approximate_from=size)
    ivf.add(ids, data)
    built = time.perf_counter() - started
    exact = [{i for i, _ in flat.search(q, 10)} for q in queries]
    rows = []
    raw = faiss.IndexFlatIP(data.shape[1])  # FaissIndex always searches on one thread; compare both here
    raw.add(data)
    for threads in (1, 2):
        faiss.omp_set_num_threads(threads)
        timings = []
        for q in queries:
            started = time.perf_counter()
            raw.search(q.reshape(1, -1), 10)
            timings.append(time.perf_counter() - started)
        rows.append({"size": size, "kind": f"flat, raw FAISS, {threads} thread(s)", "p50_ms": percentile(timings, 50)})
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    timings = []
    for q in queries:
        started = time.perf_counter()
        flat.search(q, 10)
        timings.append(time.perf_counter() - started)
    rows.append({"size": size, "kind": "flat (FaissIndex)", "p50_ms": percentile(timings, 50), "recall": 1.0})
    for nprobe in nprobes:
        ivf.nprobe = nprobe
        timings, recall = [], []
        for q, truth in zip(queries, exact, strict=True):
            started = time.perf_counter()
            found = {i for i, _ in ivf.search(q, 10)}
            timings.append(time.perf_counter() - started)
            recall.append(len(found & truth) / 10)
        rows.append(
            {
                "size": size,
                "kind": f"ivf nlist={ivf_lists(size)} nprobe={nprobe} (build {built:.1f} s)",
                "p50_ms": percentile(timings, 50),
                "recall": float(np.mean(recall)),
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--nprobe", type=int, nargs="+", default=[8, 16, 32, 64])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/minutes-kg-embeddings"))
    parser.add_argument("--skip-build", action="store_true", help="skip the (slow) build throughput run")
    parser.add_argument("--skip-faiss", action="store_true", help="skip the FAISS flat vs IVF comparison")
    args = parser.parse_args()
    minutes = [parse(read_source(p)) for p in sorted(MINUTES.glob("*.txt"))]
    print(f"machine: {platform.machine()}, python {platform.python_version()}, {os.cpu_count()} cores")
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    embedder = CachedEmbedder(SentenceTransformerEmbedder(), args.cache)
    if not args.skip_build:
        row = build(minutes, SentenceTransformerEmbedder())
        print(
            f"build: {row['statements']} statements of {len(minutes)} minutes: embed+add {row['add_s']:.1f} s, "
            f"BM25 windows+save {row['save_s']:.1f} s -> {row['per_s']:.0f} statements/s"
        )
        texts = [s.text for m in minutes for s in m.statements]
        print(f"plain sentence-transformers encode, the same statements in one call: {model_alone(texts):.0f}/s")
        words = " ".join(texts).split()
        even = [" ".join(words[i : i + 25]) for i in range(0, 25 * 2000, 25)]
        print(f"plain encode, 2,000 25-word sentences (ENVIRONMENT.md: about 205/s): {model_alone(even):.0f}/s")
    embedder.embed([s.text for m in minutes for s in m.statements] + QUESTIONS)
    embedder.save()
    model = SentenceTransformerEmbedder()
    timings = []
    for question in QUESTIONS * 3:
        started = time.perf_counter()
        model.embed([question])
        timings.append(time.perf_counter() - started)
    print(f"query embedding: p50 {percentile(timings[10:], 50):.1f} ms, p95 {percentile(timings[10:], 95):.1f} ms")
    for size in args.sizes:
        row = search_latency(minutes, size, embedder, model)
        print(
            f"hybrid search, {row['statements']:>7} statements: p50 {row['p50_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms"
            f" (query embedded by the model; index prepared in {row['prepare_s']:.1f} s)"
        )
    if args.skip_faiss:
        print(f"load average at end: {os.getloadavg()[0]:.2f}")
        return 0
    base, queries = real_vectors(embedder, minutes)
    embedder.save()
    print(f"FAISS alone: {len(base)} distinct real vectors, {len(queries)} real queries, k=10")
    for size in args.sizes:
        for row in faiss_compare(base, queries, size, args.nprobe):
            recall = f"  recall@10 {row['recall']:.3f}" if "recall" in row else ""
            print(f"  {row['size']:>6} {row['kind']:45s} p50 {row['p50_ms']:6.2f} ms{recall}")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
