"""Who speaks a sentence that names nobody: the reporter of a report item, a presenter, or a lead-in.

"Locum Clerk's Report" makes the clerk the speaker of the item's subjectless sentences;
"X introduced the report" makes X the speaker of the numbered points after it; a sentence
ending "...shared that:" makes its speaker the speaker of the lettered entries below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.acts import speaker_commits
from ingest.model import Span, Speaker
from ingest.speakers import SpeakerRegistry

_RESOLVED = re.compile(r"^(?:RESOLVED|Resolved|BE IT RESOLVED|AGREED|It was (?:unanimously )?resolved|DECISION)\b")
_NARRATIVE_START = re.compile(
    r"^(?:Apologies|The meeting|Meeting|The minutes|Minutes|A discussion|Discussion"
    r"|No |None|Noted|NOTED|Carried|CARRIED|Agreed|The following|Signed|Date|Vote|Yeas|Motion|Cheques|Payments)\b"
)
# "There had been ..." continues a report inside its paragraph; "There was nothing ..." records the meeting.
_THERE_NONE = re.compile(r"^There (?:was|were|is|are|had been|has been|have been) (?:no|nothing|none)\b")
_DECIDED = re.compile(
    r"(?:^[^.;:]{0,120}?\s|(?:^|,\s*|\band\s+)(?:[A-Za-z’'\-]+\s+){1,6}?)(?:was|were)\s+(?:unanimously\s+|duly\s+"
    r"|then\s+|therefore\s+|also\s+|not\s+|considered\s+and\s+)*(?:approved|adopted|carried|agreed|(?<=not )paid)\b"
)
# Comings and goings are the record's, not a speaker's: "At this point the members of the public left the meeting".
_MOVEMENT = re.compile(r"\b(?:left|joined|entered|rejoined|returned to|arrived at) the (?:meeting|room|chamber)\b")
_ANSWERS_LEAD = re.compile(
    r"(?i)^(?:in response to|in reply to|in answer to|responding to|further to)\b[^:]*"
    r"\b(?:questions?|comments?|queries|members|councillors)\b[^:]*:\s*$"
)
_REPORT_TITLE = re.compile(r"^(?P<who>[A-Z][\w ]{1,40}?)[’']s?\s+(?:Report|Update)\b")
_CLOSES_PRESENTATION = re.compile(
    r"(?i)(?:following|in response to|further to) (?:the )?(?:questions|comments|discussion)"
)
_OPEN_ACTS = ("said", "noted")
_LEADS_IN = re.compile(r":[ \t]*[-–]?[ \t*]*$")  # "as follows:", "the following queries:-"
_SUB_HEADING = re.compile(r"^\d{1,3}(?:\.\d{1,3})+\.?\s")
_SOMEONE_SPEAKS = re.compile(
    r"\b[A-Z][\w.’']*\s+(?:reported|advised|commented|noted|stated|said|explained|shared|confirmed|asked|added"
    r"|agreed|proposed|queried|suggested|updated|informed)\b"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: Speaker
    act: str
    naming: Span | None  # the words that name the speaker
    explicit: bool  # the sentence names its speaker (not carried)


class Carrier:
    """The speakers a subjectless sentence may inherit, as the walk goes through items and blocks."""

    def __init__(self, registry: SpeakerRegistry) -> None:
        self.registry = registry
        self.presenter: Speaker | None = None
        self.reporter: Speaker | None = None
        self.lead_in: tuple[Speaker, str] | None = None
        self.sub_entry = False
        self.decision = False  # "The following was unanimously agreed:" opened a decision's text
        self.answers = False  # "In response to comments and questions asked it was said:" opened the replies

    def new_item(self, title: str, numbered: bool = True) -> None:
        """`numbered`: a numbered agenda item, not a capitals line ("OBJECTIONS") inside a decision's text."""
        self.presenter = self.lead_in = self.reporter = None
        self.decision = self.decision and not numbered
        self.answers = False
        report = _REPORT_TITLE.match(title.strip())
        if report:
            who = self.registry.resolve(report.group("who"))
            self.reporter = who if who.kind != "unknown" else None

    def new_block(self, sub_entry: bool) -> None:
        self.sub_entry = sub_entry
        if not sub_entry:
            self.answers = False
            self.lead_in = None

    def _outsider(self, speaker: Speaker) -> bool:
        """A post nobody at the meeting holds ("The Deputy Prime Minister"): someone reported, not a speaker."""
        if speaker.role is None or speaker.name != speaker.role or speaker.kind in ("chair", "clerk"):
            return False
        return self.registry.by_post(speaker.role) is None

    def adjust(self, sentence: str, fresh: bool, result: Attribution) -> Attribution:
        """The result with any carried speaker, and replies marked under 'In response to questions ...:'."""
        lead = bool(_ANSWERS_LEAD.match(sentence))  # the lead-in itself answers nobody
        self.answers = self.answers or lead
        result = self._adjust(sentence, fresh, result)
        answerer = result.speaker.kind in ("officer", "police", "external", "clerk", "unknown")  # members ask
        if self.answers and self.sub_entry and answerer and result.act in ("said", "noted") and not lead:
            return Attribution(result.speaker, "answered", result.naming, result.explicit)
        return result

    def _adjust(self, sentence: str, fresh: bool, result: Attribution) -> Attribution:
        named = result.explicit and result.speaker.kind != "unknown"
        if named:
            self.decision = False
        elif result.act == "resolved" and _LEADS_IN.search(sentence):
            self.decision = True
        elif self.decision and result.speaker.kind == "unknown" and result.act == "noted":
            return Attribution(result.speaker, "resolved", result.naming, result.explicit)
        if _CLOSES_PRESENTATION.match(sentence):
            self.presenter = None
        elif named:
            if self.lead_in is not None and self.sub_entry and self._outsider(result.speaker):
                # "added the following points: a. The Deputy Prime Minister stated ...": the lead-in speaker reports
                speaker = self.lead_in[0]
                return Attribution(speaker, "committed" if speaker_commits(sentence) else "said", None, False)
            if re.search(r"\b(introduced|presented|gave)\b", sentence[:200]):
                self.presenter = result.speaker
            elif self.presenter is not None and result.speaker.key != self.presenter.key:
                self.presenter = None
            if _LEADS_IN.search(sentence):
                self.lead_in = (result.speaker, result.act)
            elif self.lead_in is not None and result.speaker.key != self.lead_in[0].key:
                self.lead_in = None
            return result
        if _RESOLVED.match(sentence) or result.act not in _OPEN_ACTS or result.speaker.kind != "unknown":
            return result
        if fresh and not result.explicit and self.lead_in is not None:
            speaker, act = self.lead_in
            act = act if act in ("answered", "asked", "proposed") else "said"  # "raised the following queries:" asks
            return Attribution(speaker, "committed" if speaker_commits(sentence) else act, None, False)
        if fresh and not result.explicit and self.presenter is not None and not _NARRATIVE_START.match(sentence):
            return Attribution(self.presenter, "said", None, False)
        if _SUB_HEADING.match(sentence):
            self.reporter = None  # "7.3 Handyman's Report - ...": the report this item opened is over
        if self.reporter is not None and not _SOMEONE_SPEAKS.search(sentence):
            return Attribution(self.reporter, "committed" if speaker_commits(sentence) else "said", None, False)
        return result
