"""Stores built once per session: the sample minutes in data/ and the whole real corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.batch import ingest_paths
from kg.workspace import Workspace
from tests.conftest import MINUTES, REPO, real_minutes


def _build(root: Path, source: Path) -> Workspace:
    workspace = Workspace(root)
    report = ingest_paths([source], workspace.meetings)
    assert not report.failed, [r.error for r in report.failed]
    workspace.sync()
    return workspace


@pytest.fixture(scope="session")
def sample_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    workspace = _build(tmp_path_factory.mktemp("sample-store"), REPO / "data" / "minutes")
    yield workspace
    workspace.close()


@pytest.fixture(scope="session")
def corpus_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    if not real_minutes():
        pytest.skip(f"real minutes not found at {MINUTES}")
    workspace = _build(tmp_path_factory.mktemp("corpus-store"), MINUTES)
    yield workspace
    workspace.close()
