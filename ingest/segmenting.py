"""Splitting minutes text into agenda items and sentences, keeping exact character offsets.

Real minutes are wrapped PDF text: sentences run across line breaks (and, in some converters,
across blank lines), headings stand on short lines without a full stop, and list markers
("a.", "2)", "•", "-") open entries. Everything here returns spans into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import Span

# Tokens that end with a full stop without ending a sentence.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "cllr",
    "cllrs",
    "st",
    "no",
    "nos",
    "co",
    "vs",
    "approx",
    "rev",
    "prof",
    "sgt",
    "insp",
    "supt",
    "hon",
    "jr",
    "sr",
    "gov",
    "dept",
    "e.g",
    "i.e",
    "cf",
    "fig",
    "ref",
    "incl",
    "a.m",
    "p.m",
    "a/",
    "ave",
    "rd",
    "mt",
    "ft",
    "v",
    "viz",
    "al",
    "inc",
    "ltd",
    "para",
    "paras",
    "prop",
    "sec",
    "cllr.s",
}
_SENTENCE_END = re.compile(r"[.!?]+[\"'’”)\]*]*(?=\s)")
_LIST_MARKER = re.compile(
    r"(?:(?:\d{1,3}\.\s?){0,8}\d{1,3}[a-z]{1,6}\)|(?:\d{1,3}\.\s?){1,8}\d{1,3}\.(?!\d)"  # "4.4.5viii)", "4.4.9."
    r"|[•●▪◦·*–-]|\(?[a-zA-Z]\)|\(?[ivxIVX]{1,4}\)|\(?\d{1,3}\)|\d{1,3}\.(?!\d)|[a-z]\.(?=\s))\s+"
)
# "•" entries on one line, and lettered entries run on after a sentence ("... soon. h) HGV's Use of ...").
_INLINE_BULLET = re.compile(r"[ \t]*[•●▪][ \t]*|(?<=[.!?\]])[ \t]+(?=[a-z]\)[ \t])")
_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True, slots=True)
class Heading:
    number: str
    title: Span
    line: Span  # the whole heading line(s)


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of each line (without its newline) in [start, end)."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        spans.append(Span(pos, stop))
        pos = stop + 1
    return spans


def typical_line_width(text: str) -> int:
    """The width a wrapped paragraph line reaches: lines well short of it ended a paragraph."""
    lengths = sorted(len(line.rstrip()) for line in text.split("\n") if line.strip())
    if not lengths:
        return 80
    return max(40, lengths[int(len(lengths) * 0.8)])


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` closes an abbreviation or an initial, not a sentence."""
    begin = dot
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] in "./"):
        begin -= 1
    token = text[begin:dot].lower()
    if not token:
        return False
    if token in _ABBREVIATIONS:
        return True
    if len(token) == 1 and text[begin].isupper():  # an initial: "Councillor A. Teskey"
        return True
    return bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))  # "T.D", "e.g"


def _next_starts_sentence(text: str, pos: int, end: int) -> bool:
    while pos < end and text[pos] in " \t\n\f":
        pos += 1
    if pos >= end:
        return True
    ch = text[pos]
    if re.match(r"[a-z]\)\s", text[pos : pos + 3]):
        return True  # "... soon. h) HGV's Use of Rural Roads": a lettered entry run into the paragraph
    return ch.isupper() or ch.isdigit() or ch in "\"'‘“(•●▪–-*_"


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans inside one block, trimmed of whitespace and list markers."""
    spans: list[Span] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        dot = match.start()
        stop = match.end()
        if text[dot] == "." and stop - dot == 1 and _is_abbreviation(text, dot):
            continue
        if not _next_starts_sentence(text, stop, end):
            continue
        spans.append(Span(cursor, stop))
        cursor = stop
    if cursor < end:
        spans.append(Span(cursor, end))
    trimmed = (trim(text, span) for span in spans)
    return [span for span in trimmed if span is not None]


def trim(text: str, span: Span) -> Span | None:
    """Drop surrounding whitespace and a leading list marker; None when no words are left."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end - 1 and text[start] == "_" and text[start + 1].isalnum():
        start += 1  # "_Prop. GK, 2nd JR_": markdown emphasis from a converted document
    marker = _LIST_MARKER.match(text, start, end)
    if marker and marker.end() < end:
        start = marker.end()
        while start < end and text[start].isspace():
            start += 1
    if not _WORD.search(text, start, end):
        return None
    return Span(start, end)


def split_inline_bullets(text: str, span: Span) -> list[Span]:
    """Parish minutes put several "• Topic - text" entries on one line: split them."""
    parts: list[Span] = []
    cursor = span.start
    for match in _INLINE_BULLET.finditer(text, span.start, span.end):
        if match.start() > cursor:
            parts.append(Span(cursor, match.start()))
        cursor = match.end()
    parts.append(Span(cursor, span.end))
    return [p for p in parts if p.end > p.start]
