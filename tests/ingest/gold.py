"""Scoring the parser against the hand-checked gold files in tests/gold/."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.model import Meeting, Statement
from ingest.speakers import name_key

GOLD_DIR = Path(__file__).resolve().parent.parent / "gold"


@dataclass(frozen=True)
class Score:
    file: str
    n: int
    attribution: int  # speaker and kind both right
    kind: int
    act: int

    def rate(self, field: str) -> float:
        return getattr(self, field) / self.n if self.n else 0.0


def same_speaker(gold: str, statement: Statement) -> bool:
    """The gold names the person (or post); either the parsed name or post may carry it."""
    if gold == "unknown":
        return statement.speaker.kind == "unknown"
    wanted = name_key(gold) or gold.lower()
    for candidate in (statement.speaker.name, statement.speaker.role or ""):
        got = name_key(candidate) or candidate.lower()
        if got and wanted and (got == wanted or got.split()[-1] == wanted.split()[-1]):
            return True
    return False


def score(meeting: Meeting, gold_file: Path) -> Score:
    n = attribution = kind = act = 0
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        pattern = r"\s+".join(map(re.escape, gold["anchor"].split()))
        found = re.search(pattern, meeting.text)
        assert found, f"{gold_file.name}: anchor not in source: {gold['anchor']!r}"
        overlaps = [(min(s.span.end, found.end()) - max(s.span.start, found.start()), s) for s in meeting.statements]
        overlaps = [pair for pair in overlaps if pair[0] > 0]
        # the anchor may start with a list marker ("2) That the Clerk ...") that the statement leaves out
        statement = max(overlaps, key=lambda pair: pair[0])[1] if overlaps else None
        n += 1
        if statement is None:
            continue
        kind_ok = statement.speaker.kind == gold["kind"]
        attribution += kind_ok and same_speaker(gold["speaker"], statement)
        kind += kind_ok
        act += statement.act == gold["act"]
    return Score(gold_file.stem, n, attribution, kind, act)
