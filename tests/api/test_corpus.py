"""The corpus describes itself: GET /corpus and the page read the [corpus] table of its catalogue."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.corpus import (
    DEFAULT_DESCRIPTION,
    DEFAULT_TITLE,
    CorpusProfile,
    Example,
    load_corpus_profile,
)
from app.ingest.catalog import load_catalog
from app.main import create_app
from app.retrieval.index import Index
from tests.conftest import CORPUS
from tests.fakes import HashingEmbedder

PROFILE = """[corpus]
title = "Bakery alliance notes"
description = "What the valley's bakeries learned by sharing ovens."
examples = [
  { question = "How much did shared ovens save?", kind = "Fact" },
  "Who are the members?",
  { kind = "Fact" },
]

[documents."field-notes.md"]
title = "Partnership Field Notes"
"""


def _with_catalog(corpus: Path, text: str) -> Path:
    (corpus / "catalog.toml").write_text(text, encoding="utf-8")
    return corpus


def test_the_corpus_table_gives_title_description_and_examples(tiny_corpus: Path) -> None:
    profile = load_corpus_profile(_with_catalog(tiny_corpus, PROFILE))
    assert profile == CorpusProfile(
        "Bakery alliance notes",
        "What the valley's bakeries learned by sharing ovens.",
        (Example("How much did shared ovens save?", "Fact"), Example("Who are the members?")),
    )


def test_document_entries_are_read_as_before_beside_the_corpus_table(tiny_corpus: Path) -> None:
    catalog = load_catalog(_with_catalog(tiny_corpus, PROFILE))
    assert catalog["field-notes.md"].title == "Partnership Field Notes"


@pytest.mark.parametrize(
    "text",
    ["", '[documents."a.md"]\ntitle = "A"\n', "[corpus]\n", "[corpus\nbroken", 'corpus = "flat"\n'],
)
def test_a_catalogue_without_a_usable_corpus_table_gets_neutral_defaults(
    tiny_corpus: Path, text: str
) -> None:
    profile = load_corpus_profile(_with_catalog(tiny_corpus, text))
    assert profile == CorpusProfile(DEFAULT_TITLE, DEFAULT_DESCRIPTION, ())


def test_a_corpus_without_a_catalogue_gets_neutral_defaults(tmp_path: Path) -> None:
    assert load_corpus_profile(tmp_path) == CorpusProfile()


def test_get_corpus_serves_the_profile_and_the_api_title_names_it(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    _with_catalog(settings.corpus_dir, PROFILE)
    with TestClient(create_app(settings, built_index, fake_embedder)) as client:
        body = client.get("/corpus").json()
        title = client.get("/openapi.json").json()["info"]["title"]
    assert body["title"] == "Bakery alliance notes"
    assert body["examples"][0] == {"question": "How much did shared ovens save?", "kind": "Fact"}
    assert body["examples"][1] == {"question": "Who are the members?", "kind": ""}
    assert "Bakery alliance notes" in title


def test_the_page_names_no_corpus_of_its_own() -> None:
    page = (Path(__file__).resolve().parents[2] / "app" / "web" / "index.html").read_text()
    for example in load_corpus_profile(CORPUS).examples:
        assert example.question not in page
    assert "partnership" not in page.lower()


def test_the_project_corpus_offers_its_own_examples() -> None:
    assert len(load_corpus_profile(CORPUS).examples) >= 3
