"""Ingesting many files: each file stands alone, so one bad file never stops the batch.

Files are found recursively and read by content, not by name (ingest/sniffing.py). The main process
hashes each file and skips those whose stored meeting has the same sha256, so a second run over an
unchanged folder parses nothing. The rest are read and parsed in worker processes (both cores of a
small machine) and written by the main process alone, one atomic record at a time.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Literal

from ingest.errors import MinutesKGError
from ingest.metadata import MeetingFacts
from ingest.model import Meeting
from ingest.parser import meeting_id, parse
from ingest.reading import read_bytes, read_file
from ingest.sniffing import format_name
from ingest.store import MeetingStore

Status = Literal["stored", "replaced", "unchanged", "failed"]
NOT_MINUTES_SUFFIXES = {".md", ".rst", ".json", ".jsonl", ".csv", ".tsv", ".yml", ".yaml", ".toml", ".py", ".ini"}
Progress = Callable[[Iterable[int]], Iterable[int]]


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to ingest and its name as ingested: the path under the folder given, else its file name."""

    path: Path
    name: str


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    status: Status
    meeting: str | None = None
    statements: int = 0
    error: str | None = None
    notes: tuple[str, ...] = ()
    media_type: str | None = None
    pages: int = 0


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    def table(self) -> str:
        """Files by format and outcome, with statements and pages: the summary printed after a batch."""
        columns = ("stored", "replaced", "unchanged", "failed")
        rows: dict[str, list[int]] = {}
        for r in self.results:
            kind = format_name(r.media_type) or PurePath(r.path).suffix.lower().lstrip(".") or "?"
            row = rows.setdefault(kind, [0] * (len(columns) + 3))
            row[0] += 1
            row[1 + columns.index(r.status)] += 1
            row[-2] += r.statements
            row[-1] += r.pages
        rows["total"] = [sum(column) for column in zip(*rows.values(), strict=True)] if rows else [0] * 7
        headers = ("format", "files", *columns, "statements", "pages")
        lines = [headers] + [(kind, *map(str, row)) for kind, row in rows.items()]
        widths = [max(len(str(line[i])) for line in lines) for i in range(len(headers))]
        return "\n".join(
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=True)))
            for line in lines
        )


def expand(paths: Iterable[Path]) -> list[SourceFile]:
    """Files as given, and the files under folders: recursively, sorted, hidden ones skipped, and so are
    notes and data files (README.md, SOURCES.md, *.json), which are not minutes and not bad minutes."""
    out: list[SourceFile] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                SourceFile(p, p.relative_to(path).as_posix())
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() not in NOT_MINUTES_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            out.append(SourceFile(path, path.name))
    return out


def default_workers() -> int:
    """Both cores of the small machines this runs on; never more processes than cores."""
    return max(1, min(2, os.cpu_count() or 1))


def _read(source: SourceFile) -> bytes:
    if not source.path.exists():
        raise MinutesKGError(f"{source.path}: no such file")
    return read_file(source.path, source.name)


@dataclass(frozen=True, slots=True)
class Parsed:
    """A worker's result: the meeting and what its reader noticed (decoding, a misnamed file)."""

    meeting: Meeting
    notes: tuple[str, ...]


def parse_file(source: SourceFile, stated: MeetingFacts | None = None) -> Parsed:
    """Read and parse one file; runs in a worker process. Raises MinutesKGError for bad input."""
    doc = read_bytes(_read(source), source.name)
    return Parsed(parse(doc, stated), doc.notes)


def _parse_job(source: SourceFile, stated: MeetingFacts | None) -> Parsed | str:
    """parse_file for a worker: bad input comes back as its one-line message, not a pickled exception."""
    try:
        return parse_file(source, stated)
    except MinutesKGError as error:
        return str(error)
    except Exception as error:  # noqa: BLE001 - the per-file batch boundary: report it and go on
        return f"{source.name}: {type(error).__name__}: {error}"


def ingest_paths(
    paths: Iterable[Path],
    store: MeetingStore,
    progress: Progress | None = None,
    workers: int = 1,
    stated: MeetingFacts | None = None,
) -> IngestReport:
    """Ingest files and folders; results in the order the files were found.

    `workers` > 1 parses in that many processes. `stated` facts (the user's --council, --committee,
    --date) apply to every file and make unchanged files be parsed again, as the facts may be new.
    """
    files = expand(paths)
    results: dict[int, FileResult] = {}
    todo: list[tuple[int, SourceFile, str | None]] = []  # position, file, sha256 stored before
    seen: dict[str, str] = {}
    for position, source in enumerate(files):
        try:
            data = _read(source)
        except MinutesKGError as error:
            results[position] = FileResult(str(source.path), "failed", error=str(error))
            continue
        except OSError as error:
            results[position] = FileResult(str(source.path), "failed", error=f"{source.name}: {error.strerror}")
            continue
        meeting = meeting_id(source.name)
        if meeting in seen:
            cause = f"{source.name}: makes the same meeting id {meeting!r} as {seen[meeting]}; rename one of them"
            results[position] = FileResult(str(source.path), "failed", meeting, error=cause)
            continue
        seen[meeting] = source.name
        previous = store.sha256_of(meeting)
        if previous == hashlib.sha256(data).hexdigest() and stated is None:
            results[position] = FileResult(str(source.path), "unchanged", meeting)
            continue
        todo.append((position, source, previous))
    ticks = iter(progress(range(len(todo))) if progress else range(len(todo)))
    for (position, source, previous), outcome in zip(todo, _parsed(todo, workers, stated), strict=True):
        next(ticks, None)
        results[position] = _store(source, previous, outcome, store)
    return IngestReport([results[i] for i in range(len(files))])


def _parsed(
    todo: list[tuple[int, SourceFile, str | None]], workers: int, stated: MeetingFacts | None
) -> Iterator[Parsed | str]:
    """Parse results in the order of `todo`: inline for one worker or one file, else in a process pool."""
    if workers <= 1 or len(todo) <= 1:
        for _, source, _ in todo:
            yield _parse_job(source, stated)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures: list[Future[Parsed | str]] = [pool.submit(_parse_job, source, stated) for _, source, _ in todo]
        for done, future in enumerate(futures):
            try:
                yield future.result()
            except BrokenProcessPool:  # a reader took its process down (a native library's crash)
                for _, source, _ in todo[done:]:  # so the rest one a fresh process each, to find the culprit
                    yield _alone(source, stated)
                return


def _alone(source: SourceFile, stated: MeetingFacts | None) -> Parsed | str:
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(_parse_job, source, stated).result()
        except BrokenProcessPool:
            return f"{source.name}: reading it crashed the worker process (a malformed file?)"


def _store(source: SourceFile, previous: str | None, outcome: Parsed | str, store: MeetingStore) -> FileResult:
    if isinstance(outcome, str):
        return FileResult(str(source.path), "failed", error=outcome)
    meeting = outcome.meeting
    try:
        store.put(meeting)
    except MinutesKGError as error:
        return FileResult(str(source.path), "failed", meeting.id, error=str(error))
    except OSError as error:
        return FileResult(str(source.path), "failed", meeting.id, error=f"{source.name}: {error.strerror or error}")
    return FileResult(
        str(source.path),
        "replaced" if previous else "stored",
        meeting.id,
        len(meeting.statements),
        notes=outcome.notes,
        media_type=meeting.media_type,
        pages=len(meeting.pages),
    )
