"""Writes docs/QUERIES.md: each example query of docs/queries/ with its real output on a store.

Usage: python bench/example_queries.py STORE_DIR  (a store built with `minutes-kg ingest data/minutes`)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.query_format import format_result  # noqa: E402
from kg.workspace import Workspace  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 14


def main(store: Path) -> None:
    parts = [
        "# Example SPARQL queries\n",
        "Each query in `docs/queries/` with its output on the sample minutes (`make demo` builds that store;",
        "`minutes-kg sparql @docs/queries/NAME.rq` runs one). Long cells are cut at 80 characters and long",
        f"results at {MAX_LINES} lines here; the queries are tested in `tests/kg/test_example_queries.py`.",
        "Written by `bench/example_queries.py`.\n",
    ]
    with Workspace(store) as workspace:
        for path in sorted((ROOT / "docs" / "queries").glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            title = text.splitlines()[0].lstrip("# ").strip()
            body = "\n".join(line for line in text.splitlines() if not line.startswith(("PREFIX", "#")))
            start = time.perf_counter()
            result = workspace.query(text)
            elapsed = (time.perf_counter() - start) * 1e3
            table = format_result(result, "table").splitlines()
            shown = table if len(table) <= MAX_LINES + 3 else table[: MAX_LINES + 2] + ["…", table[-1]]
            parts += [
                f"## {path.stem}: {title}\n",
                "```sparql",
                body.strip(),
                "```\n",
                f"{len(result.rows)} rows in {elapsed:.0f} ms:\n",
                "```",
                *shown,
                "```\n",
            ]
    (ROOT / "docs" / "QUERIES.md").write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
