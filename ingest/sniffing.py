"""What a file is, from its first bytes rather than its name: councils' downloads are often misnamed.

The answer picks the reader (ingest/reading.py). A known format that minutes-kg cannot read (a ZIP
archive, a legacy .doc, an image) is refused here with a message saying what the file really is.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath
from typing import Literal

from ingest.errors import DamagedFileError, UnsupportedFormatError

Format = Literal["text", "pdf", "docx", "html", "vtt"]
MEDIA_TYPES: dict[str, str] = {
    "text": "text/plain",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "vtt": "text/vtt",
}
_EXPECTED_SUFFIXES: dict[str, set[str]] = {
    "text": {".txt", ".text", ""},
    "pdf": {".pdf"},
    "docx": {".docx"},
    "html": {".html", ".htm", ".xhtml", ".aspx", ".php", ".asp"},
    "vtt": {".vtt"},
}
_NOT_READ: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word 97-2003 (.doc) or other OLE file; save it as .docx or PDF"),
    (b"{\\rtf", "an RTF document; save it as .docx or PDF"),
    (b"\x89PNG", "a PNG image, not minutes text"),
    (b"\xff\xd8\xff", "a JPEG image, not minutes text"),
    (b"GIF8", "a GIF image, not minutes text"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"Rar!", "a RAR archive; unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive; unpack it first"),
)
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:p|div|table|h[1-6]|br|span|ul|li)\b[^>]*>", re.I)


def format_name(media_type: str | None) -> str:
    """'application/pdf' -> 'pdf': the short name tables show; '' when unknown."""
    return next((name for name, known in MEDIA_TYPES.items() if known == media_type), "")


def is_pdf(head: bytes) -> bool:
    """A PDF header in the first KiB, where readers accept it (some files start with junk)."""
    return b"%PDF-" in head[:1024]


def is_zip(head: bytes) -> bool:
    """A ZIP container, as a Word file is."""
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def sniff(data: bytes, name: str) -> Format:
    """The format of these bytes; UnsupportedFormatError for a known format that is not minutes."""
    head = data[:4096]
    if is_pdf(head):
        return "pdf"
    if is_zip(head):
        return _zip_kind(data, name)
    for magic, what in _NOT_READ:
        if head.startswith(magic):
            raise UnsupportedFormatError(name, f"the file is {what}")
    text_head = head.removeprefix(b"\xef\xbb\xbf")
    if re.match(rb"WEBVTT(?:[ \t\r\n]|$)", text_head):
        return "vtt"
    if _HTML_START.match(text_head):
        return "html"
    suffix = PurePath(name).suffix.lower()
    if suffix in _EXPECTED_SUFFIXES["html"] and _HTML_TAGS.search(text_head):
        return "html"
    return "text"


def _zip_kind(data: bytes, name: str) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as error:
        raise DamagedFileError(name, f"damaged or truncated ZIP container ({error})") from None
    if "word/document.xml" in names:
        return "docx"
    suffix = PurePath(name).suffix.lower()
    named = f" named {suffix}" if suffix and suffix != ".zip" else ""
    if "content.xml" in names:
        raise UnsupportedFormatError(name, f"the file is an OpenDocument file{named}; save it as .docx or PDF")
    raise UnsupportedFormatError(name, f"the file is a ZIP archive{named}, not a document; unzip it first")


def mismatch_note(kind: Format, name: str) -> str | None:
    """A note when the name says one format and the content another ("report.pdf" that is HTML)."""
    suffix = PurePath(name).suffix.lower()
    known = set().union(*_EXPECTED_SUFFIXES.values())
    if suffix in known and suffix not in _EXPECTED_SUFFIXES[kind]:
        return f"named {suffix} but the content is {kind.upper() if kind != 'text' else 'plain text'}; read as such"
    return None
