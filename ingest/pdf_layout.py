"""From positioned lines of PDF text to the text a reader sees: no page furniture, paragraphs rejoined.

Pure geometry, no PDFium here (ingest/pdf_reading.py measures the lines), so it can be tested on
made-up lines. Coordinates are PDF points with y growing up the page.

- Running headers and footers go: a line near the top or bottom edge, set apart from the body, whose
  text (digits aside) comes back in the same place on at least half the pages; a lone page number
  there ("3", "Page 3 of 10", "- 3 -"); and a header whose number runs with the pages ("Chapter 2 7").
- Reading order is top to bottom; a page set in two columns (a clear gutter, the left column filled
  to it) is read left column first, between any full-width lines.
- Lines are rejoined as a word processor wrapped them. A line is a wrapped one when the next line's
  first word would not have fitted in the room left at its end; then the two are joined by a space
  (or by nothing after a hyphen, which is kept; a soft hyphen is dropped). Otherwise the line ended a paragraph: a line
  break, or blank lines for each line's height of extra space between them. So a text file whose
  lines were set as paragraphs comes back line for line.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

_BAND = 0.12  # the top and bottom 12% of a page is where running headers and footers live
_EDGE_LINES = 3  # only the outermost lines there: a header is never deep in the body
_PAGE_NUMBER = re.compile(r"(?i)^(?:page|p\.)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*\|\s*page)?$")
_BULLET = re.compile(r"[•◦▪‣●○■□►➢✓]\s")  # a line starting with a bullet starts a list entry
# "self-" + "assessment": a hyphen ending a wrapped line is kept and the word joined without a space. Minutes
# come from word processors that do not hyphenate, so such hyphens are real ("multi-agency", "anti-social");
# only a soft hyphen (U+00AD) is dropped, where a text layer keeps it apart (PDFium reports both as U+FFFE).
_BROKEN_WORD = re.compile(r"[^\W\d_][-\u00ad]$")
_SOFT_HYPHEN = "\u00ad"
_MAX_BLANK_LINES = 2  # council minutes never need more; a wide gap (a signature block) is not a chapter


@dataclass(slots=True)
class Line:
    """One line of text on a page, measured: what the joining rules need and nothing more."""

    text: str
    left: float
    right: float  # where the last character's advance ends, not its ink
    bottom: float  # of the font's box: the baseline less the descent, the same for every line of one font
    top: float
    word: float  # advance width of the first word: would it have fitted at the end of the line before?
    space: float  # advance width of a space in this line's font
    column: int = 0  # 0 single column or left, 1 right column, -1 across both columns of a two-column page
    height: float = field(init=False)  # of the font's box: the unit of every tolerance here

    def __post_init__(self) -> None:
        self.height = max(self.top - self.bottom, 1.0)


@dataclass(slots=True)
class Page:
    """A page's box and its lines; after ordering, `lines` are in reading order."""

    left: float
    bottom: float
    right: float
    top: float
    lines: list[Line] = field(default_factory=list)
    columns: bool = False  # set in two columns


def drop_running_lines(pages: Sequence[Page]) -> int:
    """Remove headers, footers and page numbers from the pages, in place; the number of lines removed."""
    edges: list[list[tuple[str, Line, bool]]] = []  # per page: (band, line, outermost) near the top or bottom
    shapes: Counter[tuple[str, str, int]] = Counter()  # (band, text less digits, height on the page)
    numbering: Counter[tuple[str, int]] = Counter()  # (band, printed page number less the page's index)
    for index, page in enumerate(pages):
        band = (page.top - page.bottom) * _BAND
        from_top = sorted(page.lines, key=lambda line: -line.top)
        edge = [("top", x, i == 0) for i, x in enumerate(_apart(from_top)) if x.top >= page.top - band]
        edge += [
            ("bottom", x, i == 0)
            for i, x in enumerate(_apart(from_top[::-1]))
            if x.bottom <= page.bottom + band and all(x is not y for _, y, _ in edge)
        ]
        edges.append(edge)
        shapes.update({(where, _shape(line.text), round(line.bottom)) for where, line, _ in edge})
        for where, line, outermost in edge:
            if outermost and (number := _edge_number(line.text)) is not None:
                numbering[where, number - index] += 1
    repeated = max(2, math.ceil(len(pages) / 2))
    removed = 0
    for index, (page, edge) in enumerate(zip(pages, edges, strict=True)):
        drop = set()
        for where, line, outermost in edge:
            number = _edge_number(line.text) if outermost else None
            if (
                sum(shapes[where, _shape(line.text), round(line.bottom) + d] for d in (-1, 0, 1)) >= repeated
                or (outermost and _PAGE_NUMBER.match(line.text.strip()))
                # "Chapter 2: Naming 7": the header changes, but its page number runs with the pages
                or (number is not None and numbering[where, number - index] >= max(3, repeated))
            ):
                drop.add(id(line))
        if drop:
            page.lines = [line for line in page.lines if id(line) not in drop]
            removed += len(drop)
    return removed


def _apart(lines: list[Line]) -> list[Line]:
    """The outermost lines (first in `lines`) set apart from the body by a wider gap than a line's."""
    for i, (a, b) in enumerate(zip(lines[:_EDGE_LINES], lines[1:], strict=False)):
        if abs(a.bottom - b.bottom) > 1.5 * max(a.height, b.height):
            return lines[: i + 1]
    return lines if len(lines) <= _EDGE_LINES else []


def _edge_number(text: str) -> int | None:
    """The number a header or footer starts or ends with, where a page number would be; not "5." of a list."""
    match = re.search(r"^\s*(\d{1,4})(?![.)\d])\b|\b(\d{1,4})\s*$", text)
    return int(match.group(1) or match.group(2)) if match else None


def _shape(text: str) -> str:
    """A header's text with its page number or date digits blanked: "Page 3 of 9" is "Page # of #"."""
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def order_page(page: Page) -> None:
    """Put the page's lines in reading order, in place, and merge pieces of one line into one."""
    lines = sorted(page.lines, key=lambda line: (-line.bottom, line.left))
    gutter = _gutter(lines, page)
    if gutter is None:
        page.lines = _rows(lines)
        return
    page.columns = True
    gap_left, gap_right = gutter
    ordered: list[Line] = []
    band: list[Line] = []
    for line in lines:
        if line.left < gap_left < line.right or line.left < gap_right < line.right:
            ordered += _rows([x for x in band if x.column == 0]) + _rows([x for x in band if x.column == 1])
            band = []
            line.column = -1
            ordered.append(line)
        else:
            line.column = 0 if line.right <= gap_left else 1
            band.append(line)
    page.lines = ordered + _rows([x for x in band if x.column == 0]) + _rows([x for x in band if x.column == 1])


def _gutter(lines: list[Line], page: Page) -> tuple[float, float] | None:
    """The empty strip between two columns of text, if the page has one; None for one column."""
    width = page.right - page.left
    if len(lines) < 8 or sum(1 for line in lines if line.left > page.left + 0.4 * width) < 4:
        return None  # the common case, cheaply: nothing starts right of the middle
    step = 2.0
    bins = int(width / step) + 2
    cover = [0] * bins
    for line in lines:
        cover[max(0, int((line.left - page.left) / step))] += 1
        cover[min(bins - 1, int((line.right - page.left) / step) + 1)] -= 1
    running, best, start = 0, None, None
    allowed = max(1, len(lines) // 10)  # a few full-width lines (headings) may cross the gutter
    for i in range(bins):
        running += cover[i]
        inside = 0.25 * width <= i * step <= 0.75 * width and running <= allowed
        if inside and start is None:
            start = i
        if (not inside or i == bins - 1) and start is not None:
            if best is None or i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    if best is None or (best[1] - best[0]) * step < 8.0:
        return None
    gap_left, gap_right = page.left + best[0] * step, page.left + best[1] * step
    left = [line for line in lines if line.right <= gap_left]
    right = [line for line in lines if line.left >= gap_right]
    if len(left) < 4 or len(right) < 4:
        return None
    column_left = min(line.left for line in left)
    filled = sum(1 for line in left if line.right >= gap_left - 0.25 * (gap_left - column_left))
    return (gap_left, gap_right) if filled >= 0.5 * len(left) else None  # else a table: keep its rows


def _rows(lines: list[Line]) -> list[Line]:
    """Lines sorted top down, with pieces on one baseline (drawn as separate runs) merged left to right."""
    out: list[Line] = []
    row: list[Line] = []
    for line in lines:
        if row and row[0].bottom - line.bottom > 0.25 * row[0].height:
            out.append(_merge(row))
            row = []
        row.append(line)
    if row:
        out.append(_merge(row))
    return out


def _merge(row: list[Line]) -> Line:
    """Pieces of one line, left to right; a space between them unless they touch."""
    if len(row) == 1:
        return row[0]
    row.sort(key=lambda line: line.left)
    text = row[0].text
    for before, piece in zip(row, row[1:], strict=False):
        text += ("" if piece.left - before.right < 0.15 * before.space else " ") + piece.text
    return replace(row[0], text=text, right=max(line.right for line in row))


@dataclass(slots=True)
class _Measures:
    """What the joining rules compare against, from the whole document."""

    pitch: float  # the distance between the baselines of two lines of one paragraph
    limits: dict[tuple[int, int], float]  # (page, column): the right edge lines are wrapped at
    top: float  # where a page's first line starts, its font box top
    bottom: float  # how low a page's last line may go, its font box bottom


def join_pages(pages: Sequence[Page]) -> tuple[str, tuple[int, ...]]:
    """The text of the ordered pages, and the offset in it where each page starts."""
    measures = _measure(pages)
    parts: list[str] = []
    length = 0
    starts: list[int | None] = []
    previous: tuple[int, Line] | None = None
    for number, page in enumerate(pages):
        starts.append(None)
        for line in page.lines:
            if previous is not None:
                separator = _separator(previous, (number, line), pages, measures)
                if separator == "" and parts[-1].endswith(_SOFT_HYPHEN):
                    parts[-1] = parts[-1][:-1]  # a typesetter's hyphenation point, not part of the word
                    length -= 1
                parts.append(separator)
                length += len(separator)
            if starts[-1] is None:
                starts[-1] = length
            parts.append(line.text)
            length += len(line.text)
            previous = (number, line)
    text = "".join(parts) + "\n" if parts else ""
    offsets: list[int] = []
    for start in reversed(starts):  # a page with no text starts where the next text does
        offsets.append(start if start is not None else (offsets[-1] if offsets else len(text)))
    return text, tuple(reversed(offsets))


def _separator(before: tuple[int, Line], after: tuple[int, Line], pages: Sequence[Page], m: _Measures) -> str:
    """What goes between two lines in reading order: a space, nothing, a line break or blank lines."""
    (page_a, a), (page_b, b) = before, after
    wrapped = _wraps(a, b, m.limits.get((page_a, a.column), a.right)) and not _BULLET.match(b.text)
    across = a.column != b.column and not (a.column == 0 and b.column == 1)  # to or from a full-width line
    if page_a == page_b and a.bottom > b.bottom and (a.column == b.column or across):
        gap = a.bottom - b.bottom
        blank = min(_MAX_BLANK_LINES, math.floor(gap / m.pitch + 0.4) - 1)
        if blank >= 1:
            return "\n" * (blank + 1)
        if gap > 1.3 * m.pitch or across:
            return "\n"
    elif page_a != page_b:  # blank lines at a page break show as a page that ends early or starts late
        room = 0.0 if pages[page_a].columns else max(0.0, a.bottom - m.bottom)
        late = 0.0 if pages[page_b].columns else max(0.0, m.top - b.top)
        room_lines, late_lines = math.floor(room / m.pitch + 0.5), math.floor(late / m.pitch + 0.5)
        # a full line ending early may be a word processor's widow control, but a late start is a blank line
        if not wrapped or late_lines:
            return "\n" * (1 + min(_MAX_BLANK_LINES, room_lines + late_lines))
    if not wrapped:
        return "\n"
    return "" if _BROKEN_WORD.search(a.text) else " "  # join_pages drops a soft hyphen


def _wraps(a: Line, b: Line, limit: float) -> bool:
    """Whether `a` was wrapped before `b`: b's first word would not have fitted at a's end, within `limit`."""
    return a.right + a.space + b.word > limit + 0.01 * a.height


def _measure(pages: Sequence[Page]) -> _Measures:
    """The right edge each page's lines wrap at, the line pitch, and where full pages start and end."""
    limits: dict[tuple[int, int], float] = {}
    sizes: dict[tuple[int, int], list[int]] = {}  # pages of one width share their text width
    for number, page in enumerate(pages):
        if page.lines and not page.columns:
            sizes.setdefault((round(page.left), round(page.right)), []).append(number)
    for numbers in sizes.values():
        lines = [line for number in numbers for line in pages[number].lines]
        right_edge = pages[numbers[0]].right
        # a word too long for the line (a URL) runs past the margin: only lines of several words count
        fitted = [line for line in lines if " " in line.text and line.right <= right_edge] or lines
        widest = max(line.right for line in fitted)
        # justified: many lines end at the same edge, and not because they are the same line of text
        flush = [line for line in fitted if line.right >= widest - 1.0]
        justified = len({len(line.text) for line in flush}) >= 3 and len(flush) >= 0.2 * len(fitted)
        margin = Counter(round(line.left) for line in lines).most_common(1)[0][0]
        mirrored = right_edge - (margin - pages[numbers[0]].left)  # margins are symmetric in most documents
        for number in numbers:
            limits[number, 0] = widest if justified and widest < mirrored else max(widest, mirrored)
    for number, page in enumerate(pages):
        if page.columns:
            for column in (-1, 0, 1):
                rights = [line.right for line in page.lines if line.column == column]
                if rights:
                    limits[number, column] = max(rights)
            lefts = [line.left for line in page.lines if line.column in (-1, 0)] or [page.left]
            mirrored = page.right - (min(lefts) - page.left)
            for column in (-1, 1):
                if (number, column) in limits:
                    limits[number, column] = max(limits[number, column], mirrored)
    pitch = _pitch(pages, limits)
    return _Measures(pitch, limits, *_page_edges(pages, pitch))


def _pitch(pages: Sequence[Page], limits: dict[tuple[int, int], float]) -> float:
    """The line pitch: the smallest common gap between a wrapped line and the next (else any two lines)."""
    wrapped: dict[int, list[float]] = {}  # gaps by half-point bin
    gaps: dict[int, list[float]] = {}
    heights: list[float] = []
    for number, page in enumerate(pages):
        for a, b in zip(page.lines, page.lines[1:], strict=False):
            heights.append(a.height)
            gap = a.bottom - b.bottom
            if a.column != b.column or not 0.8 * a.height <= gap <= 4 * a.height:
                continue
            gaps.setdefault(round(gap * 2), []).append(gap)
            if _wraps(a, b, limits.get((number, a.column), a.right)):
                wrapped.setdefault(round(gap * 2), []).append(gap)  # a wrapped line, or a full one ending a paragraph
    heights.sort()
    height = heights[len(heights) // 2] if heights else 10.0
    bins = wrapped or gaps
    total = sum(len(found) for found in bins.values())
    least = 1 if bins is wrapped else 2
    common = [found for _, found in sorted(bins.items()) if len(found) >= max(least, 0.1 * total)]
    if not common:
        return 1.05 * height
    pitch = sum(common[0]) / len(common[0])
    for _, found in sorted(gaps.items()):  # a rarer smaller gap that the common one is a multiple of
        smaller = sum(found) / len(found)
        if (
            smaller < 0.97 * pitch
            and round(pitch / smaller) >= 2
            and abs(pitch / smaller - round(pitch / smaller)) < 0.05
        ):
            return smaller
    # lines two or more lines' height apart, and none closer: single spacing (a line's height, near
    # enough) with blank lines between every line; minutes are hardly ever double-spaced
    return pitch / round(pitch / (1.05 * height)) if pitch >= 1.9 * height else pitch


def _page_edges(pages: Sequence[Page], pitch: float) -> tuple[float, float]:
    """Where a full page's text starts and ends, to see a page that starts late or ends early (blank lines)."""
    single = [page for page in pages if page.lines and not page.columns]
    if not single:
        return 0.0, 0.0
    # most pages start at the top margin: the commonest first line (page one may have a title set higher)
    tops = Counter(round(page.lines[0].top) for page in single)
    top = max(top for top, count in tops.items() if count == max(tops.values()))
    observed = min(page.lines[-1].bottom for page in single)
    mirrored = single[0].bottom + (single[0].top - top)  # most documents' bottom margin mirrors the top one
    return top, (min(observed, mirrored) if observed - mirrored < 1.5 * pitch else observed)
