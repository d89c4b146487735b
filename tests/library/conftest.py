"""Fixtures of the library tests: the tiny corpus served with the admin key set."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.config import Settings
from app.ingest.build import build_index
from app.main import create_app
from app.retrieval.index import load_index
from tests.fakes import HashingEmbedder
from tests.library.client import ADMIN_KEY


@pytest.fixture
def library_settings(settings: Settings) -> Settings:
    """The tiny corpus's settings with the admin key set."""
    return settings.model_copy(update={"admin_key": SecretStr(ADMIN_KEY)})


@pytest.fixture
def admin_client(
    library_settings: Settings, fake_embedder: HashingEmbedder
) -> Iterator[TestClient]:
    """A client of the app serving the tiny corpus, whose library jobs ingest with the fake model."""
    build_index(library_settings, lambda: fake_embedder)
    index = load_index(library_settings.index_dir, fake_embedder.name)
    with TestClient(create_app(library_settings, index, fake_embedder)) as client:
        yield client
