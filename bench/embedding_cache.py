"""An on-disk cache of embeddings for benchmark runs, so tuning does not re-embed the same texts."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from qa.embedding import Embedder


class CachedEmbedder:
    """Wraps an embedder; vectors are keyed by sha1 of the text and kept in one .npz per model."""

    def __init__(self, inner: Embedder, folder: Path) -> None:
        self.inner = inner
        self.path = Path(folder) / f"{inner.name}.npz"
        self._cache: dict[str, np.ndarray] = {}
        self._dirty = False
        if self.path.exists():
            with np.load(self.path) as data:
                keys, vectors = data["keys"], data["vectors"]
            self._cache = {str(k): v for k, v in zip(keys, vectors, strict=True)}
        self.misses = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self._cache}.items())
        if missing:
            vectors = self.inner.embed([t for _, t in missing])
            self._cache.update({k: v for (k, _), v in zip(missing, vectors, strict=True)})
            self.misses += len(missing)
            self._dirty = True
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._cache[k] for k in keys]).astype(np.float32)

    def update(self, other: CachedEmbedder) -> None:
        """Take over another cache's vectors (same model), e.g. those a timed run computed."""
        if other.name != self.name:
            raise ValueError(f"cannot mix {other.name!r} vectors into a {self.name!r} cache")
        self._cache.update(other._cache)
        self._dirty = True

    def save(self) -> None:
        if not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._cache), dtype="<U40")
        vectors = np.stack(list(self._cache.values())).astype(np.float32)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=vectors)
        tmp.replace(self.path)
        self._dirty = False
