"""Parse throughput over all real minutes, on one core: reading + attribution + extraction, no embeddings.

Beside it, in the same run, the baseline of reading and sentence-splitting alone, so the cost of
attribution and extraction is visible. Usage: python bench/parse_throughput.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.parser import parse  # noqa: E402
from ingest.reading import read_source  # noqa: E402
from ingest.segmenting import split_sentences  # noqa: E402

MINUTES = Path(os.environ.get("MINUTES_KG_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "minutes"


def run(rounds: int) -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    files = sorted(MINUTES.glob("*.txt"))
    total_bytes = sum(f.stat().st_size for f in files)
    docs = [read_source(f) for f in files]
    statements = sum(len(parse(d).statements) for d in docs)  # warm-up, and the count

    def timed(job) -> list[float]:  # type: ignore[no-untyped-def]
        out = []
        for _ in range(rounds):
            start = time.perf_counter()
            job()
            out.append(time.perf_counter() - start)
        return out

    full = timed(lambda: [parse(read_source(f)) for f in files])
    base = timed(lambda: [split_sentences(d.text, 0, len(d.text)) for d in (read_source(f) for f in files)])
    print(f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}, 1 core")
    print(f"corpus: {len(files)} files, {total_bytes / 1e3:.0f} kB, {statements} statements; {rounds} rounds, median")
    for label, times in (("read + split sentences (baseline)", base), ("full parse (read, attribute, extract)", full)):
        t = statistics.median(times)
        print(f"{label:40s} {t * 1e3:8.1f} ms  {len(files) / t:8.1f} meetings/s  {statements / t:9.0f} statements/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    run(parser.parse_args().rounds)
