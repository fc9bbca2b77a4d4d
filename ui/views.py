"""HTML for answers: citation cards, the interpretation, abstentions, and a quote in its context.

Every piece of text that comes from the minutes (or from the user) goes through `esc`: minutes can
hold '<script>' or markup of their own, and they are shown as text, never as HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from qa.answer_view import clock

CONTEXT_CHARS = 600
_STOP = frozenset(
    "the a an and or of to in on at for by with about from what which who did does do was were is are has have had "
    "say said any there this that these those their them they it its into how why when where".split()
)


def esc(text: object) -> str:
    """html.escape, and '$', '{', '}' too: Gradio's HTML component fills a template, so they stay inert."""
    return (
        html.escape("" if text is None else str(text))
        .replace("$", "&#36;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


def _stem(word: str) -> str:
    word = word.lower()
    return word[:5] if len(word) > 5 else word


def highlight(text: str, words: list[str]) -> str:
    """The text escaped, with the words that answer the question (same stem as a topic word) in <mark>."""
    stems = {_stem(w) for w in words if len(w) > 2 and w.lower() not in _STOP}
    out: list[str] = []
    position = 0
    for match in re.finditer(r"[\w’'-]+", text):
        if _stem(match.group(0)) in stems:
            out.append(esc(text[position : match.start()]))
            out.append(f"<mark class='mkg-hit'>{esc(match.group(0))}</mark>")
            position = match.end()
    out.append(esc(text[position:]))
    return "".join(out)


def _snap(text: str, position: int, forward: bool) -> int:
    """Move a cut to a paragraph break near it, else to a space, so context starts and ends on whole words."""
    if forward:
        window = text[position : position + 200]
        cut = window.find("\n\n")
        cut = cut if cut >= 0 else window.find(" ")
        return position + cut if cut >= 0 else position
    window = text[max(0, position - 200) : position]
    cut = window.rfind("\n\n")
    cut = cut if cut >= 0 else window.rfind(" ")
    return max(0, position - 200) + cut + 1 if cut >= 0 else position


def _page(citation: dict[str, Any]) -> str:
    """Where in the original: the page of a PDF, the moment of a recording."""
    page, time = citation.get("page"), citation.get("time")
    return (f", page {int(page)}" if page else "") + (f", at {clock(float(time))}" if time is not None else "")


def context_html(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """The minutes around a quote, the quote marked: what a reader needs to judge the citation."""
    a = 0 if start <= chars else _snap(text, start - chars, forward=False)
    b = len(text) if end + chars >= len(text) else _snap(text, end + chars, forward=True)
    return (
        f"<div class='mkg-context'>{'…' if a > 0 else ''}{esc(text[a:start])}"
        f"<mark class='mkg-quote-in-context'>{esc(text[start:end])}</mark>"
        f"{esc(text[end:b])}{'…' if b < len(text) else ''}</div>"
    )


def interpretation_html(interpretation: dict[str, Any]) -> str:
    shown = {k: v for k, v in interpretation.items() if v not in (None, "")}
    if not shown:
        return "<p class='mkg-interpretation'>The question was read as a plain search.</p>"
    cells = "".join(f"<tr><th>{esc(k.replace('_', ' '))}</th><td>{esc(v)}</td></tr>" for k, v in shown.items())
    return f"<table class='mkg-interpretation'><caption>How the question was read</caption>{cells}</table>"


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def citation_card(citation: dict[str, Any], words: list[str], text_of: Callable[[str], str | None]) -> str:
    """One numbered citation: the quote, who said it, and where it is, with the minutes around it on demand."""
    c = citation
    role = c.get("speaker_role")
    speaker = esc(c["speaker"]) + (f" ({esc(role)})" if role and role != c["speaker"] else "")
    kind = str(c.get("speaker_kind") or "unknown")
    where = [
        ("meeting", esc(_local(c["meeting"]))),
        ("date", esc(c.get("date") or "not stated")),
        ("agenda item", esc(c.get("item") or "none")),
        ("source", f"{esc(c['source'])}{_page(c)}, characters {int(c['start'])}–{int(c['end'])}"),
        ("score", esc(c.get("score"))),
    ]
    meta = "".join(f"<span><b>{label}:</b> {value}</span>" for label, value in where)
    text = text_of(c["meeting"])
    context = ""
    if text is not None and text[c["start"] : c["end"]] == c["text"]:
        context = (
            "<details class='mkg-details'><summary>Show in context</summary>"
            f"{context_html(text, int(c['start']), int(c['end']))}</details>"
        )
    return (
        f"<div class='mkg-card' data-n='{int(c['n'])}' data-kind='{esc(kind)}'>"
        f"<div class='mkg-card-head'><span class='mkg-n'>[{int(c['n'])}]</span> <b class='mkg-speaker'>{speaker}</b> "
        f"<span class='mkg-kind mkg-kind-{esc(kind)}'>{esc(kind)}</span> <span class='mkg-act'>{esc(c.get('act'))}"
        f"</span></div><blockquote class='mkg-quote'>{highlight(c['text'], words)}</blockquote>"
        f"<div class='mkg-meta'>{meta}</div>{context}</div>"
    )


def answer_html(view: dict[str, Any] | None, text_of: Callable[[str], str | None]) -> str:
    """The whole answer: a clear notice when it abstains, else the answer text and its citation cards."""
    if not view:
        return ""
    interpretation = interpretation_html(view.get("interpretation") or {})
    if view.get("abstained") or not view.get("citations"):
        reason = re.sub(r"^No answer:\s*", "", str(view.get("answer") or ""))
        return (
            f"<div class='mkg-abstained' role='status'><b>No answer:</b> {esc(reason)}<br>"
            "Nothing is cited rather than something wrong: try other words, or fewer filters.</div>"
            f"{interpretation}"
        )
    topic = str((view.get("interpretation") or {}).get("topic") or "")
    words = re.findall(r"[\w’'-]+", topic)
    answer = "<br>".join(esc(line) for line in str(view["answer"]).splitlines())
    cards = "".join(citation_card(c, words, text_of) for c in view["citations"])
    return (
        f"<div class='mkg-answer'><p class='mkg-answer-text'>{answer}</p>"
        f"<div class='mkg-cards'>{cards}</div>{interpretation}</div>"
    )


CSS = """
.mkg-card { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
.mkg-card-head { margin-bottom: 6px; }
.mkg-n { font-weight: bold; color: #3b6fb6; }
.mkg-kind { border-radius: 10px; padding: 1px 8px; font-size: 0.85em; background: #eef2f7; }
.mkg-kind-officer, .mkg-kind-clerk { background: #e3f1e6; }
.mkg-kind-councillor, .mkg-kind-chair { background: #fbeee0; }
.mkg-act { color: #666; font-style: italic; }
.mkg-quote { margin: 6px 0; padding-left: 10px; border-left: 3px solid #3b6fb6; }
.mkg-meta span { margin-right: 14px; font-size: 0.85em; color: #555; display: inline-block; }
.mkg-hit { background: #fff0a0; }
.mkg-context { white-space: pre-wrap; font-size: 0.9em; background: #f7f7f7; padding: 8px; max-height: 320px;
  overflow: auto; }
.mkg-quote-in-context { background: #fff0a0; }
.mkg-abstained { border: 1px solid #e0b252; background: #fff8e6; border-radius: 8px; padding: 10px 14px; }
.mkg-interpretation { font-size: 0.85em; margin-top: 8px; }
.mkg-interpretation th { text-align: left; padding-right: 12px; color: #555; }
.mkg-entity h3 { margin: 14px 0 4px; }
.mkg-entity li { margin: 4px 0; }
.mkg-section summary h3 { display: inline; }
.mkg-where { font-size: 0.8em; color: #666; }
.mkg-empty { color: #666; font-style: italic; }
"""
