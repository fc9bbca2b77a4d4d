"""Resolving the words that name a speaker ("Cllr. O. Williams", "PB", "the Chair") to a Speaker.

The registry is built from the meeting's attendance, so a surname, initials defined in the
PRESENT line, or a post resolves to the one person the minutes mean, with the kind the
attendance gives them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.model import Attendee, Speaker, SpeakerKind
from ingest.roles import classify_role
from ingest.vocabulary import CHAIR_WORDS, MEMBER_TITLES, POLICE_TITLES, POST_HEADS

_TITLE_WORDS = {t.lower().rstrip(".") for t in MEMBER_TITLES + POLICE_TITLES} | {
    "mr",
    "am",  # post-nominals of elected members: "Kirsty Williams AM", "Jane Doe MP", "TD", "MLA"
    "mp",
    "mla",
    "td",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "prof",
    "professor",
    "rev",
    "revd",
    "county",
    "borough",
    "district",
    "parish",
    "chief",
    "an",
    "the",
    "councilor’s",
    "councillors",
    "cllrs",
}
# "public" alone is a descriptor ("the public"); before a noun it names a body ("Public Accounts Committee").
_PUBLIC = re.compile(r"(?i)\b(parishioners?|residents?|members? of the public|public$|citizens?|villagers?)\b")
_MEMBER = re.compile(
    r"(?i)^(?:a|one|another|several|some|other|the|two|three|many|all)?\s*(?:members?|councillors?"
    r"|elected members?|panel members?|committee members?)\b"
)
_NAMED_CLERK = re.compile(
    r"\b(?P<name>(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+\s+[A-Z][\w’'\-]+),?\s+(?:the\s+)?(?:Parish\s+|Locum\s+|Town\s+)?Clerk\b"
    r"|\bClerk[:,]?\s+(?P<after>(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+\s+[A-Z][\w’'\-]+)"
)
_GROUP_COUNCILLOR = re.compile(r"(?i)^(?:the\s+)?(?:panel|committee|council|cabinet|members)$")


def name_key(name: str) -> str:
    """Lowercased name without titles or punctuation: 'Cllr. O. Williams' -> 'o williams'."""
    tokens = [t.strip(".,’'()").lower() for t in name.replace("\u2019", "'").split()]
    tokens = [t for t in tokens if t and t not in _TITLE_WORDS]
    return " ".join(tokens)


def _surname(name: str) -> str:
    key = name_key(name)
    return key.split()[-1] if key else ""


def _first(name: str) -> str:
    parts = name_key(name).split()
    return parts[0] if len(parts) > 1 else ""


def _post_tokens(text: str) -> list[str]:
    return [t for t in re.findall(r"[a-z]+", text.lower()) if t not in {"the", "of", "and", "for", "an", "a"}]


def _tokens_match(a: str, b: str) -> bool:
    return a == b or (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5])


def post_similarity(a: str, b: str) -> float:
    """Share of the shorter post's words found in the other; tolerant of typos like 'Managed'."""
    ta, tb = _post_tokens(a), _post_tokens(b)
    if not ta or not tb:
        return 0.0
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    hits = sum(1 for t in short if any(_tokens_match(t, u) for u in long_))
    return hits / len(short) if len(short) >= 2 or len(long_) == 1 else hits / max(len(long_), 2)


def _one_edit(a: str, b: str) -> bool:
    """Whether two words differ by one inserted, dropped or changed letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if a[i : i + 1] != b[i : i + 1]:
            return a[i:] == b[i + 1 :] or a[i + 1 :] == b[i + 1 :]
    return True


def clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.;:")


class SpeakerRegistry:
    """The people and posts of one meeting, for resolving mentions."""

    def __init__(self, attendance: tuple[Attendee, ...]) -> None:
        self.people = [a for a in attendance if a.name != a.role]
        self.posts = [a for a in attendance if a.name == a.role]
        self.chair: Speaker | None = None
        for attendee in attendance:
            if attendee.kind == "chair" and attendee.name != attendee.role:
                self.chair = self._speaker(attendee, "chair")
                break
        self.clerk: Speaker | None = next((self._speaker(a, "clerk") for a in self.people if a.kind == "clerk"), None)
        self.seen: dict[str, Speaker] = {}  # speakers named in the body, by key
        self.posts_learned: dict[str, Speaker] = {}  # "Sarah Hammond, Corporate Director ...": the post sticks
        self.titles: dict[str, Speaker | None] = {}  # "leader" -> who the body called "Leader of the Council"

    def _speaker(self, attendee: Attendee, kind: SpeakerKind | None = None) -> Speaker:
        name = clean_name(attendee.name)
        return Speaker(name=name, kind=kind or attendee.kind, role=attendee.role, key=name_key(name) or name.lower())

    def learn_clerk(self, text: str) -> None:
        """A clerk the attendance leaves out may be named in the body ("Mrs Jane Davies, Clerk's Salary")."""
        if self.clerk is not None:
            return
        match = _NAMED_CLERK.search(text)
        if match:
            name = clean_name(match.group("name") or match.group("after"))
            self.clerk = Speaker(name=name, kind="clerk", role="Clerk", key=name_key(name))

    def learn_post(self, speaker: Speaker) -> None:
        """The body gives a person's post: later mentions of them carry it."""
        if speaker.role and speaker.kind not in ("unknown", "chair") and speaker.key:
            self.posts_learned[speaker.key] = speaker
            surname = speaker.key.split()[-1]
            self.seen[surname] = speaker

    def learn_title(self, post: str, speaker: Speaker) -> None:
        """'Mr R Gough, Leader of the Council, provided': later 'The Leader' means him, while one person holds it.
        'Leader of the Green Group' is another post: only the council's own name drops out of the key."""
        post = re.sub(r"\s+of\s+(?:the\s+)?(?:[A-Z][\w’']*\s+){0,4}Council$", "", post.strip(" ,()"))
        words = _post_tokens(post)
        if not words or words[-1] not in POST_HEADS or speaker.kind == "unknown":
            return
        key = " ".join(words)
        known = self.titles.get(key, speaker)
        self.titles[key] = speaker if known is not None and known.key == speaker.key else None

    def set_chair(self, speaker: Speaker) -> None:
        """Someone 'took the Chair': later mentions of the Chair mean them."""
        self.chair = replace(speaker, kind="chair", role=speaker.role or "Chair")

    def by_initials(self, initials: str) -> Speaker | None:
        """Initials defined in the attendance ("Pam Bullas (PB)"), else those of a unique attendee's name."""
        for attendee in self.people:
            if attendee.initials == initials:
                return self._speaker(attendee)
        derived = [a for a in self.people if "".join(w[0] for w in name_key(a.name).split()).upper() == initials]
        if len(derived) == 1:
            return self._speaker(derived[0])
        return None

    def by_name(self, mention: str, title_kind: SpeakerKind | None) -> Speaker | None:
        surname = _surname(mention)
        if not surname:
            return None
        first = _first(mention)
        candidates = [a for a in self.people if _surname(a.name) == surname]
        if not candidates and first and len(first) > 1 and len(surname) >= 5:
            # a typo in the surname ("Cllr Jim McNeil" for Jim McNeill) when the first name agrees exactly
            candidates = [a for a in self.people if _first(a.name) == first and _one_edit(_surname(a.name), surname)]
        if first and len(candidates) > 1:
            narrowed = [a for a in candidates if _first(a.name)[:1] == first[:1]]
            exact = [a for a in narrowed if _first(a.name) == first]
            compatible = [a for a in narrowed if len(_first(a.name)) <= 1 or len(first) <= 1]
            candidates = exact or compatible
        elif first and candidates:
            candidates = [a for a in candidates if not _first(a.name) or _first(a.name)[:1] == first[:1]]
        if candidates:
            present = [a for a in candidates if a.status != "apologies"] or candidates
            speaker = self._speaker(present[0])
            if speaker.key in self.posts_learned:
                return self.posts_learned[speaker.key]
            if self.chair and speaker.key == self.chair.key:
                return replace(speaker, kind="chair")
            if title_kind and speaker.kind in ("unknown",):
                speaker = replace(speaker, kind=title_kind)
            return speaker
        known = self.seen.get(surname)
        if known and self.chair and known.key == self.chair.key:
            return self.chair
        if known:
            return known
        return None

    def by_post(self, post: str) -> Speaker | None:
        best: tuple[float, Attendee] | None = None
        for attendee in self.people + self.posts:
            if not attendee.role:
                continue
            score = post_similarity(post, attendee.role)
            if score >= 0.75 and (best is None or score > best[0]):
                best = (score, attendee)
        if best:
            speaker = self._speaker(best[1])
            return replace(speaker, role=best[1].role)
        return None

    def resolve(self, mention: str) -> Speaker:
        """A Speaker for the words naming them; kind 'unknown' when nothing places them."""
        text = clean_name(mention)
        bare = re.sub(r"^(?:the|The|An|an)\s+", "", text)
        low = bare.lower()
        if re.fullmatch(r"[A-Z]{2,3}", bare):
            found = self.by_initials(bare)
            if found:
                return self._remember(found)
        if low in CHAIR_WORDS or low in {"chair", "mayor presiding"} or re.fullmatch(r"(?:an )?cathaoirleach", low):
            return self.chair or Speaker(name="Chair", kind="chair", role="Chair", key="chair")
        if low in {"clerk", "locum clerk", "parish clerk", "clerk to the council", "proper officer"}:
            return self.clerk or Speaker(name="Clerk", kind="clerk", role="Clerk", key="clerk")
        if _PUBLIC.search(low) and not re.search(r"(?i)councillor", low):
            return Speaker(name=bare, kind="public", key=low)
        if re.fullmatch(r"(?i)(?:each|every)\s+(councillor|member)", bare):
            plural = bare.split()[-1].capitalize() + "s"  # "each Councillor": the Councillors
            return Speaker(name=plural, kind="councillor", key=plural.lower())
        if _MEMBER.match(bare) or _GROUP_COUNCILLOR.match(bare):
            return Speaker(name=bare, kind="councillor", key=low)
        title_kind = self._title_kind(text)
        titled = title_kind is not None or re.match(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir)\b", text)
        words = _post_tokens(bare)
        has_article = bare != text
        is_post = bool(words) and (words[-1] in POST_HEADS or has_article and any(w in POST_HEADS for w in words))
        is_post = is_post and not titled
        if is_post or (words and any(w in POST_HEADS for w in words) and bare[:1].islower()):
            found = self.by_post(bare)
            if found:
                return self._remember(found)
            holder = self.titles.get(" ".join(words))
            if holder is not None:
                return self.chair if self.chair and holder.key == self.chair.key else holder
            kind = classify_role(bare, "officer")
            return Speaker(name=bare, kind=kind, role=bare, key=" ".join(words))
        found = self.by_name(text, title_kind)
        if found:
            return self._remember(found)
        name = re.sub(r"^(?:Cllr|Cllrs|Councillor|Councilor)\.?\s+", "Councillor ", text)
        speaker = Speaker(name=name, kind=title_kind or "unknown", role=None, key=name_key(text) or low)
        return self._remember(speaker)

    def _remember(self, speaker: Speaker) -> Speaker:
        surname = speaker.key.split()[-1] if speaker.key else ""
        if surname and speaker.kind != "unknown":
            self.seen.setdefault(surname, speaker)
        return speaker

    @staticmethod
    def _title_kind(text: str) -> SpeakerKind | None:
        low = text.lower()
        if re.match(r"(?:deputy |assistant |acting )?(?:chief )?(?:superintendent|inspector|constable)\b", low):
            return "police"
        if re.match(
            r"(?:county |borough |district )?(?:councillor|councilor|cllr|cllrs|alderman|commissioner|deputy"
            r"|senator|minister|mayor)\b",
            low,
        ):
            return "councillor"
        if re.match(
            r"(?:chief superintendent|superintendent|inspector|sergeant|garda|pcso|pc|constable|detective)\b", low
        ):
            return "police"
        return None
