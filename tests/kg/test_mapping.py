"""Meeting -> RDF: what the seed minutes must show, determinism, identity and offsets."""

from __future__ import annotations

from datetime import UTC, datetime

from rdflib.compare import isomorphic

from ingest.model import Meeting
from ingest.parser import parse
from ingest.reading import read_source
from kg.mapping import meeting_to_graph
from kg.namespaces import Iris
from kg.workspace import Workspace
from tests.conftest import MINUTES, REPO, SEED

PREFIXES = """
PREFIX schema: <http://schema.org/> PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX org: <http://www.w3.org/ns/org#>
PREFIX opengov: <http://www.w3.org/ns/opengov#> PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX mkg: <https://w3id.org/minutes-kg/vocab#>
"""
SEED_GRAPH = "<https://w3id.org/minutes-kg/graph/meeting/thurrock-prevent-extract>"
ROLE = "https://w3id.org/minutes-kg/role/"


def _select(workspace: Workspace, body: str) -> list[tuple[str, ...]]:
    return [tuple(str(t) for t in row) for row in workspace.query(PREFIXES + body, timeout_s=None).rows]


def test_seed_councillors_officers_and_chair(sample_workspace: Workspace) -> None:
    people = _select(
        sample_workspace,
        f"SELECT DISTINCT ?name WHERE {{ GRAPH {SEED_GRAPH} {{ ?s opengov:role <{ROLE}councillor> ;"
        " schema:creator ?p . ?p a foaf:Person ; foaf:name ?name } }",
    )
    assert {n for (n,) in people} == {"Ralph", "Abbas", "Collins", "Chukwu", "Shinnick"}
    posts = _select(
        sample_workspace,
        f"SELECT DISTINCT ?label WHERE {{ GRAPH {SEED_GRAPH} {{ ?s opengov:role <{ROLE}officer> ;"
        " schema:creator ?p . ?p a org:Post ; skos:prefLabel ?label } }",
    )
    assert {label for (label,) in posts} == {
        "Community Safety Partnership Manager",
        "Assistant Director Adult Social Care and Communities",
    }
    chair = _select(
        sample_workspace,
        f"SELECT DISTINCT ?s WHERE {{ GRAPH {SEED_GRAPH} {{ ?s opengov:role <{ROLE}chair> }} }}",
    )
    assert chair


def _quoted(workspace: Workspace, cls: str, text_property: str) -> list[tuple[str, ...]]:
    return _select(
        workspace,
        f"SELECT ?x ?text ?start ?end ?exact ?file WHERE {{ GRAPH {SEED_GRAPH} {{ ?x a {cls} ; {text_property} ?text ;"
        " prov:wasQuotedFrom ?t . ?t oa:hasSource ?src ; oa:hasSelector ?p, ?q ."
        " ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact . ?src schema:name ?file } }",
    )


def test_seed_resolutions_and_commitments_link_to_their_source_span(sample_workspace: Workspace) -> None:
    text = read_source(REPO / "data" / "minutes" / "thurrock-prevent-extract.txt").text
    resolutions = _quoted(sample_workspace, "mkg:Resolution", "schema:text")
    actions = _quoted(sample_workspace, "schema:Action", "schema:description")
    assert len(resolutions) == 3
    assert len(actions) == 4
    for _, words, start, end, exact, source in resolutions + actions:
        assert source == "thurrock-prevent-extract.txt"
        assert text[int(start) : int(end)] == exact == words
    said = _select(
        sample_workspace,
        f"SELECT ?text WHERE {{ GRAPH {SEED_GRAPH} {{ ?a a schema:Action ; prov:wasDerivedFrom ?s ."
        " ?s schema:text ?text } }",
    )
    descriptions = " ".join(" ".join(row[0].split()) for row in said)
    for commitment in ("Communications team", "SACRE", "invited to December’s meeting", "questionnaire"):
        assert commitment in descriptions


def test_graph_is_a_function_of_the_meeting(seed: Meeting) -> None:
    when = datetime(2026, 1, 1, tzinfo=UTC)
    again = parse(read_source(MINUTES / SEED))
    assert isomorphic(meeting_to_graph(seed, Iris(), when), meeting_to_graph(again, Iris(), when))


def test_base_iri_is_respected(seed: Meeting) -> None:
    graph = meeting_to_graph(seed, Iris("http://example.org/kg/"))
    subjects = {str(s) for s in graph.subjects()}
    ours = {s for s in subjects if "minutes-kg" in s and not s.startswith("http://example.org/kg/")}
    assert not ours


def test_every_selector_quotes_its_source_in_every_real_file(corpus_workspace: Workspace) -> None:
    rows = _select(
        corpus_workspace,
        "SELECT ?file ?start ?end ?exact WHERE { ?t oa:hasSource ?src ; oa:hasSelector ?p, ?q ."
        " ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact . ?src schema:name ?file }",
    )
    texts = {path.name: read_source(path).text for path in MINUTES.glob("*.txt")}
    assert len(rows) > 5000
    for file, start, end, exact in rows:
        assert texts[file][int(start) : int(end)] == exact


def test_people_resolve_within_a_council_and_stay_apart_across_councils(corpus_workspace: Workspace) -> None:
    rows = _select(
        corpus_workspace,
        "SELECT ?p (COUNT(DISTINCT ?g) AS ?meetings) (GROUP_CONCAT(DISTINCT ?alt; separator='|') AS ?alts)"
        " WHERE { GRAPH ?g { ?p a foaf:Person ; skos:altLabel ?alt } } GROUP BY ?p",
    )
    multi = {p: alts.split("|") for p, n, alts in rows if int(n) > 1}
    assert multi, "some person of a council appears in more than one meeting"
    gough = [alts for p, alts in multi.items() if p.endswith("/person/kent-county-council/gough")]
    assert gough and len(gough[0]) >= 2  # "Mr R W Gough", "the Leader, Mr Gough", ...
    councils = {p.split("/person/")[1].split("/")[0] for p, _, _ in rows}
    assert len(councils) >= 5
    surnames: dict[str, set[str]] = {}
    for p, _, _ in rows:
        council, key = p.split("/person/")[1].split("/")
        surnames.setdefault(key, set()).add(council)
    shared = [key for key, where in surnames.items() if len(where) > 1]
    assert shared, "a surname used in two councils gives two distinct people"
