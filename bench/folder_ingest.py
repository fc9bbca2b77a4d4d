"""Folder ingest speed: meetings per second for a folder of generated files, with one and two workers.

The folder holds N files made from the real minutes of ../shared/minutes, in 10 subfolders: every
fourth one a PDF (the real file rendered by the fixture renderer, with a PDF comment naming its copy
number after %%EOF), the rest text (the real file with a line naming its copy number appended), so
every file has its own sha256 and meeting id and the work is that of the real minutes. Each run
ingests the whole folder into a fresh store (read, sniff, parse, write the record; no graph or
index), then runs again over the same store, which must find every file unchanged.

    PYTHONPATH=. python bench/folder_ingest.py [--files 1000] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.batch import ingest_paths  # noqa: E402
from ingest.store import MeetingStore  # noqa: E402

MINUTES = Path(__file__).resolve().parents[2] / "shared" / "minutes"


def _render_pdf() -> Callable[[str, str, str], bytes]:
    """The fixture renderer (tests/fixtures is not a package, so loaded from its file)."""
    spec = importlib.util.spec_from_file_location(
        "render_pdf", REPO / "tests" / "fixtures" / "formats" / "render_pdf.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.render  # type: ignore[no-any-return]


def make_folder(folder: Path, count: int) -> tuple[int, int]:
    """`count` files cycling through the real minutes; returns (PDF files, total bytes)."""
    sources = sorted(MINUTES.glob("*.txt"))
    render = _render_pdf()
    pdfs = {s.stem: render(s.read_text(encoding="utf-8"), s.stem.replace("_", " - "), s.stem) for s in sources}
    total, pdf_count = 0, 0
    for n in range(count):
        source = sources[n % len(sources)]
        if n % 4 == 3:
            data, suffix = pdfs[source.stem] + f"% copy {n}\n".encode(), ".pdf"
            pdf_count += 1
        else:
            data, suffix = (
                source.read_bytes() + f"\nCopy {n} of the minutes, made for the benchmark.\n".encode(),
                ".txt",
            )
        target = folder / f"set-{n // 100:02d}" / f"{source.stem}-copy{n:04d}{suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        total += len(data)
    return pdf_count, total


def run(folder: Path, store_dir: Path, workers: int) -> tuple[float, float, int]:
    store = MeetingStore(store_dir)
    started = time.perf_counter()
    report = ingest_paths([folder], store, workers=workers)
    first = time.perf_counter() - started
    if report.failed:
        raise SystemExit(f"{len(report.failed)} files failed, e.g. {report.failed[0].error}")
    started = time.perf_counter()
    again = ingest_paths([folder], store, workers=workers)
    second = time.perf_counter() - started
    if again.count("unchanged") != len(again.results):
        raise SystemExit("the second run re-ingested files it should have skipped")
    return first, second, len(report.results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, python {platform.python_version()}, {os.cpu_count()} cores")
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "folder"
        pdfs, size = make_folder(folder, args.files)
        print(
            f"{args.files} files ({pdfs} PDF, {args.files - pdfs} text), {size / 1e6:.1f} MB, "
            f"from {len(list(MINUTES.glob('*.txt')))} real minutes"
        )
        for workers in args.workers:
            first, second, count = run(folder, Path(tmp) / f"store-{workers}", workers)
            print(
                f"workers {workers}: {count} meetings in {first:.1f} s = {count / first:.1f} meetings/s; "
                f"second run (all unchanged) {second:.2f} s"
            )
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
