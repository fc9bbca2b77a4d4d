"""The HTML reader: real minutes excerpts rendered as ModernGov-like pages must come back as the same text.

The pages are tests/fixtures/formats/*.html, made by render_html.py from the excerpts beside them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.errors import EncodingError, NoMinutesError
from ingest.html_reading import extract_html
from ingest.model import Meeting
from ingest.parser import parse
from ingest.reading import read_bytes
from tests.fixtures.formats import render_html

FORMATS = Path(render_html.__file__).resolve().parent
EXCERPTS = sorted(render_html.FIXTURES)


def _page(name: str) -> bytes:
    return (FORMATS / name).with_suffix(".html").read_bytes()


def _excerpt(name: str) -> str:
    return (FORMATS / name).read_text(encoding="utf-8")


def _statements(meeting: Meeting) -> list[tuple[str, str, str, str, str | None, int, int]]:
    return [
        (s.text, s.speaker.name, s.speaker.kind, s.act, s.item, s.span.start, s.span.end) for s in meeting.statements
    ]


def _wrap(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}<title>Minutes</title></head><body>{body}</body></html>".encode()


LEAD = (
    "The Clerk reported that the accounts for the year had been audited by the internal auditor and were ready "
    "for approval at this meeting."
)
SENTENCE = f"<p>{LEAD}</p>"


def test_committed_pages_are_what_the_renderer_makes() -> None:
    for name, (council, title) in render_html.FIXTURES.items():
        page = render_html.page(render_html.content_html(_excerpt(name)), council, title)
        assert _page(name).decode("utf-8") == page, f"{name}: rerun python -m tests.fixtures.formats.render_html"
    assert (FORMATS / render_html.NO_MINUTES).read_text(encoding="utf-8") == render_html.no_minutes_page()


@pytest.mark.parametrize("name", EXCERPTS)
def test_page_reads_back_as_the_excerpt(name: str) -> None:
    doc = read_bytes(_page(name), name.replace(".txt", ".html"))
    assert doc.media_type == "text/html"
    assert doc.text == _excerpt(name)
    assert doc.title == render_html.FIXTURES[name][1]


@pytest.mark.parametrize("name", EXCERPTS)
def test_page_parses_to_the_statements_of_the_text(name: str) -> None:
    from_page = parse(read_bytes(_page(name), name.replace(".txt", ".html")))
    from_text = parse(read_bytes(_excerpt(name).encode(), name))
    assert len(from_text.statements) >= 20
    assert _statements(from_page) == _statements(from_text)
    assert [(i.number, i.title) for i in from_page.items] == [(i.number, i.title) for i in from_text.items]
    for statement in from_page.statements:
        assert from_page.text[statement.span.start : statement.span.end] == statement.text


def test_kent_items_come_from_the_page_headings() -> None:
    meeting = parse(read_bytes(_page("markup-kent-cpp-2024-12-10.txt"), "kent.html"))
    assert [i.number for i in meeting.items] == ["1", "2", "3", "4", "5"]
    assert meeting.items[3].title == "Participation Team Update"


@pytest.mark.parametrize("name", EXCERPTS)
def test_no_page_chrome_in_the_text(name: str) -> None:
    page = _page(name).decode("utf-8")
    text = extract_html(_page(name), name).text
    for phrase in render_html.CHROME_PHRASES:
        assert phrase in page, phrase  # the page has it, so the test can fail
        assert phrase not in _excerpt(name), phrase
        assert phrase not in text, phrase


def test_meeting_details_page_without_minutes_is_refused() -> None:
    with pytest.raises(NoMinutesError, match=r"^markup-no-minutes\.html: no sentences"):
        read_bytes((FORMATS / render_html.NO_MINUTES).read_bytes(), "markup-no-minutes.html")


def test_page_of_mostly_links_is_refused() -> None:
    links = "".join(
        f'<li><a href="m{n}.aspx">Meeting of the Planning Committee {n} May 2024</a></li>' for n in range(20)
    )
    body = f"<main><p>This page lists the meetings of the committee held this year.</p><ul>{links}</ul></main>"
    with pytest.raises(NoMinutesError, match=r"^listing\.html: the page's content is mostly links \(\d+%"):
        extract_html(_wrap(body), "listing.html")


def test_page_with_a_few_words_is_refused() -> None:
    with pytest.raises(NoMinutesError, match=r"^short\.html: no minutes on the page: 4 words"):
        extract_html(
            _wrap("<nav><a href='/'>Home</a></nav><main><p>Minutes to follow shortly.</p></main>"), "short.html"
        )


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
        ("", "cp1252"),  # nothing declared and not UTF-8: cp1252, with a note
        ('<meta charset="utf-8">', "utf-8"),
    ],
)
def test_declared_charset_decodes_pound_and_quotes(head: str, encoding: str) -> None:
    body = f"<main>{SENTENCE}<p>Councillor O’Brien asked why the budget of £25,000 had been cut.</p></main>"
    doc = read_bytes(_wrap(body, head).decode("utf-8").encode(encoding), "budget.html")
    assert "Councillor O’Brien asked why the budget of £25,000 had been cut." in doc.text
    assert any("decoded as cp1252" in note for note in doc.notes) == (head == "")


def test_utf8_bytes_labelled_latin1_are_read_as_utf8() -> None:
    body = f"<main>{SENTENCE}<p>The precept rose by £3.</p></main>"
    doc = read_bytes(_wrap(body, '<meta charset="iso-8859-1">'), "mislabelled.html")
    assert "The precept rose by £3." in doc.text
    assert "declared charset iso-8859-1, but the bytes are UTF-8; read as UTF-8" in doc.notes


def test_bom_wins_over_a_wrong_declaration() -> None:
    body = f"<main>{SENTENCE}<p>The precept rose by £3.</p></main>"
    data = b"\xef\xbb\xbf" + _wrap(body, '<meta charset="iso-8859-1">')
    assert "The precept rose by £3." in extract_html(data, "bom.html").text


def test_bytes_that_are_no_known_encoding_are_refused() -> None:
    with pytest.raises(EncodingError, match=r"^odd\.html: not UTF-8 \(bad byte at \d+\) and not cp1252"):
        extract_html(_wrap(f"<main>{SENTENCE}</main>") + b"\x81\x8d", "odd.html")  # unmapped in cp1252 too


def test_moderngov_item_table_keeps_the_minutes_label_and_numbers_the_title() -> None:
    body = """<div id="modgov"><div class="mgContent"><table class="mgItemTable"><tr>
      <td class="mgItemNumberCell"><p class="mgAiTitleTxt">4.</p></td>
      <td><p class="mgAiTitleTxt">Pimlico District Heating</p>
        <ul class="mgActionList"><li><a href="ieDecisionDetails.aspx?AIId=1">View the decision for item 4.</a></li></ul>
        <div class="mgWordPara">To consider additional expenditure for Pimlico District Heating.</div>
        <p class="mgSubItemTitleTxt">Minutes:</p>
        <div class="mgWordPara"><p>Councillor Smith introduced the report. The committee discussed the repairs.</p>
        <p>RESOLVED that the additional expenditure of &pound;1.2m be approved.</p></div></td>
    </tr></table></div></div>"""
    text = extract_html(_wrap(body), "item.html").text
    assert text == (
        "4. Pimlico District Heating\n\nTo consider additional expenditure for Pimlico District Heating.\n\n"
        "Minutes:\n\nCouncillor Smith introduced the report. The committee discussed the repairs.\n\n"
        "RESOLVED that the additional expenditure of £1.2m be approved.\n"
    )
    meeting = parse(read_bytes(_wrap(body), "item.html"))
    assert [(i.number, i.title) for i in meeting.items] == [("4", "Pimlico District Heating")]


def test_moderngov_meeting_page_without_minutes_sections_is_an_agenda() -> None:
    body = f"""<div class="mgContent"><table class="mgItemTable"><tr>
      <td class="mgItemNumberCell"><p class="mgAiTitleTxt">4.</p></td>
      <td><p class="mgAiTitleTxt">Pimlico District Heating</p>
        <div class="mgWordPara">{SENTENCE}</div><div class="mgWordPara">{SENTENCE}</div></td>
    </tr></table></div>"""
    with pytest.raises(NoMinutesError, match=r"^agenda\.html: a ModernGov meeting page whose items have no"):
        extract_html(_wrap(body), "agenda.html")


def test_escribe_heading_number_and_title_stay_on_one_line() -> None:
    body = f"""<div class="AgendaItemContainer indent"><div class="AgendaItem"><div class="AgendaItemTitleRow"><h3>
      <div class="AgendaItemCounter" style="display:inline-block;">6.1</div><div class="AgendaItemNavigate indent">
      <div class="AgendaItemTitle"><a href="#">Public Meeting Recommendation Report</a></div></div></h3></div>
      <div class="Body">{SENTENCE}</div>
    </div></div>"""
    text = extract_html(_wrap(body), "escribe.html").text
    assert text.splitlines()[0] == "6.1 Public Meeting Recommendation Report"


def test_lists_tables_and_line_breaks() -> None:
    body = f"""<main>{SENTENCE}
      <ol start="3"><li>Apologies were received.</li><li>The minutes were <b>approved</b>.</li></ol>
      <ol type="a"><li>First lettered point.</li><li>b. Already lettered point.</li></ol>
      <ul><li>Roads</li><li>Footpaths</li></ul>
      <table><tr><th>Payee</th><th>Amount</th></tr><tr><td>Clerk  salary</td><td>£350.00</td></tr></table>
      <p>Line one<br>line   two<br><br>line four</p><p>&nbsp;</p><p>After an empty paragraph.</p><p><br></p><p><br></p>
      <p>After two.</p></main>"""
    lines = extract_html(_wrap(body), "lists.html").text.split("\n")
    assert lines[2:] == [
        "3. Apologies were received.",
        "4. The minutes were approved.",
        "",
        "a. First lettered point.",
        "b. Already lettered point.",
        "",
        "• Roads",
        "• Footpaths",
        "",
        "Payee\tAmount",
        "Clerk salary\t£350.00",
        "",
        "Line one",
        "line two",
        "",
        "line four",
        "",
        "After an empty paragraph.",
        "",
        "",
        "After two.",
        "",
    ]


def test_hidden_and_chrome_elements_are_dropped_even_inside_main() -> None:
    body = f"""<main class="page-with-sidebar"><div class="breadcrumb">Home &gt; Meetings</div>
      <div style="display: none">Hidden by style</div><p hidden>Hidden by attribute</p>
      <span aria-hidden="true">Icon text</span><div class="cookie-consent"><p>Cookie text here.</p></div>
      {SENTENCE}<button>Print</button><form><label>Email me</label></form></main>"""
    text = extract_html(_wrap(body), "hidden.html").text
    assert text == LEAD + "\n"


def test_without_a_container_the_block_holding_the_text_is_read() -> None:
    body = f"""<div id="top"><a href="/">Home</a> <a href="/a">Councillors</a></div>
      <div id="page"><div id="links"><a href="/x">Planning</a></div><div id="text">{SENTENCE * 3}</div></div>
      <div id="bottom">Copyright 2024</div>"""
    extracted = extract_html(_wrap(body), "plain.html")
    assert "Councillors" not in extracted.text and "Copyright" not in extracted.text
    assert extracted.text.count("The Clerk reported") == 3
    assert any("no content container" in note for note in extracted.notes)


_WORD = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?'\"&<>£’é–()/-"),
    min_size=1,
    max_size=10,
)
# "(Item 4)" lines make the renderers write the line above and themselves as headings
_LINE = st.one_of(st.lists(_WORD, min_size=1, max_size=8).map(" ".join), st.integers(1, 20).map("(Item {})".format))
_RUN = st.lists(_LINE, min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(runs=st.lists(st.tuples(st.integers(1, 3), _RUN), min_size=1, max_size=6))
def test_rendered_paragraphs_come_back_as_the_same_lines(runs: list[tuple[int, list[str]]]) -> None:
    text = LEAD + "".join("\n" * (blanks + 1) + "\n".join(lines) for blanks, lines in runs) + "\n"
    page = render_html.page(render_html.content_html(text), "A Council", "Minutes")
    assert extract_html(page.encode(), "random.html").text == text


_SPACES = st.sampled_from([" ", "  ", "\n", "\t", " \n ", "&nbsp;", "&#32;"])


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.tuples(st.sampled_from(["Members", "noted", "the", "report", "£5", "O’Brien"]), _SPACES,
                                st.sampled_from(["{}", "<b>{}</b>", "<span>{}</span>", "<a href='#'>{}</a>"])),
                      min_size=1, max_size=12))  # fmt: skip
def test_whitespace_inside_a_paragraph_collapses_to_single_spaces(words: list[tuple[str, str, str]]) -> None:
    inner = "".join(wrapper.format(word) + space for word, space, wrapper in words)
    text = extract_html(_wrap(f"<main>{SENTENCE}<p>\n {inner}</p></main>"), "spaces.html").text
    assert text.split("\n")[2] == " ".join(word for word, _, _ in words)
