"""`minutes-kg serve` as a process, and the app with the real embedding model under concurrent questions."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO
from tests.ui.conftest import Served, _serve, free_port, sample_store
from ui.app import EXAMPLE_QUESTIONS

FAITH = "what did officers say about faith group engagement"


def _outside_address() -> str | None:
    """An address of this machine other than loopback, to show the server is not listening there."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET: no packet is sent by a UDP connect
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") else address


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited with {process.returncode}: {process.stderr.read()!r}")  # type: ignore[union-attr]
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"nothing answered at {url} within {seconds} s")


def test_serve_command_syncs_the_store_and_binds_loopback(tmp_path: Path) -> None:
    from gradio_client import Client

    store = sample_store(tmp_path / "store")  # meeting records only: serve builds the graph and index
    port = free_port()
    env = os.environ | {"MINUTES_KG_EMBEDDER": "hashing", "PYTHONPATH": str(REPO), "GRADIO_ANALYTICS_ENABLED": "False"}
    command = [sys.executable, "-m", "ui.cli", "serve", "--store", str(store), "--port", str(port)]
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for(f"http://127.0.0.1:{port}/", process)
        view = Client(f"http://127.0.0.1:{port}/", verbose=False).predict(FAITH, api_name="/ask")
        assert view["citations"] and {c["speaker_kind"] for c in view["citations"]} <= {"officer", "clerk"}
        outside = _outside_address()
        if outside is not None:
            with pytest.raises(httpx.TransportError):
                httpx.get(f"http://{outside}:{port}/", timeout=2)
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert (store / "graph").exists() and (store / "index").exists()


@pytest.fixture(scope="module")
def served_with_model(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    from qa.embedding import SentenceTransformerEmbedder

    yield from _serve(sample_store(tmp_path_factory.mktemp("ui-model-store")), SentenceTransformerEmbedder())


@pytest.mark.model
def test_real_model_answers_twenty_simultaneous_questions(served_with_model: Served) -> None:
    from gradio_client import Client

    client = Client(served_with_model.url, verbose=False)
    alone = client.predict(FAITH, api_name="/ask")
    assert alone["citations"] and {c["speaker_kind"] for c in alone["citations"]} <= {"officer", "clerk"}
    with ThreadPoolExecutor(max_workers=20) as pool:
        views = list(pool.map(lambda _: client.predict(FAITH, api_name="/ask"), range(20)))
    assert all(view["citations"] == alone["citations"] for view in views)
    for question in EXAMPLE_QUESTIONS:  # the examples the Ask tab offers all answer on the sample minutes
        assert not client.predict(question, api_name="/ask")["abstained"], question
    page = client.predict(alone, api_name="/render_answer")
    assert "mkg-kind-officer" in page and "mkg-kind-councillor" not in page
