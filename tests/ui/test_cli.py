from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINUTES, SEED
from ui.cli import main


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    if not (MINUTES / SEED).exists():
        pytest.skip("real minutes not available")
    return Path(shutil.copy(MINUTES / SEED, tmp_path / SEED))


def test_ingest_then_show_json(seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    assert main(["ingest", str(seed_file), "--store", store]) == 0
    assert "stored:" in capsys.readouterr().out
    assert main(["show", SEED, "--store", store, "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["meeting"].endswith("/meeting/000-48efad4ec681ebff")
    assert view["source"] == SEED
    text = seed_file.read_text(encoding="utf-8")
    for s in view["statements"]:
        assert text[s["start"] : s["end"]] == s["text"]
        assert set(s) >= {"text", "start", "end", "speaker", "speaker_kind", "act", "item"}
    assert len(view["resolutions"]) == 3 and len(view["actions"]) == 4
    assert main(["ingest", str(seed_file), "--store", store]) == 0
    second = capsys.readouterr()
    assert "unchanged:" not in second.out and "nothing to do: 1 files unchanged since the last ingest" in second.err
    assert main(["ingest", str(seed_file), "--store", store, "-v"]) == 0
    assert "unchanged:" in capsys.readouterr().out


def test_partial_failure_exits_1_and_names_the_file(
    seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00" * 10)
    assert main(["ingest", str(seed_file), str(bad), "--store", str(tmp_path / "s")]) == 1
    err = capsys.readouterr().err
    assert "error: bad.txt: binary file" in err and "1 of 2 files ingested" in err


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest"])
    assert exit_info.value.code == 2
    assert main(["show", "nothing-here", "--store", str(tmp_path / "s")]) == 1
    assert "no meeting for 'nothing-here'" in capsys.readouterr().err


def test_stats(seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    main(["ingest", str(seed_file), "--store", store])
    capsys.readouterr()
    assert main(["stats", "--store", store, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["meetings"] == 1 and stats["resolutions"] == 3 and stats["actions"] == 4


def test_graph_commands(seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    assert main(["ingest", str(seed_file), "--store", store]) == 0
    capsys.readouterr()
    query = "SELECT ?r WHERE { ?r a <https://w3id.org/minutes-kg/vocab#Resolution> }"
    assert main(["sparql", query, "--store", store, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["results"]["bindings"]) == 3
    assert main(["sparql", query, "--store", store, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "r"
    assert main(["sparql", "DROP ALL", "--store", store]) == 2
    assert "read-only" in capsys.readouterr().err
    out = tmp_path / "graph.ttl"
    assert main(["export", "--store", store, "--format", "turtle", "--output", str(out)]) == 0
    assert out.read_bytes().startswith(b"@prefix")
    assert main(["validate", "--store", store]) == 0
    assert "conforms: 000-48efad4ec681ebff" in capsys.readouterr().out
    graphml = tmp_path / "networks.graphml"
    assert main(["graph", "--store", store, "--output", str(graphml)]) == 0
    assert "who asked whom" in capsys.readouterr().out and graphml.exists()


def test_ask_json_and_batch(
    seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MINUTES_KG_EMBEDDER", "hashing")  # the model-free embedder: this test is about the CLI
    store = str(tmp_path / "store")
    assert main(["ingest", str(seed_file), "--store", store]) == 0
    capsys.readouterr()
    assert main(["ask", "what did officers say about faith group engagement", "--store", store, "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["interpretation"]["speaker_kind"] == "officer" and view["citations"]
    text = seed_file.read_text(encoding="utf-8")
    for c in view["citations"]:
        assert text[c["start"] : c["end"]] == c["text"] and c["speaker_kind"] == "officer"
    questions = tmp_path / "questions.txt"
    questions.write_text("what did councillors ask about radicalisation\n\n" + "x" * 3000 + "\nwho asked about SACRE\n")
    assert main(["ask", "--batch", str(questions), "--store", store, "--json"]) == 1  # one question was bad
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 3 and "too long" in lines[1]["error"]
    assert lines[0]["question"].startswith("what did councillors") and lines[2]["question"] == "who asked about SACRE"
    assert main(["ask", "--batch", str(questions), "--store", store]) == 2  # batch needs --json
    assert main(["ask", "", "--store", store]) == 2
    assert "empty question" in capsys.readouterr().err
