"""One real uvicorn server on the real index and one headless Chromium for the whole session."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from app.config import Settings
from app.retrieval.index import Index
from devkit.launch import free_port, launched, uvicorn_command
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The first start on a new machine also exports the ONNX encoder (up to a minute under load).
READY_TIMEOUT = 240.0
LAPTOP: ViewportSize = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def server_url(
    real_settings: Settings, real_index: Index, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Serve the real corpus index with `uvicorn app.main:app` on a free port."""
    assert real_index.passages, "the real index must be built before the server starts"
    port = free_port()
    env = {
        **os.environ,
        "DOCQA_CORPUS_DIR": str(real_settings.corpus_dir),
        "DOCQA_INDEX_DIR": str(real_settings.index_dir),
        # Many questions from one address in a few seconds: the per-client limit would refuse them.
        "DOCQA_RATE_LIMIT": "",
        "HF_HUB_OFFLINE": "1",
    }
    command = uvicorn_command(port)
    log = tmp_path_factory.mktemp("server") / "uvicorn.log"
    with launched(command, port, env, log, cwd=ROOT, ready_seconds=READY_TIMEOUT) as server:
        yield server.base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright (no browser download)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def problems() -> list[str]:
    """Script errors and console errors (CSP refusals among them) seen by the page."""
    return []


@pytest.fixture
def page(browser: Browser, server_url: str, problems: list[str]) -> Iterator[Page]:
    """A fresh laptop-sized page on the chat page; script errors and CSP refusals fail the test."""
    context = browser.new_context(viewport=LAPTOP, base_url=server_url)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error" and "Failed to load resource" not in message.text
            else None
        ),
    )
    tab.goto("/")
    tab.wait_for_selector("#document option >> nth=1", state="attached")
    yield tab
    context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The git-ignored folder for screenshots."""
    folder = ROOT / "artifacts"
    folder.mkdir(exist_ok=True)
    return folder
