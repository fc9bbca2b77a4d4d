"""Statement vectors in FAISS, keyed by statement id, grouped by meeting, saved with the model's name.

FAISS knows only int64 keys, so an id map turns statement ids into sequential keys and back.
Every vector belongs to a group (the meeting id), so re-ingesting a changed file removes the
old meeting's vectors by group even though its statement ids (content-derived) have changed.
Small indexes are exact (flat inner product); past APPROXIMATE_FROM vectors the index becomes
an inverted file (IVF), which is trained on the vectors it holds at that moment.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import Literal, Protocol

import faiss
import numpy as np

from ingest.errors import MinutesKGError, StoreError
from qa.persist import read_json, recover, replace_folder, write_json

IndexKind = Literal["flat", "ivf"]

APPROXIMATE_FROM = 200_000  # below this a flat scan is fast enough (bench/index_speed.py)
RETRAIN_GROWTH = 8  # retrain the IVF when it holds this many times the vectors it was trained on
NPROBE = 64  # lists probed per IVF query: recall@10 0.95 at 100k real vectors (bench/index_speed.py)
EXACT_SUBSET = 20_000  # an allowed set up to this size is scored exactly, whatever the index (here and in retrieval)
INDEX_FILE, IDS_FILE, META_FILE = "vectors.faiss", "ids.json", "meta.json"
FORMAT_VERSION = 1


class IndexMismatchError(MinutesKGError):
    """The saved index was built by another model: its vectors cannot be compared with this model's."""

    def __init__(self, folder: Path, built_with: str, built_dimension: int, wanted: str, wanted_dimension: int) -> None:
        super().__init__(
            f"index at {folder} was built with model {built_with!r} ({built_dimension}-d) but this run uses "
            f"{wanted!r} ({wanted_dimension}-d); rebuild the index with the current model"
        )
        self.built_with = built_with
        self.wanted = wanted


class VectorIndex(Protocol):
    """What retrieval needs from a vector store; FaissIndex is the one implementation."""

    @property
    def model(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def __len__(self) -> int: ...

    def __contains__(self, statement_id: object) -> bool: ...

    def add(self, ids: Sequence[str], vectors: np.ndarray, group: str = "") -> None: ...

    def remove(self, ids: Iterable[str]) -> int: ...

    def remove_group(self, group: str) -> int: ...

    def group_ids(self, group: str) -> list[str]: ...

    def group_of(self, statement_id: str) -> str: ...

    def search(self, query: np.ndarray, k: int, allowed: Collection[str] | None = None) -> list[tuple[str, float]]: ...

    def vectors(self, ids: Sequence[str]) -> np.ndarray: ...

    def save(self, folder: Path) -> None: ...


def _one_thread(search: Callable[[], tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Run a single-query search on one OpenMP thread: faster than two for one query, and far
    faster when the cores are shared (bench/index_speed.py: 13 ms against 52 ms at 100k flat)."""
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        return search()
    finally:
        faiss.omp_set_num_threads(threads)


def _flat(dimension: int) -> faiss.Index:
    return faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))


def ivf_lists(count: int) -> int:
    """Inverted lists for `count` vectors: about 4 sqrt(n), the usual FAISS starting point."""
    return max(16, int(4 * math.sqrt(count)))


class FaissIndex:
    """A FAISS index with an id map; exact or IVF by size, with add, remove and save/load."""

    def __init__(
        self, model: str, dimension: int, approximate_from: int = APPROXIMATE_FROM, nprobe: int = NPROBE
    ) -> None:
        self._model = model
        self._dimension = dimension
        self.approximate_from = approximate_from
        self.nprobe = nprobe
        self.kind: IndexKind = "flat"
        self.trained_on = 0
        self._index: faiss.Index = _flat(dimension)
        self._key: dict[str, int] = {}
        self._id: dict[int, str] = {}
        self._group_of: dict[str, str] = {}
        self._members: dict[str, dict[str, None]] = {}  # insertion-ordered sets
        self._next = 0

    @property
    def model(self) -> str:
        return self._model

    @property
    def dimension(self) -> int:
        return self._dimension

    def __len__(self) -> int:
        return len(self._key)

    def __contains__(self, statement_id: object) -> bool:
        return statement_id in self._key

    def groups(self) -> list[str]:
        return sorted(self._members)

    def group_ids(self, group: str) -> list[str]:
        return list(self._members.get(group, ()))

    def group_of(self, statement_id: str) -> str:
        return self._group_of[statement_id]

    def add(self, ids: Sequence[str], vectors: np.ndarray, group: str = "") -> None:
        """Add vectors (unit rows); an id already present is replaced."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self._dimension):
            raise ValueError(f"expected {len(ids)} vectors of dimension {self._dimension}, got {vectors.shape}")
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate ids in one add")
        self.remove([i for i in ids if i in self._key])
        keys = np.arange(self._next, self._next + len(ids), dtype=np.int64)
        self._next += len(ids)
        for statement_id, key in zip(ids, keys.tolist(), strict=True):
            self._key[statement_id] = key
            self._id[key] = statement_id
            self._group_of[statement_id] = group
            self._members.setdefault(group, {})[statement_id] = None
        if len(ids):
            self._index.add_with_ids(vectors, keys)
        self._reshape()

    def remove(self, ids: Iterable[str]) -> int:
        keys = []
        for statement_id in ids:
            key = self._key.pop(statement_id, None)
            if key is None:
                continue
            keys.append(key)
            del self._id[key]
            group = self._group_of.pop(statement_id)
            members = self._members[group]
            del members[statement_id]
            if not members:
                del self._members[group]
        if keys:
            self._index.remove_ids(np.array(keys, dtype=np.int64))
            self._reshape()
        return len(keys)

    def remove_group(self, group: str) -> int:
        """Drop one meeting's vectors: what re-ingesting that meeting does first."""
        return self.remove(self.group_ids(group))

    def _keys(self, ids: Iterable[str]) -> np.ndarray:
        return np.fromiter((self._key[i] for i in ids), dtype=np.int64)

    def vectors(self, ids: Sequence[str]) -> np.ndarray:
        """The stored vectors of these ids, in order (KeyError for an unknown id)."""
        if not ids:
            return np.zeros((0, self._dimension), dtype=np.float32)
        return self._index.reconstruct_batch(self._keys(ids))

    def search(self, query: np.ndarray, k: int, allowed: Collection[str] | None = None) -> list[tuple[str, float]]:
        """The k ids nearest one query vector, best first; only ids in `allowed` when it is given."""
        query = np.ascontiguousarray(query, dtype=np.float32).reshape(1, self._dimension)
        if k <= 0 or not self._key:
            return []
        if allowed is not None:
            present = [i for i in allowed if i in self._key]
            if len(present) <= EXACT_SUBSET:
                return self._exact_subset(query, present, k)
            selector = faiss.IDSelectorBatch(self._keys(present))
            params = (
                faiss.SearchParametersIVF(sel=selector, nprobe=self.nprobe)
                if self.kind == "ivf"
                else faiss.SearchParameters(sel=selector)
            )
            scores, keys = _one_thread(lambda: self._index.search(query, min(k, len(present)), params=params))
        else:
            if self.kind == "ivf":
                faiss.extract_index_ivf(self._index).nprobe = self.nprobe
            scores, keys = _one_thread(lambda: self._index.search(query, min(k, len(self._key))))
        pairs = zip(keys[0].tolist(), scores[0].tolist(), strict=True)
        return [(self._id[key], float(score)) for key, score in pairs if key >= 0]

    def _exact_subset(self, query: np.ndarray, ids: list[str], k: int) -> list[tuple[str, float]]:
        if not ids:
            return []
        scores = self.vectors(ids) @ query[0]
        top = np.argsort(-scores, kind="stable")[:k]
        return [(ids[i], float(scores[i])) for i in top]

    def _reshape(self) -> None:
        """Flat below the threshold, IVF above it, retrained when it has grown well past its training."""
        count = len(self._key)
        if self.kind == "flat" and count >= self.approximate_from:
            self._rebuild("ivf")
        elif self.kind == "ivf" and (count < self.approximate_from // 2 or count > RETRAIN_GROWTH * self.trained_on):
            self._rebuild("ivf" if count >= self.approximate_from // 2 else "flat")

    def _rebuild(self, kind: IndexKind) -> None:
        keys = np.array(sorted(self._id), dtype=np.int64)
        vectors = self._index.reconstruct_batch(keys) if len(keys) else np.zeros((0, self._dimension), np.float32)
        if kind == "flat":
            index = _flat(self._dimension)
        else:
            quantizer = faiss.IndexFlatIP(self._dimension)
            index = faiss.IndexIVFFlat(quantizer, self._dimension, ivf_lists(len(keys)), faiss.METRIC_INNER_PRODUCT)
            index.train(vectors)
            index.set_direct_map_type(faiss.DirectMap.Hashtable)  # reconstruct and remove by key
            self.trained_on = len(keys)
        index.add_with_ids(vectors, keys)
        self._index = index
        self.kind = kind

    def save(self, folder: Path) -> None:
        """Index file, id map and meta.json, swapped into place together."""
        rows = [[key, statement_id, self._group_of[statement_id]] for statement_id, key in self._key.items()]
        meta = {
            "model": self._model,
            "dimension": self._dimension,
            "count": len(self._key),
            "kind": self.kind,
            "trained_on": self.trained_on,
            "approximate_from": self.approximate_from,
            "nprobe": self.nprobe,
            "format": FORMAT_VERSION,
        }

        def write(tmp: Path) -> None:
            faiss.write_index(self._index, str(tmp / INDEX_FILE))
            write_json(tmp / IDS_FILE, {"next": self._next, "rows": rows})
            write_json(tmp / META_FILE, meta)

        replace_folder(Path(folder), write)

    @classmethod
    def load(cls, folder: Path, model: str, dimension: int) -> FaissIndex:
        """Load a saved index, refusing one built by another model (IndexMismatchError)."""
        folder = recover(Path(folder))
        meta = read_json(folder / META_FILE)
        if meta.get("model") != model or meta.get("dimension") != dimension:
            raise IndexMismatchError(folder, str(meta.get("model")), int(meta.get("dimension", 0)), model, dimension)
        ids = read_json(folder / IDS_FILE)
        index = cls(model, dimension, int(meta["approximate_from"]), int(meta["nprobe"]))
        index._index = faiss.read_index(str(folder / INDEX_FILE))
        index.kind = meta["kind"]
        index.trained_on = int(meta["trained_on"])
        index._next = int(ids["next"])
        for key, statement_id, group in ids["rows"]:
            index._key[statement_id] = key
            index._id[key] = statement_id
            index._group_of[statement_id] = group
            index._members.setdefault(group, {})[statement_id] = None
        if index._index.ntotal != len(index._key) or meta["count"] != len(index._key):
            raise StoreError(f"index at {folder} is inconsistent: {index._index.ntotal} vectors, {len(index._key)} ids")
        return index
