"""Mentions of organisations, documents, places and dates; key phrases for the corpus topic scheme."""

from __future__ import annotations

import re
from collections import Counter

from ingest.model import Mention, Span

_CAP = r"(?:[A-Z][\w’'&\-]*|of|for|and|on|the|in|&)"
_ORG_HEADS = (
    r"Council|Office|Association|Police|Partnership|Board|Agency|Department|Committee|Services|Service"
    r"|Authority|Trust|Ltd|Limited|Group|Bank|Government|Commission|Church|School|College|University"
    r"|Society|Network|Brigade|Fund|Company|Club|Federation|Garda Síochána|Executive|Ministry|Institute"
    r"|Bureau|Corporation|Inc|Foundation|Union|Parliament|Assembly|Team|Unit|Centre|Center|Panel"
)
_ORG = re.compile(rf"\b(?:[A-Z][\w’'&\-]*\s+(?:{_CAP}\s+){{0,5}})?(?:{_ORG_HEADS})\b(?:\s+\([A-Z]{{2,8}}\))?")
_ACRONYM_ORGS = re.compile(
    r"\b(?:Ofsted|Ofwat|Ofcom|NHS|SACRE|LGA|DfE|DWP|HMRC|PubWatch|Highways England"
    r"|Environment Agency|Anglian Water|Historic England|Natural England|An Garda Síochána)\b"
)
_DOC_HEADS = (
    r"[Rr]eport|[Ss]trategy|[Pp]lan|[Hh]andbook|[Tt]oolkit|[Pp]olicy|[Aa]ssessment|[Ss]tatement|[Ff]ramework"
    r"|[Gg]uide|[Bb]ulletin|White Paper|Bill|Act|Order|[Bb]udget|[Pp]rogramme|[Rr]eview|[Aa]udit|[Cc]harter"
    r"|[Pp]rotocol|[Rr]egulations?|[Bb]y-[Ll]aw|[Ss]tanding Orders|[Cc]onstitution|[Aa]ppendix \d+"
)
_DOC = re.compile(rf"\b[A-Z][\w’'\-]*(?:\s+(?:{_CAP}|\d+))*\s+(?:{_DOC_HEADS})\b")
_PLACE = re.compile(
    r"\b(?:[A-Z][\w’'\-]+\s+){1,3}(?:Road|Street|Lane|Avenue|Way|Drive|Close|Hall|Park|Square|Green"
    r"|Bridge|Village|Estate|Common|Wood|Field|Hill|Place|Terrace|Crescent|Gardens?|Boulevard)\b"
)
_PLACE_AFTER = re.compile(
    r"\b(?:in|at|across|throughout|around|near|from)\s+(?P<place>[A-Z][a-z]{3,}(?:\s+[A-Z][a-z]+)?)"
    r"(?=[\s,.;])"
)
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS}),?\s+\d{{4}}|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?"
    rf"\s+\d{{4}}|(?:{_MONTHS})\s+\d{{4}}|(?:{_MONTHS})(?:’s|'s)\s+meeting|next meeting)\b"
)
_NOT_PLACES = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "This",
    "That",
    "These",
    "Members",
    "Member",
    "Council",
    "Councillor",
    "Cllr",
    "Chair",
    "Item",
    "Appendix",
    "Section",
    "Page",
    "Prevent",
    "Minutes",
    "English",
    "Welsh",
    "Irish",
}


def _add(found: dict[tuple[int, int], Mention], text: str, start: int, end: int, kind: str) -> None:
    while end > start and text[end - 1] in " ,.;":
        end -= 1
    if end - start < 3:
        return
    for s, e in list(found):
        if s <= start and end <= e:
            return  # inside a longer mention already found
        if start <= s and e <= end:
            del found[(s, e)]
    found[(start, end)] = Mention(text=text[start:end], span=Span(start, end), kind=kind)  # type: ignore[arg-type]


def find_mentions(text: str, regions: list[Span]) -> list[Mention]:
    """Mentions inside the given regions (the statements), longest match first."""
    found: dict[tuple[int, int], Mention] = {}
    for region in regions:
        for pattern, kind in (
            (_DOC, "document"),
            (_ORG, "organisation"),
            (_ACRONYM_ORGS, "organisation"),
            (_PLACE, "place"),
            (_DATE, "date"),
        ):
            for match in pattern.finditer(text, region.start, region.end):
                start = match.start()
                head = text[start : match.end()]
                lead = re.match(r"(?:The|A|An|This|That|These|Its|Their|Our|Her|His)\s+", head)
                if lead:
                    start += lead.end()
                words = text[start : match.end()].split()
                if words[0] in ("Councillor", "Cllr", "Mr", "Mrs", "Ms", "Cabinet", "Member"):
                    continue
                if kind == "organisation" and (len(words) == 1 and pattern is _ORG or "and" in words):
                    continue  # "the Council", "the Panel" name no one in particular; "X and Y" joins two
                _add(found, text, start, match.end(), kind)
        for match in _PLACE_AFTER.finditer(text, region.start, region.end):
            place = match.group("place")
            if place.split()[0] not in _NOT_PLACES and not re.search(_ORG_HEADS, place):
                _add(found, text, match.start("place"), match.end("place"), "place")
    return sorted(found.values(), key=lambda m: m.span.start)


_STOP = set(
    """a an the and or but if then than that this these those of to in on at by for with from as is are was
were be been being has have had do does did not no yes it its it's he she they them their his her we our you your i
me my which who whom whose what when where why how all any each other some such only own same so too very can will
would should could may might must shall also there here about above after again against before below between into
through during over under further once more most both few just now out up down off per via upon while within without
said stated explained advised added asked noted felt highlighted confirmed agreed replied queried questioned
mentioned commented informed reported suggested proposed seconded resolved members member councillor councillors cllr
chair chairman clerk meeting meetings council item items mr mrs ms dr thanked thanks well however therefore regarding
need needed needs work working worked team made make like would one two three four five six seven eight nine ten
year years month months week weeks time times number part way ways issue issues matter matters point points
discussed discussion update updates currently current recently new good great concerns concern raised looked look
going get got much many lot lots able whether around since already still even back take taken provide provided
""".split()
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'\-]+")


def keyphrases(text: str, regions: list[Span], top: int = 40) -> list[tuple[str, int]]:
    """Noun-phrase-like runs (1-3 content words between stop words), counted over the statements."""
    counts: Counter[str] = Counter()
    for region in regions:
        run: list[str] = []
        for match in _TOKEN.finditer(text, region.start, region.end):
            word = match.group().lower().strip("’'-")
            gap = text[match.start() - 1] if match.start() > region.start else " "
            if word in _STOP or len(word) < 3 or word.endswith(("ly", "ing")) and len(word) > 6 and not run:
                _flush(run, counts)
                run = []
                continue
            if gap in ",.;:()" and run:
                _flush(run, counts)
                run = []
            run.append(word)
        _flush(run, counts)
    scored = [(phrase, n) for phrase, n in counts.items() if n >= 2]
    scored.sort(key=lambda pair: (-(pair[1] * (1 + phrase_len(pair[0]))), pair[0]))
    return scored[:top]


def phrase_len(phrase: str) -> int:
    return phrase.count(" ") + 1


def _flush(run: list[str], counts: Counter[str]) -> None:
    if not run:
        return
    words = run[-3:] if len(run) > 3 else run
    while words and words[-1].endswith("ed"):
        words = words[:-1]
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if size == 1 and len(phrase) < 5:
                continue
            counts[phrase] += 1
