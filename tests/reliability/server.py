"""Run a real uvicorn server in a subprocess on a free loopback port, for tests."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.config import Settings
from tests.conftest import ROOT

ADMIN_KEY = "server-test-admin"


@dataclass
class Server:
    """A running server: its address, process and log file."""

    base_url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        """Return what the server has written to stdout and stderr so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


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
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_live(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_live(server: Server, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(
                f"The server exited with {server.process.returncode}:\n{server.output()}"
            )
        try:
            if httpx.get(f"{server.base_url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"The server did not answer within {seconds} s:\n{server.output()}")


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    """Poll `condition` until it holds or `seconds` pass; return whether it held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False
