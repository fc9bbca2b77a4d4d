"""Rendering and upload naming without a server: escaping, highlighting, context, pictures, safe names."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.query import QueryResult
from ui.pictures import network_svg, timeline_svg
from ui.tables import result_table
from ui.uploads import safe_name, stage_uploads
from ui.views import answer_html, context_html, esc, highlight

HOSTILE = "<script>alert('x')</script> ${alert(1)} {{value}} <img src=x onerror=alert(1)>"


def _view(text: str, **extra: object) -> dict[str, object]:
    citation = {
        "n": 1,
        "text": text,
        "speaker": "<b>Clerk</b>",
        "speaker_role": None,
        "speaker_kind": "clerk",
        "act": "said",
        "meeting": "https://w3id.org/minutes-kg/meeting/m<1>",
        "date": None,
        "item": "1 <i>Bins</i>",
        "source": "m<1>.txt",
        "start": 6,
        "end": 6 + len(text),
        "score": 0.5,
    }
    return {
        "question": "q",
        "interpretation": {"topic": "bins"},
        "answer": f"“{text}” [1]",
        "abstained": False,
        "citations": [citation | extra],
    }


def test_esc_leaves_no_markup_or_template() -> None:
    out = esc(HOSTILE)
    assert "<" not in out and "${" not in out and "{{" not in out
    assert "&lt;script&gt;" in out


def test_answer_cards_escape_everything_from_the_minutes() -> None:
    text = f"The bins {HOSTILE} were emptied."
    source = f"Hello {text} Bye."
    page = answer_html(_view(text), lambda iri: source)
    assert "<script" not in page and "<img" not in page and "<i>" not in page and "<b>Clerk" not in page
    assert "&lt;b&gt;Clerk&lt;/b&gt;" in page and "m&lt;1&gt;.txt, characters 6–" in page
    assert "<mark class='mkg-hit'>bins</mark>" in page and "Show in context" in page


def test_context_is_offered_only_when_the_offsets_still_hold() -> None:
    page = answer_html(_view("The bins were emptied."), lambda iri: "changed text entirely, nothing matches here")
    assert "Show in context" not in page
    assert "Show in context" not in answer_html(_view("The bins were emptied."), lambda iri: None)


def test_abstention_is_a_notice_not_a_card() -> None:
    view = {"question": "q", "interpretation": {"notes": "<x>"}, "answer": "No answer: <nothing>.", "abstained": True}
    page = answer_html(view | {"citations": []}, lambda iri: None)
    assert "<b>No answer:</b> &lt;nothing&gt;." in page and "mkg-card" not in page


def test_highlight_marks_words_sharing_a_stem() -> None:
    assert highlight("Faith groups engaged <x>", ["faith", "engagement"]) == (
        "<mark class='mkg-hit'>Faith</mark> groups <mark class='mkg-hit'>engaged</mark> &lt;x&gt;"
    )
    assert highlight("the and of", ["the"]) == "the and of"


def test_context_marks_the_quote_inside_whole_words() -> None:
    text = "word " * 300 + "THE QUOTE <here>" + " tail" * 300
    start = text.index("THE QUOTE")
    html = context_html(text, start, start + len("THE QUOTE <here>"), chars=100)
    assert "<mark class='mkg-quote-in-context'>THE QUOTE &lt;here&gt;</mark>" in html
    assert html.startswith("<div class='mkg-context'>…word") and html.endswith("tail…</div>")


def test_pictures_escape_their_labels() -> None:
    rows = (("<topic>", "m1", "2024-01-01", 3), ("other", "m2", None, 1))
    svg = timeline_svg(rows)
    assert svg.startswith("<svg") and "&lt;topic&gt;" in svg and "<topic>" not in svg
    graph = nx.DiGraph()
    graph.add_node("a", label="<Cllr A>")
    graph.add_node("b", label="Officer B")
    graph.add_edge("a", "b", weight=2)
    svg = network_svg(graph)
    assert "&lt;Cllr A&gt;" in svg and "<Cllr" not in svg and "marker-end" in svg
    assert "Nobody asked" in network_svg(graph, focus="zzz")
    assert "No questions" in network_svg(nx.DiGraph())


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../evil.txt", "evil.txt"),
        ("..\\..\\windows\\evil.txt", "evil.txt"),
        ("/etc/passwd", "passwd"),
        (".bashrc", "bashrc"),
        ("...", "upload.txt"),
        ("", "upload.txt"),
        ("Council minutes (May) <b>.txt", "Council_minutes_May_b_.txt"),
        ("a" * 300 + ".txt", "a" * 116 + ".txt"),
    ],
)
def test_safe_names(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_staged_uploads_stay_in_their_folder(tmp_path: Path) -> None:
    source = tmp_path / "incoming.txt"
    source.write_text("minutes")
    folder = tmp_path / "uploads" / "batch"
    staged = stage_uploads([source, source, source], folder, ["../../evil.txt", "../../evil.txt", ".hidden"])
    assert [p.name for p in staged] == ["evil.txt", "evil-2.txt", "hidden"]
    assert all(p.parent == folder.resolve() for p in staged)
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "uploads" / "evil.txt").exists()


def test_result_tables() -> None:
    assert result_table(QueryResult("ask", boolean=True)) == {"headers": ["answer"], "data": [["true"]]}
    empty = result_table(QueryResult("select", variables=("a", "b")))
    assert empty == {"headers": ["a", "b"], "data": [["", ""]]}
