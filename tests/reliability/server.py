"""Run a real uvicorn server in a subprocess on a free loopback port, for tests."""

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.config import Settings
from devkit.launch import ServerProcess, free_port, launched
from tests.conftest import ROOT

ADMIN_KEY = "server-test-admin"


Server = ServerProcess


@contextmanager
def fake_server(settings: Settings, log: Path) -> Iterator[Server]:
    """Serve `settings` with the fake embedder under uvicorn; stop it on exit."""
    port = free_port()
    env = {
        **os.environ,
        "DOCQA_CORPUS_DIR": str(settings.corpus_dir),
        "DOCQA_INDEX_DIR": str(settings.index_dir),
        "DOCQA_MODEL": settings.model,
        "DOCQA_ADMIN_KEY": ADMIN_KEY,
        "DOCQA_RATE_LIMIT": "",
    }
    command = [sys.executable, "-m", "tests.reliability.fake_server", str(port)]
    with launched(
        command, port, env, log, cwd=ROOT, ready_path="/healthz", ready_seconds=60
    ) as server:
        yield server


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    """Poll `condition` until it holds or `seconds` pass; return whether it held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False
