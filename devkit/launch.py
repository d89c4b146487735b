"""Run the service in a child process on a free loopback port, for tests, benchmarks and load runs.

Development support: it needs httpx, which only the dev extra installs.
"""

import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


class ServerStartError(RuntimeError):
    """A server started in a child process died or never became ready."""


@dataclass
class ServerProcess:
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


def uvicorn_command(port: int) -> list[str]:
    """Return the command that serves `app.main:app` with this interpreter on loopback `port`."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "app.main:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]


def wait_until_answering(server: ServerProcess, path: str, seconds: float) -> None:
    """Poll `path` until it answers 200; raise with the server's output if it dies or stalls."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerStartError(
                f"The server exited with code {server.process.returncode}:\n{server.output()[-5000:]}"
            )
        try:
            if httpx.get(f"{server.base_url}{path}", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise ServerStartError(
        f"The server did not answer {path} within {seconds:.0f} s:\n{server.output()[-5000:]}"
    )


@contextmanager
def launched(
    command: list[str],
    port: int,
    env: Mapping[str, str],
    log: Path,
    cwd: Path | None = None,
    ready_path: str = "/readyz",
    ready_seconds: float = 120.0,
) -> Iterator[ServerProcess]:
    """Start `command` (a server listening on `port`), wait until it answers, stop it on exit."""
    with log.open("wb") as sink:
        # One file for stdout and stderr: a pipe nobody reads could fill up and stall the server.
        process = subprocess.Popen(
            command, cwd=cwd, env=dict(env), stdout=sink, stderr=subprocess.STDOUT
        )
    server = ServerProcess(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_until_answering(server, ready_path, ready_seconds)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
