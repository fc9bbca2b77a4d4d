"""Reading a web page of minutes (ModernGov, eScribe, a council CMS): the minutes, not the site around them.

The bytes are decoded as a browser would (ingest/html_charset.py). Scripts, hidden elements and page
chrome (navigation, header, footer, sidebars, breadcrumbs, cookie notices, forms) are dropped, and the
text is taken from the content container (ModernGov's, eScribe's, <main>, an article), else from the
block holding the text. It is laid out as a browser shows it, reduced to lines: a block element starts
a line; a block with a vertical margin (p, h1-h6, lists, tables, blockquote, or a margin stated inline)
is set off by a blank line, margins collapsing as in CSS; <br> breaks a line, and an empty paragraph
(<p><br></p>, <p>&nbsp;</p>) is a blank line that also stands for the margins beside it. Whitespace in
a block collapses to one space. So minutes written as paragraphs with <br> line breaks come back line
for line, and headings stay on lines of their own, where the parser finds items. An <ol> shows its
numbers and a <ul> its bullets, as on screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from ingest.errors import NoMinutesError
from ingest.html_charset import decode_html
from ingest.reading import ExtractedText
from ingest.text_lines import Lines, list_marker

_SPACE = "[ \t\n\r\f\xa0]"
_NEVER_CONTENT = (
    "script", "style", "noscript", "template", "head", "iframe", "object", "embed", "svg", "canvas",
    "audio", "video", "map", "select", "datalist",
)  # fmt: skip
_CHROME_TAGS = ("nav", "header", "footer", "aside", "form", "button", "input", "textarea", "label", "dialog", "menu")
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menubar"}
# a class or id segment (split at - and _) that names page furniture: "cookie-banner", "site_footer"
_CHROME_SEGMENTS = {
    "breadcrumb", "breadcrumbs", "crumbs", "cookie", "cookies", "consent", "gdpr", "skiplink", "skip", "sidebar",
    "navbar", "nav", "navigation", "menu", "masthead", "header", "footer", "social", "share", "pagination",
    "toolbar", "mgactionlist",
}  # fmt: skip
_HIDDEN_CLASSES = {
    "hidden", "hide", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "offscreen", "d-none",
}  # fmt: skip
_ESCRIBE_ITEM = "AgendaItemContainer"  # eScribe's agenda item: the content is where they all are
_GAP_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "figure", "pre", "table"}
_LINE_BLOCKS = {
    "div", "section", "article", "main", "li", "dt", "dd", "address", "center", "caption", "figcaption",
    "fieldset", "details", "summary", "tr", "body", "html", "hgroup", "legend",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_NOT_CHROME_BY_NAME = {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", *_HEADINGS}
_CONTAINER_TAGS = {"div", "section", "article", "main", "center", "font", "span", "table", "tbody", "tr", "td"}
_LENGTH = re.compile(r"^(-?\d*\.?\d+)\s*(px|pt|pc|cm|mm|in|em|rem|ex|ch|%)?$")
_PX = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "cm": 37.8, "mm": 3.78, "in": 96.0, "em": 16.0, "rem": 16.0, "%": 1.0}
_MIN_GAP_PX = 5.0  # 4pt, as for Word's paragraph spacing: less than that does not read as a blank line
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
MIN_WORDS = 20
MAX_LINK_SHARE = 0.5


def extract_html(data: bytes, name: str) -> ExtractedText:
    """The minutes on a web page as lines of text; NoMinutesError when the page holds none."""
    markup, notes = decode_html(data, name)
    soup = BeautifulSoup(markup, "lxml")
    title = _title(soup)
    _drop_invisible(soup)
    _drop_chrome(soup)
    root, where = _content_root(soup)
    if where:
        notes.append(where)
    lines = Lines()
    _walk(root, lines, in_heading=False)
    text = lines.text()
    _check_minutes(text, root, name)
    return ExtractedText(text=text, notes=tuple(notes), title=title)


def _title(soup: BeautifulSoup) -> str | None:
    """The page's own title: <title>, else the Open Graph title."""
    candidates = [soup.title.get_text() if soup.title else ""]
    for meta in soup.find_all("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:title":
            candidates.append(str(meta.get("content") or ""))
    for candidate in candidates:
        title = re.sub(f"{_SPACE}+", " ", candidate).strip()
        if title:
            return title
    return None


def _style(tag: Tag) -> dict[str, str]:
    declarations = (part.split(":", 1) for part in str(tag.get("style") or "").split(";") if ":" in part)
    return {key.strip().lower(): value.strip().lower() for key, value in declarations}


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class") or []
    return [value] if isinstance(value, str) else list(value)


def _prune(root: Tag, drop: Callable[[Tag], bool]) -> None:
    """Decompose each element `drop` picks, never looking inside one already dropped."""
    stack = [root]
    while stack:
        node = stack.pop()
        for child in list(node.children):
            if isinstance(child, Tag):
                if drop(child):
                    child.decompose()
                else:
                    stack.append(child)


def _is_invisible(tag: Tag) -> bool:
    """What a reader never sees: scripts, styles, templates, and elements hidden by attribute, style or class."""
    if tag.name in _NEVER_CONTENT:
        return True
    style = _style(tag)
    return (
        tag.has_attr("hidden")
        or str(tag.get("aria-hidden") or "").lower() == "true"
        or style.get("display") == "none"
        or style.get("visibility") == "hidden"
        or bool({c.lower() for c in _classes(tag)} & _HIDDEN_CLASSES)
    )


def _drop_invisible(soup: BeautifulSoup) -> None:
    for node in soup.find_all(string=lambda s: isinstance(s, Comment | Declaration | ProcessingInstruction)):
        node.extract()
    _prune(soup, _is_invisible)


def _container_rank(tag: Tag) -> int | None:
    """Where `tag` stands among content containers, most specific first: ModernGov's, then HTML5's."""
    ident, classes = tag.get("id"), _classes(tag)
    ranks = (
        ident == "mgMainContent",
        "mgContent" in classes,
        ident == "modgov",
        tag.name == "main",
        str(tag.get("role") or "").lower() == "main",
        tag.name == "article",
    )
    return next((rank for rank, matches in enumerate(ranks) if matches), None)


def _is_chrome(tag: Tag) -> bool:
    if tag.name in ("header", "footer"):
        return not any(parent.name in ("article", "main") for parent in tag.parents)  # an article's own header
    if tag.name in _CHROME_TAGS:
        return True
    if str(tag.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if tag.name in _NOT_CHROME_BY_NAME:
        return False  # a "table-header" row or a "card-header" heading is content
    names = [*_classes(tag), str(tag.get("id") or "")]
    return any(segment in _CHROME_SEGMENTS for value in names for segment in re.split(r"[-_\s]+", value.lower()))


def _drop_chrome(soup: BeautifulSoup) -> None:
    """Page furniture, except an element that is or holds a content container (a <main class="has-sidebar">)."""
    keep: set[int] = set()
    for tag in soup.find_all(True):
        if _container_rank(tag) is not None or _ESCRIBE_ITEM in _classes(tag):
            keep.add(id(tag))
            keep.update(id(parent) for parent in tag.parents)
    _prune(soup, lambda tag: tag.name not in ("html", "body") and id(tag) not in keep and _is_chrome(tag))


def _words(tag: Tag) -> int:
    return len(tag.get_text(" ").split())


def _link_words(tag: Tag) -> int:
    return sum(_words(a) for a in tag.find_all("a") if not any(parent.name == "a" for parent in a.parents))


def _content_root(soup: BeautifulSoup) -> tuple[Tag, str | None]:
    """The content container; else, from <body> down, the child holding nearly all the text."""
    ranked: dict[int, list[Tag]] = {}
    items: list[Tag] = []
    for tag in soup.find_all(True):
        rank = _container_rank(tag)
        if rank is not None:
            ranked.setdefault(rank, []).append(tag)
        if _ESCRIBE_ITEM in _classes(tag):
            items.append(tag)
    for rank in sorted(ranked):
        found = [tag for tag in ranked[rank] if _words(tag) >= MIN_WORDS]
        if found:
            return max(found, key=_words), None
    if items:  # eScribe: the nearest element holding every agenda item
        root = items[0].parent
        while root is not None and not all(any(parent is root for parent in item.parents) for item in items):
            root = root.parent
        if root is not None:
            return root, None
    root = soup.body or soup
    while True:
        total = _words(root)
        children = [child for child in root.find_all(True, recursive=False) if child.name in _CONTAINER_TAGS]
        best = max(children, key=_words, default=None)
        if best is None or total == 0:
            break
        rest = total - _words(best)
        links = _link_words(root) - _link_words(best)
        if rest > 0.1 * total and links < 0.5 * rest:
            break  # what would be left out is more than a few words, and not a list of links
        root = best
    if root is (soup.body or soup):
        return root, None
    return root, f"no content container on the page; read the block that holds its text (<{root.name}>)"


def _display(tag: Tag) -> str:
    """How the element lays out: 'inline', 'line' (starts a line) or 'gap' (set off by blank lines)."""
    display = _style(tag).get("display", "")
    if display.startswith("inline"):
        return "inline"
    if tag.name in _GAP_BLOCKS:
        if tag.name in ("ul", "ol") and any(parent.name == "li" for parent in tag.parents):
            return "line"  # a nested list has no margins
        return "gap"
    if tag.name in _LINE_BLOCKS or display in ("block", "flex", "grid", "list-item", "table"):
        return "line"
    return "inline"


def _has_margin(value: str | None) -> bool | None:
    """Whether a CSS length is a visible gap; None when it says nothing we can read."""
    if value is None:
        return None
    if value == "auto":
        return False
    match = _LENGTH.match(value.replace("!important", "").strip())
    if not match:
        return None
    return float(match.group(1)) * _PX.get(match.group(2) or "px", 1.0) >= _MIN_GAP_PX


def _margins(tag: Tag, kind: str) -> tuple[bool, bool]:
    """Top and bottom margins: the tag's default, unless its inline style states them."""
    top = bottom = kind == "gap"
    style = _style(tag)
    parts = style.get("margin", "").split()
    if parts:
        shorthand_top = _has_margin(parts[0])
        shorthand_bottom = _has_margin(parts[2] if len(parts) > 2 else parts[0])
        top = top if shorthand_top is None else shorthand_top
        bottom = bottom if shorthand_bottom is None else shorthand_bottom
    stated_top, stated_bottom = _has_margin(style.get("margin-top")), _has_margin(style.get("margin-bottom"))
    return (top if stated_top is None else stated_top), (bottom if stated_bottom is None else stated_bottom)


def _walk(node: Tag, out: Lines, in_heading: bool) -> None:
    """Lay out the children of `node`; inside a heading every block is inline, so it stays one line."""
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, Comment | Doctype | Declaration | ProcessingInstruction):
                out.add(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        if child.name == "br":
            out.hard_break()
        elif child.name == "hr":
            out.margin()
        elif child.name == "img":
            continue
        elif child.name == "table" and not in_heading:
            _table(child, out)
        elif child.name == "pre" and not in_heading:
            out.margin()
            for line in child.get_text().replace("\r\n", "\n").strip("\n").split("\n"):
                out.line(line.rstrip().expandtabs(8) if line.strip() else "")
            out.margin()
        else:
            _block(child, out, in_heading)


def _block(tag: Tag, out: Lines, in_heading: bool) -> None:
    kind = _display(tag)
    if kind == "inline" or in_heading:
        if kind != "inline":
            out.add(" ")  # an eScribe heading's number and title are divs laid side by side
        _walk(tag, out, in_heading)
        if kind != "inline":
            out.add(" ")
        return
    top, bottom = _margins(tag, kind)
    out.margin() if top else out.end_line()
    before = out.count()
    if tag.name == "li":
        out.prefix = _li_marker(tag) or ""
    _walk(tag, out, tag.name in _HEADINGS)
    if tag.name == "li":
        out.prefix = ""  # an empty item shows its number on no line
    if out.count() == before and tag.name in ("p", "div") and "\xa0" in tag.get_text():
        out.blank()  # <p>&nbsp;</p>: Word's and editors' empty paragraph
    out.margin() if bottom else out.end_line()


def _li_marker(item: Tag) -> str | None:
    """The number an <ol> shows before the item ("3.", "b."), or a bullet for <ul>, unless written out."""
    parent = item.parent
    text = item.get_text(" ").strip()
    if parent is None or parent.name not in ("ol", "ul"):
        return None
    if parent.name == "ul":
        return None if text[:1] in "•●▪◦-–*" else "•"
    number = _integer(item.get("value"))
    if number is None:
        number = (_integer(parent.get("start")) or 1) + len(item.find_previous_siblings("li"))
    style = _style(parent).get("list-style-type", "")
    kind = str(parent.get("type") or {"lower-alpha": "a", "upper-alpha": "A", "lower-roman": "i"}.get(style, "1"))
    return list_marker(number, kind, text)


def _integer(value: object) -> int | None:
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def _cell_text(cell: Tag) -> str:
    return re.sub(f"{_SPACE}+", " ", cell.get_text(" ")).strip()


def _rows(table: Tag) -> list[Tag]:
    rows: list[Tag] = []
    for child in table.find_all(True, recursive=False):
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows.extend(child.find_all("tr", recursive=False))
    return rows


def _is_layout_row(cells: list[Tag]) -> bool:
    """A row that lays out a page (ModernGov's item number | title, minutes) rather than holding data."""
    for cell in cells:
        if cell.find(("table", *_HEADINGS)) is not None:
            return True
        leaves = [
            block
            for block in cell.find_all(("p", "li", "div", "blockquote"))
            if block.get_text().strip() and block.find(("p", "li", "div", "blockquote")) is None
        ]
        if len(leaves) >= 2:
            return True
    return False


def _table(table: Tag, out: Lines) -> None:
    """Data rows become lines of tab-separated cells; layout rows are read as blocks, cell by cell."""
    out.margin()
    caption = table.find("caption", recursive=False)
    if caption is not None and _cell_text(caption):
        out.line(_cell_text(caption))
    for row in _rows(table):
        cells = row.find_all(("td", "th"), recursive=False)
        if not _is_layout_row(cells):
            texts = [_cell_text(cell) for cell in cells]
            if any(texts):
                out.line("\t".join(texts).rstrip("\t"))
            continue
        for index, cell in enumerate(cells):
            text = _cell_text(cell)
            if index < len(cells) - 1 and text and len(text) <= 12 and cell.find("table") is None:
                out.prefix = text  # "4." in its own cell numbers the title in the next
                continue
            out.end_line()
            _walk(cell, out, in_heading=False)
            out.end_line()
        out.flush_prefix()
    out.margin()


def _has_sentence(text: str) -> bool:
    """Whether some six or more words end with a full stop, question or exclamation mark (in linear time)."""
    run = 0
    for word in text.split():
        run += 1
        if _SENTENCE_END.search(word):
            if run >= 6:
                return True
            run = 0
    return False


def _check_minutes(text: str, root: Tag, name: str) -> None:
    """Refuse a page without minutes: too few words, no sentence, or mostly links (a listing)."""
    words = len(text.split())
    if words < MIN_WORDS:
        raise NoMinutesError(name, f"no minutes on the page: {words} words outside its navigation and furniture")
    if not _has_sentence(text):
        raise NoMinutesError(name, "no sentences in the page's content: a listing or navigation page, not minutes")
    labels = [_cell_text(label) for label in root.find_all(class_="mgSubItemTitleTxt")]
    if root.find(class_="mgItemNumberCell") is not None and not any(label.startswith("Minutes") for label in labels):
        raise NoMinutesError(
            name, 'a ModernGov meeting page whose items have no "Minutes:" yet: an agenda, not minutes'
        )
    linked = _link_words(root)
    if linked > MAX_LINK_SHARE * words:
        raise NoMinutesError(
            name, f"the page's content is mostly links ({100 * linked // words}% of its words): a listing such as a "
            "meeting's details page, not minutes"
        )  # fmt: skip
