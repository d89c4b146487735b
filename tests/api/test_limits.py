"""Limits per client: request rate (429), body size (413) and time per answer (503)."""

import threading
from collections.abc import Iterator

from fastapi.testclient import TestClient

from app.config import Settings
from app.retrieval.embedder import Vectors
from app.retrieval.index import Index
from tests.api.serving import client_with
from tests.fakes import HashingEmbedder


def test_client_over_its_rate_limit_gets_429_with_retry_after(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    with client_with(settings, fake_embedder, built_index, rate_limit="3/minute") as client:
        statuses = [client.get("/documents").status_code for _ in range(3)]
        refused = client.post("/search", json={"query": "trust"})
    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "3 per 1 minute" in refused.json()["detail"]


def test_rate_limit_counts_each_client_apart(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    app = client_with(settings, fake_embedder, built_index, rate_limit="2/minute").app
    with (
        TestClient(app, client=("10.0.0.1", 1)) as first,
        TestClient(app, client=("10.0.0.2", 1)) as second,
    ):
        assert [first.get("/documents").status_code for _ in range(3)] == [200, 200, 429]
        assert second.get("/documents").status_code == 200


def test_probes_and_metrics_are_never_rate_limited(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    with client_with(settings, fake_embedder, built_index, rate_limit="1/minute") as client:
        statuses = {
            client.get(path).status_code for path in ("/healthz", "/readyz", "/metrics") * 5
        }
    assert statuses == {200}


def test_empty_rate_limit_turns_limiting_off(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    with client_with(settings, fake_embedder, built_index, rate_limit="") as client:
        statuses = {client.get("/documents").status_code for _ in range(100)}
    assert statuses == {200}


def test_body_over_the_limit_is_413(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    body = b'{"question": "' + b"a" * 2048 + b'"}'
    with client_with(settings, fake_embedder, built_index, max_body_bytes=2048) as client:
        response = client.post("/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "2048 bytes" in response.json()["detail"]


def test_chunked_body_over_the_limit_is_413(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"question": "'
        for _ in range(10):
            yield b"a" * 1024
        yield b'"}'

    with client_with(settings, fake_embedder, built_index, max_body_bytes=4096) as client:
        response = client.post(
            "/ask", content=chunks(), headers={"content-type": "application/json"}
        )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413


def test_body_under_the_limit_is_served(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    with client_with(settings, fake_embedder, built_index, max_body_bytes=2048) as client:
        assert client.post("/ask", json={"question": "How is trust built?"}).status_code == 200


class StallingEmbedder(HashingEmbedder):
    """Blocks every query until released, like a model stuck on an overloaded machine."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def embed_query(self, text: str) -> Vectors:
        """Wait for the release (at most 10 s), then embed."""
        self.release.wait(10)
        return super().embed_query(text)


def test_answer_taking_too_long_is_503_with_retry_after(
    settings: Settings, built_index: Index
) -> None:
    embedder = StallingEmbedder()
    with client_with(settings, embedder, built_index, request_timeout=0.2) as client:
        response = client.post("/ask", json={"question": "How is trust built?"})
        embedder.release.set()
    assert response.status_code == 503
    assert response.headers["retry-after"]
    assert "0.2 s" in response.json()["detail"]


def test_service_answers_again_after_a_timed_out_request(
    settings: Settings, built_index: Index
) -> None:
    embedder = StallingEmbedder()
    with client_with(settings, embedder, built_index, request_timeout=0.2) as client:
        assert client.post("/search", json={"query": "trust"}).status_code == 503
        embedder.release.set()
        assert client.post("/search", json={"query": "trust"}).status_code == 200
        assert client.get("/documents").status_code == 200
