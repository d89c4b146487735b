"""Sentence facts are learned once at ingest, stored with the index and loaded with it."""

import json
from pathlib import Path

import pytest
from spacy.language import Language

from app import main
from app.config import Settings
from app.errors import IncompatibleIndexError, IndexUnavailableError
from app.ingest.build import build_index
from app.language.facts import Entity, SentenceFacts
from app.retrieval import store
from app.retrieval.index import load_index
from tests.fakes import HashingEmbedder


def _build(settings: Settings, embedder: HashingEmbedder, nlp: Language) -> Path:
    build = build_index(settings, lambda: embedder, load_language=lambda: nlp).build
    assert build is not None
    return build


def test_facts_survive_a_build_and_a_load(
    settings: Settings, fake_embedder: HashingEmbedder, nlp: Language
) -> None:
    _build(settings, fake_embedder, nlp)
    index = load_index(settings.index_dir, fake_embedder.name)
    assert len(index.sentence_facts) == len(index.passages)
    for passage in index.passages:
        facts = index.facts_of(passage.id)
        assert tuple((f.start, f.end) for f in facts) == passage.sentences
        for fact in facts:
            assert all(passage.text[e.start : e.end] == e.text for e in fact.entities)


def test_stored_facts_hold_roles_and_typed_entities(
    settings: Settings, fake_embedder: HashingEmbedder, nlp: Language
) -> None:
    _build(settings, fake_embedder, nlp)
    index = load_index(settings.index_dir, fake_embedder.name)
    facts = [f for p in index.passages for f in index.facts_of(p.id)]
    assert {f.role for f in facts} == {"content"}
    labels = {(e.text, e.label) for f in facts for e in f.entities}
    assert ("2019", "DATE") in labels
    assert ("twelve", "CARDINAL") in labels


def test_facts_round_trip_through_json() -> None:
    facts = SentenceFacts(10, 60, "writer", True, 25, (Entity("2012", "DATE", 30, 34),))
    assert SentenceFacts.from_json(json.loads(json.dumps(facts.to_json()))) == facts


def test_a_build_without_its_facts_file_refuses_to_load_with_the_rebuild_hint(
    settings: Settings, fake_embedder: HashingEmbedder, nlp: Language
) -> None:
    folder = _build(settings, fake_embedder, nlp)
    (folder / store.SENTENCE_FACTS_FILE).unlink()
    with pytest.raises(IndexUnavailableError) as failure:
        load_index(settings.index_dir, fake_embedder.name)
    assert store.SENTENCE_FACTS_FILE in str(failure.value)
    assert "docqa ingest --rebuild" in str(failure.value)


def test_an_index_of_the_format_before_sentence_facts_is_refused(
    settings: Settings, fake_embedder: HashingEmbedder, nlp: Language
) -> None:
    folder = _build(settings, fake_embedder, nlp)
    manifest = store.read_manifest(folder)
    store.write_json(folder / store.MANIFEST_FILE, {**manifest, "format_version": 1})
    with pytest.raises(IncompatibleIndexError, match="docqa ingest --rebuild"):
        load_index(settings.index_dir, fake_embedder.name)


def test_the_pipeline_is_loaded_only_when_a_build_is_needed(
    settings: Settings, fake_embedder: HashingEmbedder, nlp: Language
) -> None:
    loads: list[int] = []

    def load() -> Language:
        loads.append(1)
        return nlp

    build_index(settings, lambda: fake_embedder, load_language=load)
    build_index(settings, lambda: fake_embedder, load_language=load)
    assert len(loads) == 1


def test_the_app_uses_an_injected_pipeline_without_loading_one(
    settings: Settings,
    fake_embedder: HashingEmbedder,
    nlp: Language,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse() -> Language:
        raise AssertionError("the pipeline was loaded although one was injected")

    monkeypatch.setattr(main, "load_pipeline", refuse)
    state = main._load(settings, fake_embedder, None, nlp)
    assert state["language"] is nlp


def test_the_app_loads_the_pipeline_once_when_none_is_injected(
    settings: Settings,
    fake_embedder: HashingEmbedder,
    nlp: Language,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loads: list[int] = []

    def load() -> Language:
        loads.append(1)
        return nlp

    monkeypatch.setattr(main, "load_pipeline", load)
    state = main._load(settings, fake_embedder, None, None)
    assert state["language"] is nlp
    assert loads == [1]
