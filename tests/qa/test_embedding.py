from __future__ import annotations

import numpy as np

from qa.embedding import Embedder, HashingEmbedder, normalise


def test_hashing_embedder_is_deterministic_and_unit_length() -> None:
    embedder = HashingEmbedder(dimension=32)
    first = embedder.embed(["library budget", "parking charges", ""])
    second = HashingEmbedder(dimension=32).embed(["library budget", "parking charges", ""])
    assert first.dtype == np.float32 and first.shape == (3, 32)
    assert np.array_equal(first, second)
    assert np.allclose(np.linalg.norm(first[:2], axis=1), 1.0)
    assert not first[2].any()  # no words, zero vector, not NaN


def test_shared_words_score_higher_than_none() -> None:
    embedder = HashingEmbedder()
    query, near, far = embedder.embed(["library budget cuts", "the library budget", "parking in April"])
    assert query @ near > query @ far


def test_embedders_satisfy_the_protocol() -> None:
    assert isinstance(HashingEmbedder(), Embedder)
    assert HashingEmbedder().embed([]).shape == (0, 64)


def test_normalise_keeps_zero_rows() -> None:
    out = normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert np.allclose(out, [[0.6, 0.8], [0.0, 0.0]]) and out.dtype == np.float32
