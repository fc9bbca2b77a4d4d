from __future__ import annotations

import numpy as np
import pytest

from qa.embedding import Embedder, HashingEmbedder, SentenceTransformerEmbedder, normalise


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


class RecordingModel:
    """Stands in for the SentenceTransformer: records what it is asked to embed."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: list[str], **_: object) -> np.ndarray:
        self.calls.append(list(texts))
        return HashingEmbedder(dimension=384).embed(texts)


def test_each_distinct_text_is_embedded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    model = RecordingModel()
    monkeypatch.setattr("qa.embedding.load_model", lambda: model)
    monkeypatch.setattr("qa.embedding._set_threads", lambda count: None)
    texts = ["Agreed.", "The library budget.", "Agreed.", "Parking.", "The library budget."]
    vectors = SentenceTransformerEmbedder().embed(texts)
    assert model.calls == [["Agreed.", "The library budget.", "Parking."]]
    np.testing.assert_allclose(vectors, HashingEmbedder(dimension=384).embed(texts), atol=1e-6)
