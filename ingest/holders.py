"""A post the minutes never tie to a name may still stand for one named person.

Minutes may say "The Leader introduced the item", then "Mr Gough said ...", then "The Leader
noted ...": one speech, told under the post and under the name in turn. When, within an item,
everything said between the first and the last mention of a post comes from the post or from one
named person of the same kind, and the person does not question the post nor the post answer
(a dialogue would), the post is that person, here and wherever else the meeting uses it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import groupby

from ingest.model import Speaker, Statement

_GROUP = re.compile(
    r"(?i)^(?:the\s+|a\s+|an\s+|one\s+|some\s+|several\s+|other\s+|all\s+)?(?:members?|councillors?|cabinet|panel"
    r"|committee|council)\b"
)
_OWN_KINDS = ("councillor", "officer", "police", "external")  # the chair and the clerk resolve by name already


def _is_post(speaker: Speaker) -> bool:
    return bool(speaker.role) and speaker.name == speaker.role and speaker.kind in _OWN_KINDS


def _holder(run: list[Statement], post: Speaker) -> Speaker | None:
    """The one named person a post alternates with in this run of named statements, if the run allows it."""
    others = {s.speaker.key: s.speaker for s in run if s.speaker.key != post.key}
    if len(others) != 1:
        return None
    person = next(iter(others.values()))
    if _GROUP.match(person.name):
        return None  # "Members" speak as a body: no one of them holds the post
    if _is_post(person) or person.kind != post.kind or not person.key or person.key == "unknown":
        return None
    if any(s.act == "asked" for s in run if s.speaker.key == person.key):
        return None  # the person questions the post: two people in dialogue
    if any(s.act == "answered" for s in run if s.speaker.key == post.key):
        return None
    return person


def resolve_post_holders(statements: list[Statement]) -> list[Statement]:
    """Statements with each post that alternates with a single named person replaced by that person."""
    holders: dict[str, Speaker] = {}
    for _, in_item in groupby(statements, key=lambda s: s.item):
        named = [s for s in in_item if s.attribution is not None and s.speaker.kind != "unknown"]
        for post in {s.speaker.key: s.speaker for s in named if _is_post(s.speaker)}.values():
            if post.key in holders:
                continue
            at = [i for i, s in enumerate(named) if s.speaker.key == post.key]
            run = named[at[0] : at[-1] + 1]
            if len(at) >= 2 and len(run) > len(at):
                person = _holder(run, post)
                if person is not None:
                    holders[post.key] = replace(person, role=post.role)
    if not holders:
        return statements
    return [replace(s, speaker=holders[s.speaker.key]) if s.speaker.key in holders else s for s in statements]
