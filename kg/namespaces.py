"""The one namespace module: standard vocabularies first, and the readable IRI scheme of our own nodes.

schema.org is used as http://schema.org/ throughout, the form Popolo's opengov:Speech profile uses
(rdflib's SDO is https://schema.org/, so it is deliberately not used).
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

SCHEMA = Namespace("http://schema.org/")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
OA = Namespace("http://www.w3.org/ns/oa#")
ODRS = Namespace("http://schema.theodi.org/odrs#")

DEFAULT_BASE_IRI = "https://w3id.org/minutes-kg/"

PREFIXES: dict[str, Namespace] = {
    "schema": SCHEMA,
    "opengov": OPENGOV,
    "oa": OA,
    "odrs": ODRS,
    "org": ORG,
    "foaf": FOAF,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}

__all__ = [
    "DCTERMS",
    "DEFAULT_BASE_IRI",
    "FOAF",
    "OA",
    "ODRS",
    "OPENGOV",
    "ORG",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "XSD",
    "Iris",
    "slug",
]


def slug(text: str) -> str:
    """A readable, stable IRI segment: 'Home Office' -> 'home-office', 'Síochána' -> 'siochana'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


class Iris:
    """The IRI scheme under one base: every node of ours gets a readable, content-stable IRI."""

    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        if not re.match(r"^https?://[^\s<>\"{}|\\^`]+[/#]$", base):
            raise ValueError(f"base IRI must be an http(s) IRI ending in / or #: {base!r}")
        self.base = base
        self.vocab = Namespace(f"{base}vocab#")  # own terms, only where no standard one fits

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def council(self, council_key: str) -> URIRef:
        return self._iri("council", council_key)

    def committee(self, council_key: str, committee: str) -> URIRef:
        return self._iri("committee", council_key, slug(committee))

    def meeting(self, meeting_id: str) -> URIRef:
        return self._iri("meeting", meeting_id)

    def source(self, meeting_id: str) -> URIRef:
        return self._iri("meeting", meeting_id, "source")

    def extraction(self, meeting_id: str) -> URIRef:
        return self._iri("meeting", meeting_id, "extraction")

    def item(self, meeting_id: str, number: str) -> URIRef:
        return self._iri("meeting", meeting_id, "item", slug(number))

    def membership(self, meeting_id: str, who: str) -> URIRef:
        return self._iri("meeting", meeting_id, "membership", who)

    def statement(self, statement_id: str) -> URIRef:
        return self._iri("statement", statement_id)

    def resolution(self, resolution_id: str) -> URIRef:
        return self._iri("resolution", resolution_id)

    def action(self, action_id: str) -> URIRef:
        return self._iri("action", action_id)

    def person(self, council_key: str, person_key: str) -> URIRef:
        return self._iri("person", council_key, person_key)

    def post(self, council_key: str, post: str, committee: str | None = None) -> URIRef:
        """A post of the council; a committee's post (its chair) is scoped to the committee."""
        local = f"{slug(committee)}-{slug(post)}" if committee else slug(post)
        return self._iri("post", council_key, local)

    def role(self, kind: str) -> URIRef:
        return self._iri("role", kind)

    def organisation(self, name: str) -> URIRef:
        return self._iri("organisation", slug(name))

    def document(self, name: str) -> URIRef:
        return self._iri("document", slug(name))

    def place(self, name: str) -> URIRef:
        return self._iri("place", slug(name))

    def topic(self, phrase: str) -> URIRef:
        return self._iri("topic", slug(phrase))

    def topic_scheme(self) -> URIRef:
        return self._iri("topics")

    def meeting_graph(self, meeting_id: str) -> URIRef:
        """The named graph holding everything one meeting's minutes say."""
        return self._iri("graph", "meeting", meeting_id)

    def roles_graph(self) -> URIRef:
        return self._iri("graph", "roles")

    def topic_graph(self) -> URIRef:
        return self._iri("graph", "topics")

    def local_name(self, iri: str, kind: str) -> str | None:
        """'…/statement/ab12' -> 'ab12' for kind 'statement'; None when the IRI is not one of ours."""
        prefix = f"{self.base}{kind}/"
        return iri[len(prefix) :] if iri.startswith(prefix) else None
