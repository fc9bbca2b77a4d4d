from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ingest.batch import ingest_paths
from ingest.metadata import MeetingFacts
from ingest.store import MeetingStore
from tests.conftest import MINUTES, SEED


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    if not (MINUTES / SEED).exists():
        pytest.skip("real minutes not available")
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(MINUTES / SEED, src / "thurrock.txt")
    shutil.copy(MINUTES / "manordeilo-and-salem-community-council_community-council_2020-06-10.txt", src / "msc.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02PK" * 50)
    (src / "notes.pdf").write_bytes(b"%PDF-1.4 truncated")
    return src


def test_one_bad_file_among_good_ones(folder: Path, tmp_path: Path) -> None:
    store = MeetingStore(tmp_path / "store")
    report = ingest_paths([folder], store)
    status = {Path(r.path).name: r.status for r in report.results}
    assert status == {
        "binary.txt": "failed",
        "empty.txt": "failed",
        "msc.txt": "stored",
        "thurrock.txt": "stored",
        "notes.pdf": "failed",
    }
    errors = {Path(r.path).name: r.error for r in report.failed}
    assert errors["empty.txt"] == "empty.txt: file is empty"
    assert errors["binary.txt"].startswith("binary.txt: binary file")
    assert errors["notes.pdf"].startswith("notes.pdf: truncated or damaged PDF")
    assert store.ids() == ["msc", "thurrock"]


def test_reingesting_unchanged_is_a_no_op_and_a_changed_file_replaces(folder: Path, tmp_path: Path) -> None:
    store = MeetingStore(tmp_path / "store")
    good = folder / "thurrock.txt"
    ingest_paths([good], store)
    record = store.meetings_dir / "thurrock.json"
    before = record.stat().st_mtime_ns
    (result,) = ingest_paths([good], store).results
    assert result.status == "unchanged" and record.stat().st_mtime_ns == before
    good.write_text(good.read_text(encoding="utf-8").replace("Councillor Ralph", "Councillor Ralf"), encoding="utf-8")
    (result,) = ingest_paths([good], store).results
    assert result.status == "replaced"
    assert any(s.speaker.name == "Councillor Ralf" for s in store.get("thurrock").statements)
    assert store.ids() == ["thurrock"]


def test_a_crash_mid_write_leaves_the_previous_record(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = MeetingStore(tmp_path / "store")
    good = folder / "thurrock.txt"
    ingest_paths([good], store)
    old = store.get("thurrock")
    good.write_text(good.read_text(encoding="utf-8") + "\nThe Chair closed the meeting.\n", encoding="utf-8")

    def crash(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    (result,) = ingest_paths([good], store).results
    assert result.status == "failed" and "No space left on device" in (result.error or "")
    monkeypatch.undo()
    assert store.get("thurrock") == old
    assert [p.name for p in store.meetings_dir.iterdir()] == ["thurrock.json"]  # no temp file left behind


def test_notes_beside_the_minutes_are_not_reported_as_bad_files(folder: Path, tmp_path: Path) -> None:
    (folder / "SOURCES.md").write_text("# where these came from\n", encoding="utf-8")
    (folder / "meta.json").write_text("{}", encoding="utf-8")
    report = ingest_paths([folder], MeetingStore(tmp_path / "store"))
    assert not {"SOURCES.md", "meta.json"} & {Path(r.path).name for r in report.results}


def test_two_workers_store_the_same_records_as_one(folder: Path, tmp_path: Path) -> None:
    one, two = MeetingStore(tmp_path / "one"), MeetingStore(tmp_path / "two")
    first = ingest_paths([folder], one, workers=1)
    second = ingest_paths([folder], two, workers=2)
    assert [(r.path, r.status, r.meeting, r.statements, r.error) for r in first.results] == [
        (r.path, r.status, r.meeting, r.statements, r.error) for r in second.results
    ]
    assert one.ids() == two.ids() and all(one.get(i) == two.get(i) for i in one.ids())


def test_a_second_run_parses_nothing_and_the_table_says_so(folder: Path, tmp_path: Path) -> None:
    store = MeetingStore(tmp_path / "store")
    ingest_paths([folder], store, workers=2)
    again = ingest_paths([folder], store, workers=2)
    assert {r.status for r in again.results if r.error is None} == {"unchanged"}
    lines = again.table().splitlines()
    assert lines[0].split() == ["format", "files", "stored", "replaced", "unchanged", "failed", "statements", "pages"]
    assert lines[-1].split() == ["total", "5", "0", "0", "2", "3", "0", "0"]


def test_stated_facts_reparse_unchanged_files(folder: Path, tmp_path: Path) -> None:
    store = MeetingStore(tmp_path / "store")
    good = folder / "msc.txt"
    ingest_paths([good], store)
    (result,) = ingest_paths([good], store, stated=MeetingFacts(committee="Full Council")).results
    assert result.status == "replaced" and store.get("msc").committee == "Full Council"


def test_files_in_subfolders_keep_their_path_in_the_meeting_id(tmp_path: Path) -> None:
    text = (MINUTES / "manordeilo-and-salem-community-council_community-council_2020-06-10.txt").read_bytes()
    for sub in ("2020-06-10", "2020-11-11"):
        (tmp_path / "in" / "manordeilo" / "council" / sub).mkdir(parents=True)
        (tmp_path / "in" / "manordeilo" / "council" / sub / "minutes.txt").write_bytes(text + sub.encode())
    store = MeetingStore(tmp_path / "store")
    report = ingest_paths([tmp_path / "in"], store)
    assert [r.meeting for r in report.results] == [
        "manordeilo-council-2020-06-10-minutes",
        "manordeilo-council-2020-11-11-minutes",
    ]
    assert store.get("manordeilo-council-2020-11-11-minutes").committee == "Council"


def test_two_files_making_one_meeting_id_do_not_replace_each_other(folder: Path, tmp_path: Path) -> None:
    shutil.copy(folder / "msc.txt", folder / "msc.text")
    store = MeetingStore(tmp_path / "store")
    report = ingest_paths([folder], store)
    (clash,) = [r for r in report.failed if r.path.endswith("msc.txt")]
    assert "same meeting id 'msc' as msc.text" in (clash.error or "")
    assert all(r.status == "unchanged" for r in ingest_paths([folder / "msc.text"], store).results)


def test_a_file_that_crashes_its_worker_fails_alone(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A native reader may take its process down; the batch goes on and names the file."""
    import ingest.batch as batch

    parse_file = batch.parse_file

    def crashing(source: batch.SourceFile, stated: MeetingFacts | None = None) -> batch.Parsed:
        if source.name == "msc.txt":
            os._exit(1)  # what a segfault in PDFium would do to the worker
        return parse_file(source, stated)

    monkeypatch.setattr(batch, "parse_file", crashing)  # workers are forked, so they see it
    report = ingest_paths([folder], MeetingStore(tmp_path / "store"), workers=2)
    status = {Path(r.path).name: (r.status, r.error) for r in report.results}
    assert status["msc.txt"] == ("failed", "msc.txt: reading it crashed the worker process (a malformed file?)")
    assert status["thurrock.txt"][0] == "stored"
