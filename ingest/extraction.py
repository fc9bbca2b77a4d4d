"""Resolutions, votes, actions and question-answer links, from attributed statements."""

from __future__ import annotations

import re

from ingest.model import Action, QuestionAnswer, Resolution, Span, Statement, Vote, content_id

_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split()
    )
}
_COUNT = r"(\d+|" + "|".join(_NUMBER_WORDS) + ")"
_DECISION = re.compile(
    r"(?i)\b(?:resolved|unanimously agreed|it was agreed|was agreed|be approved|were approved|was approved"
    r"|motion (?:passed|carried|failed|lost)|carried|adopted)\b"
)
_SECONDED = re.compile(
    r"(?i)seconded(?:\s+by|:|\s)\s*(?P<who>(?:Cllr\.?|Councillor|Mr\.?|Mrs\.?|Ms\.?)?\s*"
    r"(?:[A-Z]\.\s*)*[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)"
)
_PROPOSER = re.compile(
    r"(?i)(?:proposed|moved)(?:\s+by|:|\.)\s*(?P<who>(?:Cllr\.?|Councillor|Mr\.?|Mrs\.?|Ms\.?)?\s*"
    r"(?:[A-Z]\.\s*)*[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)"
)
_DUE = re.compile(
    r"(?i)\b(?:(?:at|to|by|before|for|until)\s+(?:the\s+)?(?:next|following|[A-Z][a-z]+(?:’s|'s)?)\s+meeting"
    r"|(?:by|before|in|during|until)\s+(?:the\s+end\s+of\s+)?(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December|spring|summer|autumn|winter|the new year)(?:\s+\d{4})?"
    r"|[A-Z][a-z]+(?:’s|'s)\s+meeting|next (?:week|month|year)|in due course|within \w+ (?:days|weeks|months))"
)
_COMMIT_CLAUSE = re.compile(
    r"\b(?:would|will|shall|agreed to|undertook to|offered to|promised to|could be|would be|will be|to be)\b"
)


def _vote(sentence: str) -> tuple[Vote | None, str | None]:
    low = sentence.lower()

    def count(pattern: str) -> int | None:
        match = re.search(_COUNT + pattern, low)
        if not match:
            return None
        token = match.group(1)
        return int(token) if token.isdigit() else _NUMBER_WORDS[token]

    in_favour = count(r"\s+(?:were\s+|voted\s+)?(?:in favour|agreed|for\b)")
    against = count(r"\s+(?:were\s+|voted\s+)?against")
    abstained = count(r"\s+(?:abstained|abstentions?|abstaining)")
    passed = re.search(r"motion (?:passed|carried) \((\d+) to (\d+)\)", low)
    if passed:
        in_favour, against = int(passed.group(1)), int(passed.group(2))
    portland = re.search(r"\(y-(\d+)\)", low)
    if portland:
        in_favour = int(portland.group(1))
    unanimous = bool(re.search(r"\bunanimous(?:ly)?\b|\ball in favour\b", low))
    outcome = None
    if re.search(r"\b(?:lost|failed|defeated|not carried)\b", low):
        outcome = "lost"
    elif re.search(r"\b(?:carried|passed|agreed|approved|resolved|adopted)\b", low):
        outcome = "carried"
    if in_favour is None and against is None and abstained is None and not unanimous:
        return None, outcome
    return Vote(in_favour, against, abstained, unanimous), outcome


def find_resolutions(sha: str, statements: list[Statement]) -> list[Resolution]:
    """A resolution per decided statement; a RESOLVED block with numbered parts gives one per part."""
    out: list[Resolution] = []
    for index, statement in enumerate(statements):
        decided = statement.act == "resolved" or (
            statement.act in ("proposed", "agreed", "noted") and _DECISION.search(statement.text)
        )
        if not decided:
            continue
        proposer = _PROPOSER.search(statement.text)
        seconder = _SECONDED.search(statement.text)
        proposer_name = proposer.group("who").strip() if proposer else None
        if proposer_name is None:
            for previous in reversed(statements[max(0, index - 3) : index]):
                if (
                    previous.item == statement.item
                    and previous.act == "proposed"
                    and previous.speaker.kind != "unknown"
                ):
                    proposer_name = previous.speaker.name
                    later = _SECONDED.search(previous.text)
                    seconder = seconder or later
                    break
        vote, outcome = _vote(statement.text)
        out.append(
            Resolution(
                id=content_id(sha, statement.span.start, statement.span.end, "resolution"),
                text=statement.text,
                span=statement.span,
                item=statement.item,
                proposer=proposer_name,
                seconder=seconder.group("who").strip() if seconder else None,
                vote=vote,
                outcome=outcome,
            )
        )
    return out


def find_actions(sha: str, text: str, statements: list[Statement]) -> list[Action]:
    """A commitment per committed statement: the promised words from the modal on, and when if said."""
    out: list[Action] = []
    for statement in statements:
        if statement.act != "committed":
            continue
        clause = _COMMIT_CLAUSE.search(statement.text)
        begin = statement.span.start + (clause.start() if clause else 0)
        # widen to the clause's subject: "she would work with ..." -> from "she"
        before = text[statement.span.start : begin]
        subject = re.search(r"(?:\b(?:she|he|they|it|we|I|officers?|the team|the clerk|[A-Z][\w’'\-]+)\s+)$", before)
        if subject:
            begin = statement.span.start + subject.start()
        span = Span(begin, statement.span.end)
        due = _DUE.search(text, span.start, span.end)
        out.append(
            Action(
                id=content_id(sha, span.start, span.end, "action"),
                text=text[span.start : span.end],
                span=span,
                agent=statement.speaker,
                statement=statement.id,
                due=due.group(0) if due else None,
                item=statement.item,
            )
        )
    return out


def pair_questions(statements: list[Statement]) -> list[QuestionAnswer]:
    """Each question with the replies that follow it, from another speaker, before the next question."""
    pairs: list[QuestionAnswer] = []
    for index, question in enumerate(statements):
        if question.act != "asked":
            continue
        answerer = None
        for reply in statements[index + 1 : index + 12]:
            if reply.item != question.item:
                break
            if reply.act == "asked" and (answerer is None or reply.speaker.key != answerer):
                if reply.speaker.key == question.speaker.key:
                    continue  # a follow-up in the same question
                break
            if reply.speaker.kind == "unknown" or reply.speaker.key == question.speaker.key:
                if answerer is not None:
                    break
                continue
            if answerer is None:
                answerer = reply.speaker.key
            elif reply.speaker.key != answerer and reply.act != "answered":
                break
            pairs.append(QuestionAnswer(question=question.id, answer=reply.id))
    return pairs
