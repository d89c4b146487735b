"""Health and readiness; a missing index answers 503 with how to build it."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.fakes import HashingEmbedder


@pytest.fixture
def empty_client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(corpus_dir=tmp_path, index_dir=tmp_path / "no-index", model="hashing-fake")
    with TestClient(create_app(settings, embedder=HashingEmbedder())) as test_client:
        yield test_client


def test_ready_when_the_index_is_loaded(client: TestClient) -> None:
    assert client.get("/readyz").json()["status"] == "ready"


def test_missing_index_is_503_with_how_to_build_it(empty_client: TestClient) -> None:
    assert empty_client.get("/healthz").status_code == 200
    ready = empty_client.get("/readyz")
    assert ready.status_code == 503
    response = empty_client.post("/ask", json={"question": "Why does trust matter?"})
    assert response.status_code == 503
    assert "docqa ingest" in response.json()["detail"]
