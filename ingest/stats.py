"""Counts over a store: what `minutes-kg stats` prints."""

from __future__ import annotations

from collections import Counter

from ingest.store import MeetingStore


def store_stats(store: MeetingStore) -> dict[str, object]:
    meetings = statements = resolutions = actions = questions = 0
    kinds: Counter[str] = Counter()
    acts: Counter[str] = Counter()
    for meeting in store:
        meetings += 1
        statements += len(meeting.statements)
        resolutions += len(meeting.resolutions)
        actions += len(meeting.actions)
        questions += len(meeting.questions)
        kinds.update(s.speaker.kind for s in meeting.statements)
        acts.update(s.act for s in meeting.statements)
    return {
        "store": str(store.root),
        "meetings": meetings,
        "statements": statements,
        "resolutions": resolutions,
        "actions": actions,
        "question_answer_links": questions,
        "speaker_kinds": dict(kinds.most_common()),
        "acts": dict(acts.most_common()),
    }
