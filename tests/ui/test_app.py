"""The served app through its named API endpoints, as an outside client (gradio_client) sees it."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import networkx as nx
import pytest
from rdflib import Dataset, Graph

from tests.conftest import REPO
from tests.ui.conftest import Served

FAITH = "what did officers say about faith group engagement"
SCRIPT_MINUTES = """Minutes of the Scriptville Parish Council meeting held on 5 June 2024

Present: Cllr A Smith (Chair), Cllr B Jones

1. Allotments <b>and</b> water

Cllr Jones asked about the allotment waiting list <script>alert("x")</script> and the water supply.
The Clerk replied that the allotment waiting list had twelve names <img src=x onerror=alert(1)> on it.
"""
EVIL_MINUTES = b"""Minutes of the Evil Parish Council meeting held on 1 May 2024

1. Drains

The Clerk reported that the drains in Mill Lane were blocked again.
"""


def _upload(served: Served, name: str, content: bytes) -> str:
    """Upload as a browser does, with any file name: gradio's own upload route, then its server path."""
    response = httpx.post(f"{served.url}gradio_api/upload", files=[("files", (name, content, "text/plain"))])
    response.raise_for_status()
    return str(response.json()[0])


def _file(path: str, name: str) -> dict[str, object]:
    return {"path": path, "orig_name": name, "meta": {"_type": "gradio.FileData"}}


def test_every_function_is_a_named_endpoint(client) -> None:  # type: ignore[no-untyped-def]
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    expected = {"/ask", "/render_answer", "/choices", "/sparql", "/sparql_example", "/export", "/ingest"}
    assert expected | {"/search", "/entity", "/network"} <= set(endpoints)
    assert endpoints["/ask"]["parameters"][0]["parameter_name"] == "question"


def test_ask_returns_officer_citations(client, served: Served) -> None:  # type: ignore[no-untyped-def]
    view = client.predict(FAITH, api_name="/ask")
    assert view["interpretation"]["speaker_kind"] == "officer" and not view["abstained"]
    assert view["citations"] and {c["speaker_kind"] for c in view["citations"]} <= {"officer", "clerk"}
    for c in view["citations"]:
        text = served.service.workspace.meetings.find(c["source"]).text
        assert text[c["start"] : c["end"]] == c["text"]
        assert f"[{c['n']}]" in view["answer"]
    page = client.predict(view, api_name="/render_answer")
    assert page.count("class='mkg-card'") == len(view["citations"])
    assert "Show in context" in page and "<mark class='mkg-hit'>faith</mark>" in page
    assert "class='mkg-kind mkg-kind-councillor'" not in page


def test_filters_narrow_the_answer(client) -> None:  # type: ignore[no-untyped-def]
    view = client.predict("what was said about faith groups", "councillor", api_name="/ask")
    assert view["citations"] and {c["speaker_kind"] for c in view["citations"]} <= {"councillor", "chair"}
    view = client.predict("what was said about faith groups", person="Councillor Abbas", api_name="/ask")
    assert view["citations"] and all("Abbas" in c["speaker"] for c in view["citations"])
    view = client.predict("what was said about children", date_from="2024", date_to="2024-12-31", api_name="/ask")
    assert view["citations"] and all(c["date"].startswith("2024") for c in view["citations"])
    assert view["interpretation"]["date_from"] == "2024-01-01"
    view = client.predict("what was said about crime", committee="Joint Policing Committee", api_name="/ask")
    assert view["citations"] and {c["committee"] for c in view["citations"]} == {"Joint Policing Committee"}
    with pytest.raises(Exception, match="bad date"):
        client.predict("what was said about crime", date_from="last week", api_name="/ask")
    with pytest.raises(Exception, match="empty question"):
        client.predict("   ", api_name="/ask")


def test_abstention_is_said_plainly(client) -> None:  # type: ignore[no-untyped-def]
    view = client.predict("what did the public say about quantum chromodynamics", api_name="/ask")
    assert view["abstained"] and not view["citations"]
    page = client.predict(view, api_name="/render_answer")
    assert "<b>No answer:</b>" in page and "mkg-card" not in page


def test_export_returns_turtle_that_parses(client) -> None:  # type: ignore[no-untyped-def]
    turtle = Graph().parse(client.predict("turtle", "", api_name="/export"), format="turtle")
    assert len(turtle) > 1000
    one = client.predict("jsonld", "thurrock-prevent-extract", api_name="/export")
    assert Path(one).name == "thurrock-prevent-extract.jsonld"
    assert 0 < len(Graph().parse(one, format="json-ld")) < len(turtle)
    assert len(Dataset().parse(client.predict("trig", "", api_name="/export"), format="trig")) >= 0
    networks = nx.read_graphml(client.predict("graphml", "", api_name="/export"))
    assert networks.number_of_edges() > 0
    with pytest.raises(Exception, match="whole graph"):
        client.predict("graphml", "thurrock-prevent-extract", api_name="/export")


def test_sparql_reads_and_refuses_updates(client) -> None:  # type: ignore[no-untyped-def]
    example = client.predict("01-officer-commitments", api_name="/sparql_example")
    assert example.startswith("# All commitments")
    table, status, csv = client.predict(example, 10, api_name="/sparql")
    assert table["headers"][:2] == ["who", "commitment"] and re.match(r"\d+ rows", status)
    assert Path(csv).read_text(encoding="utf-8").splitlines()[0].startswith("who,commitment")
    for update in ("DROP ALL", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "CLEAR DEFAULT"):
        with pytest.raises(Exception, match="read-only"):
            client.predict(update, 10, api_name="/sparql")
    with pytest.raises(Exception, match="(?i)syntax|parse|expected"):
        client.predict("SELECT ?s WHERE { ?s ", 10, api_name="/sparql")


def test_minutes_with_markup_are_shown_escaped(client, served: Served) -> None:  # type: ignore[no-untyped-def]
    path = _upload(served, "scriptville.txt", SCRIPT_MINUTES.encode())
    table, summary = client.predict([_file(path, "scriptville.txt")], api_name="/ingest")
    assert table["data"][0][:4] == ["scriptville.txt", "stored", "text", "scriptville"], table
    assert "1 of 1 files ingested" in summary
    view = client.predict("what did the clerk say about the allotment waiting list", api_name="/ask")  # no restart
    cited = [c for c in view["citations"] if c["source"] == "scriptville.txt"]
    assert cited and "<img src=x" in cited[0]["text"]
    page = client.predict(view, api_name="/render_answer")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;script&gt;" in page  # quote and its context
    assert "&lt;b&gt;and&lt;/b&gt;" in page and "<b>and</b>" not in page  # the agenda item's title
    assert not re.search(r"<(script|img)", page, re.IGNORECASE)
    _, hits = client.predict("scriptville", ["meeting"], api_name="/search")
    assert hits
    entity, timeline, network = client.predict(hits[0]["iri"], api_name="/entity")
    assert "&lt;script&gt;" in entity and not re.search(r"<(script|img)", entity + timeline + network, re.I)


def test_upload_names_stay_inside_the_upload_folder(client, served: Served) -> None:  # type: ignore[no-untyped-def]
    path = _upload(served, "../../evil.txt", EVIL_MINUTES)
    table, _ = client.predict([_file(path, "../../evil.txt")], api_name="/ingest")
    assert table["data"][0][:4] == ["evil.txt", "stored", "text", "evil"]
    assert served.service.workspace.meetings.get("evil").source == "evil.txt"
    view = client.predict("what did the clerk report about the drains", api_name="/ask")
    assert any(c["source"] == "evil.txt" for c in view["citations"])


def test_a_pdf_upload_is_read_and_cited_with_its_page(client, served: Served) -> None:  # type: ignore[no-untyped-def]
    pdf = REPO / "tests" / "fixtures" / "formats" / "limerick-housing-spc-excerpt.pdf"
    path = _upload(served, "Housing SPC minutes (March).pdf", pdf.read_bytes())
    table, _ = client.predict([_file(path, "Housing SPC minutes (March).pdf")], api_name="/ingest")
    headers, row = table["headers"], table["data"][0]
    assert dict(zip(headers, row, strict=True)) | {"error": ""} == {
        "file": "Housing_SPC_minutes_March_.pdf",
        "status": "stored",
        "format": "pdf",
        "meeting": "housing-spc-minutes-march",
        "statements": row[headers.index("statements")],
        "pages": "2",
        "error": "",
    }
    meeting = served.service.workspace.meetings.get("housing-spc-minutes-march")
    longest = max(meeting.statements, key=lambda s: len(s.text))
    view = client.predict(longest.text, api_name="/ask")
    cited = [c for c in view["citations"] if c["source"] == "Housing_SPC_minutes_March_.pdf"]
    assert cited and all(c["page"] in (1, 2) for c in cited)
    assert "page " in client.predict(view, api_name="/render_answer")


def test_a_server_path_is_not_an_upload(served: Served) -> None:
    """A raw API call naming a file on the server is refused: only uploaded files are ingested."""
    call = httpx.post(f"{served.url}gradio_api/call/ingest", json={"data": [[_file("/etc/hostname", "x.txt")]]})
    events = httpx.get(f"{served.url}gradio_api/call/ingest/{call.json()['event_id']}", timeout=60).text
    assert "event: error" in events and "event: complete" not in events
    assert "hostname" not in served.service.workspace.meetings.ids()


def test_twenty_simultaneous_questions(client) -> None:  # type: ignore[no-untyped-def]
    questions = [FAITH, "who asked about radicalisation", "what did the police say about crime", "what was resolved"]
    alone = {q: client.predict(q, api_name="/ask") for q in questions}
    with ThreadPoolExecutor(max_workers=20) as pool:
        views = list(pool.map(lambda n: client.predict(questions[n % 4], api_name="/ask"), range(20)))
    for n, view in enumerate(views):
        expected = alone[questions[n % 4]]
        assert [c["statement"] for c in view["citations"]] == [c["statement"] for c in expected["citations"]]


def test_explore_finds_people_and_draws_pictures(client) -> None:  # type: ignore[no-untyped-def]
    dropdown, hits = client.predict("abbas", api_name="/search")
    person = next(h for h in hits if h["kind"] == "person")
    entity, timeline, network = client.predict(person["iri"], api_name="/entity")
    assert "Questions asked" in entity and "Abbas" in entity
    assert timeline.startswith("<svg") and "<svg" in network and "Abbas" in network
    assert "<svg" in client.predict(api_name="/network")
    with pytest.raises(Exception, match="not an entity IRI"):
        client.predict("x> } DROP ALL { <y", api_name="/entity")


def test_choices_list_people_committees_and_meetings(client) -> None:  # type: ignore[no-untyped-def]
    people, committees, meetings = client.predict(api_name="/choices")
    assert ["Councillor Abbas", "Councillor Abbas"] in people["choices"]
    assert ["Joint Policing Committee", "Joint Policing Committee"] in committees["choices"]
    assert any(value == "thurrock-prevent-extract" for _, value in meetings["choices"])
    json.dumps([people, committees, meetings])
