"""The quoted words of a motion or amendment belong to whoever moved it.

"Mr Hood proposed and Mr Baldock seconded the following amendment: “County Council is asked
to: ... ”" quotes the mover's text: every sentence inside the quotation is the mover's proposal,
however it starts ("Endorse ...", "Note that ..."), until the quotation closes. A sentence that
names its own speaker, a decision, or a new item ends it, in case the closing mark is missing.
"""

from __future__ import annotations

import re

from ingest.model import Span, Speaker

_FAR = 4000  # a quotation left open this long was a stray mark, not a motion
# The quotation opens right after the mover's sentence, maybe under a short label ("Proposed Purpose:").
_QUOTE_NEXT = re.compile(r"\s*(?:[A-Z][^\n.“:]{0,40}:\s*)?“")
_DECISION = re.compile(
    r"^(?:And\s+)?(?:RESOLVED|Resolved|AGREED|(?:Motion|Amendment)\s+(?:carried|lost|agreed)|For\s*\(\d)"
)


class QuotedMotion:
    """Walks the sentences in order, remembering whose quoted motion is open and how deep the quotes are."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mover: Speaker | None = None
        self.depth = 0
        self.opened = False  # the quotation has started (not just announced)
        self.until = 0
        self.proposer: tuple[Speaker, int] | None = None  # the last mover named, and where

    def new_item(self) -> None:
        self.mover = None

    def speaker(self, span: Span, speaker: Speaker, act: str, named: bool) -> tuple[Speaker, str] | None:
        """The mover and 'proposed' for a sentence inside an open quotation, else None.

        `named`: the sentence names its own speaker (not carried), which a quoted motion never does.
        """
        words = self.text[span.start : span.end]
        if self.mover is not None and span.start <= self.until and not named and not _DECISION.match(words):
            mover = self.mover
            self.depth += words.count("“") - words.count("”")
            if self.depth > 0:
                self.opened = True
            elif self.opened or "“" not in self.text[span.end : span.end + 80]:
                self.mover = None  # closed, or the label before it ("Proposed Purpose:") led to no quotation
            return mover, "proposed"
        self.mover = None
        if act == "proposed" and speaker.kind != "unknown" and not re.search(r"(?i)\bresolved\b", words):
            seconder = re.match(r"(?i)seconded\b", words)
            if not seconder:
                self.proposer = (speaker, span.end)
            depth = words.count("“") - words.count("”")
            if depth > 0 or _QUOTE_NEXT.match(self.text, span.end):
                if seconder and self.proposer and span.start - self.proposer[1] < 200:
                    speaker = self.proposer[0]  # "Proposed by X; Seconded by Y: “...”" is X's motion
                self.mover, self.depth, self.until = speaker, max(depth, 0), span.end + _FAR
                self.opened = depth > 0
        return None
