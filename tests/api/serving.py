"""Build test clients of the app with operations settings changed: keys, limits, CORS."""

from typing import Any

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.retrieval.embedder import Embedder
from app.retrieval.index import Index


def client_with(
    settings: Settings,
    embedder: Embedder,
    index: Index | None = None,
    *,
    client: tuple[str, int] = ("testclient", 50000),
    **changes: Any,
) -> TestClient:
    """Return a client (not yet started) of an app whose settings carry `changes`, validated."""
    changed = Settings.model_validate({**settings.model_dump(), **changes})
    return TestClient(
        create_app(changed, index, embedder), client=client, raise_server_exceptions=False
    )
