"""The Word reader: real minutes excerpts rendered as .docx must come back as the same text.

The documents are tests/fixtures/formats/*.docx, made by render_docx.py from the excerpts beside them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.docx_reading import extract_docx
from ingest.errors import DamagedFileError, NoMinutesError
from ingest.model import Meeting
from ingest.parser import parse
from ingest.reading import read_bytes, read_source
from tests.fixtures.formats import render_docx

FORMATS = Path(render_docx.__file__).resolve().parent
EXCERPTS = sorted(render_docx.FIXTURES)


def _document(name: str) -> bytes:
    return (FORMATS / name).with_suffix(".docx").read_bytes()


def _excerpt(name: str) -> str:
    return (FORMATS / name).read_text(encoding="utf-8")


def _statements(meeting: Meeting) -> list[tuple[str, str, str, str, str | None, int, int]]:
    return [
        (s.text, s.speaker.name, s.speaker.kind, s.act, s.item, s.span.start, s.span.end) for s in meeting.statements
    ]


def _docx(build: Callable[[docx.document.Document], None]) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info.filename) for info in archive.infolist()}


def _rezip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _body_xml(document: docx.document.Document, xml: str) -> None:
    """Append a raw paragraph or table before the section properties, as Word would have it."""
    document.element.body.sectPr.addprevious(parse_xml(xml))


def test_committed_documents_are_what_the_renderer_makes() -> None:
    for name, (title, layout) in render_docx.FIXTURES.items():
        made = _members(render_docx.render(_excerpt(name), title, layout))
        assert _members(_document(name)) == made, f"{name}: rerun python -m tests.fixtures.formats.render_docx"


@pytest.mark.parametrize("name", EXCERPTS)
def test_document_reads_back_as_the_excerpt(name: str) -> None:
    doc = read_bytes(_document(name), name.replace(".txt", ".docx"))
    assert doc.media_type.endswith("wordprocessingml.document")
    assert doc.text == _excerpt(name)
    assert doc.title == render_docx.FIXTURES[name][0]


@pytest.mark.parametrize("name", EXCERPTS)
def test_document_parses_to_the_statements_of_the_text(name: str) -> None:
    from_docx = parse(read_bytes(_document(name), name.replace(".txt", ".docx")))
    from_text = parse(read_bytes(_excerpt(name).encode(), name))
    assert len(from_text.statements) >= 20
    assert _statements(from_docx) == _statements(from_text)
    assert [(i.number, i.title) for i in from_docx.items] == [(i.number, i.title) for i in from_text.items]
    for statement in from_docx.statements:
        assert from_docx.text[statement.span.start : statement.span.end] == statement.text


def test_kent_headings_are_word_headings_and_become_items() -> None:
    document = docx.Document(io.BytesIO(_document("markup-kent-cpp-2024-12-10.txt")))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert headings[:2] == ["Apologies and Substitutes", "(Item 1)"]
    meeting = parse(read_bytes(_document("markup-kent-cpp-2024-12-10.txt"), "kent.docx"))
    assert [i.number for i in meeting.items] == ["1", "2", "3", "4", "5"]


def test_broken_document_xml_is_a_damaged_file(tmp_path: Path) -> None:
    members = _members(_document("markup-thurrock-prevent.txt"))
    members["word/document.xml"] = members["word/document.xml"][:2000]  # cut off mid-element
    path = tmp_path / "broken.docx"
    path.write_bytes(_rezip(members))
    with pytest.raises(DamagedFileError, match=r"^broken\.docx: damaged Word document \(XMLSyntaxError"):
        read_source(path)


def test_corrupt_compressed_member_is_a_damaged_file() -> None:
    data = bytearray(_document("markup-thurrock-prevent.txt"))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 20, start + 60):
        data[offset] ^= 0x5A
    with pytest.raises(DamagedFileError, match=r"^crc\.docx: damaged Word document"):
        read_bytes(bytes(data), "crc.docx")


def test_package_without_its_document_part_is_a_damaged_file() -> None:
    members = _members(_document("markup-thurrock-prevent.txt"))
    del members["word/document.xml"]
    with pytest.raises(DamagedFileError, match=r"^gone\.docx: damaged Word document \(KeyError"):
        extract_docx(_rezip(members), "gone.docx")


def test_document_without_text_is_refused() -> None:
    data = _docx(lambda d: [d.add_paragraph(), d.add_paragraph("   ")])
    with pytest.raises(NoMinutesError, match=r"^blank\.docx: the Word document holds no text"):
        read_bytes(data, "blank.docx")


def test_spacing_not_empty_paragraphs_sets_paragraphs_apart() -> None:
    def build(document: docx.document.Document) -> None:
        document.add_paragraph("One.").paragraph_format.space_after = Pt(0)
        document.add_paragraph("Two.")  # 10pt after, from the template's document defaults
        document.add_paragraph()  # an empty paragraph stands for that spacing: one blank line, not two
        document.add_paragraph("Three.").paragraph_format.space_after = Pt(2)  # too little to show
        document.add_paragraph("Four.").paragraph_format.space_before = Pt(12)
        document.add_paragraph()
        document.add_paragraph()
        tight = document.styles.add_style("Tight", WD_STYLE_TYPE.PARAGRAPH)
        tight.base_style = document.styles["Normal"]
        tight.paragraph_format.space_after = Pt(0)
        document.add_paragraph("Five.", style="Tight")
        document.add_paragraph("Six.", style="Tight")

    assert extract_docx(_docx(build), "spacing.docx").text == "One.\nTwo.\n\nThree.\n\nFour.\n\n\nFive.\nSix.\n"


def test_tables_stay_where_they_are_in_the_body() -> None:
    def build(document: docx.document.Document) -> None:
        document.add_paragraph("Before the table.")
        table = document.add_table(rows=3, cols=3)
        header, first = ("Name", "Role", "Attendance"), ("A. Smith", "Chair", "Present")
        for row, values in zip(list(table.rows)[:2], [header, first], strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        merged = table.cell(2, 0).merge(table.cell(2, 1))
        merged.text = "B. Jones"
        table.cell(2, 2).text = "Apologies"
        document.add_paragraph("After the table.")
        layout = document.add_table(rows=1, cols=2)
        layout.cell(0, 0).text = "4."
        layout.cell(0, 1).text = "The Clerk reported on the accounts."
        layout.cell(0, 1).add_paragraph("RESOLVED that the accounts be approved.")

    assert extract_docx(_docx(build), "table.docx").text == (
        "Before the table.\n\nName\tRole\tAttendance\nA. Smith\tChair\tPresent\nB. Jones\tApologies\n\n"
        "After the table.\n\n4. The Clerk reported on the accounts.\n\nRESOLVED that the accounts be approved.\n"
    )


def test_automatic_numbers_are_rebuilt() -> None:
    def build(document: docx.document.Document) -> None:
        numbering = document.part.numbering_part.element
        numbering.append(
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
                '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>'
                "</w:lvl></w:abstractNum>"
            )
        )
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
            )
        )
        for level, text in [(0, "Apologies"), (1, "Cllr A"), (1, "Cllr B"), (0, "Minutes"), (1, "Approved")]:
            _body_xml(
                document,
                f'<w:p {nsdecls("w")}><w:pPr><w:spacing w:after="0"/><w:numPr><w:ilvl w:val="{level}"/>'
                f'<w:numId w:val="90"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>',
            )
        for text in ("Roads were discussed.", "The hall was discussed."):
            document.add_paragraph(text, style="List Number")
        document.add_paragraph("Footpaths", style="List Bullet")
        document.add_paragraph("3. Already numbered", style="List Number")

    assert extract_docx(_docx(build), "numbers.docx").text == (
        "5. Apologies\na) Cllr A\nb) Cllr B\n6. Minutes\na) Approved\n"
        "1. Roads were discussed.\n2. The hall was discussed.\n\n• Footpaths\n\n3. Already numbered\n"
    )


def test_tracked_changes_read_as_accepted_and_said_so() -> None:
    def build(document: docx.document.Document) -> None:
        _body_xml(
            document,
            f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve">The budget was </w:t></w:r>'
            '<w:ins w:id="1" w:author="Clerk"><w:r><w:t xml:space="preserve">unanimously </w:t></w:r></w:ins>'
            '<w:del w:id="2" w:author="Clerk"><w:r><w:delText xml:space="preserve">not </w:delText></w:r></w:del>'
            "<w:r><w:t>approved.</w:t><w:tab/><w:t>Clerk</w:t></w:r></w:p>",
        )

    extracted = extract_docx(_docx(build), "tracked.docx")
    assert extracted.text == "The budget was unanimously approved.\tClerk\n"
    assert "tracked changes read as if accepted" in extracted.notes


_WORD = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?'\"&<>£’é–()/-"),
    min_size=1,
    max_size=10,
)
# "(Item 4)" lines make the renderers write the line above and themselves as headings
_LINE = st.one_of(st.lists(_WORD, min_size=1, max_size=8).map(" ".join), st.integers(1, 20).map("(Item {})".format))


@settings(max_examples=30, deadline=None)
@given(
    runs=st.lists(st.tuples(st.integers(1, 3), st.lists(_LINE, min_size=1, max_size=4)), min_size=1, max_size=5),
    layout=st.sampled_from(["lines", "breaks"]),
)
def test_rendered_paragraphs_come_back_as_the_same_lines(runs: list[tuple[int, list[str]]], layout: str) -> None:
    text = "\n".join(runs[0][1]) + "".join("\n" * (blanks + 1) + "\n".join(lines) for blanks, lines in runs[1:]) + "\n"
    data = render_docx.render(text, "Minutes", "lines" if layout == "lines" else "breaks")
    assert extract_docx(data, "random.docx").text == text
