"""Lines of text laid out from a document's blocks, the way the HTML and Word readers both set them.

One rule for blank lines serves both formats, so a page and a Word file of the same minutes give the
same text: a block boundary starts a new line; spacing between blocks (a CSS margin, Word's space
before or after) asks for one blank line before the next text; an empty paragraph is a blank line,
and it also stands for the spacing beside it, so spacing never adds a second blank line to one.
"""

from __future__ import annotations

import re

_SPACE = re.compile("[ \t\n\r\f\xa0]+")
_NUMBERED = re.compile(r"^\s*(?:\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]|[•●▪◦·\-–*])(?:\s|$)")
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"),
    (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


class Lines:
    """Lines being laid out: the open line, a pending blank line, and a prefix for the next line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._open: list[str] = []
        self._gap = False
        self.prefix = ""  # a list number or a row's number cell, put before the next line's text

    def _start(self) -> None:
        if self._gap and self.lines and self.lines[-1]:
            self.lines.append("")
        self._gap = False
        if self.prefix:
            self._open.append(self.prefix + " ")
            self.prefix = ""

    def add(self, text: str) -> None:
        """Inline text; whitespace collapses, and a line never starts with it."""
        if not self._open:
            if not _SPACE.sub("", text):
                return
            self._start()
        self._open.append(text)

    def end_line(self) -> None:
        """A block boundary: the open line ends; nothing happens when none is open."""
        if self._open:
            self.lines.append(_SPACE.sub(" ", "".join(self._open)).strip())
            self._open = []

    def margin(self) -> None:
        """Spacing between blocks: the open line ends and a blank line precedes the next text."""
        self.end_line()
        self._gap = True

    def cancel_gap(self) -> None:
        """Spacing that does not show (Word's contextual spacing between paragraphs of one style)."""
        self._gap = False

    def blank(self) -> None:
        """An empty line (an empty paragraph, <br><br>); it stands for a pending margin too."""
        self.end_line()
        self._gap = False
        self.lines.append("")

    def hard_break(self) -> None:
        """<br>: ends the open line, or makes an empty one when none is open."""
        if self._open:
            self.end_line()
        else:
            self.blank()

    def line(self, text: str) -> None:
        """A whole line as it stands (tabs between table cells kept); "" is an empty line."""
        self.end_line()
        if not text:
            self.blank()
            return
        self._start()
        self.lines.append("".join(self._open) + text)
        self._open = []

    def flush_prefix(self) -> None:
        """A number cell with nothing after it in its row stands as a line of its own."""
        if self.prefix:
            text, self.prefix = self.prefix, ""
            self.line(text)

    def count(self) -> int:
        return len(self.lines) + (1 if self._open else 0)

    def text(self) -> str:
        """The lines, without leading or trailing blank lines, ending in a newline as a text file does."""
        self.end_line()
        lines = [line.rstrip() for line in self.lines]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines) + "\n" if lines else ""


def roman(number: int) -> str:
    result = ""
    for value, digits in _ROMAN:
        count, number = divmod(number, value)
        result += digits * count
    return result


def letters(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: how HTML and Word letter list items."""
    result = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        result = chr(ord("a") + rest) + result
    return result


def format_number(number: int, kind: str) -> str:
    """A list number in an HTML <ol type> style: "1", "a", "A", "i" or "I"."""
    if kind in ("a", "A"):
        text = letters(number)
    elif kind in ("i", "I"):
        text = roman(number)
    else:
        return str(number)
    return text.upper() if kind.isupper() else text


def starts_with_marker(text: str) -> bool:
    """Whether a list item's text already starts with its number or bullet ("3. Apologies", "• Roads")."""
    return _NUMBERED.match(text) is not None


def list_marker(number: int, kind: str, text: str) -> str | None:
    """The marker a list shows before an item ("3.", "b."), or None where the text already starts with one."""
    return None if starts_with_marker(text) else f"{format_number(number, kind)}."
