"""A real uvicorn server (fake embedder): SIGHUP reloads, raw hostile HTTP, JSON logs."""

import contextlib
import json
import shutil
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.config import Settings
from app.ingest.build import build_index
from app.retrieval import store
from tests.conftest import write_tiny_corpus
from tests.fakes import HashingEmbedder
from tests.reliability.server import Server, fake_server, wait_for

NEW_DOCUMENT = (
    "# Orchard Cooperative\n\nThe orchard cooperative pools cider presses across villages.\n"
)


@pytest.fixture
def server(settings: Settings, fake_embedder: HashingEmbedder, tmp_path: Path) -> Iterator[Server]:
    """A server on the tiny index."""
    build_index(settings, lambda: fake_embedder)
    with fake_server(settings, tmp_path / "server.log") as running:
        yield running


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server on the tiny index, shared by tests that do not change it."""
    folder = tmp_path_factory.mktemp("shared-server")
    settings = Settings(
        corpus_dir=write_tiny_corpus(folder / "corpus"),
        index_dir=folder / "index",
        model="hashing-fake",
    )
    embedder = HashingEmbedder()
    build_index(settings, lambda: embedder)
    with fake_server(settings, folder / "server.log") as running:
        yield running


def _documents_found(server: Server, query: str) -> set[str]:
    response = httpx.post(f"{server.base_url}/search", json={"query": query}, timeout=10)
    assert response.status_code == 200
    return {r["document_id"] for r in response.json()["results"]}


def _signal_reloads(server: Server, outcome: str) -> float:
    text = httpx.get(f"{server.base_url}/metrics", timeout=10).text
    prefix = f'docqa_index_loads_total{{outcome="{outcome}",trigger="signal"}} '
    return next(
        (float(line.removeprefix(prefix)) for line in text.splitlines() if line.startswith(prefix)),
        0.0,
    )


def test_sighup_makes_a_server_started_without_index_ready(
    settings: Settings, fake_embedder: HashingEmbedder, tmp_path: Path
) -> None:
    with fake_server(settings, tmp_path / "server.log") as server:
        assert httpx.get(f"{server.base_url}/readyz").status_code == 503
        build_index(settings, lambda: fake_embedder)
        server.process.send_signal(signal.SIGHUP)
        assert wait_for(lambda: httpx.get(f"{server.base_url}/readyz").status_code == 200), (
            server.output()
        )
        assert server.process.poll() is None


def test_sighup_swaps_in_a_new_build(
    server: Server, settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    assert "orchard" not in _documents_found(server, "orchard cider presses")
    (settings.corpus_dir / "orchard.md").write_text(NEW_DOCUMENT, encoding="utf-8")
    build_index(settings, lambda: fake_embedder)
    server.process.send_signal(signal.SIGHUP)
    assert wait_for(lambda: "orchard" in _documents_found(server, "orchard cider presses")), (
        server.output()
    )


def test_sighup_meeting_a_damaged_build_keeps_serving_the_old_one(
    server: Server, settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    before = _documents_found(server, "trust")
    (settings.corpus_dir / "orchard.md").write_text(NEW_DOCUMENT, encoding="utf-8")
    damaged = build_index(settings, lambda: fake_embedder).build
    assert damaged is not None
    (damaged / store.DOCUMENTS_FILE).write_text("[", encoding="utf-8")
    server.process.send_signal(signal.SIGHUP)
    assert wait_for(lambda: _signal_reloads(server, "failed") == 1), server.output()
    assert _documents_found(server, "trust") == before
    assert store.DOCUMENTS_FILE in server.output()


def _raw(server: Server, request: bytes) -> bytes:
    """Send raw bytes on a fresh connection and return the start of the answer."""
    host, port = server.base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        # The server may answer and close before the whole body is sent.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(request)
        try:
            return sock.recv(4096)
        except ConnectionResetError:
            return b""


def _chunked(size: int) -> bytes:
    chunk = b"x" * 65536
    return (
        b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(size // len(chunk)))
        + b"0\r\n\r\n"
    )


RAW_HOSTILE = {
    # A 4 alone means the HTTP parser refuses it: any 4xx, or the connection closed unanswered.
    "2 MB chunked body": (
        b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + _chunked(2_000_000),
        b"413",
    ),
    "2 MB body with Content-Length": (
        b"POST /search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n"
        + b"x" * 2_000_000,
        b"413",
    ),
    # uvicorn's httptools parser reads a request head of any size: this one is answered, and
    # the point is that the server lives on (put a proxy in front to bound heads).
    "2 MB header": (
        b"GET /documents HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 2_000_000 + b"\r\n\r\n",
        b"200",
    ),
    "garbage request line": (
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n",
        b"4",
    ),
    "invalid UTF-8 in the path": (b"GET /documents/%ff%fe%00 HTTP/1.1\r\nHost: x\r\n\r\n", b"422"),
    "raw ../ in the path": (b"GET /documents/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", b"404"),
}


@pytest.mark.parametrize("name", list(RAW_HOSTILE))
def test_raw_hostile_request_is_refused_and_the_server_keeps_serving(
    shared_server: Server, name: str
) -> None:
    request, expected = RAW_HOSTILE[name]
    answer = _raw(shared_server, request)
    status_line = answer.split(b"\r\n", 1)[0]
    if expected == b"4":
        assert not status_line or status_line.split(b" ")[1].startswith(b"4"), status_line
    else:
        assert status_line.split(b" ")[1] == expected, status_line
    assert b"root:" not in answer
    assert httpx.get(f"{shared_server.base_url}/documents", timeout=10).status_code == 200
    assert shared_server.process.poll() is None


def test_server_writes_one_json_object_per_log_line(server: Server) -> None:
    httpx.post(
        f"{server.base_url}/search", json={"query": "trust"}, headers={"X-Request-ID": "trace-1"}
    )
    httpx.get(f"{server.base_url}/documents/nope")
    server.process.send_signal(signal.SIGTERM)
    server.process.wait(timeout=20)
    entries = [json.loads(line) for line in server.output().splitlines() if line.strip()]
    access = [e for e in entries if e["logger"] == "app.access"]
    assert {(e["path"], e["status"]) for e in access} >= {
        ("/search", 200),
        ("/documents/nope", 404),
    }
    assert next(e for e in access if e["path"] == "/search")["request_id"] == "trace-1"
    assert all({"time", "level", "message"} <= e.keys() for e in entries)


def test_server_without_corpus_copy_still_starts(settings: Settings, tmp_path: Path) -> None:
    shutil.rmtree(settings.corpus_dir)
    with fake_server(settings, tmp_path / "server.log") as running:
        assert httpx.get(f"{running.base_url}/healthz").status_code == 200
        assert "docqa ingest" in httpx.get(f"{running.base_url}/readyz").json()["detail"]
