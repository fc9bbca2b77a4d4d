"""Reading a file into text: the text every span of a meeting points into.

The format comes from the content (ingest/sniffing.py). Plain text is decoded as UTF-8 (a BOM is
dropped), else cp1252 with a warning, else refused; CRLF is normalised to LF and the reader says so.
PDF, Word, HTML and WebVTT go through their readers, and the text they extract is what the meeting
stores, so every span still resolves to an exact quote. The sha256 is always of the file's bytes.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import BinaryFileError, EmptyFileError, EncodingError, FileTooLargeError
from ingest.sniffing import MEDIA_TYPES, Format, is_pdf, is_zip, mismatch_note, sniff

MAX_BYTES = 20_000_000  # minutes are kilobytes of text; 20 MB is far past any real meeting
MAX_DOCUMENT_BYTES = 100_000_000  # a PDF or Word file carries images and fonts: printed minutes reach tens of MB
_CONTROL_OK = {"\n", "\r", "\t", "\f"}


@dataclass(frozen=True, slots=True)
class ExtractedText:
    """What a format reader gives back: the text, where its pages start, and what it noticed."""

    text: str
    pages: tuple[int, ...] = ()  # offset in `text` where each page starts (PDF)
    times: tuple[tuple[int, int], ...] = ()  # (offset in `text`, milliseconds into the recording) per cue (WebVTT)
    notes: tuple[str, ...] = ()
    title: str | None = None  # the document's own title (PDF info, HTML <title>, DOCX core properties)
    date: str | None = None  # ISO 8601 date the document states in its properties, if any


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A decoded file: its name as ingested, text, sha256 of the bytes, and how it was read."""

    name: str
    text: str
    sha256: str
    encoding: str
    notes: tuple[str, ...] = ()
    media_type: str = "text/plain"
    pages: tuple[int, ...] = ()
    times: tuple[tuple[int, int], ...] = ()
    title: str | None = None
    date: str | None = None


def decode(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode bytes or raise a one-line error naming the file and the cause."""
    if not data.strip():
        raise EmptyFileError(name, "file is empty" if not data else "file holds only whitespace")
    if b"\x00" in data[:8192]:
        raise BinaryFileError(name, "binary file (NUL bytes), not text minutes")
    notes: list[str] = []
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise EncodingError(name, f"not UTF-8 (bad byte at {utf8_error.start}) and not cp1252 either") from None
        encoding = "cp1252"
        notes.append(f"not UTF-8 (bad byte at {utf8_error.start}); decoded as cp1252")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in _CONTROL_OK)
    if controls > 0.01 * min(len(text), 8192):
        raise BinaryFileError(name, f"binary file ({controls} control characters in the first 8 KiB)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("line endings normalised to LF")
    return text, encoding, tuple(notes)


_READERS: dict[str, str] = {  # imported on demand: a text-only ingest never loads PDFium, lxml or python-docx
    "pdf": "ingest.pdf_reading:extract_pdf",
    "docx": "ingest.docx_reading:extract_docx",
    "html": "ingest.html_reading:extract_html",
    "vtt": "ingest.vtt_reading:extract_vtt",
}


def _reader(kind: Format) -> Callable[[bytes, str], ExtractedText]:
    module, function = _READERS[kind].split(":")
    return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


def read_bytes(data: bytes, name: str) -> SourceDocument:
    """Bytes of a file called `name` (its path as ingested) into a document. InputError on bad input."""
    if not data.strip():
        raise EmptyFileError(name, "file is empty" if not data else "file holds only whitespace")
    kind = sniff(data, name)
    sha256 = hashlib.sha256(data).hexdigest()
    mismatch = mismatch_note(kind, name)
    if kind == "text":
        text, encoding, notes = decode(data, name)
        return SourceDocument(name, text, sha256, encoding, (mismatch, *notes) if mismatch else notes)
    extracted = _reader(kind)(data, name)
    notes = (mismatch, *extracted.notes) if mismatch else extracted.notes
    return SourceDocument(
        name=name,
        text=extracted.text,
        sha256=sha256,
        encoding="utf-8",
        notes=notes,
        media_type=MEDIA_TYPES[kind],
        pages=extracted.pages,
        times=extracted.times,
        title=extracted.title,
        date=extracted.date,
    )


def read_file(path: Path, name: str) -> bytes:
    """A file's bytes, refused before reading when over its kind's limit: 100 MB for a PDF or a Word
    file (told by their first bytes), 20 MB for anything else."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        with path.open("rb") as handle:
            head = handle.read(1024)
        limit = MAX_DOCUMENT_BYTES if is_pdf(head) or is_zip(head) else MAX_BYTES
        if size > limit:
            raise FileTooLargeError(name, f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit")
    return path.read_bytes()


def read_source(path: Path, name: str | None = None) -> SourceDocument:
    """Read one file of any supported format; `name` defaults to the file name. InputError on bad input."""
    name = name or path.name
    return read_bytes(read_file(path, name), name)
