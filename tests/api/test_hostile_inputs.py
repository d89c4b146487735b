"""Hostile requests get a clear 4xx, and the service goes on answering the next normal one."""

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response  # what Starlette's TestClient returns

JSON = {"content-type": "application/json"}
Hostile = Callable[[TestClient], Response]


def _chunks(total: int) -> Iterator[bytes]:
    """Yield `total` bytes in 8 KiB chunks: sent chunked, with no Content-Length."""
    for _ in range(total // 8192):
        yield b" " * 8192


HOSTILE: dict[str, tuple[Hostile, int]] = {
    "raw control characters in the JSON": (
        lambda c: c.post("/ask", content=b'{"question": "trust\x00\x07\x1b"}', headers=JSON),
        422,
    ),
    "control character in a path parameter": (lambda c: c.get("/documents/%00%1b"), 422),
    "lone surrogate in a question": (
        lambda c: c.post("/ask", content=b'{"question": "trust \\ud800"}', headers=JSON),
        422,
    ),
    "lone surrogate in a search filter": (
        lambda c: c.post(
            "/search", content=b'{"query": "trust", "section": "\\udfff"}', headers=JSON
        ),
        422,
    ),
    "NaN as top_k": (
        lambda c: c.post("/ask", content=b'{"question": "trust", "top_k": NaN}', headers=JSON),
        422,
    ),
    "infinite top_k": (
        lambda c: c.post("/search", content=b'{"query": "trust", "top_k": 1e999}', headers=JSON),
        422,
    ),
    "100 KB body": (lambda c: c.post("/ask", content=b"x" * 100_000, headers=JSON), 413),
    "2 MB body": (lambda c: c.post("/search", content=b"x" * 2_000_000, headers=JSON), 413),
    "2 MB chunked body without Content-Length": (
        lambda c: c.post("/ask", content=_chunks(2_000_000), headers=JSON),
        413,
    ),
    "invalid UTF-8": (
        lambda c: c.post("/ask", content=b'{"question": "trust \xff\xfe\xc3"}', headers=JSON),
        400,
    ),
    "deeply nested JSON": (
        lambda c: c.post(
            "/ask", content=b'{"question":' + b'{"a":' * 5000 + b"1" + b"}" * 5001, headers=JSON
        ),
        400,
    ),
    "JSON that is not an object": (
        lambda c: c.post("/search", content=b"[[[[1]]]]", headers=JSON),
        422,
    ),
    "non-JSON content type": (
        lambda c: c.post(
            "/ask", content=b'{"question": "trust"}', headers={"content-type": "text/plain"}
        ),
        422,
    ),
    "form-encoded body": (lambda c: c.post("/ask", data={"question": "trust"}), 422),
    "encoded ../ in a document id": (lambda c: c.get("/documents/..%2F..%2Fetc%2Fpasswd"), 404),
    "encoded ../ in a passage id": (
        lambda c: c.get("/passages/%2e%2e%2f%2e%2e%2fpyproject.toml"),
        404,
    ),
    "dot-dot as a passage id": (lambda c: c.get("/passages/%2e%2e"), 404),
    "encoded ../ at the root": (lambda c: c.get("/%2e%2e/%2e%2e/etc/passwd"), 404),
    "wrong method": (lambda c: c.get("/ask"), 405),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_request_gets_a_clear_4xx_and_service_keeps_serving(
    client: TestClient, name: str
) -> None:
    send, status = HOSTILE[name]
    response = send(client)
    assert response.status_code == status
    assert response.json()["detail"]
    assert "root:" not in response.text and "[project]" not in response.text
    assert client.post("/search", json={"query": "trust"}).status_code == 200


def test_question_with_escaped_control_characters_is_answered(client: TestClient) -> None:
    response = client.post(
        "/ask", content=b'{"question": "trust \\u0000\\u001b[31m?"}', headers=JSON
    )
    assert response.status_code == 200
    assert response.json()["answer"]
