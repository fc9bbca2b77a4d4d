"""Shared fixtures: the real minutes in ../shared/minutes, parsed once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.model import Meeting
from ingest.parser import parse
from ingest.reading import read_source

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MINUTES_KG_SHARED", REPO.parent / "shared"))
MINUTES = SHARED / "minutes"
SEED = "000_48efad4ec681ebff.txt"


def real_minutes() -> list[Path]:
    return sorted(MINUTES.glob("*.txt")) if MINUTES.is_dir() else []


@pytest.fixture(scope="session")
def parsed_minutes() -> dict[str, Meeting]:
    files = real_minutes()
    if not files:
        pytest.skip(f"real minutes not found at {MINUTES} (set MINUTES_KG_SHARED)")
    return {path.name: parse(read_source(path)) for path in files}


@pytest.fixture(scope="session")
def seed(parsed_minutes: dict[str, Meeting]) -> Meeting:
    return parsed_minutes[SEED]
