"""Reading a PDF of minutes: its text layer, laid out again as the lines and paragraphs a reader sees.

PDFium (pypdfium2) gives each page's text in one call, with its own line breaks; only the ends of each
line are then measured (a handful of calls a line, not one a character), which keeps the reader at
hundreds of pages a second. ingest/pdf_layout.py drops running headers, footers and page numbers,
puts the lines in reading order and rejoins wrapped lines into paragraphs.

PDFium is not thread-safe: read PDFs from one thread at a time (ingest/batch.py uses processes).

Refused with a one-line cause: a truncated or damaged file, one that needs a password, a scan with no
text layer, and one with no pages or no text. A file with owner restrictions only (it opens without a
password) is read, with a note. The document's Title is kept; its CreationDate is when the file was
made, not when the meeting was, so it is not offered as the date.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter

import pypdfium2.raw as raw

from ingest.errors import DamagedFileError, EncryptedFileError, NoMinutesError, NoTextLayerError
from ingest.pdf_layout import Line, Page, drop_running_lines, join_pages, order_page
from ingest.reading import ExtractedText

_TAIL = 2048  # "%%EOF" must be this close to the end; a download cut short loses it
_SCAN_CHARS = 40  # fewer characters a page than this, with images on the pages: a scan
_OUTLINE_PATHS = 200  # text turned to outlines is a shape a glyph: a page of it has hundreds
_SEGMENT = re.compile(r"[^\r\n\ufffe]+\ufffe?|\ufffe")  # PDFium's lines; \ufffe is its hyphen at a line end
_LOAD_ERRORS = {
    raw.FPDF_ERR_UNKNOWN: "PDFium could not read it",
    raw.FPDF_ERR_FILE: "PDFium could not read it",
    raw.FPDF_ERR_FORMAT: "not a valid PDF structure",
}


def extract_pdf(data: bytes, name: str) -> ExtractedText:
    """The text of a PDF, with where each page starts; InputError subclasses for what cannot be read."""
    if b"%%EOF" not in data[-_TAIL:]:
        raise DamagedFileError(name, "truncated or damaged PDF: no %%EOF at the end of the file (download cut short?)")
    document = _open(data, name)
    try:
        notes: list[str] = []
        if raw.FPDF_GetSecurityHandlerRevision(document) != -1:
            notes.append("PDF is encrypted with owner restrictions only (it opens without a password); read anyway")
        count = raw.FPDF_GetPageCount(document)
        if count <= 0:
            raise NoMinutesError(name, "the PDF has no pages")
        pages = [_read_page(document, index, name) for index in range(count)]
        characters = sum(len(line.text) - line.text.count(" ") for page in pages for line in page.lines)
        if characters < _SCAN_CHARS * count:
            _refuse_textless(document, count, name, characters)
        title = _title(_meta_text(document, "Title"))
    finally:
        raw.FPDF_CloseDocument(document)
    empty = [str(number) for number, page in enumerate(pages, start=1) if not page.lines]
    if empty:
        notes.append(f"no text on page{'s' if len(empty) > 1 else ''} {', '.join(empty)} (blank, or images of text)")
    drop_running_lines(pages)
    for page in pages:
        order_page(page)
    if any(page.columns for page in pages):
        notes.append(f"{sum(page.columns for page in pages)} page(s) set in two columns, read column by column")
    text, starts = join_pages(pages)
    if not text.strip():
        raise NoMinutesError(name, "the PDF has no text besides page headers and footers")
    return ExtractedText(text=text, pages=starts, notes=tuple(notes), title=title)


def _open(data: bytes, name: str) -> raw.FPDF_DOCUMENT:
    """The document handle (close it with FPDF_CloseDocument); `data` must outlive it, PDFium reads it in place."""
    document = raw.FPDF_LoadMemDocument64(data, len(data), None)
    if document:
        return document
    code = raw.FPDF_GetLastError()
    if code == raw.FPDF_ERR_PASSWORD:
        raise EncryptedFileError(name, "the PDF needs a password to open; save an unprotected copy")
    if code == raw.FPDF_ERR_SECURITY:
        raise EncryptedFileError(name, "the PDF is encrypted with a security handler PDFium does not support")
    raise DamagedFileError(name, f"truncated or damaged PDF: {_LOAD_ERRORS.get(code, f'PDFium error {code}')}")


def _meta_text(document: raw.FPDF_DOCUMENT, key: str) -> str | None:
    """A document information entry (Title, Author, ...), None when absent or blank."""
    tag = key.encode("ascii") + b"\0"
    size = raw.FPDF_GetMetaText(document, tag, None, 0)
    if size <= 2:
        return None
    buffer = ctypes.create_string_buffer(size)
    raw.FPDF_GetMetaText(document, tag, buffer, size)
    return buffer.raw[: size - 2].decode("utf-16-le", "replace").strip() or None


def _title(title: str | None) -> str | None:
    """The Title entry, less what a converter puts there in place of one ("Microsoft Word - x.docx")."""
    if not title:
        return None
    title = re.sub(r"(?i)^microsoft (?:word|powerpoint|excel) - |\.(?:docx?|rtf|odt|pdf|txt)$", "", title).strip()
    return None if title.lower() in {"", "untitled", "title", "document", "anonymous"} else title


def _read_page(document: raw.FPDF_DOCUMENT, index: int, name: str) -> Page:
    """One page's box and measured lines, through PDFium's C API: no Python object per page."""
    handle = raw.FPDF_LoadPage(document, index)
    if not handle:
        raise DamagedFileError(name, f"truncated or damaged PDF: page {index + 1} cannot be loaded")
    try:
        box = raw.FS_RECTF()
        if not raw.FPDF_GetPageBoundingBox(handle, box):
            box.left, box.bottom = 0.0, 0.0
            box.right, box.top = raw.FPDF_GetPageWidthF(handle), raw.FPDF_GetPageHeightF(handle)
        textpage = raw.FPDFText_LoadPage(handle)
        if not textpage:
            raise DamagedFileError(name, f"truncated or damaged PDF: the text of page {index + 1} cannot be read")
        try:
            lines = _Measurer(textpage).lines()
        finally:
            raw.FPDFText_ClosePage(textpage)
    finally:
        raw.FPDF_ClosePage(handle)
    return Page(
        min(box.left, box.right), min(box.bottom, box.top), max(box.left, box.right), max(box.top, box.bottom), lines
    )


class _Measurer:
    """Measures PDFium's lines of one text page by their first and last characters and first word."""

    def __init__(self, textpage: raw.FPDF_TEXTPAGE) -> None:
        self.textpage = textpage
        self.box = raw.FS_RECTF()
        self.text = self._text()
        self.spaces: dict[float, float] = {}  # space width by line height: one font, one measurement
        self.edges = (ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double())

    def _text(self) -> str:
        """The page's text in one call; an index into it is a character index of PDFium's."""
        count = raw.FPDFText_CountChars(self.textpage)
        if count <= 0:
            return ""
        buffer = (ctypes.c_ushort * (count + 1))()
        written = raw.FPDFText_GetText(self.textpage, 0, count, buffer)
        text = ctypes.string_at(buffer, 2 * max(written - 1, 0)).decode("utf-16-le", "replace")
        if len(text) != count:  # characters outside the BMP: one index each, two UTF-16 units
            text = "".join(chr(raw.FPDFText_GetUnicode(self.textpage, i) or 0xFFFD) for i in range(count))
        return text

    def _bounds(self, index: int) -> tuple[float, float, float, float]:
        raw.FPDFText_GetLooseCharBox(self.textpage, index, self.box)
        return self.box.left, self.box.bottom, self.box.right, self.box.top

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """The range without the spaces at either end (PDFium generates some)."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def lines(self) -> list[Line]:
        """The page's lines in PDFium's order (the layout puts them in reading order)."""
        out: list[Line] = []
        for match in _SEGMENT.finditer(self.text):
            start, end = self._trim(*match.span())
            if start < end:
                out.extend(self._measure(start, end))
        return out

    def _measure(self, start: int, end: int, split: bool = True) -> list[Line]:
        """The line of text[start:end]: its first and last characters' boxes, its first word and a space."""
        text = self.text
        left, bottom, _, top = self._bounds(start)
        _, last_bottom, right, _ = self._bounds(end - 1)
        height = max(top - bottom, 1.0)
        if split and abs(last_bottom - bottom) > 0.5 * height:  # PDFium ran two rows into one line: split it by rows
            return self._split_rows(start, end)
        if split and (pieces := self._split_gaps(start, end, height)):
            return [line for first, stop in pieces for line in self._measure(first, stop, split=False)]
        space_at = text.find(" ", start, end)
        if space_at < 0:
            word, space = right - left, 0.25 * height
        else:
            word = self._bounds(space_at - 1)[2] - left
            space = self.spaces.get(round(height, 1), 0.0)
            if not space:
                space_left, _, space_right, _ = self._bounds(space_at)
                space = space_right - space_left if space_right > space_left else 0.25 * height
                self.spaces[round(height, 1)] = space
        line_text = text[start:end].replace("\ufffe", "-")
        return [Line(line_text, left, right, bottom, top, word, space)]

    def _split_gaps(self, start: int, end: int, height: float) -> list[tuple[int, int]]:
        """A line PDFium ran across a wide gap (two columns drawn row by row, table cells) in its pieces."""
        count = raw.FPDFText_CountRects(self.textpage, start, end - start)
        if count <= 1:  # one run of text: the common case, for one call
            return []
        left, top, right, bottom = self.edges
        runs = []
        for i in range(count):
            raw.FPDFText_GetRect(self.textpage, i, left, top, right, bottom)
            runs.append((left.value, right.value, bottom.value, top.value))
        cuts = [start]
        for before, after in zip(runs, runs[1:], strict=False):
            if after[0] - before[1] > 1.5 * height and abs(after[2] - before[2]) < 0.5 * height:
                index = raw.FPDFText_GetCharIndexAtPos(
                    self.textpage, after[0] + 0.5, (after[2] + after[3]) / 2, 1.0, 1.0
                )
                if cuts[-1] < index < end:
                    cuts.append(index)
        if len(cuts) == 1:
            return []
        cuts.append(end)
        pieces = [self._trim(first, stop) for first, stop in zip(cuts, cuts[1:], strict=False)]
        return [(first, stop) for first, stop in pieces if first < stop]

    def _split_rows(self, start: int, end: int) -> list[Line]:
        """A line PDFium ran over two rows (it does so after a hyphen it takes for a soft one), row by row."""
        rows: list[tuple[int, int]] = []
        row_start, row_bottom = start, self._bounds(start)[1]
        for index in range(start + 1, end):
            left, bottom, right, top = self._bounds(index)
            if right <= left:  # a generated character has no box
                continue
            if abs(bottom - row_bottom) > 0.5 * max(top - bottom, 1.0):
                rows.append((row_start, index))
                row_start, row_bottom = index, bottom
        rows.append((row_start, end))
        out: list[Line] = []
        for first, stop in (self._trim(*row) for row in rows):
            if first < stop:
                out.extend(self._measure(first, stop, split=False))
        return out


def _refuse_textless(document: raw.FPDF_DOCUMENT, count: int, name: str, characters: int) -> None:
    """A PDF with (almost) no text: a scan if its pages are images, else nothing to read at all."""
    images = paths = 0
    for index in range(count):
        handle = raw.FPDF_LoadPage(document, index)
        if not handle:
            continue
        try:
            kinds = _object_kinds(handle)
        finally:
            raw.FPDF_ClosePage(handle)
        images += kinds[raw.FPDF_PAGEOBJ_IMAGE] > 0
        paths += kinds[raw.FPDF_PAGEOBJ_PATH]
    pages = f"{images} page{'s' if images != 1 else ''}"
    if images * 2 >= count:
        raise NoTextLayerError(name, f"no text layer: {pages} of images, a scan? OCR it first")
    if characters == 0 and paths >= _OUTLINE_PATHS * count:
        raise NoTextLayerError(name, "no text layer: the pages are drawn as shapes (text turned to outlines?)")
    if characters == 0:
        raise NoMinutesError(name, f"the PDF has no text: {count} blank page{'s' if count != 1 else ''}")


def _object_kinds(handle: raw.FPDF_PAGE) -> Counter[int]:
    """How many objects of each kind a page has, one level into form XObjects (scanners wrap images in them)."""
    kinds: Counter[int] = Counter()
    for i in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, i)
        kind = raw.FPDFPageObj_GetType(obj)
        kinds[kind] += 1
        if kind == raw.FPDF_PAGEOBJ_FORM:
            for j in range(raw.FPDFFormObj_CountObjects(obj)):
                kinds[raw.FPDFPageObj_GetType(raw.FPDFFormObj_GetObject(obj, j))] += 1
    return kinds
