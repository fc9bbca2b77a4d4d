"""PDF reading speed in pages a second, on one core: all real minutes rendered to PDF, then read back.

The PDFs come from the fixture renderer (tests/fixtures/formats/render_pdf.py: A4, 11 pt Helvetica,
a running header and a "Page N of M" footer on every page), written to a temporary folder. Each run
times extract_pdf over all of them from bytes in memory (no disk reads timed); the summary is the
median run. Beside it, how many files came back exactly as their source lines (whitespace in a line
collapsed, as the renderer does): the rest differ where a source line break cannot be told from a wrap.
Usage: python bench/pdf_speed.py [--rounds N]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.pdf_reading import extract_pdf  # noqa: E402

MINUTES = Path(os.environ.get("MINUTES_KG_SHARED", REPO.parent / "shared")) / "minutes"


def _renderer() -> ModuleType:
    """The fixture renderer, loaded from its file: tests/fixtures is not a package."""
    spec = importlib.util.spec_from_file_location(
        "render_pdf", REPO / "tests" / "fixtures" / "formats" / "render_pdf.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _render_all(folder: Path) -> list[tuple[str, bytes, str]]:
    """(name, PDF bytes, source text) for every real minutes file, rendered into `folder`."""
    render = _renderer().render
    out = []
    for source in sorted(MINUTES.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        header = source.stem.replace("_", " - ").replace("-", " ")
        target = folder / f"{source.stem}.pdf"
        target.write_bytes(render(text, header, source.stem))
        out.append((target.name, target.read_bytes(), text))
    return out


def run(rounds: int) -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as bench/parse_throughput.py
    with tempfile.TemporaryDirectory(prefix="pdf-speed-") as tmp:
        started = time.perf_counter()
        files = _render_all(Path(tmp))
        rendering = time.perf_counter() - started
    if not files:
        sys.exit(f"no minutes found at {MINUTES} (set MINUTES_KG_SHARED)")
    size = sum(len(data) for _, data, _ in files)
    results = {name: extract_pdf(data, name) for name, data, _ in files}  # warm-up, and the counts
    pages = sum(len(result.pages) for result in results.values())
    exact = sum(
        results[name].text == "\n".join(" ".join(line.split()) for line in text.split("\n")).strip("\n") + "\n"
        for name, _, text in files
    )
    print(f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}, 1 core")
    print(f"corpus: {len(files)} PDFs, {pages} pages, {size / 1e3:.0f} kB, rendered in {rendering:.1f} s")
    times = []
    for number in range(1, rounds + 1):
        start = time.perf_counter()
        for name, data, _ in files:
            extract_pdf(data, name)
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        print(f"run {number}: {pages} pages  {elapsed:7.3f} s  {pages / elapsed:8.1f} pages/s")
    median = statistics.median(times)
    print(f"median of {rounds}: {pages} pages  {median:7.3f} s  {pages / median:8.1f} pages/s")
    print(f"exact round trips (text == source lines): {exact} of {len(files)} files")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    run(parser.parse_args().rounds)
