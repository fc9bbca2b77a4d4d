from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import StoreError
from qa.lexical import LexicalIndex, stem, tokenize


def test_tokenize_drops_stop_words_and_folds_plurals() -> None:
    assert tokenize("The schools and the School's libraries") == ["school", "school", "library"]
    assert stem("parking") == "park" and stem("bus") == "bus" and stem("class") == "class"


def build() -> LexicalIndex:
    docs = {
        "a": "library budget cut by ten percent",
        "b": "parking charges rise in april",
        "c": "library opening hours on sunday",
        "d": "",
    }
    return LexicalIndex.build(list(docs), [tokenize(t) for t in docs.values()])


def test_search_ranks_and_restricts() -> None:
    index = build()
    found = index.search("library budget", 5)
    assert [i for i, _ in found] == ["a", "c"]
    assert [i for i, _ in index.search("library budget", 5, allowed={"c", "b"})] == ["c"]
    assert index.search("nothing matches", 5) == []
    assert index.all_scores("unknownword").tolist() == [0.0, 0.0, 0.0, 0.0]


def test_save_load_round_trip(tmp_path: Path) -> None:
    index = build()
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert loaded.ids == index.ids
    assert loaded.search("parking april", 2) == index.search("parking april", 2)


def test_empty_index(tmp_path: Path) -> None:
    index = LexicalIndex.build([], [])
    assert index.search("anything", 3) == [] and len(index) == 0
    index.save(tmp_path / "lex")
    assert len(LexicalIndex.load(tmp_path / "lex")) == 0


def test_duplicate_ids_refused() -> None:
    with pytest.raises(ValueError):
        LexicalIndex.build(["a", "a"], [["x"], ["y"]])


def test_other_tokenizer_refused(tmp_path: Path) -> None:
    build().save(tmp_path / "lex")
    meta = tmp_path / "lex" / "meta.json"
    meta.write_text(meta.read_text().replace("words-stem-v1", "other"))
    with pytest.raises(StoreError):
        LexicalIndex.load(tmp_path / "lex")
