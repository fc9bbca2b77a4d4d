from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import StoreError
from qa.persist import recover, replace_folder


def test_replace_swaps_the_whole_folder(tmp_path: Path) -> None:
    target = tmp_path / "index"
    replace_folder(target, lambda tmp: (tmp / "a.txt").write_text("one"))
    replace_folder(target, lambda tmp: (tmp / "b.txt").write_text("two"))
    assert sorted(p.name for p in target.iterdir()) == ["b.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]  # no temp or aside folders left


def test_a_failed_write_leaves_the_old_folder(tmp_path: Path) -> None:
    target = tmp_path / "index"
    replace_folder(target, lambda tmp: (tmp / "a.txt").write_text("one"))

    def broken(tmp: Path) -> None:
        (tmp / "half.txt").write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        replace_folder(target, broken)
    assert (target / "a.txt").read_text() == "one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]


def test_recover_finds_the_aside_copy(tmp_path: Path) -> None:
    (tmp_path / ".index.old-x1").mkdir()
    (tmp_path / ".index.old-x1" / "a.txt").write_text("one")
    assert (recover(tmp_path / "index") / "a.txt").read_text() == "one"
    with pytest.raises(StoreError):
        recover(tmp_path / "missing")
