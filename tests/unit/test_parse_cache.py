"""The parse cache and the reuse of sentence facts: a build reads and analyses only what changed."""

import os
import time
from pathlib import Path

import pytest

from app.config import Settings
from app.ingest import build as build_module
from app.ingest import cache as cache_module
from app.ingest import readers as readers_module
from app.ingest.build import build_index
from app.ingest.cache import ParsedCache, parsed_folder
from app.language.annotate import ROLES_VERSION
from app.library.uploads import check_extraction
from app.retrieval import store
from tests.fakes import HashingEmbedder

NEWS = "\nNEWS\nA new bakery joined the alliance in 2024. It brought two vans.\n"


def _touch_catalogue(corpus: Path) -> None:
    """Change the corpus without changing a document, so that a build is needed."""
    catalogue = corpus / "catalog.toml"
    catalogue.write_text(catalogue.read_text() + "\n# edited\n")


def _entries(settings: Settings) -> list[Path]:
    return sorted(parsed_folder(settings.index_dir).glob("*.json"))


def _built(settings: Settings) -> tuple[list[dict[str, object]], list[str]]:
    """Return the live build's passages and sentence facts, as plain data."""
    folder = store.current_build(settings.index_dir)
    assert folder is not None
    passages = store.read_passages(folder)
    facts = store.read_sentence_facts(folder, passages)
    return [vars(p) for p in passages], [repr(f) for f in facts]


def test_first_build_reads_every_file(settings: Settings, fake_embedder: HashingEmbedder) -> None:
    report = build_index(settings, lambda: fake_embedder)
    assert sorted(report.parsed) == ["bakery-alliance.txt", "field-notes.md"]
    assert len(_entries(settings)) == 2


def test_second_build_with_one_changed_file_reads_only_that_file(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    build_index(settings, lambda: fake_embedder)
    notes = tiny_corpus / "bakery-alliance.txt"
    notes.write_text(notes.read_text() + NEWS)
    report = build_index(settings, lambda: fake_embedder)
    assert report.parsed == ["bakery-alliance.txt"]
    assert len(_entries(settings)) == 2  # the old version's entry is pruned


def test_a_build_removes_what_a_killed_writer_left(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    build_index(settings, lambda: fake_embedder)
    left = parsed_folder(settings.index_dir) / ".0123abcd.5678.tmp"
    left.write_text('{"blocks": [')
    os.utime(left, (0, 0))
    _touch_catalogue(tiny_corpus)
    build_index(settings, lambda: fake_embedder)
    assert not left.exists()
    assert len(_entries(settings)) == 2


def test_an_entry_written_while_a_build_runs_is_kept(
    settings: Settings, fake_embedder: HashingEmbedder, tmp_path: Path
) -> None:
    upload = tmp_path / "checked-upload.md"
    upload.write_text("# Checked\n\nAn upload checked while another job was building.\n")
    ParsedCache(parsed_folder(settings.index_dir)).read(upload)
    (entry,) = _entries(settings)
    later = time.time() + 60  # as if the check had written it after the build started
    os.utime(entry, (later, later))
    build_index(settings, lambda: fake_embedder)
    assert entry.exists()
    assert len(_entries(settings)) == 3


def test_second_build_analyses_only_the_new_sentences(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    first = build_index(settings, lambda: fake_embedder)
    notes = tiny_corpus / "bakery-alliance.txt"
    notes.write_text(notes.read_text() + NEWS)
    second = build_index(settings, lambda: fake_embedder)
    assert first.annotated > 2
    assert second.annotated == 2  # the two sentences of NEWS


def test_results_are_the_same_with_and_without_the_caches(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path, tmp_path: Path
) -> None:
    build_index(settings, lambda: fake_embedder)
    notes = tiny_corpus / "bakery-alliance.txt"
    notes.write_text(notes.read_text() + NEWS)
    cached = build_index(settings, lambda: fake_embedder)
    fresh_settings = settings.model_copy(
        update={"index_dir": tmp_path / "fresh", "parse_cache": False}
    )
    fresh = build_index(fresh_settings, lambda: fake_embedder)
    assert cached.parsed == ["bakery-alliance.txt"]
    assert sorted(fresh.parsed) == ["bakery-alliance.txt", "field-notes.md"]
    assert not _entries(fresh_settings)
    assert _built(settings) == _built(fresh_settings)


def test_rebuild_reads_and_analyses_everything_again(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    first = build_index(settings, lambda: fake_embedder)
    again = build_index(settings, lambda: fake_embedder, rebuild=True)
    assert sorted(again.parsed) == sorted(first.parsed)
    assert again.annotated == first.annotated


def test_entries_made_by_other_readers_are_not_used(
    settings: Settings,
    fake_embedder: HashingEmbedder,
    tiny_corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build_index(settings, lambda: fake_embedder)
    monkeypatch.setattr(cache_module, "readers_fingerprint", lambda: "readers changed")
    _touch_catalogue(tiny_corpus)
    report = build_index(settings, lambda: fake_embedder)
    assert sorted(report.parsed) == ["bakery-alliance.txt", "field-notes.md"]
    assert len(_entries(settings)) == 2  # the other readers' entries are pruned


def test_a_new_readers_version_rebuilds_an_unchanged_corpus_from_freshly_read_files(
    settings: Settings, fake_embedder: HashingEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(settings, lambda: fake_embedder)
    monkeypatch.setattr(readers_module, "READERS_VERSION", readers_module.READERS_VERSION + 1)
    report = build_index(settings, lambda: fake_embedder)
    assert not report.up_to_date
    assert sorted(report.parsed) == ["bakery-alliance.txt", "field-notes.md"]


def test_facts_made_by_another_roles_version_are_not_used(
    settings: Settings, fake_embedder: HashingEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_index(settings, lambda: fake_embedder)
    monkeypatch.setattr(build_module, "ROLES_VERSION", ROLES_VERSION + 1)
    report = build_index(settings, lambda: fake_embedder)
    assert not report.up_to_date
    assert report.annotated == first.annotated
    assert report.parsed == []  # roles come after reading: the parsed files still serve


def test_a_new_splitter_splits_again_from_the_cached_blocks(
    settings: Settings,
    fake_embedder: HashingEmbedder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build_index(settings, lambda: fake_embedder)
    before = _built(settings)
    monkeypatch.setattr(build_module, "SPLITTER_VERSION", build_module.SPLITTER_VERSION + 1)
    report = build_index(settings, lambda: fake_embedder)
    assert not report.up_to_date
    assert report.parsed == []
    assert _built(settings) == before


@pytest.mark.parametrize(
    "damage",
    [b"", b'{"blocks": [', b'{"blocks": []}', b'["not", "a", "document"]', b"\xff\xfe\x00"],
)
def test_a_damaged_entry_is_ignored_and_written_again(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path, damage: bytes
) -> None:
    build_index(settings, lambda: fake_embedder)
    expected = _built(settings)
    for entry in _entries(settings):
        entry.write_bytes(damage)
    _touch_catalogue(tiny_corpus)
    report = build_index(settings, lambda: fake_embedder)
    assert sorted(report.parsed) == ["bakery-alliance.txt", "field-notes.md"]
    assert _built(settings) == expected
    fresh = ParsedCache(parsed_folder(settings.index_dir))
    for name in ("bakery-alliance.txt", "field-notes.md"):
        fresh.read(tiny_corpus / name)
    assert fresh.parsed == []


def test_damaged_sentence_facts_are_analysed_again(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    first = build_index(settings, lambda: fake_embedder)
    expected = _built(settings)
    folder = store.current_build(settings.index_dir)
    assert folder is not None
    (folder / store.SENTENCE_FACTS_FILE).write_text("{}\n")
    _touch_catalogue(tiny_corpus)
    report = build_index(settings, lambda: fake_embedder)
    assert report.annotated == first.annotated
    assert _built(settings) == expected


def test_the_upload_check_leaves_the_parsed_file_for_the_ingest(
    tiny_corpus: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "parsed"
    check_extraction(tiny_corpus / "field-notes.md", 60, folder)
    cache = ParsedCache(folder)
    cache.read(tiny_corpus / "field-notes.md")
    assert cache.parsed == []
    other = ParsedCache(folder)
    other.read(tiny_corpus / "bakery-alliance.txt")
    assert other.parsed == [tiny_corpus / "bakery-alliance.txt"]
