"""The `minutes-kg` command line: one subcommand per library function, no logic in handlers."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ingest.batch import ingest_paths
from ingest.errors import MinutesKGError
from ingest.serialise import meeting_view
from ingest.stats import store_stats
from ingest.store import MeetingStore, default_store_dir

BASE_IRI = "https://w3id.org/minutes-kg/"


def _progress(files: list[Path]):  # type: ignore[no-untyped-def]
    """A progress bar on stderr for long batches; silent when stderr is not a terminal."""
    if len(files) < 5 or not sys.stderr.isatty():
        return files
    from tqdm import tqdm

    return tqdm(files, desc="ingest", unit="file", file=sys.stderr)


def cmd_ingest(args: argparse.Namespace) -> int:
    store = MeetingStore(args.store)
    report = ingest_paths([Path(p) for p in args.paths], store, progress=_progress)
    for result in report.results:
        if result.status == "failed":
            print(f"error: {result.error}", file=sys.stderr)
        else:
            notes = f" ({'; '.join(result.notes)})" if result.notes else ""
            detail = f", {result.statements} statements" if result.status != "unchanged" else ""
            print(f"{result.status}: {result.path} -> {result.meeting}{detail}{notes}")
    done = len(report.results) - len(report.failed)
    print(
        f"{done} of {len(report.results)} files ingested into {args.store}, {len(report.failed)} failed",
        file=sys.stderr,
    )
    return 1 if report.failed else 0


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="minutes-kg", description="Council minutes into a knowledge graph.")
    sub = parser.add_subparsers(dest="command", required=True)
    store_help = "store folder (default: $MINUTES_KG_STORE, else data/store)"

    p = sub.add_parser("ingest", help="read minutes files or folders into the store")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--store", type=Path, default=None, help=store_help)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("show", help="print a parsed meeting")
    p.add_argument("meeting", metavar="FILE|MEETING")
    p.add_argument("--store", type=Path, default=None, help=store_help)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

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
