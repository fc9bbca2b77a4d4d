"""A PDF's statements point at their page (RFC 3778 "page=N") and a recording's at their moment
(Media Fragments "t=S"), beside the character selectors every statement has."""

from __future__ import annotations

from rdflib import Graph, URIRef

from ingest.model import Meeting
from ingest.parser import parse
from ingest.reading import read_source
from kg.mapping import meeting_to_graph
from kg.namespaces import Iris
from kg.selectors import MEDIA_FRAGMENTS, PDF_FRAGMENTS
from tests.conftest import REPO

FORMATS = REPO / "tests" / "fixtures" / "formats"
QUERY = """
SELECT ?statement ?value WHERE {
  ?statement prov:wasQuotedFrom/oa:hasSelector ?selector .
  ?selector a oa:FragmentSelector ; dcterms:conformsTo ?standard ; rdf:value ?value .
}"""


def _fragments(meeting: Meeting, standard: URIRef) -> dict[str, str]:
    graph: Graph = meeting_to_graph(meeting, Iris())
    rows = graph.query(QUERY, initBindings={"standard": standard})
    return {str(row[0]).rsplit("/", 1)[-1]: str(row[1]) for row in rows}  # type: ignore[index]


def test_pdf_statements_name_their_page() -> None:
    meeting = parse(read_source(FORMATS / "thurrock-prevent-excerpt.pdf"))
    pages = _fragments(meeting, PDF_FRAGMENTS)
    assert {s.id: f"page={s.page}" for s in meeting.statements}.items() <= pages.items()
    assert set(pages.values()) == {"page=1", "page=2"}
    assert not _fragments(meeting, MEDIA_FRAGMENTS)


def test_transcript_statements_name_their_moment() -> None:
    meeting = parse(read_source(FORMATS / "transcript-portland.vtt"))
    moments = _fragments(meeting, MEDIA_FRAGMENTS)
    expected = {s.id: f"t={(s.time_ms or 0) / 1000:g}" for s in meeting.statements}
    assert expected.items() <= moments.items() and len(set(expected.values())) > 10
    assert not _fragments(parse(read_source(FORMATS / "transcript-portland.txt")), MEDIA_FRAGMENTS)
