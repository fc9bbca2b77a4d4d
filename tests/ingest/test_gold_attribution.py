"""Attribution accuracy on hand-checked gold files (tests/gold/README.md says how they were made).

The floors are the accuracy measured when the test was written: a regression guard. The
target in the ingest issue is 95% overall; the README reports the measured figures.
"""

from __future__ import annotations

from ingest.model import Meeting
from tests.ingest.gold import GOLD_DIR, score

OVERALL_ATTRIBUTION_FLOOR = 0.982
OVERALL_ACT_FLOOR = 0.848


def test_gold_files_cover_six_styles_with_fifty_statements_each() -> None:
    files = sorted(GOLD_DIR.glob("*.jsonl"))
    assert len(files) >= 6
    sizes = {f.stem: len(f.read_text(encoding="utf-8").splitlines()) for f in files}
    assert all(n >= 50 for stem, n in sizes.items() if "manordeilo" not in stem), sizes
    assert sum(n for stem, n in sizes.items() if "manordeilo" in stem) >= 50


def test_attribution_accuracy(parsed_minutes: dict[str, Meeting]) -> None:
    scores = [score(parsed_minutes[f"{f.stem}.txt"], f) for f in sorted(GOLD_DIR.glob("*.jsonl"))]
    total = sum(s.n for s in scores)
    print()
    for s in scores:
        print(
            f"{s.file[:60]:60s} n={s.n:4d} attribution={s.rate('attribution'):.3f} "
            f"kind={s.rate('kind'):.3f} act={s.rate('act'):.3f}"
        )
    attribution = sum(s.attribution for s in scores) / total
    act = sum(s.act for s in scores) / total
    print(f"{'overall':60s} n={total:4d} attribution={attribution:.3f} act={act:.3f}")
    assert attribution >= OVERALL_ATTRIBUTION_FLOOR
    assert act >= OVERALL_ACT_FLOOR
