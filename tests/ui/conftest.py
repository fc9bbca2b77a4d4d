"""A served app over the sample minutes (data/minutes), on 127.0.0.1 and a free port, once per session.

The app is served in this process (Service + serve(block=False)) with the model-free hashing embedder;
tests talk to it only over HTTP, through gradio_client, as any outside client would.
"""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported: no calls home
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import socket  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from ingest.batch import ingest_paths  # noqa: E402
from ingest.store import MeetingStore  # noqa: E402
from qa.embedding import Embedder, HashingEmbedder  # noqa: E402
from tests.conftest import REPO  # noqa: E402
from ui.service import Service  # noqa: E402

SAMPLE = REPO / "data" / "minutes"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def sample_store(root: Path) -> Path:
    report = ingest_paths([SAMPLE], MeetingStore(root))
    assert not report.failed, [r.error for r in report.failed]
    return root


@dataclass
class Served:
    url: str
    service: Service


def _serve(root: Path, embedder: Embedder) -> Iterator[Served]:
    from ui.app import serve

    service = Service(root, embedder)
    service.prepare()
    port = free_port()
    app = serve(service, "127.0.0.1", port, block=False)
    try:
        yield Served(f"http://127.0.0.1:{port}/", service)
    finally:
        app.close()
        service.close()


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from _serve(sample_store(tmp_path_factory.mktemp("ui-store")), HashingEmbedder())


@pytest.fixture
def client(served: Served):  # type: ignore[no-untyped-def]
    from gradio_client import Client

    return Client(served.url, verbose=False)
