"""The search index of a store: kept in STORE/index, in step with the meeting records, loaded once."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from ingest.model import Meeting
from ingest.store import MeetingStore
from qa.asking import Asker
from qa.catalogue import build_catalogue
from qa.embedding import Embedder, HashingEmbedder, SentenceTransformerEmbedder
from qa.retrieval import HybridIndex

INDEX_DIR = "index"


def default_embedder() -> Embedder:
    """The shipped all-MiniLM-L6-v2; MINUTES_KG_EMBEDDER=hashing picks the model-free test embedder
    (an index remembers its embedder and refuses the other one)."""
    if os.environ.get("MINUTES_KG_EMBEDDER") == "hashing":
        return HashingEmbedder()
    return SentenceTransformerEmbedder()


def load_index(store_dir: Path, embedder: Embedder) -> HybridIndex:
    folder = Path(store_dir) / INDEX_DIR
    if folder.exists():
        return HybridIndex.load(folder, embedder)
    return HybridIndex(embedder)


def sync_index(
    meetings: MeetingStore,
    embedder: Embedder,
    progress: Callable[[list[Meeting]], Iterable[Meeting]] = lambda ms: ms,
) -> dict[str, str]:
    """Embed new and changed meetings, drop removed ones, and save; unchanged meetings cost nothing."""
    index = load_index(meetings.root, embedder)
    status = index.update(progress(list(meetings)))
    if any(s != "unchanged" for s in status.values()):
        index.save(Path(meetings.root) / INDEX_DIR)
    return status


def open_asker(meetings: MeetingStore, embedder: Embedder | None = None) -> Asker:
    """Everything a question needs, loaded once: the index, the statement catalogue, the meetings."""
    index = load_index(meetings.root, embedder or default_embedder())
    catalogue = build_catalogue(meetings)

    @lru_cache(maxsize=256)
    def meeting(meeting_id: str) -> Meeting:
        return meetings.get(meeting_id)

    return Asker(index, catalogue, meeting)
