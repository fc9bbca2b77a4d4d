from __future__ import annotations

import io
import zipfile

import pytest

from ingest.errors import DamagedFileError, UnsupportedFormatError
from ingest.sniffing import mismatch_note, sniff


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"%PDF-1.7\n...", "minutes.pdf", "pdf"),
        (b"%PDF-1.4\n...", "minutes.txt", "pdf"),  # misnamed: the content decides
        (b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello", "webcast.vtt", "vtt"),
        (b"\xef\xbb\xbfWEBVTT - council\n", "webcast.txt", "vtt"),
        (b"<!DOCTYPE html><html><body><p>Minutes</p></body></html>", "page", "html"),
        (b"  <html lang='en'><p>Minutes</p>", "page.txt", "html"),
        (b"<p>The Chair opened the meeting.</p>", "item.aspx", "html"),
        (b"<p>The Chair opened the meeting.</p>", "notes.txt", "text"),  # a tag in text is not a web page
        (b"1. Apologies\nThe Chair welcomed members.", "minutes", "text"),
    ],
)
def test_formats_come_from_the_content(data: bytes, name: str, kind: str) -> None:
    assert sniff(data, name) == kind


def test_a_word_document_is_a_zip_with_word_document_xml() -> None:
    assert sniff(_zip({"word/document.xml": b"<w:document/>"}), "minutes.docx") == "docx"


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (_zip({"minutes.txt": b"x"}), "a ZIP archive named .pdf, not a document"),
        (_zip({"content.xml": b"x", "mimetype": b"x"}), "an OpenDocument file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "legacy Word 97-2003"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "a PNG image"),
    ],
)
def test_known_formats_that_are_not_minutes_say_what_they_are(data: bytes, cause: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=cause) as raised:
        sniff(data, "minutes.pdf")
    assert str(raised.value).startswith("minutes.pdf: ")


def test_a_cut_zip_is_damaged() -> None:
    with pytest.raises(DamagedFileError, match="damaged or truncated ZIP"):
        sniff(_zip({"word/document.xml": b"<w:document/>" * 100})[:30], "minutes.docx")


def test_a_misnamed_file_gets_a_note() -> None:
    assert mismatch_note("html", "minutes.pdf") == "named .pdf but the content is HTML; read as such"
    assert mismatch_note("pdf", "minutes.pdf") is None
    assert mismatch_note("text", "minutes") is None
