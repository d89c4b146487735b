"""Security headers on every response, CORS closed unless configured, request ids and JSON logs."""

import json
import logging
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient

from app.config import Settings
from app.logs import JsonFormatter
from app.retrieval.index import Index
from tests.api.serving import client_with
from tests.fakes import HashingEmbedder


def _app(client: TestClient) -> FastAPI:
    """Return the FastAPI app a test client drives, to add a route to it."""
    assert isinstance(client.app, FastAPI)
    return client.app


def test_json_answers_carry_security_headers_and_no_store(client: TestClient) -> None:
    headers = client.post("/search", json={"query": "trust"}).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/documents/nope"), ("GET", "/no-such-page"), ("POST", "/admin/reload")],
)
def test_error_answers_carry_security_headers(client: TestClient, method: str, path: str) -> None:
    headers = client.request(method, path).headers
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"


def test_a_page_that_sets_its_own_content_security_policy_keeps_it(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    client = client_with(settings, fake_embedder, built_index)
    own = "default-src 'self'; script-src 'self'"
    _app(client).add_api_route(
        "/own-policy", lambda: HTMLResponse("<p>hi</p>", headers={"Content-Security-Policy": own})
    )
    with client:
        headers = client.get("/own-policy").headers
    assert headers["content-security-policy"] == own
    assert headers["x-frame-options"] == "DENY"


def test_api_docs_page_loads_its_scripts_from_this_server_only(client: TestClient) -> None:
    page = client.get("/docs")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "https:" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "https://" not in page.text.replace("https://swagger.io", "")
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200


def _preflight(client: TestClient, origin: str) -> dict[str, str]:
    headers = {"Origin": origin, "Access-Control-Request-Method": "POST"}
    return dict(client.options("/ask", headers=headers).headers)


def test_cors_is_closed_by_default(client: TestClient) -> None:
    assert "access-control-allow-origin" not in _preflight(client, "https://elsewhere.example")
    response = client.get("/documents", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


def test_cors_allows_only_the_configured_origins(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    with client_with(
        settings, fake_embedder, built_index, cors_origins="https://intranet.example"
    ) as client:
        allowed = _preflight(client, "https://intranet.example")
        other = _preflight(client, "https://elsewhere.example")
        simple = client.get("/documents", headers={"Origin": "https://intranet.example"})
    assert allowed["access-control-allow-origin"] == "https://intranet.example"
    assert "access-control-allow-origin" not in other
    assert simple.headers["access-control-allow-origin"] == "https://intranet.example"
    assert "x-request-id" in simple.headers["access-control-expose-headers"].lower()


def test_each_response_carries_a_generated_request_id(client: TestClient) -> None:
    first = client.get("/healthz").headers["x-request-id"]
    second = client.get("/healthz").headers["x-request-id"]
    assert first != second
    assert len(first) == 32


def test_a_sane_incoming_request_id_is_kept(client: TestClient) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a:2024.11_x"})
    assert response.headers["x-request-id"] == "lb-7f3a:2024.11_x"


@pytest.mark.parametrize(
    "given", [b"has spaces", b"x" * 129, b"<script>", b"a\tb", b"\xff\xfe", b""]
)
def test_an_insane_incoming_request_id_is_replaced(client: TestClient, given: bytes) -> None:
    response = client.get("/healthz", headers=[(b"X-Request-ID", given)])
    assert response.headers["x-request-id"] != given.decode("latin-1")
    assert len(response.headers["x-request-id"]) == 32


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def json_lines() -> Iterator[list[str]]:
    """The JSON lines the app logs while the test runs."""
    handler = _Records()
    logger = logging.getLogger("app")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    yield handler.lines
    logger.removeHandler(handler)
    logger.setLevel(previous)


def test_each_request_is_logged_as_one_json_line_with_its_id(
    client: TestClient, json_lines: list[str]
) -> None:
    response = client.post("/search", json={"query": "trust"}, headers={"X-Request-ID": "req-42"})
    entries = [json.loads(line) for line in json_lines]
    access = [e for e in entries if e["logger"] == "app.access"]
    assert len(access) == 1
    entry = access[0]
    assert response.status_code == entry["status"] == 200
    assert (entry["request_id"], entry["method"], entry["path"]) == ("req-42", "POST", "/search")
    assert entry["level"] == "INFO" and entry["message"] == "POST /search 200"
    assert entry["duration_ms"] >= 0 and entry["time"].endswith("+00:00")


def test_unhandled_error_is_500_with_request_id_and_logged(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder, json_lines: list[str]
) -> None:
    client = client_with(settings, fake_embedder, built_index)

    def broken() -> None:
        raise RuntimeError("secret internals")

    _app(client).add_api_route("/broken", broken)
    with client:
        response = client.get("/broken", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error."}
    assert response.headers["x-request-id"] == "req-500"
    assert response.headers["x-content-type-options"] == "nosniff"
    entries = [json.loads(line) for line in json_lines]
    assert any(
        "secret internals" in e.get("exception", "") and e["request_id"] == "req-500"
        for e in entries
    )
    assert any(e["logger"] == "app.access" and e["status"] == 500 for e in entries)
