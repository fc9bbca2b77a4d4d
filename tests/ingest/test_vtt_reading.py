"""The WebVTT reader: captions come back as the transcript they were made from, so every span still quotes it."""

from __future__ import annotations

import html
import io
import re

import pytest
import webvtt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import DamagedFileError, EncodingError, NoMinutesError
from ingest.model import Meeting
from ingest.parser import parse
from ingest.reading import read_bytes
from ingest.vtt_reading import cue_at, extract_vtt, read_vtt
from tests.conftest import MINUTES
from tests.fixtures.formats.render_vtt import (
    EXCERPT,
    SOURCE,
    VTT,
    Style,
    Turn,
    excerpt,
    fixture_styles,
    is_label_start,
    render,
    turns_of,
)

PORTLAND = MINUTES / SOURCE.name


def _statements(meeting: Meeting) -> list[tuple[str, int, int, str, str, str, str | None]]:
    return [
        (s.text, s.span.start, s.span.end, s.speaker.name, s.speaker.kind, s.act, s.item) for s in meeting.statements
    ]


def _vtt(*blocks: str) -> bytes:
    return ("WEBVTT\n\n" + "\n\n".join(blocks) + "\n").encode()


# --- the real transcript excerpt --------------------------------------------------------------------------------


def test_fixture_vtt_reads_back_as_the_excerpt() -> None:
    extracted = extract_vtt(VTT.read_bytes(), VTT.name)
    assert extracted.text == EXCERPT.read_text(encoding="utf-8")
    assert extracted.title == "Portland City Council, 12 January 2011 (excerpt)"
    assert extracted.notes and "48 turns of 8 speakers" in extracted.notes[0]


def test_vtt_and_text_parse_to_the_same_statements() -> None:
    from_vtt = parse(read_bytes(VTT.read_bytes(), VTT.name))
    from_text = parse(read_bytes(EXCERPT.read_bytes(), EXCERPT.name))
    assert from_vtt.kind == from_text.kind == "transcript"
    assert len(from_vtt.statements) > 50
    assert _statements(from_vtt) == _statements(from_text)
    for statement in from_vtt.statements:
        assert from_vtt.text[statement.span.start : statement.span.end] == statement.text


def test_each_statement_is_spoken_by_its_turn_label() -> None:
    meeting = parse(read_bytes(VTT.read_bytes(), VTT.name))
    starts, labels, offset = [], [], 0
    for paragraph in EXCERPT.read_text(encoding="utf-8").split("\n\n"):
        starts.append(offset)
        labels.append(paragraph.split(":", 1)[0])
        offset += len(paragraph) + 2
    spoken: set[int] = set()
    for statement in meeting.statements:
        turn = max(i for i, start in enumerate(starts) if start <= statement.span.start)
        assert statement.speaker.name.split()[-1] == labels[turn].split()[-1], (
            statement.text
        )  # Skillete: Jerry Skillete
        assert statement.attribution is not None
        assert meeting.text[statement.attribution.start : statement.attribution.end] == labels[turn]
        spoken.add(turn)
    assert spoken == set(range(len(labels)))  # no turn lost or swallowed by its neighbour


def test_cue_spans_quote_each_cue_and_carry_its_time() -> None:
    captions = read_vtt(VTT.read_bytes(), VTT.name)
    parsed = webvtt.from_buffer(io.StringIO(VTT.read_text(encoding="utf-8"))).captions
    assert len(captions.cues) == len(parsed)
    for cue, caption in zip(captions.cues, parsed, strict=True):
        assert captions.text[cue.start : cue.end] == html.unescape(caption.text.replace("\n", " "))
        assert (cue.begins, cue.ends_ms) == (caption.start, caption.end_time.in_milliseconds())
    meeting = parse(read_bytes(VTT.read_bytes(), VTT.name))
    for statement in meeting.statements:
        cue = cue_at(captions.cues, statement.span.start)
        assert cue is not None and cue.start <= statement.span.start < cue.end


def test_the_fixture_is_what_render_vtt_writes_and_uses_every_cue_form() -> None:
    turns = turns_of(EXCERPT.read_text(encoding="utf-8"))
    vtt = VTT.read_text(encoding="utf-8")
    assert render(turns, fixture_styles(turns), seed=2011) == vtt
    assert 30 <= len(turns) <= 60
    for form in ("\n<v ", "\n<v.member ", "\nFritz: ", "\nGeason:  ", "\nNOTE", "\nSTYLE\n", "\nREGION\n", " align:"):
        assert form in vtt, form
    assert all(turn.label != before.label for before, turn in zip(turns, turns[1:], strict=False))


@pytest.mark.skipif(not PORTLAND.is_file(), reason=f"real minutes not found at {MINUTES}")
def test_the_excerpt_is_the_real_transcript_reflowed() -> None:
    source = PORTLAND.read_text(encoding="utf-8")
    text = EXCERPT.read_text(encoding="utf-8")
    assert excerpt(source) == text
    assert " ".join(text.split()) in " ".join(source.split())  # no word changed, added or dropped
    assert all(line == line.rstrip() for line in text.splitlines())


def test_notes_styles_regions_and_settings_are_not_text() -> None:
    text = extract_vtt(VTT.read_bytes(), VTT.name).text
    for words in ("not said", "Rendered by", "color", "yellow", "width", "invented", "align", "line:85%", "Kind"):
        assert words not in text
    assert extract_vtt(
        _vtt(
            "NOTE\nSmith: this is a comment",
            "STYLE\n::cue { color: lime }",
            "REGION\nid:r1\nwidth:40%",
            "00:01.000 --> 00:02.000 region:r1 align:left position:10%\n<v Jones>Good evening.",
        ),
        "n.vtt",
    ).text == ("Jones: Good evening.\n")


# --- the rules, on small files -------------------------------------------------------------------------------------


def test_tags_are_stripped_and_entities_decoded() -> None:
    data = _vtt(
        "00:01.000 --> 00:03.000\n<v.chair Mayor Adams>The <c.yellow>Smith &amp; Sons</c> bid is <b>&lt;</b> "
        "<i>£5m</i>,\n<u>under</u> <lang cy>Cyngor</lang> <00:00:02.500>estimates&nbsp;&gt; last year.</v>",
    )
    assert (
        extract_vtt(data, "t.vtt").text
        == "Mayor Adams: The Smith & Sons bid is < £5m, under Cyngor estimates\xa0> last year.\n"
    )


def test_a_cue_without_a_label_continues_the_previous_speaker() -> None:
    data = _vtt(
        "00:01.000 --> 00:02.000\n<v Adams>Can you read",
        "00:02.000 --> 00:03.000\nitem 51, please?",
        "00:03.000 --> 00:04.000\nMoore-Love: Item 51,",
        "00:04.000 --> 00:05.000\na contract for parking.",
        "00:05.000 --> 00:06.000\n<v Adams>Thank you.",
    )
    assert extract_vtt(data, "c.vtt").text == (
        "Adams: Can you read item 51, please?\n\nMoore-Love: Item 51, a contract for parking.\n\nAdams: Thank you.\n"
    )


def test_one_speaker_named_on_every_cue_is_one_turn() -> None:
    data = _vtt(
        "00:01.000 --> 00:02.000\n<v Fish>I have",  # Teams repeats the voice
        "00:02.000 --> 00:03.000\n<v.member Fish>a question.</v>",
        "00:03.000 --> 00:04.000\nFritz: Go",  # Zoom repeats the prefix
        "00:04.000 --> 00:05.000\nFritz: ahead. <v Fish>Thanks.</v> <v Fritz>Sure.",  # two voices in one cue
    )
    assert (
        extract_vtt(data, "m.vtt").text
        == "Fish: I have a question.\n\nFritz: Go ahead.\n\nFish: Thanks.\n\nFritz: Sure.\n"
    )


def test_text_without_a_speaker_stays_plain_paragraphs() -> None:
    data = _vtt(
        "00:01.000 --> 00:02.000\nThe meeting was",
        "00:02.000 --> 00:03.000\ncalled to order.",
        "00:04.500 --> 00:05.000\nAll rose.",  # a full stop, then a short pause: the same paragraph
        "00:08.000 --> 00:09.000\nPrayers were said, and",  # a full stop, then a long pause: a new paragraph
        "00:14.000 --> 00:15.000\nthe clerk read the notice.",  # a long pause mid-sentence: the same paragraph
    )
    captions = read_vtt(data, "p.vtt")
    assert captions.text == (
        "The meeting was called to order. All rose.\n\nPrayers were said, and the clerk read the notice.\n"
    )
    assert captions.speakers == ()
    assert "name no speaker" in captions.notes[0]


def test_voice_names_the_transcript_parser_cannot_take_are_noted() -> None:
    data = _vtt("00:01.000 --> 00:02.000\n<v Speaker 1>Hello.", "00:02.000 --> 00:03.000\n<v Adams>Hi.")
    captions = read_vtt(data, "s.vtt")
    assert captions.text == "Speaker 1: Hello.\n\nAdams: Hi.\n"
    assert any(note.endswith("labels: Speaker 1") for note in captions.notes)


def test_a_bom_is_dropped_and_crlf_lines_are_read() -> None:
    data = b"\xef\xbb\xbf" + _vtt("00:01.000 --> 00:02.000\n<v Adams>Welcome.").replace(b"\n", b"\r\n")
    doc = read_bytes(data, "bom.vtt")
    assert (doc.text, doc.media_type) == ("Adams: Welcome.\n", "text/vtt")


def test_text_blocks_without_timings_are_noted_not_silently_dropped() -> None:
    data = _vtt(
        "00:01.000 --> 00:02.000\n<v Adams>One.", "a paragraph the captioner split off", "00:03.000 --> 00:04.000\nTwo."
    )
    captions = read_vtt(data, "l.vtt")
    assert captions.text == "Adams: One. Two.\n"
    assert any("without cue timings skipped (line 6)" in note for note in captions.notes)


# --- bad files ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"WEBVTT\n",
        b"WEBVTT - Council meeting\nKind: captions\n\nNOTE nothing was said\n\nSTYLE\n::cue { color: red }\n",
    ],
)
def test_a_vtt_without_cues_has_no_minutes(data: bytes) -> None:
    with pytest.raises(NoMinutesError, match=r"^empty\.vtt: the WebVTT file has no cues$"):
        read_bytes(data, "empty.vtt")


def test_cues_without_text_have_no_minutes() -> None:
    with pytest.raises(NoMinutesError, match=r"^silent\.vtt: the WebVTT file's 2 cues hold no text$"):
        read_bytes(_vtt("00:01.000 --> 00:02.000\n<v Adams></v>", "00:02.000 --> 00:03.000\n<i> </i>"), "silent.vtt")


@pytest.mark.parametrize(
    ("timings", "shown"),
    [
        ("00:00:04,000 --> 00:00:06,000", "'00:00:04,000 --> 00:00:06,000'"),  # SRT commas
        ("00:61:04.000 --> 00:61:06.000", "'00:61:04.000 --> 00:61:06.000'"),  # minute 61
        ("start --> end", "'start --> end'"),
    ],
)
def test_bad_timestamps_are_a_damaged_file_naming_the_line(timings: str, shown: str) -> None:
    data = _vtt("00:01.000 --> 00:02.000\n<v Adams>Welcome.", f"2\n{timings}\nSecond cue.")
    with pytest.raises(DamagedFileError, match=rf"^bad\.vtt: line 7: bad cue timings {re.escape(shown)}$"):
        read_bytes(data, "bad.vtt")


def test_bytes_without_the_webvtt_header_are_a_damaged_file() -> None:
    with pytest.raises(DamagedFileError, match=r"^srt\.vtt: line 1: not a WebVTT file"):
        extract_vtt(b"1\n00:00:01,000 --> 00:00:02,000\nHello.\n", "srt.vtt")


def test_bytes_that_are_not_utf8_are_refused() -> None:
    data = b"WEBVTT\n\n00:01.000 --> 00:02.000\nCaf\xe9 Nero.\n"  # cp1252: WebVTT is UTF-8 by definition
    with pytest.raises(EncodingError, match=r"^cp\.vtt: not UTF-8 \(bad byte at 35\)"):
        read_bytes(data, "cp.vtt")


# --- the property -------------------------------------------------------------------------------------------------

_NAMES = st.from_regex(r"[A-Z][a-z]{1,8}(?: [A-Z][a-z]{1,8})?", fullmatch=True).filter(
    lambda n: is_label_start(n + ": x")
)
_WORDS = st.one_of(
    st.from_regex(r"[a-z]{1,9}[.,?!]?", fullmatch=True),
    st.from_regex(r"[A-Z][a-z]{1,6}:", fullmatch=True),  # label-like words inside a turn
    st.sampled_from(["&", "&amp;", "<b>", "a<b", "-->", "£5", "O'Brien", "--", "24/7", "[gavel]"]),
)
_STYLES: list[Style] = ["voice", "voice-class", "prefix"]


@st.composite
def _turns(draw: st.DrawFn) -> list[Turn]:
    turns: list[Turn] = []
    for name in draw(st.lists(_NAMES, min_size=1, max_size=8)):
        if turns and turns[-1].label == name:
            continue  # two turns of one speaker in a row are one turn in captions
        turns.append(Turn(name, ": ", " ".join(draw(st.lists(_WORDS, min_size=1, max_size=40)))))
    return turns


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(turns=_turns(), data=st.data(), seed=st.integers(0, 10_000))
def test_random_turns_rendered_to_cues_read_back_as_the_same_paragraphs(
    turns: list[Turn], data: st.DataObject, seed: int
) -> None:
    styles = data.draw(st.lists(st.sampled_from(_STYLES), min_size=len(turns), max_size=len(turns)))
    repeat = data.draw(st.lists(st.booleans(), min_size=len(turns), max_size=len(turns)))
    vtt = render(turns, styles, seed=seed, repeat=repeat)
    captions = read_vtt(vtt.encode(), "random.vtt")
    assert captions.text == "\n\n".join(turn.paragraph for turn in turns) + "\n"
    assert list(captions.speakers) == list(dict.fromkeys(turn.label for turn in turns))


def test_render_vtt_keeps_labels_off_continuation_cues() -> None:
    """The property only holds because of this rule; a label-like word opening a cue would start a turn."""
    turn = Turn("Adams", ": ", " ".join(["word"] * 7 + ["Fish:", "one", "Fritz:", "two"] * 5))
    vtt = render([turn], ["voice"], seed=1)
    cue_texts = [" ".join(block.split("\n")[2:]) for block in vtt.split("\n\n") if "-->" in block]
    assert len(cue_texts) > 2
    assert not any(is_label_start(text) for text in cue_texts[1:])
    assert read_vtt(vtt.encode(), "r.vtt").text == turn.paragraph + "\n"


def test_statements_carry_the_time_of_their_cue() -> None:
    data = VTT.read_bytes()
    meeting = parse(read_bytes(data, VTT.name))
    cues = read_vtt(data, VTT.name).cues
    assert meeting.times == tuple((cue.start, cue.begins_ms) for cue in cues)
    for statement in meeting.statements:
        cue = cue_at(cues, statement.span.start)
        assert cue is not None and statement.time_ms == cue.begins_ms
    times = [s.time_ms or 0 for s in meeting.statements]
    assert times == sorted(times) and times[-1] > times[0]
    assert parse(read_bytes(EXCERPT.read_bytes(), EXCERPT.name)).statements[0].time_ms is None  # plain text: none
