"""A statement made under a post only resolves to the person the same meeting names as its holder."""

from __future__ import annotations

import pytest

from ingest.parser import parse
from ingest.reading import read_bytes
from tests.conftest import MINUTES

KENT = "kent-county-council_cabinet_2025-01-09.txt"
# two sentences in the style of the minutes, speaking under the posts named above them
ADDED = (
    "\n2. The Chief Analyst said that the data would be refreshed each quarter.\n"
    "3. The Director of Strategy, Policy, Relationships & Corporate Assurance added that the report would go "
    "to Cabinet.\n"
)


@pytest.fixture
def kent_excerpt() -> str:
    if not (MINUTES / KENT).exists():
        pytest.skip("real minutes not available")
    lines = (MINUTES / KENT).read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[:16] + lines[97:104]) + ADDED  # attendance lists, then item 81's first paragraph


def test_post_only_statements_resolve_to_the_named_holder(kent_excerpt: str) -> None:
    meeting = parse(read_bytes(kent_excerpt.encode(), KENT))
    by_start = {s.text.split(" said")[0].split(" added")[0]: s.speaker for s in meeting.statements}
    analyst = by_start["The Chief Analyst"]  # held by "Mr M Wagner (Chief Analyst)" of the attendance list
    assert (analyst.name, analyst.role, analyst.kind) == ("Mr M Wagner", "Chief Analyst", "officer")
    wagner = next(s.speaker for s in meeting.statements if s.text.startswith("Mr Wagner outlined"))
    assert wagner.key == analyst.key  # one person, whether named or called by the post
    director = by_start["The Director of Strategy, Policy, Relationships & Corporate Assurance"]
    assert director.name == "Mr D Whittle"  # named in the body only: "David Whittle, Director of ..."
    assert director.kind == "officer"


def test_a_post_nobody_holds_stays_a_post(kent_excerpt: str) -> None:
    text = kent_excerpt + "4. The Head of Highways said that the works would finish in March.\n"
    meeting = parse(read_bytes(text.encode(), KENT))
    head = next(s.speaker for s in meeting.statements if s.text.startswith("The Head of Highways"))
    assert head.name == head.role == "Head of Highways"
