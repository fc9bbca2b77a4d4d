"""Ingesting many files: each file stands alone, so one bad file never stops the batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ingest.errors import MinutesKGError, UnsupportedFormatError
from ingest.parser import meeting_id, parse
from ingest.reading import read_source
from ingest.store import MeetingStore

Status = Literal["stored", "replaced", "unchanged", "failed"]
TEXT_SUFFIXES = {".txt", ".text", ""}
NOT_MINUTES_SUFFIXES = {".md", ".rst", ".json", ".jsonl", ".csv", ".tsv", ".yml", ".yaml", ".toml", ".py", ".ini"}


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    status: Status
    meeting: str | None = None
    statements: int = 0
    error: str | None = None
    notes: tuple[str, ...] = ()


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the files under folders: recursively, sorted, hidden ones skipped, and so are
    notes and data files (README.md, SOURCES.md, *.json), which are not minutes and not bad minutes."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() not in NOT_MINUTES_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            out.append(path)
    return out


def ingest_file(path: Path, store: MeetingStore) -> FileResult:
    """Read, parse and store one file. Raises MinutesKGError for bad input."""
    if not path.exists():
        raise MinutesKGError(f"{path}: no such file")
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise UnsupportedFormatError(str(path), f"unsupported file type {path.suffix!r} (this version reads text)")
    doc = read_source(path)
    previous = store.sha256_of(meeting_id(doc.name))
    if previous == doc.sha256:
        return FileResult(str(path), "unchanged", meeting_id(doc.name), notes=doc.notes)
    meeting = parse(doc)
    store.put(meeting)
    status: Status = "replaced" if previous else "stored"
    return FileResult(str(path), status, meeting.id, len(meeting.statements), notes=doc.notes)


def ingest_paths(
    paths: Iterable[Path], store: MeetingStore, progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None
) -> IngestReport:
    report = IngestReport()
    files = expand(paths)
    for path in progress(files) if progress else files:
        try:
            report.results.append(ingest_file(path, store))
        except MinutesKGError as error:
            report.results.append(FileResult(str(path), "failed", error=str(error)))
        except Exception as error:  # noqa: BLE001 - the per-file batch boundary: report it and go on
            report.results.append(FileResult(str(path), "failed", error=f"{path}: {type(error).__name__}: {error}"))
    return report
