"""Reading a Word (.docx) file of minutes: the body's paragraphs and tables, in document order.

Each paragraph is a line (a manual line break starts another, a tab stays a tab), and an empty
paragraph is a blank line. Real Word minutes set paragraphs apart by spacing, not empty paragraphs,
so spacing of 4pt or more after a paragraph (or before the next), stated on the paragraph, its style
or the document defaults, is a blank line too, unless an empty paragraph already stands there or
contextual spacing joins two paragraphs of one style (Word's list paragraphs). The blank-line rule is
the HTML reader's (ingest/text_lines.py), so the same minutes read the same from either format.
Automatic list numbers are not in the text: they are rebuilt from numbering.xml ("1.", "a)", "2.1").
A table row is a line of tab-separated cells; a row laying out whole paragraphs (number | minutes |
action) is read cell by cell instead. Headers, footers, footnotes, comments and text boxes are not
read: a note says when text boxes held text, and another when tracked changes were read as accepted.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError
from lxml import etree

from ingest.errors import DamagedFileError, NoMinutesError, UnsupportedFormatError
from ingest.reading import ExtractedText
from ingest.text_lines import Lines, format_number, starts_with_marker

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_VAL = f"{_W}val"
_MIN_SPACING_TWIPS = 80  # 4pt: less reads as tight lines, not a blank line (the HTML reader's threshold too)
# run content that is not the paragraph's text: properties, deletions, drawings and text boxes, fields' codes
_SKIP = {
    f"{_W}{tag}"
    for tag in (
        "pPr", "rPr", "del", "moveFrom", "delText", "instrText", "drawing", "pict", "object", "txbxContent",
        "footnoteReference", "endnoteReference", "commentReference", "annotationRef", "sdtPr", "fldData",
    )
} | {f"{_MC}AlternateContent"}  # fmt: skip
_FORMATS = {"lowerLetter": "a", "upperLetter": "A", "lowerRoman": "i", "upperRoman": "I"}


@dataclass
class _Numbering:
    """numbering.xml: each list's level formats, and the running count of every list in the document."""

    # numId -> ilvl -> (numFmt, lvlText, start)
    levels: dict[str, dict[int, tuple[str, str, int]]] = field(default_factory=dict)
    counts: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: docx.document.Document) -> _Numbering:
        try:
            root = document.part.part_related_by(RT.NUMBERING).element
        except KeyError:
            return cls()
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for definition in root.iterchildren(f"{_W}abstractNum"):
            abstract[definition.get(f"{_W}abstractNumId", "")] = {
                int(level.get(f"{_W}ilvl", "0")): _level(level) for level in definition.iterchildren(f"{_W}lvl")
            }
        numbering = cls()
        for num in root.iterchildren(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(_VAL, "") if ref is not None else "", {}))
            for override in num.iterchildren(f"{_W}lvlOverride"):
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                start = override.find(f"{_W}startOverride")
                level = override.find(f"{_W}lvl")
                if level is not None:
                    levels[ilvl] = _level(level)
                elif start is not None and ilvl in levels:
                    levels[ilvl] = (*levels[ilvl][:2], int(start.get(_VAL, "1")))
            numbering.levels[num.get(f"{_W}numId", "")] = levels
        return numbering

    def marker(self, num_id: str, ilvl: int) -> str:
        """The next number of list `num_id` at level `ilvl` ("2.", "b)", "•"), deeper levels restarting."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counts.setdefault(num_id, [None] * 10)
        fmt, text, start = levels[ilvl]
        current = counts[ilvl]
        counts[ilvl] = start if current is None else current + 1
        counts[ilvl + 1 :] = [None] * (len(counts) - ilvl - 1)
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, level_start = levels.get(level, ("decimal", "", 1))
            count = counts[level] if 0 <= level < len(counts) and counts[level] is not None else level_start
            return format_number(count or 0, _FORMATS.get(level_fmt, "1"))

        return re.sub(r"%(\d)", number, text)


def _level(level: etree._Element) -> tuple[str, str, int]:
    fmt, text, start = level.find(f"{_W}numFmt"), level.find(f"{_W}lvlText"), level.find(f"{_W}start")
    return (
        fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
        text.get(_VAL, "") if text is not None else "",
        int(start.get(_VAL, "1")) if start is not None else 1,
    )


@dataclass
class _Styles:
    """Paragraph styles by id, to look a property up the chain: paragraph, style, based-on styles, defaults."""

    by_id: dict[str, etree._Element]
    default: str | None
    defaults: etree._Element | None

    @classmethod
    def of(cls, document: docx.document.Document) -> _Styles:
        root = document.styles.element
        by_id, default = {}, None
        for style in root.iterchildren(f"{_W}style"):
            if style.get(f"{_W}type") == "paragraph":
                by_id[style.get(f"{_W}styleId", "")] = style
                if style.get(f"{_W}default") in ("1", "true", "on"):
                    default = style.get(f"{_W}styleId")
        return cls(by_id, default, root.find(f"{_W}docDefaults/{_W}pPrDefault/{_W}pPr"))

    def style_of(self, paragraph: etree._Element) -> str | None:
        ref = paragraph.find(f"{_W}pPr/{_W}pStyle")
        return ref.get(_VAL) if ref is not None else self.default

    def chain(self, paragraph: etree._Element) -> list[etree._Element]:
        """The pPr elements that apply to `paragraph`, nearest first."""
        chain = [p for p in [paragraph.find(f"{_W}pPr")] if p is not None]
        style_id, seen = self.style_of(paragraph), set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            if (props := style.find(f"{_W}pPr")) is not None:
                chain.append(props)
            based = style.find(f"{_W}basedOn")
            style_id = based.get(_VAL) if based is not None else None
        return [*chain, self.defaults] if self.defaults is not None else chain


def _spacing(chain: list[etree._Element], side: str) -> bool:
    """Whether the paragraph has visible spacing `side` ("before" or "after")."""
    for props in chain:
        spacing = props.find(f"{_W}spacing")
        if spacing is None:
            continue
        if spacing.get(f"{_W}{side}Autospacing") in ("1", "true", "on"):
            return True
        for attribute, scale in ((f"{_W}{side}Lines", 2.4), (f"{_W}{side}", 1.0)):  # hundredths of a line ~ 12pt
            if spacing.get(attribute) is not None:
                return float(spacing.get(attribute) or 0) * scale >= _MIN_SPACING_TWIPS
    return False


def _flag(chain: list[etree._Element], tag: str) -> bool:
    for props in chain:
        element = props.find(f"{_W}{tag}")
        if element is not None:
            return element.get(_VAL, "true") not in ("0", "false", "off")
    return False


def _num_pr(chain: list[etree._Element]) -> tuple[str, int] | None:
    num_id = ilvl = None
    for props in chain:
        num_pr = props.find(f"{_W}numPr")
        if num_pr is None:
            continue
        if num_id is None and (ref := num_pr.find(f"{_W}numId")) is not None:
            num_id = ref.get(_VAL)
        if ilvl is None and (level := num_pr.find(f"{_W}ilvl")) is not None:
            ilvl = int(level.get(_VAL, "0"))
    return (num_id, ilvl or 0) if num_id and num_id != "0" else None


def _text(element: etree._Element, parts: list[str]) -> list[str]:
    """The visible text under `element`: runs in insertions and hyperlinks too, not deleted or field-code text."""
    for child in element.iterchildren():
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\f" if child.get(f"{_W}type") in ("page", "column") else "\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            _text(child, parts)
    return parts


@dataclass
class _Reader:
    styles: _Styles
    numbering: _Numbering
    out: Lines = field(default_factory=Lines)
    previous: tuple[str | None, bool] | None = None  # style and contextual spacing of the paragraph before

    def blocks(self, container: etree._Element) -> None:
        for child in container.iterchildren():
            if child.tag == f"{_W}p":
                self.paragraph(child)
            elif child.tag == f"{_W}tbl":
                self.table(child)
            elif child.tag in (f"{_W}customXml", f"{_W}sdtContent"):
                self.blocks(child)
            elif child.tag == f"{_W}sdt" and (content := child.find(f"{_W}sdtContent")) is not None:
                self.blocks(content)  # a content control: its paragraphs are the document's

    def paragraph(self, paragraph: etree._Element) -> None:
        text = "".join(_text(paragraph, []))
        chain = self.styles.chain(paragraph)
        if not text.replace("\f", "").strip():
            if "\f" not in text:  # a page break's own paragraph is no blank line
                self.out.blank()
            self.previous = None
            return
        style, contextual = self.styles.style_of(paragraph), _flag(chain, "contextualSpacing")
        joined = self.previous is not None and self.previous[0] == style and (self.previous[1] or contextual)
        if joined:
            self.out.cancel_gap()
        if _spacing(chain, "before") and not joined:
            self.out.margin()
        numbered = _num_pr(chain)
        marker = self.numbering.marker(*numbered) if numbered else ""
        lines = [line.strip() for line in text.replace("\f", "\n").strip("\n").split("\n")]
        if marker and not starts_with_marker(lines[0]):
            lines[0] = f"{marker} {lines[0]}"
        for line in lines:
            self.out.line(line)
        if _spacing(chain, "after"):
            self.out.margin()
        else:
            self.out.end_line()
        self.previous = (style, contextual)

    def table(self, table: etree._Element) -> None:
        self.out.margin()
        for row in table.iterchildren(f"{_W}tr"):
            cells = list(row.iterchildren(f"{_W}tc"))
            paragraphs = [[p for p in cell.iter(f"{_W}p") if "".join(_text(p, [])).strip()] for cell in cells]
            if not any(len(found) > 1 for found in paragraphs) and all(c.find(f".//{_W}tbl") is None for c in cells):
                texts = [" ".join(" ".join("".join(_text(p, [])).split()) for p in found) for found in paragraphs]
                if any(texts):
                    self.out.line("\t".join(texts).rstrip("\t"))
                continue
            for index, (cell, found) in enumerate(zip(cells, paragraphs, strict=True)):
                text = " ".join("".join(_text(found[0], [])).split()) if len(found) == 1 else ""
                if index < len(cells) - 1 and text and len(text) <= 12:
                    self.out.prefix = text  # "4." in its own cell numbers the text in the next
                    continue
                self.out.end_line()
                self.previous = None
                self.blocks(cell)
                self.out.end_line()
            self.out.flush_prefix()
        self.out.margin()
        self.previous = None


def extract_docx(data: bytes, name: str) -> ExtractedText:
    """The text of a Word document's body; DamagedFileError when it cannot be opened, NoMinutesError when empty."""
    try:
        package = docx.package.Package.open(io.BytesIO(data))
        part = package.main_document_part
        if part.content_type != CT.WML_DOCUMENT_MAIN:
            raise UnsupportedFormatError(
                name, f"a Word template or macro file ({part.content_type}), not a document; save it as .docx"
            )
        document = part.document
        body = document.element.body
        if body is None:
            raise DamagedFileError(name, "damaged Word document (word/document.xml has no body)")
        reader = _Reader(_Styles.of(document), _Numbering.of(document))
        reader.blocks(body)
        title = (document.core_properties.title or "").strip() or None
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OpcError, etree.XMLSyntaxError, ValueError) as error:
        kind = "zlib" if isinstance(error, zlib.error) else type(error).__name__
        raise DamagedFileError(name, f"damaged Word document ({kind}: {error})") from None
    text = reader.out.text()
    if not text.strip():
        raise NoMinutesError(name, "the Word document holds no text")
    notes = []
    boxes = sum(
        1
        for box in body.iter(f"{_W}txbxContent")
        if "".join(box.itertext()).strip() and not any(a.tag == f"{_MC}Fallback" for a in box.iterancestors())
    )
    if boxes:
        notes.append(f"{boxes} text box{'es' if boxes > 1 else ''} not read")
    if body.find(f".//{_W}ins") is not None or body.find(f".//{_W}del") is not None:
        notes.append("tracked changes read as if accepted")
    return ExtractedText(text=text, notes=tuple(notes), title=title)
