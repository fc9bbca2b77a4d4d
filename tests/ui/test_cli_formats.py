"""Issue 7 end to end from the command line: a folder of PDF, Word, HTML and WebVTT minutes with bad
files among them, ingested twice, asked about, with pages in the citations of the PDF."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import MINUTES, REPO
from ui.cli import main

FORMATS = REPO / "tests" / "fixtures" / "formats"
GOOD = {
    "thurrock/pdf/thurrock-prevent-excerpt.pdf": "thurrock-pdf-thurrock-prevent-excerpt",
    "thurrock/word/markup-thurrock-prevent.docx": "thurrock-word-markup-thurrock-prevent",
    "kent/web/markup-kent-cpp-2024-12-10.html": "kent-web-markup-kent-cpp-2024-12-10",
    "portland/transcript-portland.vtt": "portland-transcript-portland",
}
FORMAT_ROWS = {"pdf", "docx", "html", "vtt", "total"}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MINUTES_KG_EMBEDDER", "hashing")  # the model-free embedder: this is about ingest
    root = tmp_path / "in"
    for target in GOOD:
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FORMATS / Path(target).name, root / target)
    pdf = (FORMATS / "limerick-housing-spc-excerpt.pdf").read_bytes()
    (root / "bad").mkdir()
    (root / "bad" / "cut-short.pdf").write_bytes(pdf[: len(pdf) // 2])
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("minutes.txt", "The Chair opened the meeting.")
    (root / "bad" / "archive.pdf").write_bytes(archive.getvalue())
    shutil.copy(FORMATS / "markup-no-minutes.html", root / "bad" / "meeting-page.html")
    return root


def test_a_mixed_folder_ingests_and_the_second_run_does_nothing(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "store")
    assert main(["ingest", str(folder), "--store", store, "--workers", "2"]) == 1  # some files failed
    out, err = capsys.readouterr()
    for meeting in GOOD.values():
        assert f"-> {meeting}," in out
    assert "bad/cut-short.pdf: truncated or damaged PDF" in err
    assert "bad/archive.pdf: the file is a ZIP archive named .pdf" in err
    assert "bad/meeting-page.html: no sentences in the page's content" in err and "not minutes" in err
    table = {line.split()[0]: line.split()[1:] for line in err.splitlines() if line[:6].strip() in FORMAT_ROWS}
    assert table["pdf"][:2] == ["3", "1"] and table["html"][:2] == ["2", "1"]  # failures: by their suffix
    assert table["docx"][:2] == ["1", "1"] and table["vtt"][:2] == ["1", "1"]
    assert table["total"][:5] == ["7", "4", "0", "0", "3"]

    assert main(["ingest", str(folder), "--store", store]) == 1
    again = capsys.readouterr()
    assert again.out == ""  # nothing stored or replaced, so no per-file lines
    assert "nothing to do: 4 files unchanged since the last ingest, 3 failed again" in again.err


def test_pdf_citations_carry_their_page(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    main(["ingest", str(folder), "--store", store])
    capsys.readouterr()
    assert main(["show", GOOD["thurrock/pdf/thurrock-prevent-excerpt.pdf"], "--store", store, "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["media_type"] == "application/pdf" and view["pages"] == 2
    assert {s["page"] for s in view["statements"]} == {1, 2}
    assert main(["show", GOOD["portland/transcript-portland.vtt"], "--store", store, "--json"]) == 0
    times = [s["time"] for s in json.loads(capsys.readouterr().out)["statements"]]
    assert None not in times and times == sorted(times)  # seconds into the recording, in order
    assert main(["ask", "how did officers engage faith groups", "--store", store, "--json", "--top", "10"]) == 0
    answer = json.loads(capsys.readouterr().out)
    pages = {c["source"].rsplit("/", 1)[-1]: c["page"] for c in answer["citations"]}
    assert pages, answer
    for source, page in pages.items():
        assert (page is not None) == source.endswith(".pdf"), (source, page)


def test_stated_facts_override_the_text(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    html = folder / "kent" / "web" / "markup-kent-cpp-2024-12-10.html"
    args = ["ingest", str(html), "--store", store, "--council", "Kent County Council", "--date", "2024-12-10"]
    assert main([*args, "--committee", "Corporate Parenting Panel"]) == 0
    capsys.readouterr()
    assert main(["show", "markup-kent-cpp-2024-12-10", "--store", store, "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert (view["council"], view["committee"], view["date"]) == (
        "Kent County Council",
        "Corporate Parenting Panel",
        "2024-12-10",
    )
    assert main(["ingest", str(html), "--store", store, "--date", "10/12/2024"]) == 2
    assert "--date '10/12/2024': expected YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.slow
def test_all_real_minutes_twice_the_second_run_does_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not MINUTES.is_dir():
        pytest.skip("real minutes not available")
    monkeypatch.setenv("MINUTES_KG_EMBEDDER", "hashing")
    store = str(tmp_path / "store")
    assert main(["ingest", str(MINUTES), "--store", store]) == 0
    first = capsys.readouterr()
    count = len(list(MINUTES.glob("*.txt")))
    assert first.out.count("stored: ") == count and f"{count} of {count} files ingested" in first.err
    assert main(["ingest", str(MINUTES), "--store", store]) == 0
    second = capsys.readouterr()
    assert second.out == ""
    assert f"nothing to do: {count} files unchanged since the last ingest" in second.err
    assert "graph: 0 meeting graphs written, 0 dropped" in second.err
    assert "index: 0 meetings embedded or removed" in second.err
