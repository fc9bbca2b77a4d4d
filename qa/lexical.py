"""A BM25 index (bm25s) over documents keyed by statement id.

bm25s cannot add or remove documents, so a LexicalIndex is built whole from (id, tokens)
pairs and rebuilt after a change; the caller keeps the tokens (retrieval keeps one token list
per statement and derives the window documents from them). Building costs well under a
second per 10k documents, far less than embedding them. Tokens are lower-cased words without
stop words, lightly stemmed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
from bm25s.stopwords import STOPWORDS_EN

from ingest.errors import StoreError
from qa.persist import read_json, recover, replace_folder, write_json

IDS_FILE, META_FILE, BM25_DIR = "ids.json", "meta.json", "bm25"
TOKENIZER = "words-stem-v1"  # recorded in meta.json: an index tokenised another way is refused
_WORD = re.compile(r"\w\w+")
_STOP = frozenset(STOPWORDS_EN)


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Fold common English inflections (plurals, -ing, -ed, -ly) so 'schools' meets 'school'."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement, keep in (
        ("ies", "y", 3),
        ("sses", "ss", 2),
        ("ings", "", 4),
        ("ing", "", 4),
        ("edly", "", 4),
        ("ed", "", 4),
        ("ly", "", 4),
        ("es", "e", 4),
        ("s", "", 3),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            if suffix == "s" and word[-2] in "su":
                return word
            return word[: -len(suffix)] + replacement
    return word


def tokenize(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]


class LexicalIndex:
    """BM25 over a fixed set of documents; `build` again to change them."""

    def __init__(self, ids: Sequence[str], model: bm25s.BM25 | None, k1: float, b: float) -> None:
        self._ids = list(ids)
        self._row = {statement_id: row for row, statement_id in enumerate(self._ids)}
        self._model = model
        self.k1 = k1
        self.b = b

    @classmethod
    def build(
        cls, ids: Sequence[str], documents: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75
    ) -> LexicalIndex:
        """Index token lists (from `tokenize`); an empty document still gets a row."""
        if len(ids) != len(documents):
            raise ValueError(f"{len(ids)} ids but {len(documents)} documents")
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate ids")
        model = None
        if ids:
            model = bm25s.BM25(k1=k1, b=b)
            model.index([doc if len(doc) else [""] for doc in documents], show_progress=False)
        return cls(ids, model, k1, b)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, statement_id: object) -> bool:
        return statement_id in self._row

    @property
    def ids(self) -> list[str]:
        return self._ids

    def rows(self, ids: Sequence[str]) -> np.ndarray:
        return np.fromiter((self._row[i] for i in ids), dtype=np.int64, count=len(ids))

    def all_scores(self, query: str | Sequence[str]) -> np.ndarray:
        """BM25 of every document, in `ids` order; zeros when no query word is indexed."""
        tokens = tokenize(query) if isinstance(query, str) else list(query)
        if self._model is None:
            return np.zeros(0, dtype=np.float32)
        known = [t for t in tokens if t in self._model.vocab_dict]
        if not known:
            return np.zeros(len(self._ids), dtype=np.float32)
        return np.asarray(self._model.get_scores(known), dtype=np.float32)

    def search(self, query: str, k: int, allowed: Collection[str] | None = None) -> list[tuple[str, float]]:
        """The k best documents with a positive score, best first; only `allowed` ids when given."""
        if not self._ids or k <= 0:
            return []
        scores = self.all_scores(query)
        if allowed is not None:
            mask = np.zeros(len(self._ids), dtype=bool)
            mask[self.rows([i for i in allowed if i in self._row])] = True
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(self._ids))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self._ids[i], float(scores[i])) for i in top.tolist() if scores[i] > 0]

    def save(self, folder: Path) -> None:
        model = self._model

        def write(tmp: Path) -> None:
            if model is not None:
                model.save(str(tmp / BM25_DIR), show_progress=False)
            write_json(tmp / IDS_FILE, self._ids)
            write_json(tmp / META_FILE, {"count": len(self._ids), "k1": self.k1, "b": self.b, "tokenizer": TOKENIZER})

        replace_folder(Path(folder), write)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        folder = recover(Path(folder))
        meta = read_json(folder / META_FILE)
        if meta.get("tokenizer") != TOKENIZER:
            raise StoreError(f"lexical index at {folder} uses tokenizer {meta.get('tokenizer')!r}, not {TOKENIZER!r}")
        ids = read_json(folder / IDS_FILE)
        model = None
        if ids:
            model = bm25s.BM25.load(str(folder / BM25_DIR), show_progress=False, verbosity=0)
            if model.scores["num_docs"] != len(ids):
                raise StoreError(f"lexical index at {folder} is inconsistent: {model.scores['num_docs']} rows")
        return cls(ids, model, float(meta["k1"]), float(meta["b"]))
