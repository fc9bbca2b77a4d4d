"""End to end in a real browser: Debian's chromium driven by Playwright, against the served app.

Skipped when chromium or playwright is missing (never `playwright install`: it downloads a browser).
Screenshots of each tab go to $MINUTES_KG_SCREENSHOTS when set (docs/screenshots/ was made so).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from tests.ui.conftest import Served

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
SCRIPT_MINUTES = """Minutes of the Alertville Parish Council meeting held on 7 June 2024

1. Footpaths

The Clerk reported that the footpath signs <script>alert("minutes")</script> <img src=x onerror=alert(2)> were replaced.
"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no browser at {CHROMIUM} (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, served: Served) -> Iterator[Any]:
    """A page on the app that records every request it makes and every dialog that opens."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.requests, page.dialogs = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(served.url)
    page.wait_for_selector("#mkg-question textarea")
    yield page
    context.close()


def _shot(page: Any, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("MINUTES_KG_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def _ask(page: Any, question: str) -> None:
    page.fill("#mkg-question textarea", question)
    page.click("#mkg-ask")
    page.wait_for_selector("#mkg-answer .mkg-card, #mkg-answer .mkg-abstained", timeout=60_000)


def test_faith_question_cites_officers_only(page: Any, served: Served, tmp_path: Path) -> None:
    _ask(page, "what did officers say about faith group engagement")
    kinds = page.locator("#mkg-answer .mkg-kind").all_inner_texts()
    assert kinds and set(kinds) <= {"officer", "clerk"}
    assert page.locator("#mkg-answer .mkg-kind-councillor").count() == 0
    page.locator("#mkg-answer details summary").first.click()
    assert page.locator("#mkg-answer .mkg-quote-in-context").first.is_visible()
    _shot(page, "ask", tmp_path)
    assert all(url.startswith(served.url) for url in page.requests), {u for u in page.requests}


def test_every_tab_works_in_the_browser(page: Any, served: Served, tmp_path: Path) -> None:
    page.get_by_role("tab", name="SPARQL").click()
    page.get_by_label("Example queries").click()
    page.get_by_role("option", name="01-officer-commitments").click()
    page.wait_for_function("document.querySelector('#mkg-query textarea').value.startsWith('# All commitments')")
    page.click("#mkg-run")
    page.wait_for_selector("#mkg-results table >> text=commitment")
    _shot(page, "sparql", tmp_path)

    page.get_by_role("tab", name="Export").click()
    page.click("#mkg-export")
    link = page.locator("#mkg-download a").first
    link.wait_for(timeout=60_000)
    with page.expect_download() as download:
        link.click()
    assert len(Graph().parse(download.value.path(), format="turtle")) > 1000
    _shot(page, "export", tmp_path)

    page.get_by_role("tab", name="Ingest").click()
    upload = {"name": "alertville.txt", "mimeType": "text/plain", "buffer": SCRIPT_MINUTES.encode()}
    page.locator("#mkg-files input[type=file]").set_input_files(upload)
    page.wait_for_selector("#mkg-files >> text=alertville", timeout=60_000)
    page.click("#mkg-ingest")
    page.wait_for_selector("text=1 of 1 files ingested", timeout=120_000)
    _shot(page, "ingest", tmp_path)

    page.get_by_role("tab", name="Ask").click()
    _ask(page, "what did the clerk report about the footpath signs")
    assert "<img src=x onerror=alert(2)>" in page.locator("#mkg-answer").inner_text()  # shown as text
    assert page.locator("#mkg-answer img, #mkg-answer script").count() == 0 and not page.dialogs

    page.get_by_role("tab", name="Explore").click()
    page.fill("#mkg-explore-search textarea", "community safety partnership manager")
    page.click("#mkg-search")
    page.wait_for_selector("#mkg-entity h2", timeout=60_000)
    page.wait_for_selector("#mkg-network svg")
    assert page.locator("#mkg-timeline svg circle").count() > 0
    _shot(page, "explore", tmp_path)
    assert all(url.startswith(served.url) for url in page.requests) and not page.dialogs


def test_query_results_are_shown_as_text(page: Any) -> None:
    """The results table is Gradio's Dataframe: a literal holding markup must stay text there too."""
    page.get_by_role("tab", name="SPARQL").click()
    page.fill("#mkg-query textarea", 'SELECT ?x WHERE { BIND("<img src=x onerror=alert(3)><b>bold</b>" AS ?x) }')
    page.click("#mkg-run")
    page.wait_for_function("document.querySelector('#mkg-results').innerText.includes('onerror')", timeout=60_000)
    assert "<img src=x onerror=alert(3)><b>bold</b>" in page.locator("#mkg-results").inner_text()
    assert page.locator("#mkg-results img, #mkg-results b").count() == 0 and not page.dialogs
