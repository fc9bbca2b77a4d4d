"""Who said each sentence of narrative minutes, and what act it records.

A sentence names its speaker near its start ("Councillor Abbas asked", "In reply, the Chief
Superintendent stated", "PB advised"), or carries the current speaker with a pronoun ("She
added"). A subjectless sentence inside the same paragraph continues reported speech; a new
paragraph without a speaker stays unknown: the minutes did not say who.
"""

from __future__ import annotations

import re

from ingest.acts import is_commitment
from ingest.carrying import _NARRATIVE_START, _RESOLVED, Attribution, Carrier
from ingest.model import UNKNOWN_SPEAKER, Span, Speaker
from ingest.roles import classify_role
from ingest.speakers import SpeakerRegistry
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
    r"(?:[Tt]he|An)\s+(?:[A-Z][\w’'/\-]*|of|and|for|&)(?:\s+(?:[A-Z][\w’'/\-]*|of|and|for|the|&))*?"
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
    r"(?P<appos>\s*\([A-Z]{2,3}\)|,\s*(?:the\s+)?[A-Z][^,.]{2,90},(?=\s+(?:[a-z]+ly\s+)?[a-z]+\b)"
    r"|,\s*(?:the\s+)?[A-Z][^,]{2,90}?,?(?=\s+(?:[a-z]+ly\s+)?[a-z]+\b)|,?\s+(?:the\s+)?"
    r"(?=(?:Cathaoirleach|Mayor|Chair)\b)[A-Z]\w+,?)?"
)
_AUX = (
    r"(?:(?:had|has|have|also|then|further|again|later|subsequently|briefly|duly|would|was|were|did|could"
    r"|[a-z]+ly)\s+)*"
)
_VERB_AFTER = re.compile(r"\s*" + _AUX + r"(?P<verb>[a-z]+)\b(?P<rest>.{0,40})", re.DOTALL)
_INTRO = re.compile(
    r"^(?:(?P<reply>In (?:replying|responding|reply|response|answer)\b(?: to [^,]{0,120})?"
    r"|Responding(?: to [^,]{0,120})?|Replying(?: to [^,]{0,120})?)\s*,?\s*"
    r"|(?:Following|After|Further to|Regarding|With regard to|In relation to|Referring to|On behalf of"
    r"|At the request of|During|Prior to|Having|When|Upon|On|In [a-z]+ing|At this point)\b[^,]{0,140},\s*"
    r"|(?:Additionally|Furthermore|Also|However|In addition|Finally|Firstly|Secondly|In summary|Moreover|Then"
    r"|Subsequently|Similarly|Equally|Lastly|Overall|Again|Separately|Likewise|In conclusion)\b,?\s*"
    r"|As\b[^,]{0,140},\s*|(?:After|Following)\s+(?:a\s+|some\s+|further\s+|the\s+)?discussion,?\s*"
    r"|[A-Z][\w’'/ &\-]{2,60}?\s*[-–]\s+(?=[A-Z]))"
)
_PASSIVE = re.compile(
    r"^(?:It|it)\s+was\s+(?:also\s+|further\s+|then\s+|unanimously\s+|therefore\s+|subsequently\s+)*(?P<verb>[a-z]+)"
    r"(?:\s+by\s+(?P<by>[^,.;]+?)(?=,|\s+(?:and|that|to|seconded)\b|$))?"
)
_PROPOSED_BY = re.compile(
    r"^(?:(?:It\s+was\s+)?(?:Proposed|Moved|Seconded|Nominated)(?:\s+by|:|\.)\s*|(?:Proposer|Seconder):\s*)"
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


def _act_from_verb(verb: str) -> str | None:
    return REPORTING_VERBS.get(verb)


def elected_chair(text: str) -> str | None:
    """Who the minutes elect to the chair ("Mr G Cooke be elected to Chair the meeting"): the chair throughout."""
    match = _ELECTED_CHAIR.search(text)
    return match.group("np") if match else None


class Attributor:
    """Walks the sentences of one meeting in order, keeping the current speaker."""

    def __init__(self, registry: SpeakerRegistry) -> None:
        self.registry = registry
        self.current: Speaker = UNKNOWN_SPEAKER
        self.last_question_by: Speaker | None = None
        self.block_fresh = True
        self.carry = Carrier(registry)

    def new_block(self, sub_entry: bool = False) -> None:
        """A new paragraph or list entry: a subjectless sentence no longer continues the speaker."""
        self.block_fresh = True
        self.carry.new_block(sub_entry)

    def new_item(self, title: str = "") -> None:
        self.carry.new_item(title)
        self.current = UNKNOWN_SPEAKER

    def attribute(self, text: str, span: Span) -> Attribution:
        sentence = text[span.start : span.end]
        fresh, self.block_fresh = self.block_fresh, False
        result = self.carry.adjust(sentence, fresh, self._attribute(sentence, span.start, fresh))
        if result.explicit and result.speaker.kind != "unknown":
            self.current = result.speaker
        elif result.explicit:
            self.current = UNKNOWN_SPEAKER
        if result.act == "asked":
            self.last_question_by = result.speaker
        return result

    def _attribute(self, sentence: str, offset: int, fresh: bool) -> Attribution:
        if _RESOLVED.match(sentence):
            return Attribution(UNKNOWN_SPEAKER, "resolved", None, True)
        proposed = _PROPOSED_BY.match(sentence) or _NP_PROPOSED.match(sentence)
        if proposed:
            speaker = self.registry.resolve(proposed.group("np"))
            naming = Span(offset + proposed.start("np"), offset + proposed.end("np"))
            return Attribution(speaker, "proposed", naming, True)
        mover = _MID_PROPOSER.search(sentence)
        if (
            mover
            and mover.start() < 250
            and not _SUBJECT_FIRST.match(sentence)
            and not re.search(r"\b(?:agreed|resolved)\b", sentence[: mover.start()])  # a decision, not a motion
        ):
            group = "np" if mover.group("np") else "np2"  # "..., Cllr Gail Reeve proposed to approve"
            speaker = self.registry.resolve(mover.group(group))
            naming = Span(offset + mover.start(group), offset + mover.end(group))
            return Attribution(speaker, "proposed", naming, True)
        passive = _PASSIVE.match(sentence)
        if passive:
            verb = passive.group("verb")
            act = _act_from_verb(verb) or ("resolved" if verb in ("carried", "decided") else "noted")
            if verb == "agreed" and is_commitment(sentence):
                act = "committed"
            if passive.group("by"):
                speaker = self.registry.resolve(passive.group("by"))
                return Attribution(speaker, act, Span(offset + passive.start("by"), offset + passive.end("by")), True)
            return Attribution(UNKNOWN_SPEAKER, act, None, True)
        intro = _INTRO.match(sentence)
        start = intro.end() if intro else 0
        reply = bool(intro and intro.group("reply"))
        found = self._subject(sentence, start)
        if found is not None:
            passive_by = _PASSIVE_AFTER.match(sentence, found[2][1])
            if passive_by:  # "The Clerk was thanked", "Councillors were asked to consider"
                act = "asked" if passive_by.group("verb") in ("asked", "requested") else "noted"
                return Attribution(UNKNOWN_SPEAKER, act, None, True)
            speaker, verb, naming = found
            act = self._act(sentence, verb, reply, speaker)
            return Attribution(speaker, act, Span(offset + naming[0], offset + naming[1]), True)
        if _NARRATIVE_START.match(sentence[start:]) or fresh:
            act = "resolved" if re.match(r"(?i)^(?:carried|agreed)\b", sentence) else "noted"
            if re.search(r"\bwas (?:approved|adopted|carried|agreed)\b", sentence):
                act = "resolved"
            return Attribution(UNKNOWN_SPEAKER, act, None, False)
        act = self._act(sentence, None, reply, self.current)
        return Attribution(self.current, act if self.current.kind != "unknown" else "noted", None, False)

    def _subject(self, sentence: str, start: int) -> tuple[Speaker, str | None, tuple[int, int]] | None:
        match = _SUBJECT.match(sentence, start)
        if not match:
            return None
        np = match.group("np")
        after = _VERB_AFTER.match(sentence, match.end())
        verb = after.group("verb") if after else None
        appos = match.group("appos") or ""
        if verb not in REPORTING_VERBS and not re.fullmatch(_PRONOUN, np):
            longer = _long_apposition(sentence, match.end("np"))
            if longer:
                appos, verb = longer
        if re.fullmatch(_PRONOUN, np):
            if self.current.kind == "unknown" or verb is None:
                return None
            if (
                verb not in REPORTING_VERBS
                and not is_commitment(sentence[:120])
                and verb not in ("would", "will", "felt", "thought", "believed", "had", "was")
            ):
                return None
            return self.current, verb, (match.start("np"), match.end("np"))
        if re.fullmatch(_INITIALS_NP, np):
            found = self.registry.by_initials(np)
            if found is None:
                return None
            return self._named(found, appos, sentence, match), verb, (match.start("np"), match.end("np"))
        is_post = np[:3] in ("The", "the", "An ")
        if is_post or re.fullmatch(_PLAIN_NAME, np):
            if verb is None or (verb not in REPORTING_VERBS and not _looks_like_verb(verb)):
                return None
        speaker = self.registry.resolve(np)
        if is_post and speaker.kind == "unknown":
            return None
        if re.fullmatch(_PLAIN_NAME, np) and speaker.kind == "unknown" and verb not in REPORTING_VERBS:
            return None
        if speaker.kind == "unknown" and not re.match(_TITLE, np) and not is_post:
            if verb not in REPORTING_VERBS:
                return None
        speaker = self._named(speaker, appos, sentence, match)
        if appos and verb in REPORTING_VERBS:
            self.registry.learn_post(speaker)
        if verb == "took" and re.match(r"\s*the\s+[Cc]hair", sentence[after.end("verb") :] if after else ""):
            self.registry.set_chair(speaker)
            speaker = self.registry.chair or speaker
        return speaker, verb, (match.start("np"), match.end("np"))

    def _named(self, speaker: Speaker, appos: str, sentence: str, match: re.Match[str]) -> Speaker:
        """An apposition gives the post: 'Ms. L. Collins, Senior Crime and Policing Analyst'."""
        post = appos.strip(" ,()")
        if post and speaker.kind == "chair" and re.fullmatch(_TITLED_NAME, post):
            named = self.registry.resolve(post)  # "The Chairman, Councillor A. Teskey"
            self.registry.set_chair(named)
            return self.registry.chair or speaker
        if post and match.group("np")[:4] in ("The ", "the ") and re.fullmatch(_TITLED_NAME, post):
            named = self.registry.resolve(post)  # "The Leader of the Labour Group, Mr Brady, commented"
            kind = named.kind if named.kind != "unknown" else speaker.kind
            return Speaker(name=named.name, kind=kind, role=named.role or speaker.role, key=named.key)
        if post.lower().startswith("the ") and speaker.kind == "councillor":
            other = self.registry.resolve(
                post
            )  # "In reply to the Mayor, Councillor Mitchell, the Chief Superintendent"
            if other.kind not in ("unknown", "councillor"):
                return other
        if post and not re.fullmatch(r"[A-Z]{2,3}", post) and speaker.role is None:
            kind = classify_role(post, speaker.kind if speaker.kind != "unknown" else "unknown")
            if kind == "unknown" and re.search(r"(?i)director|manager|officer|engineer|executive|head", post):
                kind = "officer"
            return Speaker(name=speaker.name, kind=kind, role=post, key=speaker.key)
        return speaker

    def _act(self, sentence: str, verb: str | None, reply: bool, speaker: Speaker) -> str:
        act = _act_from_verb(verb) if verb else None
        if act is None:
            act = "said"
        if act == "said" and re.search(
            r"\b(?:and|but)\s+(?:also\s+)?(?:asked|queried|questioned|enquired|inquired)\b", sentence
        ):
            act = "asked"
        if reply and act in ("said", "agreed"):
            act = "answered"
        if act in ("said", "agreed", "proposed") and is_commitment(sentence):
            act = "committed"
        if act == "said" and verb in ("was", "were", "had") and re.search(r"\b(?:elected|appointed)\b", sentence):
            act = "noted"
        return act


def _long_apposition(sentence: str, end: int) -> tuple[str, str] | None:
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


def _looks_like_verb(verb: str) -> bool:
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
