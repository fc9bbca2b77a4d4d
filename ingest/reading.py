"""Reading a file into text: the text every span of a meeting points into.

Bytes are decoded as UTF-8 (a BOM is dropped), else cp1252 with a warning, else refused.
Line endings are kept as read, so offsets match the file as a reader would load it in Python
with newline="" semantics; CRLF files are normalised to LF first and the reader says so.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import BinaryFileError, EmptyFileError, EncodingError, FileTooLargeError

MAX_BYTES = 20_000_000  # minutes are kilobytes; 20 MB is far past any real meeting
_CONTROL_OK = {"\n", "\r", "\t", "\f"}


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A decoded file: its name as ingested, text, sha256 of the bytes, and how it was decoded."""

    name: str
    text: str
    sha256: str
    encoding: str
    notes: tuple[str, ...] = ()


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


def read_source(path: Path, max_bytes: int = MAX_BYTES) -> SourceDocument:
    """Read one plain-text file. Raises an InputError subclass on bad input."""
    name = path.name
    size = path.stat().st_size
    if size > max_bytes:
        raise FileTooLargeError(name, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    data = path.read_bytes()
    text, encoding, notes = decode(data, name)
    return SourceDocument(name=name, text=text, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, notes=notes)
