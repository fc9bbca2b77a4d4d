"""The Gradio app: five tabs over ui/service.py, each event a named API endpoint.

Handlers only call the service and render; a MinutesKGError becomes a gr.Error with its message
(escaped: Gradio renders error messages as HTML, and they can quote user input). Dropdowns whose
choices come from the store accept any value, so API clients are not bound to the choices the page
was built with; the library checks the value instead.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import gradio as gr

from ingest.errors import MinutesKGError
from kg.entities import KINDS
from qa.filters import SPEAKER_KIND_CHOICES, AskFilters
from ui.explore import hit_choices, profile_html
from ui.pictures import network_svg, timeline_svg
from ui.service import EXPORT_SUFFIX, Service, example_queries
from ui.tables import ingest_rows, ingest_summary, result_status, result_table
from ui.views import CSS, answer_html

EXAMPLE_QUESTIONS = [
    "what did officers say about faith group engagement",
    "who asked about radicalisation",
    "what did Councillor Ralph ask",
    "who answered questions about extremism",
    "what was said about foster carers",
    "what was resolved",
    "what did the police say about crime statistics",
    "what did officers promise to do",
]
ANY = ("any", "")
F = TypeVar("F", bound=Callable[..., Any])


def user_errors(fn: F) -> F:
    """A MinutesKGError is the user's to fix: show its message, not a stack trace."""

    @functools.wraps(fn)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except MinutesKGError as error:
            raise gr.Error(html.escape(str(error), quote=False)) from None

    return wrapped  # type: ignore[return-value]


def build_app(service: Service) -> gr.Blocks:
    examples = example_queries()

    @user_errors
    def ask(
        question: str,
        speaker_kind: str = "",
        person: str = "",
        committee: str = "",
        date_from: str = "",
        date_to: str = "",
        top: float = 5,
    ) -> dict[str, Any]:
        """Answer a question from the minutes: the `ask --json` object, with numbered citations."""
        filters = AskFilters(speaker_kind or None, person or None, committee or None, date_from, date_to)
        return service.ask(question, int(top), filters)

    def render_answer(view: dict[str, Any] | None) -> str:
        """The answer as citation cards (every quote escaped), each with its context in the minutes."""
        return answer_html(view, service.meeting_text)

    @user_errors
    def choices() -> tuple[Any, Any, Any]:
        """Refresh the person, committee and meeting lists (after an ingest, or on page load)."""
        found = service.choices()
        return (
            gr.Dropdown(choices=[ANY, *found.people], value=""),
            gr.Dropdown(choices=[ANY, *found.committees], value=""),
            gr.Dropdown(choices=[("all meetings", ""), *service.meeting_ids()], value=""),
        )

    def sparql_example(name: str) -> str:
        """The text of one of the example queries in docs/queries."""
        return examples.get(name, "")

    @user_errors
    def sparql(query: str, timeout_s: float = 10) -> tuple[Any, str, str | None]:
        """Run a read-only SPARQL query; updates are refused. Returns the table, a status line and a CSV file."""
        result = service.sparql(query, timeout_s)
        csv = service.csv_file(result)
        return result_table(result), result_status(result), str(csv) if csv else None

    @user_errors
    def export(fmt: str = "turtle", meeting: str = "") -> str:
        """The whole graph, or one meeting's graph, as Turtle, N-Triples, JSON-LD, TriG, N-Quads or GraphML."""
        return str(service.export(fmt, meeting or None))

    @user_errors
    def ingest(files: list[str] | None) -> tuple[Any, str]:
        """Ingest uploaded minutes files; the graph and the search index update at once."""
        outcome = service.ingest([Path(f) for f in files or []])
        return ingest_rows(outcome), ingest_summary(outcome)

    @user_errors
    def search(text: str, kinds: list[str] | None = None) -> tuple[Any, list[dict[str, str]]]:
        """Find people, posts, organisations, topics and meetings whose name contains the text."""
        hits = service.search(text, kinds or list(KINDS))
        found = [{"iri": h.iri, "kind": h.kind, "label": h.label} for h in hits]
        return gr.Dropdown(choices=hit_choices(hits), value=hits[0].iri if hits else None), found

    @user_errors
    def entity(iri: str | None) -> tuple[str, str, str]:
        """One entity's page: its statements, questions, commitments, resolutions and topics, with pictures."""
        if not iri:
            return "", "", ""
        profile = service.profile(iri)
        focus = iri if profile.kind in ("person", "post") else None
        return (
            profile_html(profile),
            timeline_svg(profile.timeline, f"Topics over time: {profile.label}"),
            network_svg(service.asked_network(), focus),
        )

    def network() -> str:
        """The whole who-asked-whom network as an SVG picture."""
        return network_svg(service.asked_network())

    with gr.Blocks(title="minutes-kg", analytics_enabled=False) as app:
        gr.Markdown("# minutes-kg\nQuestions answered from council minutes, with citations; the graph behind them.")
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                question = gr.Textbox(label="Question", placeholder=EXAMPLE_QUESTIONS[0], elem_id="mkg-question")
                gr.Examples(EXAMPLE_QUESTIONS, inputs=question, label="Example questions")
                with gr.Accordion("Filters", open=False):
                    with gr.Row():
                        kind = gr.Dropdown([ANY, *SPEAKER_KIND_CHOICES], value="", label="Speaker kind")
                        person = gr.Dropdown([ANY], value="", label="Person or post", allow_custom_value=True)
                        committee = gr.Dropdown([ANY], value="", label="Committee", allow_custom_value=True)
                    with gr.Row():
                        date_from = gr.Textbox("", label="From date", placeholder="YYYY-MM-DD")
                        date_to = gr.Textbox("", label="To date", placeholder="YYYY-MM-DD")
                        top = gr.Slider(1, 20, value=5, step=1, label="Citations at most")
                ask_button = gr.Button("Ask", variant="primary", elem_id="mkg-ask")
                answer_view = gr.HTML(elem_id="mkg-answer")
                with gr.Accordion("Answer as JSON", open=False):
                    answer_json = gr.JSON(label="ask --json")
            with gr.Tab("SPARQL", id="sparql"):
                example = gr.Dropdown([("choose an example", ""), *examples], value="", label="Example queries")
                query = gr.Textbox(label="SPARQL query (read-only)", lines=12, max_lines=40, elem_id="mkg-query")
                timeout = gr.Slider(1, 60, value=10, step=1, label="Time limit (seconds)")
                run_button = gr.Button("Run query", variant="primary", elem_id="mkg-run")
                status = gr.Markdown()
                table = gr.Dataframe(interactive=False, wrap=True, max_height=480, elem_id="mkg-results")
                csv = gr.File(label="Results as CSV")
            with gr.Tab("Export", id="export"):
                fmt = gr.Radio(list(EXPORT_SUFFIX), value="turtle", label="Format")
                meeting = gr.Dropdown([("all meetings", "")], value="", label="Meeting", allow_custom_value=True)
                gr.Markdown("GraphML holds the who-asked-whom, person-topic and topic networks of the whole graph.")
                export_button = gr.Button("Export", variant="primary", elem_id="mkg-export")
                download = gr.File(label="Download", elem_id="mkg-download")
            with gr.Tab("Ingest", id="ingest"):
                files = gr.File(
                    label="Minutes files: text, PDF, Word (.docx), HTML or WebVTT",
                    file_count="multiple",
                    type="filepath",
                    elem_id="mkg-files",
                )
                ingest_button = gr.Button("Ingest", variant="primary", elem_id="mkg-ingest")
                ingest_status = gr.Markdown()
                ingest_table = gr.Dataframe(interactive=False, wrap=True)
            with gr.Tab("Explore", id="explore"):
                with gr.Row():
                    needle = gr.Textbox(
                        label="Search people, posts, organisations, topics, meetings",
                        scale=3,
                        elem_id="mkg-explore-search",
                    )
                    kinds = gr.CheckboxGroup(list(KINDS), value=list(KINDS), label="Kinds", scale=2)
                search_button = gr.Button("Search", elem_id="mkg-search")
                hits = gr.Dropdown([], label="Results", elem_id="mkg-hits", allow_custom_value=True)
                with gr.Accordion("Results as JSON", open=False):
                    hits_json = gr.JSON()
                with gr.Row():
                    timeline_view = gr.HTML(elem_id="mkg-timeline")
                    network_view = gr.HTML(elem_id="mkg-network")
                entity_view = gr.HTML(elem_id="mkg-entity")
                network_button = gr.Button("Show the whole who-asked-whom network")

        ask_inputs = [question, kind, person, committee, date_from, date_to, top]
        asked = gr.on(
            [ask_button.click, question.submit], ask, ask_inputs, answer_json, api_name="ask", concurrency_limit=4
        )
        asked.success(render_answer, answer_json, answer_view, api_name="render_answer", concurrency_limit=4)
        app.load(choices, None, [person, committee, meeting], api_name="choices")
        example.change(sparql_example, example, query, api_name="sparql_example")
        gr.on(
            [run_button.click], sparql, [query, timeout], [table, status, csv], api_name="sparql", concurrency_limit=2
        )
        export_button.click(export, [fmt, meeting], download, api_name="export")
        ingest_button.click(ingest, files, [ingest_table, ingest_status], api_name="ingest").success(
            choices, None, [person, committee, meeting], api_name="choices_after_ingest"
        )
        gr.on([search_button.click, needle.submit], search, [needle, kinds], [hits, hits_json], api_name="search")
        hits.change(entity, hits, [entity_view, timeline_view, network_view], api_name="entity")
        network_button.click(network, None, network_view, api_name="network")
    return app


def serve(service: Service, host: str = "127.0.0.1", port: int = 7860, block: bool = True) -> gr.Blocks:
    """Launch on host:port, never shared, with no analytics; `block=False` returns at once (tests)."""
    app = build_app(service)
    app.queue(default_concurrency_limit=1)
    app.launch(
        server_name=host,
        server_port=port,
        share=False,
        ssr_mode=False,
        css=CSS,
        max_file_size="20mb",
        prevent_thread_lock=not block,
        quiet=not block,
    )
    return app
