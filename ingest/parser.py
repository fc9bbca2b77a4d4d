"""parse(): a decoded document in, a fully attributed Meeting out. No I/O here."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePath

from ingest import __version__
from ingest.attribution import Attributor, elected_chair
from ingest.extraction import find_actions, find_resolutions, pair_questions
from ingest.header import iso_date, parse_header
from ingest.holders import resolve_post_holders
from ingest.layout import find_layout
from ingest.mentions import find_mentions, keyphrases
from ingest.metadata import MeetingFacts, facts_from_path, name_convention
from ingest.model import UNKNOWN_SPEAKER, AgendaItem, Meeting, Span, Statement, content_id, page_at, time_at
from ingest.motions import QuotedMotion
from ingest.reading import SourceDocument
from ingest.segmenting import split_inline_bullets, split_sentences
from ingest.speakers import SpeakerRegistry
from ingest.transcript import find_turns, is_question, resolve_label, turn_act
from ingest.written import PrintedTexts, find_regions

EXTRACTOR = f"minutes-kg-ingest/{__version__}"
_BARE_RESOLVED = re.compile(r"^(?:RESOLVED|Resolved|AGREED|BE IT RESOLVED|RECOMMENDED)\s*[:\-–]?\s*(?:that\s*:?)?$")
_SUB_ENTRY = re.compile(r"\s*(?:\(?[a-z]{1,4}[.)]|[•\-–])\s")  # "a.", "(ii)", "•": under a lead-in
_NUMBERED_ENTRY = re.compile(r"\s*\(?(\d{1,2})[.)]\s")
_LEAD_IN_END = re.compile(r":[ \t]*[-–]?[ \t*]*$")
_LIST_ENTRY = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)]|[•\-–])\s")


def meeting_id(source_name: str) -> str:
    """Readable and stable across edits of one file: the slug of its name."""
    # folders too (a/minutes.pdf, b/minutes.pdf); only an extension is dropped, not ".00 Cabinet" of "10.00 Cabinet"
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", PurePath(source_name).as_posix()).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return slug or "meeting"


def _council_from_text(text: str) -> str | None:
    match = re.search(
        r"(?i)\b((?:[A-Z][\w’'&]+\s+){0,5}(?:County|City|Borough|District|Parish|Community|Town)?\s*"
        r"(?:Council|Township of [A-Z]\w+|City of [A-Z]\w+))\b",
        text[:1500],
    )
    if not match:
        return None
    name = re.sub(r"\s+", " ", match.group(1)).strip()
    # The regex also swallows the words before the name ("Minutes of the", "Meeting of").
    name = re.sub(
        r"(?i)^(?:(?:regular|special|ordinary|annual)\s+)?(?:minutes|meeting|dear member)(?:\s+of)?\s+", "", name
    )
    name = re.sub(r"(?i)^(?:of\s+)?the\s+", "", name)
    return name.title() if name.lower() != "council" else None


def parse(doc: SourceDocument, stated: MeetingFacts | None = None) -> Meeting:
    """Parse one document: header, items, statements with speakers and acts, and what they decide.

    `stated`: council, committee or date the user gave, which win over what the text and path say.
    """
    text = doc.text
    turns = find_turns(text)
    transcript_start = turns[0].label.start if turns else len(text)
    layout = find_layout(text, 0)
    numbered = [i for i in layout.items if not i.number.startswith("h")]  # not bare capitals lines (titles)
    first_item = numbered[0].body.start if numbered else len(text)
    header = parse_header(text, min(transcript_start, first_item))
    registry = SpeakerRegistry(header.attendance)
    registry.learn_clerk(text)
    chair = elected_chair(text[header.end : transcript_start])
    if chair and registry.chair is None:
        registry.set_chair(registry.resolve(chair))
    statements: list[Statement] = []
    items = [i for i in layout.items if i.span.start < transcript_start]
    attributor = Attributor(registry)
    printed_texts = PrintedTexts(find_regions(text, registry, header.end, transcript_start))
    motions = QuotedMotion(text)
    in_resolved = False
    lead_in_before, list_next = False, None
    current_item: str | None = None
    for block in layout.blocks:
        if block.start >= transcript_start:
            break
        if block.end <= header.end:
            continue
        block = Span(max(block.start, header.end), block.end)
        item_here = _item_for(items, block.start)
        if item_here != current_item:
            current_item = item_here
            title = next((i.title for i in items if i.number == item_here), "")
            attributor.new_item(title, numbered=not (item_here or "").startswith("h"))
            motions.new_item()
        block = Span(block.start, min(block.end, transcript_start))
        block_text = text[block.start : block.end]
        if in_resolved and not _LIST_ENTRY.match(block_text):
            in_resolved = False
        for part in split_inline_bullets(text, block):
            numbered = _NUMBERED_ENTRY.match(text, part.start, part.end)
            number = int(numbered.group(1)) if numbered else None
            # "1." straight after a lead-in ("raised the following queries:-"), and "2.", "3." after it, are
            # entries under it; a "6." after "3." is the next paragraph of a numbered sequence
            in_list = number is not None and (number == 1 and lead_in_before or number == list_next)
            list_next = number + 1 if in_list and number is not None else None
            lead_in_before = bool(_LEAD_IN_END.search(text, part.start, part.end))
            attributor.new_block(bool(_SUB_ENTRY.match(text, part.start, part.end)) or in_list)
            for sentence in split_sentences(text, part.start, part.end):
                words = text[sentence.start : sentence.end]
                if _BARE_RESOLVED.match(words):
                    in_resolved = True
                    continue
                attribution = attributor.attribute(text, sentence)
                act = "resolved" if in_resolved else attribution.act
                speaker = UNKNOWN_SPEAKER if in_resolved else attribution.speaker
                printed = printed_texts.speaker(words, sentence.start, attribution)
                if printed is not None:
                    speaker, act = printed
                named = attribution.explicit and attribution.speaker.kind != "unknown"
                quoted = motions.speaker(sentence, speaker, act, named or in_resolved)
                if quoted is not None:
                    speaker, act = quoted
                statements.append(_statement(doc.sha256, text, sentence, speaker, act, items, attribution.naming))
    statements = resolve_post_holders(statements)
    if turns:
        statements.extend(_transcript_statements(doc, turns, registry, items))
    stated = stated or MeetingFacts()
    convention = name_convention(doc.name) or MeetingFacts()
    path = facts_from_path(doc.name)
    statements = _placed(statements, doc.pages, doc.times)
    resolutions = find_resolutions(doc.sha256, statements)
    actions = find_actions(doc.sha256, text, statements)
    regions = [s.span for s in statements]
    return Meeting(
        id=meeting_id(doc.name),
        source=doc.name,
        sha256=doc.sha256,
        text=text,
        kind="transcript" if turns and transcript_start < len(text) * 0.2 else "minutes",
        council=stated.council or convention.council or _council_from_text(text) or path.council,
        committee=stated.committee or convention.committee or path.committee,
        date=stated.date or header.date or convention.date or doc.date or path.date or iso_date(text[:3000]),
        venue=header.venue,
        title=header.title or doc.title,
        attendance=header.attendance,
        items=tuple(items),
        statements=tuple(statements),
        questions=tuple(pair_questions(statements)),
        resolutions=tuple(resolutions),
        actions=tuple(actions),
        mentions=tuple(find_mentions(text, regions)),
        keyphrases=tuple(keyphrases(text, regions)),
        extractor=EXTRACTOR,
        encoding=doc.encoding,
        pages=doc.pages,
        media_type=doc.media_type,
        times=doc.times,
    )


def _placed(statements: list[Statement], pages: tuple[int, ...], times: tuple[tuple[int, int], ...]) -> list[Statement]:
    """Each statement with the page (PDF) or the moment (recording) its first character is at."""
    if not pages and not times:
        return statements
    return [replace(s, page=page_at(pages, s.span.start), time_ms=time_at(times, s.span.start)) for s in statements]


def _item_for(items: list[AgendaItem], offset: int) -> str | None:
    current = None
    for item in items:
        if item.body.start <= offset:
            current = item.number
        else:
            break
    return current


def _statement(
    sha: str,
    text: str,
    span: Span,
    speaker,
    act: str,
    items: list[AgendaItem],  # type: ignore[no-untyped-def]
    naming: Span | None,
) -> Statement:
    return Statement(
        id=content_id(sha, span.start, span.end),
        text=text[span.start : span.end],
        span=span,
        speaker=speaker,
        act=act,
        item=_item_for(items, span.start),
        attribution=naming,
    )  # type: ignore[arg-type]


def _transcript_statements(
    doc: SourceDocument,
    turns,
    registry: SpeakerRegistry,  # type: ignore[no-untyped-def]
    items: list[AgendaItem],
) -> list[Statement]:
    text = doc.text
    public_names = {
        m.group(1).lower() for m in re.finditer(r"Request of ([A-Z][a-z]+(?: [A-Z][a-z]+){1,2}) to address", text)
    }
    public_keys = {" ".join(n.split()) for n in public_names}
    out: list[Statement] = []
    previous_speaker = None
    previous_asked = False
    for turn in turns:
        label = text[turn.label.start : turn.label.end]
        speaker = resolve_label(label, registry, text[turn.body.start : turn.body.end], public_keys)
        replying = previous_asked and previous_speaker is not None and previous_speaker.key != speaker.key
        turn_asked = False
        for sentence in split_sentences(text, turn.body.start, turn.body.end):
            words = text[sentence.start : sentence.end]
            act = turn_act(words, replying)
            turn_asked = turn_asked or (act == "asked" and is_question(words))
            out.append(_statement(doc.sha256, text, sentence, speaker, act, items, turn.label))
        previous_speaker, previous_asked = speaker, turn_asked
    return out
