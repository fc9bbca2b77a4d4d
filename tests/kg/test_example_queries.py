"""The README's example queries (docs/queries/*.rq) run read-only on the sample store and answer."""

from __future__ import annotations

import pytest

from kg.workspace import Workspace
from tests.conftest import REPO

QUERIES = sorted((REPO / "docs" / "queries").glob("*.rq"))


def test_there_are_ten_examples() -> None:
    assert len(QUERIES) == 10


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_example_query_answers_on_the_sample_minutes(sample_workspace: Workspace, path) -> None:  # type: ignore[no-untyped-def]
    result = sample_workspace.query(path.read_text(encoding="utf-8"))
    assert result.kind == "select" and result.rows, f"{path.name} found nothing"
    assert len(set(result.rows)) == len(result.rows), f"{path.name} repeats rows"


def test_officer_commitments_are_the_four_of_the_seed(sample_workspace: Workspace) -> None:
    rows = sample_workspace.query((REPO / "docs/queries/01-officer-commitments.rq").read_text(encoding="utf-8")).rows
    assert len(rows) == 4
    assert {str(r[0]) for r in rows} == {"Community Safety Partnership Manager"}
