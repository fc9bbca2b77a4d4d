"""Who said each sentence of narrative minutes, and what act it records.

A sentence names its speaker near its start ("Councillor Abbas asked", "In reply, the Chief
Superintendent stated", "PB advised"), behind a heading run into it ("Village Signs - CC
reported"), in a promising clause (", the Clerk agreed to contact"), or with a pronoun ("She
added"). A subjectless sentence inside the same paragraph continues reported speech; a new
paragraph without a speaker stays unknown unless carrying.py gives it a presenter or lead-in:
the minutes did not say who.
"""

from __future__ import annotations

import re

from ingest.acts import is_commitment, speaker_commits
from ingest.carrying import _DECIDED, _MOVEMENT, _NARRATIVE_START, _RESOLVED, _THERE_NONE, Attribution, Carrier
from ingest.model import UNKNOWN_SPEAKER, Span, Speaker
from ingest.naming import (
    _ELECTED_CHAIR,
    _INITIALS_NP,
    _INTRO,
    _MID_PROPOSER,
    _NP_PROPOSED,
    _PASSIVE,
    _PASSIVE_AFTER,
    _PLAIN_NAME,
    _PRONOUN,
    _PROPOSED_BY,
    _SUBJECT,
    _SUBJECT_FIRST,
    _TITLE,
    _TITLED_NAME,
    _VERB_AFTER,
    BY_AGENT,
    CLAUSE_START,
    COMPOUND_SUBJECT,
    FINITE_WORD,
    HEADED_SUBJECT,
    PROMISE_START,
    long_apposition,
    looks_like_verb,
)
from ingest.roles import classify_role
from ingest.speakers import SpeakerRegistry
from ingest.vocabulary import COMMIT_VERBS, REPORTING_VERBS

_TAKES_ON = re.compile(r"\b(?:agreed|offered|undertook|volunteered)\s+to\s")  # a promise, even after "and"
_ASKERS = ("councillor", "chair", "public")
_ANSWERERS = ("officer", "police", "external", "clerk")
_ACTION = re.compile(r"\s+(?:also\s+|then\s+)?(?P<verb>[a-z]+)\b")


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
        self.current: Speaker = UNKNOWN_SPEAKER  # whom a subjectless sentence continues
        self.last_named: Speaker = UNKNOWN_SPEAKER  # whom "He" or "She" means
        self.last_act = ""
        self.last_question_by: Speaker | None = None
        self.question_open = False  # a member asked, and no member has spoken since
        self.block_fresh = True
        self.carry = Carrier(registry)

    def new_block(self, sub_entry: bool = False) -> None:
        """A new paragraph or list entry: a subjectless sentence no longer continues the speaker."""
        self.block_fresh = True
        self.carry.new_block(sub_entry)

    def new_item(self, title: str = "", numbered: bool = True) -> None:
        self.carry.new_item(title, numbered)
        self.current = self.last_named = UNKNOWN_SPEAKER
        self.question_open = False

    def attribute(self, text: str, span: Span) -> Attribution:
        sentence = text[span.start : span.end]
        fresh, self.block_fresh = self.block_fresh, False
        fresh = fresh and not sentence[:1].islower()  # "up services and ...": a sentence broken by a page break
        if self.last_act == "resolved" and re.match(r"That\s", sentence):
            result = Attribution(UNKNOWN_SPEAKER, "resolved", None, True)  # "RESOLVED: 1) That ... 2) That ..."
        else:
            result = self.carry.adjust(sentence, fresh, self._attribute(sentence, span.start, fresh))
        self.last_act = result.act
        if result.explicit:
            self.last_named = result.speaker if result.speaker.kind != "unknown" else UNKNOWN_SPEAKER
        if result.explicit or fresh:
            # a paragraph that opens with nobody speaking continues nobody, whoever spoke before it
            self.current = result.speaker if result.speaker.kind != "unknown" else UNKNOWN_SPEAKER
        if result.act == "asked":
            self.last_question_by = result.speaker
        return self._answering(result)

    def _answering(self, result: Attribution) -> Attribution:
        """After a member asks, what an officer or guest says answers them, until a member speaks again."""
        kind, asked = result.speaker.kind, self.question_open
        self.question_open = kind in _ASKERS and result.act == "asked"
        if asked and kind in _ANSWERERS and result.act == "said" and result.explicit:
            return Attribution(result.speaker, "answered", result.naming, result.explicit)
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
            if speaker == UNKNOWN_SPEAKER:  # "Ms L Game, Ms S Chandler and Ms T Scott were in attendance"
                return Attribution(UNKNOWN_SPEAKER, "noted", None, True)
            act = self._act(sentence, verb, reply, speaker)
            return Attribution(speaker, act, Span(offset + naming[0], offset + naming[1]), True)
        owner = re.match(
            r"(?:Within|In|As part of)\s+the\s+(?P<who>[A-Z][\w ]{1,40}?)[’']s\s+(?:update|report)\b", sentence
        )
        if owner:  # "Within the Locum Clerk's update earlier in the meeting it was reported that ..."
            speaker = self.registry.resolve(owner.group("who"))
            if speaker.kind != "unknown":
                naming = Span(offset + owner.start("who"), offset + owner.end("who"))
                return Attribution(speaker, "said", naming, True)
        agent = BY_AGENT.search(sentence, start, start + 200)
        if agent:
            speaker = self.registry.resolve(agent.group("by"))
            if speaker.kind != "unknown":
                naming = Span(offset + agent.start("by"), offset + agent.end("by"))
                return Attribution(speaker, self._act(sentence, None, reply, speaker), naming, True)
        inside = self._named_inside(sentence, start)
        if inside is not None:
            speaker, verb, naming = inside
            act = self._act(sentence[naming[0] :], verb, reply, speaker)
            if _TAKES_ON.search(sentence[naming[1] : naming[1] + 120]):
                act = "committed"  # "... and Cllr Daphne Clements was reviewing it and agreed to add ..."
            return Attribution(speaker, act, Span(offset + naming[0], offset + naming[1]), True)
        if re.search(r"\b(?:was|were)\s+(?:also\s+)?(?:questioned|queried)\b", sentence):
            return Attribution(UNKNOWN_SPEAKER, "asked", None, False)  # "The reason for ... was questioned."
        if _DECIDED.search(sentence):  # "This project was unanimously approved": the body decided, nobody spoke
            return Attribution(UNKNOWN_SPEAKER, "resolved", None, False)
        narrative = (
            _NARRATIVE_START.match(sentence[start:]) or _THERE_NONE.match(sentence) or _MOVEMENT.search(sentence)
        )
        if narrative or fresh:
            act = "resolved" if re.match(r"(?i)^(?:carried|agreed)\b", sentence) else "noted"
            return Attribution(UNKNOWN_SPEAKER, act, None, False)
        act = self._act(sentence, None, reply, self.current)
        return Attribution(self.current, act if self.current.kind != "unknown" else "noted", None, False)

    def _subject(self, sentence: str, start: int) -> tuple[Speaker, str | None, tuple[int, int]] | None:
        group = COMPOUND_SUBJECT.match(sentence, start)
        if group:
            return self._group(sentence, group)
        match = _SUBJECT.match(sentence, start)
        if not match:
            return None
        np = match.group("np")
        after = _VERB_AFTER.match(sentence, match.end())
        verb = after.group("verb") if after else None
        if verb == "to" and after:
            action = _ACTION.match(after.group("rest"))
            if not (action and action.group("verb") in COMMIT_VERBS):
                verb = None  # "X to VERB" is an action ("HR to chase"); "X to the meeting" is not
        appos = match.group("appos") or ""
        if verb not in REPORTING_VERBS and not re.fullmatch(_PRONOUN, np):
            longer = long_apposition(sentence, match.end("np"))
            if longer:
                appos, verb = longer
        if re.fullmatch(_PRONOUN, np):
            if self.last_named.kind == "unknown" or verb is None:
                return None
            if (
                verb not in REPORTING_VERBS
                and not is_commitment(sentence[:120])
                and verb not in ("would", "will", "felt", "thought", "believed", "had", "was")
            ):
                return None
            return self.last_named, verb, (match.start("np"), match.end("np"))
        if re.fullmatch(_INITIALS_NP, np):
            found = self.registry.by_initials(np)
            if found is None:
                return None
            return self._named(found, appos, sentence, match), verb, (match.start("np"), match.end("np"))
        is_post = np[:3] in ("The", "the", "An ")
        had = re.match(
            r"\s+(?:had|have)\s+(?:all\s+)?(received|been\s+(?:sent|given|provided|circulated|emailed))\b",
            sentence[match.end() :],
        )
        if had and re.search(r"(?i)\b(?:members|councillors|parishioners|residents)$", np):
            # "The Councillors had received a copy": what they were given, not what they said
            return UNKNOWN_SPEAKER, had.group(1), (match.start("np"), match.end("np"))
        if is_post or re.fullmatch(_PLAIN_NAME, np):
            if verb is None or (verb not in REPORTING_VERBS and not looks_like_verb(verb) and verb != "to"):
                if verb and re.match(_TITLE + r"\s", np) and not is_commitment(sentence[match.end() :]):
                    # "Ms Grehan had given her apologies": about a person, not their words
                    return UNKNOWN_SPEAKER, verb, (match.start("np"), match.end("np"))
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
            self.registry.learn_title(appos, speaker)
        if verb == "took" and re.match(r"\s*the\s+[Cc]hair", sentence[after.end("verb") :] if after else ""):
            self.registry.set_chair(speaker)
            speaker = self.registry.chair or speaker
        return speaker, verb, (match.start("np"), match.end("np"))

    def _group(self, sentence: str, group: re.Match[str]) -> tuple[Speaker, str | None, tuple[int, int]] | None:
        """Several people as one subject: the first named reports for them ("The Chair and Members shared");
        a list that only attended or was absent ("... and Ms T Scott were in attendance") names no speaker."""
        after = _VERB_AFTER.match(sentence, group.end())
        verb = after.group("verb") if after else None
        naming = (group.start("first"), group.end("first"))
        if re.match(r"\s+(?:was|were)\b", sentence[group.end() :]) and verb not in REPORTING_VERBS:
            return UNKNOWN_SPEAKER, verb, naming
        first = group.group("first")
        found = self.registry.by_initials(first) if re.fullmatch(_INITIALS_NP, first) else None
        speaker = found or self.registry.resolve(first)
        if speaker.kind == "unknown":
            return None
        return speaker, verb, naming

    def _named_inside(self, sentence: str, start: int) -> tuple[Speaker, str | None, tuple[int, int]] | None:
        """A speaker named after the sentence start: behind a heading run into the sentence
        ("2Agriculture –The Chair also shared"), or promising in a later clause (", the Clerk agreed to contact")."""
        if re.search(r"\b(?:agreed|resolved|decided)\b", sentence[:start]):
            return None
        decided = re.search(r"\b(?:agreed|resolved|decided)\b", sentence[start:])
        end = start + decided.start() if decided else len(sentence)  # "It was agreed that ..., the Clerk would"
        finite = FINITE_WORD.search(sentence, start, end)
        heading_end = min(200, finite.start() if finite else end)  # a heading has no verb of its own
        if sentence[:1].islower():  # "severally authorize the City Manager": a clause, cut off
            heading_end = start
        clauses = {m.end() for m in CLAUSE_START.finditer(sentence, start, end)}
        headed = {
            start + w.start()
            for w in re.finditer(r"(?<![\w’'])(?=[A-Z]|the\s+[A-Z]|an?\s+[a-z])", sentence[start:heading_end])
        }
        for at in sorted((headed | clauses) - {start}):
            heading = (
                at in headed
                and not re.search(r"(?:\band|,|&)\s*$", sentence[start:at])  # a list of people is one subject
                and HEADED_SUBJECT.match(sentence, at)
            )
            if not heading and at not in clauses:
                continue
            found = self._subject(sentence, at)
            if found is None or found[0].kind == "unknown" or re.fullmatch(_PRONOUN, sentence[slice(*found[2])]):
                continue
            after = sentence[found[2][1] :]
            if _PASSIVE_AFTER.match(sentence, found[2][1]):
                continue  # "..., and the Locum Clerk was asked to add": asked by someone else
            if heading and found[1] in REPORTING_VERBS and found[1] not in ("was", "were", "had", "has"):
                return found
            promise = is_commitment(after) or _TAKES_ON.search(after[:120])
            if at in clauses and PROMISE_START.match(after) and promise:
                return found
        return None

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
        if verb == "to":
            return "committed"  # an action-list entry: "HR to chase", "The Clerk to contact the contractor"
        act = _act_from_verb(verb) if verb else None
        if act is None:
            act = "said"
        if act == "said" and re.search(
            r"\b(?:and|but)\s+(?:also\s+)?(?:asked|queried|questioned|enquired|inquired)\b", sentence
        ):
            act = "asked"
        if act == "said" and re.search(
            r"\b(?:wished|wanted)\s+to\s+know\b|\braised\s+(?:the\s+following\s+|a\s+|two\s+)?(?:quer|questions?\b)",
            sentence[:150],
        ):
            act = "asked"  # "wished to know if", "raised the following queries:"
        if reply and act in ("said", "agreed"):
            act = "answered"
        if act in ("said", "agreed", "proposed") and speaker_commits(sentence):
            act = "committed"
        if act == "said" and verb in ("was", "were", "had") and re.search(r"\b(?:elected|appointed)\b", sentence):
            act = "noted"
        if verb == "put" and re.search(r"\bto\s+the\s+vote\b", sentence):
            act = "resolved"  # "the Chairman put the amendment to the vote": the chair takes the decision
        return act
