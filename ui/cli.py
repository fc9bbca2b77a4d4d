"""The `minutes-kg` command line: one subcommand per library function, no logic in handlers."""

from __future__ import annotations

import os

# Before anything imports huggingface_hub or gradio (bm25s and sentence-transformers do): they read
# these once, at import. Nothing is downloaded at run time, and no analytics leave the machine.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ingest.batch import default_workers, ingest_paths
from ingest.errors import MinutesKGError, UsageError
from ingest.metadata import MeetingFacts, checked_date
from ingest.serialise import meeting_view
from ingest.stats import store_stats
from ingest.store import MeetingStore, default_store_dir
from kg.analytics import all_networks, summarise, write_graphml
from kg.namespaces import DEFAULT_BASE_IRI
from kg.query_format import FORMATS, format_result
from kg.validation import load_shapes
from kg.workspace import Workspace
from qa.answer_view import answer_view, clock
from qa.index_sync import default_embedder, open_asker, sync_index

BASE_IRI = DEFAULT_BASE_IRI
EXPORT_CHOICES = ("turtle", "nt", "jsonld", "trig", "nq", "graphml")


def _progress(desc: str, unit: str):  # type: ignore[no-untyped-def]
    """A progress bar on stderr for long batches; silent when stderr is not a terminal."""

    def wrap(items):  # type: ignore[no-untyped-def]
        items = list(items)
        if len(items) < 5 or not sys.stderr.isatty():
            return items
        from tqdm import tqdm

        return tqdm(items, desc=desc, unit=unit, file=sys.stderr)

    return wrap


def _workspace(args: argparse.Namespace) -> Workspace:
    return Workspace(args.store, getattr(args, "base_iri", None), getattr(args, "endpoint", None))


def cmd_ingest(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        return _ingest(workspace, args)


def _stated(args: argparse.Namespace) -> MeetingFacts | None:
    date = checked_date(args.date) if args.date else None
    if not (args.council or args.committee or date):
        return None
    return MeetingFacts(args.council, args.committee, date)


def _ingest(workspace: Workspace, args: argparse.Namespace) -> int:
    workers = args.workers if args.workers is not None else default_workers()
    if workers < 1:
        raise UsageError(f"--workers {workers}: expected 1 or more")
    report = ingest_paths(
        [Path(p) for p in args.paths],
        workspace.meetings,
        progress=_progress("ingest", "file"),
        workers=workers,
        stated=_stated(args),
    )
    for result in report.results:
        if result.status == "failed":
            print(f"error: {result.error}", file=sys.stderr)
        elif result.status != "unchanged" or args.verbose:
            notes = f" ({'; '.join(result.notes)})" if result.notes else ""
            detail = f", {result.statements} statements" if result.status != "unchanged" else ""
            print(f"{result.status}: {result.path} -> {result.meeting}{detail}{notes}")
    print(report.table(), file=sys.stderr)
    done = len(report.results) - len(report.failed)
    print(
        f"{done} of {len(report.results)} files ingested into {args.store}, {len(report.failed)} failed",
        file=sys.stderr,
    )
    if report.failed:
        print(f"{len(report.failed)} failed:", file=sys.stderr)
        for result in report.failed:
            print(f"  {result.error}", file=sys.stderr)
    synced = workspace.sync(progress=_progress("graph", "meeting"))
    print(
        f"graph: {len(synced.replaced)} meeting graphs written, {len(synced.dropped)} dropped, "
        f"{len(synced.unchanged)} unchanged; {workspace.triples.triple_count()} quads",
        file=sys.stderr,
    )
    indexed = sync_index(workspace.meetings, default_embedder(), progress=_progress("index", "meeting"))
    changed = sum(1 for status in indexed.values() if status != "unchanged")
    print(f"index: {changed} meetings embedded or removed, {len(indexed) - changed} unchanged", file=sys.stderr)
    written = report.count("stored") + report.count("replaced")
    if not written and not (synced.replaced or synced.dropped or changed):
        again = f", {len(report.failed)} failed again" if report.failed else ""
        print(
            f"nothing to do: {report.count('unchanged')} files unchanged since the last ingest{again}", file=sys.stderr
        )
    return 1 if report.failed else 0


def _read_query(text: str) -> str:
    """The query itself, or @FILE to read it from a file, or - for stdin."""
    if text == "-":
        return sys.stdin.read()
    if text.startswith("@"):
        path = Path(text[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as error:
            raise UsageError(f"cannot read query file {path}: {error.strerror}") from None
    return text


def _print_answer(view: dict, as_json: bool) -> None:  # type: ignore[type-arg]
    if as_json:
        print(json.dumps(view, ensure_ascii=False))
        return
    print(view["answer"])
    for c in view["citations"]:
        where = ", ".join(str(x) for x in (c["date"], c["item"]) if x)
        page = f" p.{c['page']}" if c.get("page") else ""
        page += f" at {clock(c['time'])}" if c.get("time") is not None else ""
        print(
            f"  [{c['n']}] {c['speaker']} ({c['speaker_kind']}, {c['act']}) {where} — "
            f"{c['source']}{page}:{c['start']}-{c['end']}"
        )
    interpretation = {k: v for k, v in view["interpretation"].items() if v is not None}
    print(f"  interpretation: {json.dumps(interpretation, ensure_ascii=False)}")


def cmd_ask(args: argparse.Namespace) -> int:
    if (args.question is None) == (args.batch is None):
        raise UsageError("give a QUESTION or --batch FILE, not both")
    asker = open_asker(MeetingStore(args.store))
    iris = Workspace(args.store).iris
    if args.question is not None:
        _print_answer(answer_view(asker.ask(args.question, args.top), iris), args.json)
        return 0
    if not args.json:
        raise UsageError("--batch writes one JSON object a line: add --json")
    try:
        text = sys.stdin.read() if args.batch == "-" else Path(args.batch).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read questions from {args.batch}: {error}") from None
    failed = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            view = answer_view(asker.ask(line, args.top), iris)
        except UsageError as error:
            failed += 1
            view = {"question": line, "error": str(error)}
        print(json.dumps(view, ensure_ascii=False), flush=True)
    return 1 if failed else 0


def cmd_sparql(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        result = workspace.query(_read_query(args.query), timeout_s=args.timeout)
    print(format_result(result, args.format))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        return _export(workspace, args)


def _export(workspace: Workspace, args: argparse.Namespace) -> int:
    if args.format == "graphml":
        if not args.output:
            raise UsageError("GraphML export needs --output FILE")
        write_graphml(all_networks(workspace.triples), Path(args.output))
        return 0
    if not args.output:
        workspace.export(sys.stdout.buffer, args.format, args.meeting)
        sys.stdout.buffer.flush()
        return 0
    output = Path(args.output)
    tmp = output.with_name(f".{output.name}.tmp")
    try:
        with tmp.open("wb") as handle:
            workspace.export(handle, args.format, args.meeting)
        tmp.replace(output)
    finally:
        tmp.unlink(missing_ok=True)
    print(f"wrote {output} ({output.stat().st_size} bytes, {args.format})", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        return _validate(workspace, args)


def _validate(workspace: Workspace, args: argparse.Namespace) -> int:
    ids = [workspace.meetings.find(args.meeting).id] if args.meeting else workspace.meetings.ids()
    shapes = load_shapes()
    failed = 0
    for meeting_id in _progress("validate", "meeting")(ids):
        report = workspace.validate(meeting_id, shapes)
        print(f"{'conforms' if report.conforms else 'VIOLATES'}: {meeting_id} ({report.triples} triples)")
        for line in report.violations[: args.max_violations]:
            print(f"  {line}")
        failed += not report.conforms
    print(f"{len(ids) - failed} of {len(ids)} meeting graphs conform to kg/shapes.ttl", file=sys.stderr)
    return 1 if failed else 0


def cmd_graph(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        networks = all_networks(workspace.triples)
    for network in networks.values():
        summary = summarise(network)
        print(f"{summary.name}: {summary.nodes} nodes, {summary.edges} edges")
        if summary.top_central:
            print("  most central: " + "; ".join(f"{label} ({score})" for label, score in summary.top_central))
        for n, group in enumerate(summary.communities[:3], start=1):
            print(f"  community {n}: " + ", ".join(group))
    if args.output:
        write_graphml(networks, Path(args.output))
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    meeting = MeetingStore(args.store).find(args.meeting)
    view = meeting_view(meeting, BASE_IRI)
    if args.json:
        print(json.dumps(view, ensure_ascii=False, indent=2))
        return 0
    print(
        f"{view['meeting']}\n  source: {meeting.source}\n  council: {meeting.council}\n"
        f"  committee: {meeting.committee}\n  date: {meeting.date}\n  kind: {meeting.kind}"
    )
    print(
        f"  attendance: {len(meeting.attendance)}  items: {len(meeting.items)}  statements: "
        f"{len(meeting.statements)}  resolutions: {len(meeting.resolutions)}  actions: {len(meeting.actions)}"
    )
    item_titles = {i.number: i.title for i in meeting.items}
    current_item: str | None = "-"
    for s in meeting.statements:
        if s.item != current_item:
            current_item = s.item
            print(f"\n[{s.item}] {item_titles.get(s.item or '', '')}" if s.item else "\n[no item]")
        print(
            f"  {s.span.start:>6}-{s.span.end:<6} {s.speaker.label} ({s.speaker.kind}) {s.act}: "
            f"{' '.join(s.text.split())[:160]}"
        )
    for r in meeting.resolutions:
        print(f"  RESOLUTION {r.span.start}-{r.span.end}: {' '.join(r.text.split())[:160]}")
    for a in meeting.actions:
        print(f"  ACTION {a.agent.label}: {' '.join(a.text.split())[:160]}" + (f" (due {a.due})" if a.due else ""))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    stats = store_stats(MeetingStore(args.store))
    if args.json:
        print(json.dumps(stats, indent=2))
    else:
        for key, value in stats.items():
            print(f"{key}: {value}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """The web app over the same library: graph and index brought in step first, then served until stopped."""
    from ui.app import serve
    from ui.service import Service

    service = Service(args.store)
    try:
        service.prepare()
        print(f"serving {args.store} on http://{args.host}:{args.port}", file=sys.stderr, flush=True)
        serve(service, args.host, args.port)
    finally:
        service.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="minutes-kg", description="Council minutes into a knowledge graph.")
    sub = parser.add_subparsers(dest="command", required=True)
    store_help = "store folder (default: $MINUTES_KG_STORE, else data/store)"

    p = sub.add_parser("ingest", help="read minutes files or folders into the store")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files (text, PDF, Word, HTML, WebVTT) or folders")
    p.add_argument("--store", type=Path, default=None, help=store_help)
    p.add_argument("--council", default=None, help="council of every file ingested (over what the text says)")
    p.add_argument("--committee", default=None, help="committee of every file ingested")
    p.add_argument("--date", default=None, help="meeting date YYYY-MM-DD of every file ingested")
    p.add_argument("--workers", type=int, default=None, help="parsing processes (default: 2, or 1 on one core)")
    p.add_argument("-v", "--verbose", action="store_true", help="also list unchanged files")
    p.add_argument("--base-iri", default=None, help=f"IRI base of a new store's graph (default {DEFAULT_BASE_IRI})")
    p.add_argument(
        "--endpoint",
        default=None,
        help="use a remote SPARQL 1.1 endpoint for the graph: QUERY_URL[,UPDATE_URL] (remembered by the store)",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("show", help="print a parsed meeting")
    p.add_argument("meeting", metavar="FILE|MEETING")
    p.add_argument("--store", type=Path, default=None, help=store_help)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("ask", help="answer a question from the minutes, with citations")
    p.add_argument("question", nargs="?", metavar="QUESTION")
    p.add_argument("--batch", default=None, metavar="FILE", help="one question a line (- for stdin); needs --json")
    p.add_argument("--store", type=Path, default=None, help=store_help)
    p.add_argument("--top", type=int, default=5, help="at most this many citations (default 5)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("sparql", help="a read-only SPARQL query over the graph")
    p.add_argument("query", metavar="QUERY", help="the query, @FILE, or - for stdin")
    p.add_argument("--store", type=Path, default=None, help=store_help)
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds before the query is stopped (default 10)")
    p.set_defaults(func=cmd_sparql)

    p = sub.add_parser("export", help="write the graph as RDF, or its networks as GraphML")
    p.add_argument("--store", type=Path, default=None, help=store_help)
    p.add_argument("--format", choices=EXPORT_CHOICES, default="turtle")
    p.add_argument("--output", "-o", default=None, help="file to write (default: stdout)")
    p.add_argument("--meeting", default=None, help="only this meeting's graph (id, IRI or file name)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("validate", help="check meeting graphs against the SHACL shapes")
    p.add_argument("--store", type=Path, default=None, help=store_help)
    p.add_argument("--meeting", default=None)
    p.add_argument("--max-violations", type=int, default=20)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("graph", help="network analytics: who asked whom, people and topics; GraphML")
    p.add_argument("--store", type=Path, default=None, help=store_help)
    p.add_argument("--output", "-o", default=None, help="GraphML file to write")
    p.set_defaults(func=cmd_graph)

    p = sub.add_parser("serve", help="the web app: ask, SPARQL, export, ingest and explore in a browser")
    p.add_argument("--store", type=Path, default=None, help=store_help)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=7860)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("stats", help="counts over the store")
    p.add_argument("--store", type=Path, default=None, help=store_help)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "store", None) is None:
        args.store = default_store_dir()
    try:
        return int(args.func(args))
    except MinutesKGError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
