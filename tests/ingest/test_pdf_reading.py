"""The PDF reader: real minutes rendered to PDF come back as the same text, and bad PDFs are refused clearly."""

from __future__ import annotations

import importlib.util
import io
import zipfile
import zlib
from pathlib import Path
from types import ModuleType

import pypdfium2 as pdfium
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ingest.errors import (
    DamagedFileError,
    EncryptedFileError,
    InputError,
    NoMinutesError,
    NoTextLayerError,
    UnsupportedFormatError,
)
from ingest.model import Meeting
from ingest.parser import parse
from ingest.pdf_layout import Line, Page, join_pages
from ingest.pdf_reading import extract_pdf
from ingest.reading import read_bytes

FORMATS = Path(__file__).resolve().parent.parent / "fixtures" / "formats"


def _renderer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_pdf", FORMATS / "render_pdf.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RENDER = _renderer()
EXCERPTS = sorted(RENDER.FIXTURES)


def _statements(meeting: Meeting) -> list[tuple[object, ...]]:
    return [
        (s.text, s.span.start, s.span.end, s.speaker.name, s.speaker.kind, s.act, s.item) for s in meeting.statements
    ]


def _page_count(data: bytes) -> int:
    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


# --- the committed fixtures: real minutes, rendered ---


@pytest.mark.parametrize("excerpt", EXCERPTS)
def test_pdf_reads_back_as_the_excerpt_and_parses_the_same(excerpt: str) -> None:
    txt, pdf = FORMATS / excerpt, (FORMATS / excerpt).with_suffix(".pdf")
    data = pdf.read_bytes()
    from_pdf = parse(read_bytes(data, pdf.name))
    from_txt = parse(read_bytes(txt.read_bytes(), txt.name))
    assert from_pdf.text == txt.read_text(encoding="utf-8")
    assert from_pdf.statements, "the excerpt should hold statements to compare"
    assert _statements(from_pdf) == _statements(from_txt)
    for statement in from_pdf.statements:
        assert from_pdf.text[statement.span.start : statement.span.end] == statement.text
    pages = from_pdf.pages
    assert len(pages) == _page_count(data) >= 2
    assert pages[0] == 0 and all(a < b for a, b in zip(pages, pages[1:], strict=False))
    assert {s.page for s in from_pdf.statements} == set(range(1, len(pages) + 1))


@pytest.mark.parametrize("excerpt", EXCERPTS)
def test_each_page_offset_is_where_its_first_line_starts(excerpt: str) -> None:
    source = (FORMATS / excerpt).read_text(encoding="utf-8")
    extracted = extract_pdf((FORMATS / excerpt).with_suffix(".pdf").read_bytes(), excerpt)
    for offset, lines in zip(extracted.pages[1:], RENDER.layout(source)[1:], strict=True):
        first = next(line for line in lines if line)
        assert extracted.text[offset:].startswith(first)
        assert extracted.text[offset - 1] in " \n"


@pytest.mark.parametrize("excerpt", EXCERPTS)
def test_headers_footers_and_page_numbers_are_dropped(excerpt: str) -> None:
    header, title = RENDER.FIXTURES[excerpt]
    data = (FORMATS / excerpt).with_suffix(".pdf").read_bytes()
    pdf = pdfium.PdfDocument(data)
    try:
        raw_text = "".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    extracted = extract_pdf(data, excerpt)
    assert header in raw_text and "Page 2 of" in raw_text  # they are in the PDF...
    assert header not in extracted.text and "Page " not in extracted.text  # ...and not in what is read
    assert extracted.title == title
    assert extracted.date is None  # CreationDate is when the file was made, not the meeting


@pytest.mark.parametrize("excerpt", EXCERPTS)
def test_committed_pdf_matches_its_renderer(excerpt: str) -> None:
    header, title = RENDER.FIXTURES[excerpt]
    source = (FORMATS / excerpt).read_text(encoding="utf-8")
    assert (FORMATS / excerpt).with_suffix(".pdf").read_bytes() == RENDER.render(source, header, title)
    assert all(line == line.strip() and "  " not in line for line in source.splitlines())


@pytest.mark.parametrize(("before", "blanks"), [(-1, 1), (0, 1), (-1, 2), (0, 0)], ids=["end", "top", "both", "none"])
def test_blank_lines_at_a_page_break_are_kept(before: int, blanks: int) -> None:
    """A blank line in the last slot of a page shows as a page ending early; on the next, as one starting late."""
    per_page = len(RENDER.layout("x\n" * 200)[0])
    lines = [f"Item {i}: the Committee noted the report of the Director." for i in range(per_page + before)]
    lines += [""] * blanks + [f"Resolved {i}: the Committee agreed the recommendations." for i in range(20)]
    source = "\n".join(lines) + "\n"
    data = RENDER.render(source, "Thurrock Council - Committee - 11 March 2025")
    assert _page_count(data) == 2
    assert extract_pdf(data, "break.pdf").text == source


# --- layout, on PDFs drawn here ---


def _draw(pages: list[list[tuple[float, float, str]]], size: float = 11.0) -> bytes:
    """A PDF with each (x, baseline, text) drawn in Helvetica, in the order given."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for strings in pages:
        canvas.setFont("Helvetica", size)
        for x, y, text in strings:
            canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _full_line(ending: str, width: float = A4[0] - 144) -> str:
    """Words filling a line of `width` so that `ending` closes it and not even " a" more fits: a wrapped line."""
    line = ending
    for word in [*"the committee noted that the council had consulted widely on the proposals".split(), *["a"] * 40]:
        if stringWidth(f"{word} {line}", "Helvetica", 11) <= width:
            line = f"{word} {line}"
    assert stringWidth(f"a {line}", "Helvetica", 11) > width
    return line


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("self-", "assessment was noted.", "self-assessment was noted."),  # minutes' hyphens are real ones
        ("multi-", "agency working was noted.", "multi-agency working was noted."),
        ("Anglo-", "Irish working was noted.", "Anglo-Irish working was noted."),
        ("COVID-", "19 recovery was noted.", "COVID-19 recovery was noted."),
    ],
)
def test_wrapped_lines_and_broken_words_are_joined(first: str, second: str, joined: str) -> None:
    line = _full_line(first)
    extracted = extract_pdf(_draw([[(72, 700, line), (72, 686.8, second), (72, 673.6, "RESOLVED: noted.")]]), "w.pdf")
    assert extracted.text == line.removesuffix(first) + joined + "\nRESOLVED: noted.\n"


def test_a_short_line_ending_in_a_hyphen_keeps_its_line_break() -> None:
    lines = ["Item 4 - Prevent self-", "assessment", "Councillor Ralph asked a question."]
    data = _draw([[(72, 700 - 13.2 * i, text) for i, text in enumerate(lines)]])
    assert extract_pdf(data, "short.pdf").text == "\n".join(lines) + "\n"


@pytest.mark.parametrize("number", ["3", "- 3 -", "Page 3", "Page 3 of 10", "3 | Page"])
def test_a_lone_page_number_is_dropped_even_on_one_page(number: str) -> None:
    body = ["Councillor Abbas asked how the team engaged with faith groups.", "The Chair thanked officers."]
    data = _draw([[(72, 760, body[0]), (72, 746.8, body[1]), (290, 40, number)]])
    assert extract_pdf(data, "one.pdf").text == "\n".join(body) + "\n"


def test_a_two_column_page_is_read_column_by_column() -> None:
    left_text = " ".join(["Councillor Collins asked whether the team could reach out to the advisory council."] * 3)
    right_text = " ".join(["The Community Safety Partnership Manager replied that she would look into it."] * 3)
    left, right = simpleSplit(left_text, "Helvetica", 11, 200), simpleSplit(right_text, "Helvetica", 11, 200)
    assert len(left) >= 5 and len(right) >= 5
    rows = [(72, 700 - 13.2 * i, text) for i, text in enumerate(left)]
    rows += [(320, 700 - 13.2 * i, text) for i, text in enumerate(right)]
    rows.sort(key=lambda row: (-row[1], row[0]))  # drawn row by row across both columns
    heading = "CLEANER, GREENER AND SAFER OVERVIEW AND SCRUTINY COMMITTEE"  # across both columns
    extracted = extract_pdf(_draw([[(120, 726.4, heading), *rows]]), "columns.pdf")
    assert extracted.text == f"{heading}\n\n{left_text}\n{right_text}\n"
    assert any("two columns" in note for note in extracted.notes)


# --- refusals, each a one-line cause naming the file ---


def _scan_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages are only an image each, as a scanner makes them: no text layer at all."""
    pixels = zlib.compress(bytes(range(64)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 3 * i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for i in range(pages):
        content = b"q 500 0 0 700 50 70 cm /Im0 Do Q"
        objects += [
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 {5 + 3 * i} 0 R >> >>"
            f" /Contents {4 + 3 * i} 0 R >>".encode(),
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
            b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8"
            b" /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (len(pixels), pixels),
        ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _text_pdf(encrypt: StandardEncryption | None = None, text: str = "The Chair welcomed everyone.") -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, encrypt=encrypt)
    canvas.drawString(72, 700, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("minutes.txt", "The Chair welcomed everyone.")
    return buffer.getvalue()


def _no_pages() -> bytes:
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    return buffer.getvalue()


def _blank_page() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.rect(100, 100, 200, 200)  # a drawing, but no text and no image
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _truncated() -> bytes:
    data = (FORMATS / EXCERPTS[0]).with_suffix(".pdf").read_bytes()
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (_scan_pdf, NoTextLayerError, "no text layer: 2 pages of images, a scan? OCR it first"),
        (lambda: _text_pdf(StandardEncryption("secret", "owner")), EncryptedFileError, "password"),
        (_truncated, DamagedFileError, "truncated or damaged PDF"),
        (lambda: b"%PDF-1.7\n" + b"garbage " * 100 + b"\n%%EOF\n", DamagedFileError, "truncated or damaged PDF"),
        (_zip, UnsupportedFormatError, "ZIP archive"),
        (_no_pages, NoMinutesError, "no pages"),
        (_blank_page, NoMinutesError, "no text"),
    ],
    ids=["scan", "password", "truncated", "garbage", "zip", "no-pages", "blank"],
)
def test_unreadable_pdfs_are_refused_with_a_one_line_cause(
    make: object, error: type[InputError], words: str, tmp_path: Path
) -> None:
    path = tmp_path / "minutes-2025-03-11.pdf"
    path.write_bytes(make())  # type: ignore[operator]
    with pytest.raises(error) as caught:
        read_bytes(path.read_bytes(), path.name)
    message = str(caught.value)
    assert message.startswith(f"{path.name}: ") and words in message and "\n" not in message


def test_owner_restrictions_only_are_read_with_a_note() -> None:
    data = _text_pdf(StandardEncryption("", "owner", canPrint=0, canCopy=0))
    document = read_bytes(data, "restricted.pdf")
    assert document.text == "The Chair welcomed everyone.\n"
    assert any("owner restrictions" in note for note in document.notes)
    assert not read_bytes(_text_pdf(), "open.pdf").notes


# --- the joining rules, on made-up lines ---

_CHAR, _PITCH, _HEIGHT, _MARGIN, _WIDTH = 6.0, 12.0, 11.0, 72.0, 360.0
_WORDS = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:'()", min_size=1, max_size=12
)


def _line(text: str, row: int) -> Line:
    """`text` set at `row` in a monospaced font: every character, spaces too, `_CHAR` wide."""
    bottom = 780.0 - row * _PITCH
    word = len(text.split(" ")[0]) * _CHAR
    return Line(text, _MARGIN, _MARGIN + len(text) * _CHAR, bottom, bottom + _HEIGHT, word, _CHAR)


def _wrap(words: list[str]) -> list[str]:
    """Greedy wrapping, as reportlab's simpleSplit and word processors do it."""
    lines = [words[0]]
    for word in words[1:]:
        if (len(lines[-1]) + 1 + len(word)) * _CHAR <= _WIDTH:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(_WORDS, min_size=1, max_size=40), st.integers(0, 2)), min_size=1, max_size=8))
def test_paragraphs_wrapped_on_a_page_come_back_line_for_line(paragraphs: list[tuple[list[str], int]]) -> None:
    """Each paragraph comes back as one line, blank lines between them as they were.

    Not when a paragraph's last line is so full that the next one's first word would not have fitted
    after it, with no blank line between: that break looks exactly like a wrap, and is read as one.
    """
    wrapped = [_wrap(words) for words, _ in paragraphs]
    for (_, blanks), lines_here, (following, _) in zip(paragraphs, wrapped, paragraphs[1:], strict=False):
        assume(blanks or (len(lines_here[-1]) + 1 + len(following[0])) * _CHAR <= _WIDTH)
    lines: list[Line] = []
    row = 0
    for (_, blanks), lines_here in zip(paragraphs, wrapped, strict=True):
        for text in lines_here:
            lines.append(_line(text, row))
            row += 1
        row += blanks
    page = Page(0.0, 0.0, 2 * _MARGIN + _WIDTH, 842.0, lines)
    text, starts = join_pages([page])
    expected = "".join(" ".join(words) + "\n" * (1 + blanks) for words, blanks in paragraphs[:-1])
    assert text == expected + " ".join(paragraphs[-1][0]) + "\n"
    assert starts == (0,)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(st.lists(_WORDS, min_size=1, max_size=10), st.integers(0, 3), st.floats(0, 200)), max_size=9
        ),
        min_size=1,
        max_size=4,
    )
)
def test_joining_keeps_every_character_in_order(pages: list[list[tuple[list[str], int, float]]]) -> None:
    """Whatever the geometry, lines are only ever joined: no character is lost, doubled or moved."""
    built: list[Page] = []
    for rows in pages:
        lines, row = [], 0
        for words, skip, indent in rows:
            line = _line(" ".join(words), row)
            line.left += indent
            line.right += indent
            lines.append(line)
            row += 1 + skip
        built.append(Page(0.0, 0.0, 2 * _MARGIN + _WIDTH, 842.0, lines))
    text, starts = join_pages(built)
    expected = "".join(word for rows in pages for words, _, _ in rows for word in words)
    assert "".join(text.split()) == expected
    assert len(starts) == len(pages) and list(starts) == sorted(starts)
    for page, start in zip(built, starts, strict=True):
        if page.lines:
            assert text[start:].startswith(page.lines[0].text)
