"""WebVTT captions into transcript text: one "Name: words" paragraph per speaker turn.

Councils publish meeting videos with captions. The transcript parser (ingest/transcript.py) reads
"Name: words" turns, one a paragraph, so this reader rebuilds them from the cues: the speaker comes from
a voice tag (<v Name>, <v.class Name>) or a "Name:" prefix on a cue's text (the label forms the
transcript parser accepts), a cue with neither continues the previous speaker, and consecutive cues of
one speaker join, with single spaces, into one turn. Text before any speaker stays plain paragraphs,
broken at long pauses. NOTE, STYLE and REGION blocks and cue settings are not text; other tags are
dropped and character references decoded. A "Name:" prefix is kept as written (its spacing too), so a
transcript rendered to cues comes back as the same text. Cue times are not part of the text: `read_vtt`
gives them as spans of that text (`CueSpan`), which `cue_at` looks up for a statement's offset.
"""

from __future__ import annotations

import html
import io
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError
from webvtt.models import Caption, Timestamp
from webvtt.vtt import WebVTTCueBlock

from ingest.errors import DamagedFileError, EncodingError, NoMinutesError
from ingest.reading import ExtractedText

# The transcript parser's own label rule: a prefix this reader takes as a speaker is one it will find.
from ingest.transcript import SPEAKER_LABEL, is_speaker_label

PAUSE_MS = 2000  # a silence this long after a finished sentence starts a new plain paragraph
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # WebVTT's line terminators (webvtt-py splits on the same)
_VOICE = re.compile(r"<v(?=[.\s>])(?:\.[^\s.>]*)*(?:\s+(?P<name>[^>]*))?>")
_TAG = re.compile(r"<[^>]*>")  # <c.x>, <i>, </v>, <00:01:02.500>; a "<" with no ">" after it is text
_SENTENCE_END = re.compile(r"[.?!][\"'’”)\]]*$")


@dataclass(frozen=True, slots=True)
class CueSpan:
    """Where one cue's words lie in the extracted text, and when they were said (milliseconds)."""

    start: int
    end: int
    begins_ms: int
    ends_ms: int

    @property
    def begins(self) -> str:
        """The cue's start as a WebVTT timestamp, for a citation: "00:12:03.500"."""
        return _clock(self.begins_ms)


@dataclass(frozen=True, slots=True)
class Captions:
    """A WebVTT file read: the transcript text, each cue's span of it, and what the reader noticed."""

    text: str
    cues: tuple[CueSpan, ...]
    speakers: tuple[str, ...]  # in order of first appearance
    notes: tuple[str, ...] = ()
    title: str | None = None


@dataclass(slots=True)
class _Turn:
    """A paragraph being built: its speaker (None for plain text), its head ("Name: ") and cue texts."""

    speaker: str | None
    head: str
    head_in_cue: bool  # the head is the cue's own "Name:" prefix, so the first cue's span covers it
    pieces: list[tuple[str, Caption]] = field(default_factory=list)


def extract_vtt(data: bytes, name: str) -> ExtractedText:
    """The reader ingest/reading.py calls for a file that starts with "WEBVTT"."""
    captions = read_vtt(data, name)
    times = tuple((cue.start, cue.begins_ms) for cue in captions.cues)
    return ExtractedText(text=captions.text, times=times, notes=captions.notes, title=captions.title)


def read_vtt(data: bytes, name: str) -> Captions:
    """Read WebVTT bytes into transcript text with cue spans; InputError naming the file on bad input."""
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise EncodingError(name, f"not UTF-8 (bad byte at {error.start}); WebVTT files are UTF-8") from None
    lines = _LINE_BREAK.split(source)
    if not lines[0].startswith("WEBVTT"):
        raise DamagedFileError(name, f"line 1: not a WebVTT file (no WEBVTT header: {lines[0][:40]!r})")
    loose = _check_blocks(lines, name)
    try:
        vtt = webvtt.from_buffer(io.StringIO(source))
    except (MalformedFileError, MalformedCaptionError) as error:
        raise DamagedFileError(name, f"line 1: not a WebVTT file ({error})") from None
    if not vtt.captions:
        raise NoMinutesError(name, "the WebVTT file has no cues")
    turns = _turns(vtt.captions)
    if not turns:
        raise NoMinutesError(name, f"the WebVTT file's {len(vtt.captions)} cues hold no text")
    text, cues = _render(turns)
    speakers = tuple(dict.fromkeys(t.speaker for t in turns if t.speaker is not None))
    notes = [_summary(vtt.captions, turns, speakers)]
    if loose:
        notes.append(f"{len(loose)} text block(s) without cue timings skipped (line {', '.join(map(str, loose[:5]))})")
    unread = [s for s in speakers if (label := speaker_prefix(f"{s}: x")) is None or label.group("label") != s]
    if unread:
        notes.append(f"speaker names the transcript parser does not take as labels: {', '.join(unread[:5])}")
    title = vtt.header_text.strip().lstrip("-–— \t").strip() or None
    return Captions(text=text, cues=cues, speakers=speakers, notes=tuple(notes), title=title)


def cue_at(cues: Sequence[CueSpan], offset: int) -> CueSpan | None:
    """The cue holding the text at `offset` (or the next one): when a statement starting there was said."""
    index = bisect_right([cue.end for cue in cues], offset)
    return cues[index] if index < len(cues) else None


def speaker_prefix(text: str) -> re.Match[str] | None:
    """A "Name:" label at the start of a cue's text, as the transcript parser would take it."""
    match = SPEAKER_LABEL.match(text)
    return match if match and is_speaker_label(match.group("label")) else None


def _check_blocks(lines: list[str], name: str) -> list[int]:
    """DamagedFileError at a cue whose timings cannot be read; the lines of text blocks with no timings.

    webvtt-py drops such blocks without a word, and a caption dropped is testimony lost, so the blocks are
    split the way it splits them and each one that should be a cue is checked the way it checks them.
    """
    loose: list[int] = []
    for number, block in _blocks(lines):
        if number == 1:
            continue  # the header: WEBVTT and metadata lines
        timing = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
        if timing is not None:
            line = block[timing]
            match = WebVTTCueBlock.CUE_TIMINGS_PATTERN.match(line)
            try:
                if match is None:
                    raise MalformedCaptionError(line)
                Timestamp.from_string(match.group(1))
                Timestamp.from_string(match.group(2))
            except MalformedCaptionError:
                shown = line if len(line) <= 80 else line[:77] + "..."
                raise DamagedFileError(name, f"line {number + timing}: bad cue timings {shown!r}") from None
        elif not re.match(r"(?:NOTE|STYLE|REGION)(?:\s|$)", block[0]):
            loose.append(number)
    return loose


def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Blocks with the 1-based number of their first line, split as webvtt-py splits them.

    A block ends at an empty line; a line with "-->" also starts one when it cannot be the timings line of
    the current block (the header, a block of two lines or more, or one that has its timings already).
    """
    block: list[str] = []
    first = 1
    in_header = True
    for number, line in enumerate(lines, 1):
        starts_new = bool(block) and "-->" in line and (in_header or len(block) > 1 or "-->" in block[0])
        if not line or starts_new:
            if block:
                yield first, block
                block, in_header = [], False
        if line:
            if not block:
                first = number
            block.append(line)
    if block:
        yield first, block


def _segments(caption: Caption) -> Iterator[tuple[str | None, str]]:
    """(voice or None, raw text) runs of one cue: a voice tag starts a run, text before it has no voice."""
    raw = " ".join(line.strip() for line in caption.lines)
    position, voice = 0, None
    for match in _VOICE.finditer(raw):
        yield voice, raw[position : match.start()]
        voice = " ".join(html.unescape(match.group("name") or "").split()) or None
        position = match.end()
    yield voice, raw[position:]


def _turns(captions: Sequence[Caption]) -> list[_Turn]:
    """Cues into speaker turns: a new turn where the speaker changes, else the cue joins the current one."""
    turns: list[_Turn] = []
    previous: Caption | None = None
    for caption in captions:
        for voice, raw in _segments(caption):
            words = html.unescape(_TAG.sub("", raw)).strip()
            if not words:
                continue
            speaker, head, head_in_cue = voice, f"{voice}: ", False
            if voice is None and (prefix := speaker_prefix(words)):
                speaker, head, head_in_cue = prefix.group("label"), words[: prefix.end()], True
            body = words[len(head) :] if head_in_cue else words  # the label is the turn's head, not its text
            current = turns[-1] if turns else None
            if current is not None and speaker is not None and speaker == current.speaker:
                current.pieces.append((body, caption))  # the same speaker named again: one turn
            elif current is not None and speaker is None and not _plain_break(current, previous, caption):
                current.pieces.append((body, caption))
            elif speaker is None:
                turns.append(_Turn(None, "", False, [(body, caption)]))
            else:
                turns.append(_Turn(speaker, head, head_in_cue, [(body, caption)]))
        previous = caption
    return turns


def _plain_break(turn: _Turn, previous: Caption | None, caption: Caption) -> bool:
    """A new plain paragraph: no speaker yet, a long pause, and the last cue finished its sentence."""
    if turn.speaker is not None or previous is None:
        return False
    pause = caption.start_time.in_milliseconds() - previous.end_time.in_milliseconds()
    return pause >= PAUSE_MS and bool(_SENTENCE_END.search(turn.pieces[-1][0]))


def _render(turns: Sequence[_Turn]) -> tuple[str, tuple[CueSpan, ...]]:
    """Paragraphs separated by a blank line, and where each cue's words landed."""
    parts: list[str] = []
    cues: list[CueSpan] = []
    position = 0
    for index, turn in enumerate(turns):
        if index:
            parts.append("\n\n")
            position += 2
        head_start = position
        parts.append(turn.head)
        position += len(turn.head)
        for number, (words, caption) in enumerate(turn.pieces):
            if number:
                parts.append(" ")
                position += 1
            start = head_start if number == 0 and turn.head_in_cue else position
            parts.append(words)
            position += len(words)
            begins, ends = caption.start_time.in_milliseconds(), caption.end_time.in_milliseconds()
            cues.append(CueSpan(start, position, begins, ends))
    return "".join(parts) + "\n", tuple(cues)


def _summary(captions: Sequence[Caption], turns: Sequence[_Turn], speakers: Sequence[str]) -> str:
    """One note: how much was read, over what time, and whether anyone was named."""
    span = f"{captions[0].start} to {max(c.end_time for c in captions)}"
    if not speakers:
        return f"WebVTT: {len(captions)} cues ({span}) name no speaker (no voice tags or 'Name:' prefixes)"
    named = sum(1 for t in turns if t.speaker is not None)
    return f"WebVTT: {len(captions)} cues ({span}) in {named} turns of {len(speakers)} speakers"


def _clock(milliseconds: int) -> str:
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"
