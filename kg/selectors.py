"""Where a quote sits in its source: a Web Annotation SpecificResource with position and quote selectors.

`oa:start`/`oa:end` are the same half-open character offsets as the model's spans, so a reader
of the graph can cut the exact words out of the source file; the quote selector, with a little
context either side, finds them again if the file is edited.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ingest.model import Meeting, Span, page_at, time_at
from kg.namespaces import DCTERMS, OA, PROV, RDF, Iris

CONTEXT_CHARS = 32
PDF_FRAGMENTS = URIRef("http://tools.ietf.org/rfc/rfc3778")  # "page=N", as the Web Annotation model advises
MEDIA_FRAGMENTS = URIRef("http://www.w3.org/TR/media-frags/")  # "t=723.5": seconds into a recording


def add_quote(graph: Graph, node: URIRef, meeting: Meeting, span: Span, iris: Iris) -> URIRef:
    """Link `node` (a statement, resolution or action) to the span it was quoted from."""
    target = URIRef(f"{node}#target")
    position = URIRef(f"{node}#position")
    quote = URIRef(f"{node}#quote")
    graph.add((node, PROV.wasQuotedFrom, target))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, iris.source(meeting.id)))
    graph.add((target, OA.hasSelector, position))
    graph.add((target, OA.hasSelector, quote))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(span.start)))
    graph.add((position, OA.end, Literal(span.end)))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(meeting.text[span.start : span.end])))
    graph.add((quote, OA.prefix, Literal(meeting.text[max(0, span.start - CONTEXT_CHARS) : span.start])))
    graph.add((quote, OA.suffix, Literal(meeting.text[span.end : span.end + CONTEXT_CHARS])))
    if meeting.pages:  # a PDF: also the page of the original, for readers who open the PDF itself
        page = URIRef(f"{node}#page")
        graph.add((target, OA.hasSelector, page))
        graph.add((page, RDF.type, OA.FragmentSelector))
        graph.add((page, DCTERMS.conformsTo, PDF_FRAGMENTS))
        graph.add((page, RDF.value, Literal(f"page={page_at(meeting.pages, span.start)}")))
    milliseconds = time_at(meeting.times, span.start)
    if milliseconds is not None:  # a transcript of a recording (WebVTT): when the words were said
        moment = URIRef(f"{node}#time")
        graph.add((target, OA.hasSelector, moment))
        graph.add((moment, RDF.type, OA.FragmentSelector))
        graph.add((moment, DCTERMS.conformsTo, MEDIA_FRAGMENTS))
        graph.add((moment, RDF.value, Literal(f"t={milliseconds / 1000:g}")))
    return target
