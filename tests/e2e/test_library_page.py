"""The Library view in real Chromium: browsing for everyone, uploads with the admin key."""

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from app.config import Settings
from app.retrieval.index import Index
from devkit.launch import free_port, launched, uvicorn_command
from tests.conftest import ROOT
from tests.e2e.conftest import LAPTOP, READY_TIMEOUT
from tests.library.files import docx_bytes

pytestmark = pytest.mark.e2e

ADMIN_KEY = "library-e2e-admin"
JOB_SECONDS = 300


@pytest.fixture(scope="module")
def library_url(
    real_settings: Settings, real_index: Index, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Serve a copy of the real corpus and index with the admin key set."""
    assert real_index.passages
    folder = tmp_path_factory.mktemp("library-server")
    shutil.copytree(real_settings.corpus_dir, folder / "corpus")
    shutil.copytree(real_settings.index_dir, folder / "index", symlinks=True)
    port = free_port()
    env = {
        **os.environ,
        "DOCQA_CORPUS_DIR": str(folder / "corpus"),
        "DOCQA_INDEX_DIR": str(folder / "index"),
        "DOCQA_ADMIN_KEY": ADMIN_KEY,
        "DOCQA_RATE_LIMIT": "",
        "HF_HUB_OFFLINE": "1",
    }
    log = folder / "uvicorn.log"
    command = uvicorn_command(port)
    with launched(command, port, env, log, cwd=ROOT, ready_seconds=READY_TIMEOUT) as server:
        yield server.base_url


@pytest.fixture
def library_page(browser: Browser, library_url: str, problems: list[str]) -> Iterator[Page]:
    """A fresh page on the library server; script errors and CSP refusals fail the test."""
    context = browser.new_context(viewport=LAPTOP, base_url=library_url)
    context.set_default_timeout(60_000)
    tab = context.new_page()
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on(
        "console",
        lambda m: (
            problems.append(f"console: {m.text}")
            if m.type == "error" and "Failed to load resource" not in m.text
            else None
        ),
    )
    tab.goto("/")
    tab.wait_for_selector("#document option >> nth=1", state="attached")
    yield tab
    context.close()
    assert not problems, "\n".join(problems)


def _enter_key(page: Page, key: str) -> None:
    dialog = page.locator("dialog.key-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("input[type=password]").fill(key)
    dialog.get_by_role("button", name="Use key").click()


def test_reader_without_a_key_sees_the_library_but_no_upload(library_page: Page) -> None:
    library_page.get_by_role("button", name="Library").click()
    documents = library_page.locator(".library-doc")
    expect(documents).to_have_count(2)
    expect(library_page.locator("#library-upload")).to_be_hidden()
    expect(library_page.get_by_role("button", name="Remove")).to_have_count(0)
    first = documents.first
    first.get_by_role("button", name="Sections").click()
    section = first.locator(".library-outline button").first
    section.click()
    expect(first.locator(".library-passage").first).to_be_visible()


def test_asking_from_the_library_restricts_the_question(library_page: Page) -> None:
    library_page.get_by_role("button", name="Library").click()
    document = library_page.locator(".library-doc").first
    document_id = document.get_attribute("data-document")
    document.get_by_role("button", name="Ask about this document").click()
    expect(library_page.locator("#document")).to_have_value(document_id or "")
    expect(library_page.locator("#question")).to_be_focused()


def test_wrong_key_gets_the_401_prompt_and_the_retry_succeeds(library_page: Page) -> None:
    library_page.get_by_role("button", name="Library").click()
    library_page.get_by_role("button", name="Admin").click()
    _enter_key(library_page, "not-the-key")
    # The server answered 401: the page asks again, saying why, and retries with the new key.
    expect(library_page.locator(".key-reason")).to_have_text("The admin key is not valid.")
    _enter_key(library_page, ADMIN_KEY)
    expect(library_page.locator("#library-upload")).to_be_visible()
    stored = library_page.evaluate("window.sessionStorage.getItem('docqa-api-key')")
    assert stored == ADMIN_KEY
    assert ADMIN_KEY not in library_page.url


def test_admin_uploads_a_document_and_asks_it_a_question(
    library_page: Page, tmp_path: Path, artifacts: Path
) -> None:
    library_page.get_by_role("button", name="Library").click()
    library_page.get_by_role("button", name="Admin").click()
    _enter_key(library_page, ADMIN_KEY)
    docx = tmp_path / "Beekeepers review.docx"
    docx.write_bytes(docx_bytes())
    library_page.fill("#upload-title", "Beekeepers cooperative review")
    library_page.set_input_files("#library-file", str(docx))
    expect(library_page.locator("#library-progress")).to_be_visible()
    # The job's progress is shown while it runs, then it ends; the machine may be busy.
    expect(library_page.locator("#library-status")).to_have_text(
        re.compile(r"(queued|ingesting|done\.)"), timeout=30_000
    )
    expect(library_page.locator("#library-status")).to_have_text(
        re.compile(r"done\.$"), timeout=JOB_SECONDS * 1000
    )
    expect(library_page.locator("#library-progress")).to_have_attribute("value", "1")
    title = library_page.locator(".library-title", has_text="Beekeepers cooperative review")
    expect(title).to_be_visible()
    library_page.screenshot(path=artifacts / "library.png", full_page=True)
    library_page.get_by_role("button", name="Back to questions").click()
    library_page.fill("#question", "Where do members of the cooperative take disputes over prices?")
    library_page.press("#question", "Enter")
    exchange = library_page.locator(".exchange").last
    expect(exchange.locator(".reply")).to_have_attribute("aria-busy", "false")
    card = exchange.locator(".card", has_text="Beekeepers cooperative review").first
    expect(card).to_be_visible()
    marker = exchange.locator(f"a.marker[href='#{card.get_attribute('id')}']").first
    marker.click()
    expect(card).to_have_attribute("aria-current", "true")
