"""The grammar of the words that name a speaker in minutes: titles, names, posts, initials, pronouns.

Shared by the sentence-start attribution and the search for speakers named inside a sentence,
so both read "Cllr. A. Teskey", "The Head of Service" and "PB" the same way.
"""

from __future__ import annotations

import re

from ingest.vocabulary import REPORTING_VERBS

_NAME = r"(?:[A-Z][a-zA-Z’'\-]+|[A-Z]’[A-Z][a-z]+|Mc[A-Z][a-z]+|O’[A-Z][a-z]+)"
_INITIAL = r"(?:[A-Z]\.?(?:[A-Z]\.)?\s+)"
_TITLE = (
    r"(?:(?:County |Borough |District )?(?:Councillor|Councilor|Cllr)s?\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Sir"
    r"|Deputy|Minister|Senator|Commissioner|Mayor|Chief Superintendent|Superintendent|Inspector|Sergeant"
    r"|Garda|PCSO|Detective|Alderman|Professor)"
)
_TITLED_NAME = rf"{_TITLE}\s+{_INITIAL}*(?:{_NAME}\s+)?{_NAME}(?:-{_NAME})?"
_FUNCTION_WORDS = (
    r"(?!(?:That|The|This|These|Those|There|It|In|If|When|As|At|On|For|With|All|Any|Following|During"
    r"|After|Before|Further|Members|Councillors|Some|Several|Each|Both|Item|Agenda)\b)"
)
_PLAIN_NAME = rf"{_FUNCTION_WORDS}{_NAME}\s+{_NAME}(?:-{_NAME})?"
_POST = (
    r"(?:[Tt]he|An)\s+(?:[A-Z][\w’'/\-]*|of|and|for|&)(?:\s+(?!BE\s)(?:[A-Z][\w’'/\-]*|of|and|for|the|&))*?"
    r"(?=\s*(?:,|\(|\s(?!(?:and|of|for|the)\b)(?:[a-z]+ly\s+)?(?:had\s+|has\s+|also\s+|then\s+|further\s+|again\s+|would\s+|was\s+|were\s+)?"
    r"[a-z]+\b))"
)
_DESCRIPTOR = (
    r"(?:[Aa]n?|[Oo]ne|[Ss]everal|[Ss]ome|[Oo]ther|[Aa]nother|[Tt]he|[Aa]ll|[Tt]wo)\s+(?:[Mm]embers?|[Cc]ouncillors?"
    r"|[Pp]arishioners?|[Rr]esidents?|[Mm]ember of the [Pp]ublic|[Mm]embers of the [Pp]ublic|[Pp]anel)"
    r"|Members|Councillors|Parishioners|Residents"
)
_INITIALS_NP = r"[A-Z]{2,3}(?![a-zA-Z])"
_PRONOUN = r"(?:He|She|They|he|she|they)"
_SUBJECT = re.compile(
    rf"(?P<np>{_TITLED_NAME}|{_POST}|{_DESCRIPTOR}|{_INITIALS_NP}|{_PLAIN_NAME}|{_PRONOUN})"
    r"(?P<appos>\s*\([A-Z]{2,3}\)|\s*\((?=[A-Z][a-z])[^()]{3,80}\)(?=\s+(?:[a-z]+ly\s+)?[a-z]+\b)|,\s*(?:the\s+)?[A-Z][^,.]{2,90},(?=\s+(?:[a-z]+ly\s+)?[a-z]+\b)"
    r"|,\s*(?:the\s+)?[A-Z][^,]{2,90}?,?(?=\s+(?:[a-z]+ly\s+)?[a-z]+\b)|,?\s+(?:the\s+)?"
    r"(?=(?:Cathaoirleach|Mayor|Chair)\b)[A-Z]\w+,?)?"
)
_AUX = (
    r"(?:(?:had|has|have|also|then|further|again|later|subsequently|briefly|duly|would|was|were|did|could"
    r"|[a-z]+ly)\s+)*"
)
_VERB_AFTER = re.compile(r"\s*" + _AUX + r"(?P<verb>[a-z]+(?:-[a-z]+)*)\b(?P<rest>.{0,40})", re.DOTALL)
_INTRO = re.compile(
    r"^(?:(?P<reply>In (?:replying|responding|reply|response|answer)\b"
    r"(?: to (?:(?!\s(?:Mr|Mrs|Ms|Dr)\.?\s)[^,]){0,120})?"  # "In response to members Mr. X added": no comma
    r"|Responding(?: to [^,]{0,120})?|Replying(?: to [^,]{0,120})?)\s*,?\s*"
    r"|(?:Following|After|Further to|Regarding|With regard to|In relation to|Referring to|On behalf of"
    r"|At the request of|During|Prior to|Having|When|Upon|On|In [a-z]+ing|At this point)\b[^,]{0,140},\s*"
    r"|(?:Additionally|Furthermore|Also|However|In addition|Finally|Firstly|Secondly|In summary|Moreover|Then"
    r"|Subsequently|Similarly|Equally|Lastly|Overall|Again|Separately|Likewise|In conclusion)\b,?\s*"
    r"|As\b[^,]{0,140},\s*|(?:After|Following)\s+(?:a\s+|some\s+|further\s+|the\s+)?discussion,?\s*"
    r"|(?:\d{1,3}(?:\.\d{1,3})*\.?\s+)?[A-Z][\w’'/ &\-]{2,60}?\s*[-–]\s+(?=[A-Z])"
    # a topic heading run into the sentence: "Weight Restriction: Andy Wallace had", not a label ("REPLY:")
    r"|(?:\d{1,3}(?:\.\d{1,3})*\.?\s+)?(?=[^:]{0,60}[a-z])[A-Z][\w’'/ &\-]{2,60}?:\s+(?=[A-Z]))"
)
_PASSIVE = re.compile(
    r"^(?:It|it)\s+was\s+(?:also\s+|further\s+|then\s+|unanimously\s+|therefore\s+|subsequently\s+)*"
    r"(?P<verb>[a-z]+ed|[a-z]+en|held|made|put|sought|brought|thought|felt|said|told|set|led|read|met|left)\b"
    r"(?:\s+by\s+(?P<by>[^,.;]+?)(?=,|\s+(?:and|that|to|seconded)\b|$))?"
)
_PROPOSED_BY = re.compile(
    r"^(?:(?:It\s+was\s+)?(?:Proposed|Prop|Moved|Seconded|Nominated)(?:\s+by:?|:|\.)\s*|(?:Proposer|Seconder):\s*)"
    rf"(?P<np>{_TITLED_NAME}|{_PLAIN_NAME}|{_INITIALS_NP}|[A-Z]\.\s*[A-Z][a-z]+)"
)
_NP_PROPOSED = re.compile(r"^.{0,80}?\b(?:proposed|moved)\s+by\s+(?P<np>" + _TITLED_NAME + "|" + _INITIALS_NP + ")")
_ELECTED_CHAIR = re.compile(
    rf"(?P<np>{_TITLED_NAME}|{_PLAIN_NAME})\s+(?:(?:be|was|is|been|being|were)\s+)?(?:duly\s+)?"
    r"(?:(?:re-?)?(?:elected|appointed)\s+(?:as\s+|to\s+)?|continues?\s+as\s+|continued\s+as\s+)(?:the\s+)?"
    r"Chair(?:man|person|woman)?\b(?!\s+of\s+(?!the\s+(?:meeting|[A-Z]\w+\s+)?(?:Council|Committee)\b))"
)
_MID_PROPOSER = re.compile(
    rf"\b(?:proposed|moved)\s+(?:[^.,]{{0,40}}?\s+)??by\s+(?P<np>{_TITLED_NAME})"
    rf"|,\s*(?P<np2>{_TITLED_NAME})\s+(?:proposed|moved)\b"
)
_SUBJECT_FIRST = re.compile(rf"^(?:{_TITLED_NAME}|[A-Z]{{2,3}}\b|The\s+(?:Chair|Clerk))")
_PASSIVE_AFTER = re.compile(
    r"(?:\s+and\s+[^,.]{0,60}?)?\s+(?:was|were|had been|has been|have been)\s+(?:also\s+|then\s+|again\s+|duly\s+)?"
    r"(?P<verb>thanked|asked|requested|invited|congratulated|welcomed|reminded|encouraged|urged|informed|advised"
    r"|elected|appointed|co-opted)\b"
)
_QUESTION_VERBS = {"asked", "queried", "questioned", "enquired", "inquired", "requested", "sought", "wondered"}


def long_apposition(sentence: str, end: int) -> tuple[str, str] | None:
    """'Sarah Hammond, Corporate Director Children, Young People and Education added': a post with commas in it."""
    if sentence[end : end + 1] != ",":
        return None
    for word in re.finditer(r"\s(?:also\s+|then\s+)?([a-z]+)\b", sentence[end : end + 170]):
        between = sentence[end + 1 : end + word.start()].strip()
        if "." in between.replace(". ", ".") and re.search(r"\.\s", between) or ";" in between:
            return None
        if re.match(_TITLE + r"\s", between):
            return None  # "Cllr Jim McNeill, Cllr Mandy Leamon and ...": a list of people, not a post
        if word.group(1) in REPORTING_VERBS and between[:1].isupper():
            return between, word.group(1)
    return None


def looks_like_verb(verb: str) -> bool:
    return verb.endswith("ed") or verb in (
        "would",
        "will",
        "was",
        "had",
        "has",
        "is",
        "gave",
        "took",
        "felt",
        "thought",
        "said",
        "spoke",
        "made",
        "led",
        "met",
        "put",
        "sought",
    )


# A list of people as one subject: "The Chair, Cllr Trudy Mann and Cllr Jim McNeill advised".
_MEMBER_NP = (
    rf"(?:[Tt]he\s+(?:Chair\w*|Clerk|Vice[- ]Chair\w*|Mayor|Leader|Cathaoirleach)|{_TITLED_NAME}"
    r"|(?:[A-Z][a-z]+\s+){0,3}(?:Executive|Manager|Director|Officer|Clerk|Engineer|Administrator)"
    r"|[A-Z]{2,3}(?![a-zA-Z])|Members|Councillors)"
)
COMPOUND_SUBJECT = re.compile(
    rf"(?P<first>{_MEMBER_NP})(?:\s*,\s*{_MEMBER_NP}){{0,8}}\s*,?\s*(?:and|&)\s+(?:the\s+)?{_MEMBER_NP}"
    r"(?=\s+(?:[a-z]+ly\s+|also\s+|both\s+|all\s+|then\s+|had\s+)*[a-z]+\b)"
)

# Where a clause with its own subject may start inside a sentence: after a comma, "and", "but", or a dash
# ("..., the Clerk agreed to contact them", "... and Mrs Chandler offered to circulate").
CLAUSE_START = re.compile(r"(?:,\s*|\s+(?:and|but|so|whereby)\s+|\s*[–]\s*|\s+-\s+)(?=[A-Z]|the\s+[A-Z])")
# The subjects a heading may run into: a titled name, a post, initials ("Norfolk The Chair", "Update CC updated").
HEADED_SUBJECT = re.compile(
    rf"(?:{_TITLE}\s+[A-Z]|[Tt]he\s+[A-Z]|[A-Z]{{2,3}}\s|[Aa]n?\s+(?:[Pp]arishioner|[Rr]esident|[Mm]ember)\b)"
)
# Words that promise: the clause after a subject named inside a sentence must start with one of them.
PROMISE_START = re.compile(
    r"\s+(?:also\s+|kindly\s+|then\s+)?(?:offered|agreed|undertook|promised|volunteered|would|will|was|is)\b"
)
# Lowercase words that make a run of text a clause rather than a heading ("Proposed residential development at").
FINITE_WORD = re.compile(
    r"\b(?:was|were|is|are|had|has|have|be|been|would|will|could|should|did|does|[a-z]{3,}ed)\b|[.;:?!,](?=\s)"
)

# A passive with its agent: "The monthly report was submitted by the Locum Clerk", "permission was given by each
# Councillor". The agent presented or gave what the sentence reports.
BY_AGENT = re.compile(
    r"\b(?:was|were|had been|has been)\s+(?:duly\s+|also\s+|then\s+)?(?P<verb>submitted|presented|reported|circulated"
    r"|tabled|given|provided|read|introduced|raised)\s+by\s+(?P<by>(?:[Tt]he\s+|each\s+|every\s+|all\s+)?"
    rf"(?:{_TITLED_NAME}|[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){{0,4}}"
    r"|(?:members\s+of\s+)?the\s+public|(?:local\s+)?(?:residents|parishioners)))"  # "raised by the public present"
)
