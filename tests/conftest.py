"""Shared fixtures: settings on tmp_path, a tiny corpus, the fake and the real embedder."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from app.config import Settings
from app.ingest.build import build_index
from app.language.pipeline import load_pipeline
from app.main import create_app
from app.retrieval.embedder import SentenceTransformerEmbedder
from app.retrieval.index import Index, load_index
from tests.fakes import HashingEmbedder

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEV_SET = ROOT / "eval" / "dev.jsonl"

TINY_REPORT = """# Partnership Field Notes

## Building Trust

Partners must be able to trust each other. Trust is built through shared information and
kept promises. A partnership without trust spends its energy on monitoring.

## Measuring Results

Results need to be measured at two levels: the success of the partnership and the impact
of the intervention. Hard data convinces outsiders to support a project.

## Local Context

A partnership that ignores local context is doomed to fail. Local organisations know the
terrain, and outsiders struggle to validate their legitimacy.
"""

TINY_NOTES = """OVERVIEW
Bakeries in the valley formed an alliance in 2019 to share ovens and delivery vans.
The alliance has twelve members and meets every month.

LESSONS
Shared ovens cut costs by a third. Delivery routes were merged across towns.
"""


def write_tiny_corpus(folder: Path) -> Path:
    """Write a small two-document corpus with a catalogue into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "field-notes.md").write_text(TINY_REPORT, encoding="utf-8")
    (folder / "bakery-alliance.txt").write_text(TINY_NOTES, encoding="utf-8")
    (folder / "catalog.toml").write_text(
        '[documents."field-notes.md"]\ntitle = "Partnership Field Notes"\ndescription = "Notes."\n',
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    """A small corpus written to tmp_path."""
    return write_tiny_corpus(tmp_path / "corpus")


@pytest.fixture
def fake_embedder() -> HashingEmbedder:
    """A fresh deterministic embedder."""
    return HashingEmbedder()


@pytest.fixture
def settings(tmp_path: Path, tiny_corpus: Path) -> Settings:
    """Settings pointing at the tiny corpus and a fresh index folder, with no rate limit."""
    # Rate limiting has its own tests (tests/api/test_limits.py); elsewhere it would only count calls.
    return Settings(
        corpus_dir=tiny_corpus, index_dir=tmp_path / "index", model="hashing-fake", rate_limit=""
    )


@pytest.fixture
def built_index(settings: Settings, fake_embedder: HashingEmbedder) -> Index:
    """The tiny corpus, ingested with the fake embedder and loaded."""
    return ingested(settings, fake_embedder)


def ingested(settings: Settings, embedder: HashingEmbedder) -> Index:
    """Ingest the corpus `settings` points at with `embedder`, and load the index."""
    build_index(settings, lambda: embedder)
    return load_index(settings.index_dir, embedder.name)


@pytest.fixture
def client(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> Iterator[TestClient]:
    """A client of the app serving the tiny index."""
    with TestClient(create_app(settings, built_index, fake_embedder)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def real_embedder() -> SentenceTransformerEmbedder:
    """The bundled MiniLM model, loaded once per test session."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for the project's real corpus, indexed into a session folder."""
    folder = tmp_path_factory.mktemp("real")
    shutil.copytree(CORPUS, folder / "corpus")
    return Settings(corpus_dir=folder / "corpus", index_dir=folder / "index", rate_limit="")


@pytest.fixture(scope="session")
def real_index(real_settings: Settings, real_embedder: SentenceTransformerEmbedder) -> Index:
    """The real corpus ingested with the real model, once per session."""
    build_index(real_settings, lambda: real_embedder)
    return load_index(real_settings.index_dir, real_embedder.name)


@pytest.fixture(scope="session")
def real_client(
    real_settings: Settings, real_index: Index, real_embedder: SentenceTransformerEmbedder
) -> Iterator[TestClient]:
    """A client of the app serving the real index with the real model."""
    with TestClient(create_app(real_settings, real_index, real_embedder)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy pipeline, loaded once for the whole test session."""
    return load_pipeline()
