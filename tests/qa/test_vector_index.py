from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.errors import MinutesKGError
from qa.embedding import normalise
from qa.vector_index import FaissIndex, IndexMismatchError


def vectors(count: int, dimension: int = 16, seed: int = 0) -> np.ndarray:
    return normalise(np.random.default_rng(seed).standard_normal((count, dimension)))


def filled(count: int = 40, approximate_from: int = 10_000) -> tuple[FaissIndex, list[str], np.ndarray]:
    index = FaissIndex("model-a", 16, approximate_from=approximate_from, nprobe=64)
    ids = [f"s{i:03d}" for i in range(count)]
    data = vectors(count)
    index.add(ids[: count // 2], data[: count // 2], group="m1")
    index.add(ids[count // 2 :], data[count // 2 :], group="m2")
    return index, ids, data


def test_nearest_is_itself() -> None:
    index, ids, data = filled()
    assert index.search(data[7], 1)[0][0] == ids[7]
    assert index.kind == "flat"


def test_save_load_round_trip(tmp_path: Path) -> None:
    index, ids, data = filled()
    index.save(tmp_path / "ix")
    meta = json.loads((tmp_path / "ix" / "meta.json").read_text())
    assert meta["model"] == "model-a" and meta["dimension"] == 16 and meta["count"] == 40 and meta["kind"] == "flat"
    loaded = FaissIndex.load(tmp_path / "ix", "model-a", 16)
    assert len(loaded) == 40 and loaded.group_ids("m1") == ids[:20]
    assert loaded.search(data[3], 3) == index.search(data[3], 3)
    assert np.allclose(loaded.vectors([ids[5]]), data[5:6])


def test_loading_another_models_index_is_refused(tmp_path: Path) -> None:
    index, _, _ = filled()
    index.save(tmp_path / "ix")
    with pytest.raises(IndexMismatchError) as caught:
        FaissIndex.load(tmp_path / "ix", "model-b", 16)
    assert isinstance(caught.value, MinutesKGError)
    assert "model-a" in str(caught.value) and "model-b" in str(caught.value)
    with pytest.raises(IndexMismatchError):
        FaissIndex.load(tmp_path / "ix", "model-a", 32)


def test_remove_group_drops_one_meeting_only() -> None:
    index, ids, data = filled()
    assert index.remove_group("m1") == 20
    assert len(index) == 20 and index.group_ids("m1") == [] and ids[0] not in index
    found = [i for i, _ in index.search(data[0], 40)]
    assert set(found) == set(ids[20:])


def test_adding_an_id_again_replaces_it() -> None:
    index, ids, data = filled()
    index.add([ids[0]], data[39:40], group="m1")
    assert len(index) == 40
    assert np.allclose(index.vectors([ids[0]]), data[39:40])


def test_allowed_ids_restrict_the_search() -> None:
    index, ids, data = filled()
    allowed = {ids[30], ids[31], "not-indexed"}
    found = index.search(data[0], 5, allowed=allowed)
    assert {i for i, _ in found} == {ids[30], ids[31]}
    assert found[0][1] >= found[1][1]


def test_large_allowed_set_uses_the_faiss_selector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("qa.vector_index.EXACT_SUBSET", 5)
    index, ids, data = filled()
    allowed = set(ids[10:30])
    found = index.search(data[12], 3, allowed=allowed)
    assert found[0][0] == ids[12] and all(i in allowed for i, _ in found)


def test_becomes_approximate_above_the_threshold_and_stays_correct(tmp_path: Path) -> None:
    index, ids, data = filled(count=400, approximate_from=300)
    assert index.kind == "ivf"
    assert index.search(data[123], 1)[0][0] == ids[123]
    index.remove_group("m2")
    assert index.kind == "ivf" and len(index) == 200
    index.save(tmp_path / "ix")
    loaded = FaissIndex.load(tmp_path / "ix", "model-a", 16)
    assert loaded.kind == "ivf" and loaded.search(data[10], 1)[0][0] == ids[10]
    index.remove(ids[:150])
    assert index.kind == "flat" and len(index) == 50


def test_mismatched_shapes_are_refused() -> None:
    index = FaissIndex("m", 16)
    with pytest.raises(ValueError):
        index.add(["a", "b"], vectors(3))
    with pytest.raises(ValueError):
        index.add(["a", "a"], vectors(2))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=30, unique=True),
    st.data(),
)
def test_id_map_round_trip(tmp_path_factory: pytest.TempPathFactory, ids: list[str], data: st.DataObject) -> None:
    """Whatever ids go in and whatever is removed, each kept id still finds its own vector, also after a reload."""
    index = FaissIndex("m", 16)
    matrix = vectors(len(ids), seed=len(ids))
    index.add(ids, matrix, group="g")
    removed = data.draw(st.sets(st.sampled_from(ids)))
    assert index.remove(removed) == len(removed)
    folder = tmp_path_factory.mktemp("ix") / "index"
    index.save(folder)
    loaded = FaissIndex.load(folder, "m", 16)
    kept = [i for i in ids if i not in removed]
    assert len(loaded) == len(kept) and loaded.group_ids("g") == kept
    for row, statement_id in enumerate(ids):
        assert (statement_id in loaded) == (statement_id not in removed)
        if statement_id not in removed:
            assert np.allclose(loaded.vectors([statement_id])[0], matrix[row])
