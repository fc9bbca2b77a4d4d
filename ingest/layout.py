"""Agenda items and paragraph blocks of the minutes body, as spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import AgendaItem, Span
from ingest.segmenting import line_spans, typical_line_width

_KENT_ITEM = re.compile(r"^\s*\(Item\s+(\d+[a-z]?)\)\s*$")
_PARISH_ITEM = re.compile(r"^\s*(\d{1,3}/\d{2,4})\s+(\S.*)$")
_ITEM_WORD = re.compile(r"^\s*Item\s+(\d+[a-z]?)\s*[:.\-–]\s*(\S.*)$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\.?[ \t]*(?=[A-Z])(.+)$")
_BULLET_CAPS = re.compile(r"^\s*[-•]\s+([A-Z][A-Z0-9 ,'’&/()\-.]+)$")
_NOT_HEADINGS = re.compile(r"^(?:RESOLVED|AGREED|NOTED|CARRIED|LOST|RECOMMENDED|BE IT RESOLVED|MINUTES)\b")
_DATE_LINE = re.compile(
    r"^\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December),?\s+\d{4}\b"
)
_OPENERS = {"Following", "There", "It", "Regarding"}  # words that open a sentence, not a title
_NAME_TITLES = {"Cllr", "Councillor", "Mr", "Mrs", "Ms", "Miss", "Dr"}
_CONNECTORS = {"of", "and", "or", "the", "to", "for", "on", "in", "a", "an", "with", "at", "by", "from", "&", "–", "-"}


@dataclass(frozen=True, slots=True)
class Layout:
    items: tuple[AgendaItem, ...]
    heading_lines: tuple[Span, ...]  # spans that are headings, never statements
    blocks: tuple[Span, ...]  # paragraphs and list entries of the body


def _caps_ratio(value: str) -> float:
    letters = [c for c in value if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def _title_case(value: str) -> bool:
    words = [w for w in value.split() if w[0].isalpha() and w.lower() not in _CONNECTORS]
    return bool(words) and all(w[0].isupper() for w in words)


def _split_inline_title(value: str) -> int:
    """Where a parish heading's title ends and its body begins ('Apologies and Welcome There were ...')."""
    tokens = list(re.finditer(r"\S+", value))
    for index in range(1, len(tokens) - 1):
        word, nxt = tokens[index].group(), tokens[index + 1].group()
        prev = tokens[index - 1].group().lower()
        if word in _OPENERS:
            return tokens[index].start()
        if word[0].isupper() and nxt[0].islower() and nxt.lower() not in _CONNECTORS:
            if tokens[index - 1].group() == "The" and index > 1:
                return tokens[index - 1].start()  # "... Audit The Clerk shared that"
            titled = _titled_start(tokens, index)
            if titled is not None:
                return titled  # "Police Meeting Update – Cllr Daphne Clements advised"
            if prev not in _CONNECTORS or prev in ("–", "-"):
                return tokens[index].start()  # "Police Report – PK shared that"
        if word in ("–", "-") and nxt[:1].isupper():
            continue
    return len(value)


def _titled_start(tokens: list[re.Match[str]], index: int) -> int | None:
    """Where a titled name ending at tokens[index] starts ('Cllr Daphne Clements'), if one does."""
    for back in range(index - 1, max(index - 4, 0), -1):
        word = tokens[back].group()
        if word.rstrip(".") in _NAME_TITLES:
            return tokens[back].start()
        if not word[:1].isupper():
            return None
    return None


def find_layout(text: str, start: int) -> Layout:
    """Items and blocks from `start` (the end of the header) to the end of the text."""
    width = typical_line_width(text[start:])
    lines = line_spans(text, start)
    items: list[tuple[str, Span, Span]] = []  # number, title span, heading line span
    heading_lines: list[Span] = []
    ordinal = 0
    for index, line in enumerate(lines):
        raw = text[line.start : line.end]
        stripped = raw.strip()
        if not stripped:
            continue
        lead = line.start + len(raw) - len(raw.lstrip())
        kent = _KENT_ITEM.match(raw)
        if kent:
            title_lines = []
            back = index - 1
            while back >= 0 and len(title_lines) < 4:
                prev = text[lines[back].start : lines[back].end].strip()
                if not prev:
                    if title_lines:
                        break
                    back -= 1
                    continue
                if re.fullmatch(r"\d{1,4}\.|\(?\d{1,2}\)|RESOLVED.*|.*[.:;]", prev):
                    break
                title_lines.insert(0, lines[back])
                back -= 1
            if title_lines:
                title = Span(title_lines[0].start + _indent(text, title_lines[0]), title_lines[-1].end)
                items.append((kent.group(1), title, Span(title.start, line.end)))
                heading_lines.extend(title_lines)
            heading_lines.append(line)
            continue
        match = _PARISH_ITEM.match(raw) or _ITEM_WORD.match(raw)
        if match:
            number, rest_start = match.group(1), line.start + match.start(2)
            rest = text[rest_start : line.end]
            cut = _split_inline_title(rest) if _PARISH_ITEM.match(raw) else len(rest.rstrip())
            title = Span(rest_start, rest_start + len(rest[:cut].rstrip(" \t–-")))
            items.append((number, title, Span(lead, title.end)))
            heading_lines.append(Span(lead, title.end))
            continue
        if _NOT_HEADINGS.match(stripped) or _DATE_LINE.match(stripped):
            continue
        numbered = _NUMBERED.match(raw)
        short = len(stripped) < 0.75 * width
        if numbered and not stripped.endswith((".", ",", ";")):
            title_text = numbered.group(2).strip()
            if _caps_ratio(title_text) > 0.8 or (short and _title_case(title_text) and len(title_text) < 100):
                title_start = line.start + numbered.start(2)
                title = Span(title_start, title_start + len(numbered.group(2).rstrip()))
                items.append((numbered.group(1), title, Span(lead, line.end)))
                heading_lines.append(line)
                continue
        bullet = _BULLET_CAPS.match(raw)
        if bullet and len(bullet.group(1)) > 3:
            ordinal += 1
            title_start = line.start + bullet.start(1)
            title = Span(title_start, title_start + len(bullet.group(1).rstrip()))
            items.append((str(ordinal), title, Span(lead, line.end)))
            heading_lines.append(line)
            continue
        if (
            _caps_ratio(stripped) > 0.9
            and len(stripped) < 90
            and re.search(r"[A-Z]{4}", stripped)
            and not stripped.endswith((".", ","))
        ):
            ordinal += 1
            title = Span(lead, lead + len(stripped))
            items.append((f"h{ordinal}", title, Span(lead, line.end)))
            heading_lines.append(line)
    agenda: list[AgendaItem] = []
    seen: set[str] = set()
    for index, (number, title, heading) in enumerate(items):
        body_end = items[index + 1][2].start if index + 1 < len(items) else len(text)
        unique = number if number not in seen else f"{number}.{index}"
        seen.add(unique)
        agenda.append(
            AgendaItem(
                number=unique,
                title=re.sub(r"\s+", " ", text[title.start : title.end]),
                span=title,
                body=Span(heading.start, body_end),
            )
        )
    blocks = _blocks(text, start, lines, heading_lines, width)
    return Layout(tuple(agenda), tuple(heading_lines), tuple(blocks))


def _indent(text: str, line: Span) -> int:
    raw = text[line.start : line.end]
    return len(raw) - len(raw.lstrip())


_PAGE_FURNITURE = re.compile(r"^\s*(?:\d{1,3}|Page \d{1,3}(?: of \d{1,3})?|\(Image omitted\))\s*$")
_LONE_BULLET = re.compile(r"^\s*[-–•●▪*]\s*$")
_ACTION_COLUMN = re.compile(r"(?:\t[ \t]*| {8,})(?:[A-Z][\w.’'/ ]{1,38}|Noted)[ \t]*$")
_ENTRY_START = re.compile(
    r"^\s*(?:(?:\d{1,3}\.\s?){1,8}\d{1,3}[a-z]{0,6}[.)]\s|[•●▪◦]|[-–*]\s|\(?[a-zA-Z]\)\s|\(?[ivx]{1,4}\)\s|\(?\d{1,3}\)\s?|\d{1,3}\.\s"
    r"|[a-z]\.\s|RESOLVED|Proposed|Seconded|Moved|Vote:|Yeas:|Motion)"
)


def _blocks(text: str, start: int, lines: list[Span], headings: list[Span], width: int) -> list[Span]:
    """Paragraphs: broken at headings, list entries, and lines that end short of the wrap width."""
    heading_starts = {h.start for h in headings}
    heading_cover = sorted(headings, key=lambda s: s.start)
    blocks: list[Span] = []
    current: Span | None = None
    double_spaced = _is_double_spaced(text, lines)

    def close() -> None:
        nonlocal current
        if current is not None:
            blocks.append(current)
        current = None

    run_on = False
    for index, line in enumerate(lines):
        raw = text[line.start : line.end]
        if _PAGE_FURNITURE.match(raw):
            # a page number or a dropped image: mid-sentence ("spoke regarding / 3 / therapeutic parenting")
            # the paragraph runs on across it; otherwise it stands between blocks
            run_on = _next_text_line(text, lines, index)[:1].islower()
            if not run_on:
                close()
            continue
        column = _ACTION_COLUMN.search(raw)
        if column and raw[: column.start()].strip():
            line = Span(line.start, line.start + column.start())  # the "Action by" column is not the sentence
            raw = raw[: column.start()]
        if (
            any(h.start <= line.start < h.end or line.start == h.start for h in heading_cover)
            or line.start in heading_starts
        ):
            # a parish heading line may carry its body after the title
            heading = next(h for h in heading_cover if h.start <= line.start < max(h.end, h.start + 1))
            close()
            if heading.end < line.end and text[heading.end : line.end].strip():
                current = Span(heading.end, line.end)
            continue
        if not raw.strip():
            if not double_spaced and not run_on:
                close()
            continue
        run_on = False
        if _LONE_BULLET.match(raw):  # "-" on its own line, the entry's text on the next
            close()
            current, run_on = Span(line.start, line.end), True
            continue
        if not re.search(r"\w", raw):  # a rule line of dashes or underscores
            close()
            continue
        if _ENTRY_START.match(raw) or current is None:
            close()
            current = Span(line.start, line.end)
        else:
            current = Span(current.start, line.end)
        stripped = raw.rstrip()
        ends_short = len(stripped) < 0.6 * width
        nxt = _next_text_line(text, lines, index)
        if ends_short and (stripped.endswith((".", ":", "?", "!")) or _ENTRY_START.match(nxt)):
            close()
    close()
    return blocks


def _next_text_line(text: str, lines: list[Span], index: int) -> str:
    for line in lines[index + 1 :]:
        raw = text[line.start : line.end].strip()
        if raw:
            return raw
    return ""


def _is_double_spaced(text: str, lines: list[Span]) -> bool:
    """PDF-to-markdown converters put a blank line after every wrapped line (Limerick's minutes).

    Minutes written one paragraph to a line also alternate text and blank lines, but there the
    blank line ends a paragraph: their lines end a sentence, wrapped lines mostly do not.
    """
    nonblank = sum(1 for line in lines if text[line.start : line.end].strip())
    blank = len(lines) - nonblank
    if nonblank <= 20 or blank < 0.8 * nonblank:
        return False
    long_lines = [text[line.start : line.end].rstrip() for line in lines if line.end - line.start >= 40]
    ending = sum(1 for line in long_lines if re.search(r"[.:;?!”\")]$", line))
    return ending < 0.4 * max(len(long_lines), 1)
