"""Damage each index file in turn: loading names the file, and a running service keeps its index."""

import random
from pathlib import Path

import pytest

from app.config import Settings
from app.errors import IndexUnavailableError
from app.ingest.build import build_index
from app.retrieval import store
from app.retrieval.index import load_index
from tests.api.serving import client_with
from tests.fakes import HashingEmbedder

SEED = 20241122
INDEX_FILES = [
    "manifest.json",
    "checksums.json",
    "documents.json",
    "passages.jsonl",
    "passage_vectors.npy",
    "sentence_keys.json",
    "sentence_vectors.npy",
    "sentence_facts.jsonl",
    "dense.faiss",
    "bm25/params.index.json",
    "bm25/vocab.index.json",
    "bm25/data.csc.index.npy",
    "bm25/indices.csc.index.npy",
    "bm25/indptr.csc.index.npy",
]
FLIPS_PER_FILE = 3


def _truncate_half(path: Path, _: random.Random) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _truncate_empty(path: Path, _: random.Random) -> None:
    path.write_bytes(b"")


def _flip_byte(path: Path, rng: random.Random) -> None:
    data = bytearray(path.read_bytes())
    data[rng.randrange(len(data))] ^= 0xFF
    path.write_bytes(bytes(data))


DAMAGE = {
    "truncated to half": _truncate_half,
    "emptied": _truncate_empty,
    "byte flipped": _flip_byte,
}


def _live_build(settings: Settings, embedder: HashingEmbedder) -> Path:
    build_index(settings, lambda: embedder)
    return (settings.index_dir / store.CURRENT_LINK).resolve()


def test_the_list_covers_every_file_of_a_build(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    folder = _live_build(settings, fake_embedder)
    assert sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
    ) == sorted(INDEX_FILES)


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("name", INDEX_FILES)
def test_damaged_file_fails_the_load_with_its_name(
    settings: Settings, fake_embedder: HashingEmbedder, name: str, damage: str
) -> None:
    folder = _live_build(settings, fake_embedder)
    rng = random.Random(f"{SEED}-{name}")
    pristine = (folder / name).read_bytes()
    for _ in range(FLIPS_PER_FILE if damage == "byte flipped" else 1):
        DAMAGE[damage](folder / name, rng)
        with pytest.raises(IndexUnavailableError) as failure:
            load_index(settings.index_dir, fake_embedder.name)
        message = str(failure.value)
        assert str(folder / name) in message
        assert "docqa ingest --rebuild" in message
        (folder / name).write_bytes(pristine)
    assert load_index(settings.index_dir, fake_embedder.name).passages


@pytest.mark.parametrize("name", [n for n in INDEX_FILES if n != store.CHECKSUMS_FILE])
def test_build_without_checksums_still_names_a_truncated_file(
    settings: Settings, fake_embedder: HashingEmbedder, name: str
) -> None:
    folder = _live_build(settings, fake_embedder)
    (folder / store.CHECKSUMS_FILE).unlink()  # as in builds made before checksums were recorded
    _truncate_half(folder / name, random.Random(SEED))
    with pytest.raises(IndexUnavailableError) as failure:
        load_index(settings.index_dir, fake_embedder.name)
    # bm25s reads its folder as a whole, so its files are named by their folder.
    assert str(folder / name.split("/")[0]) in str(failure.value)


def test_missing_file_is_named(settings: Settings, fake_embedder: HashingEmbedder) -> None:
    folder = _live_build(settings, fake_embedder)
    (folder / store.SENTENCE_VECTORS_FILE).unlink()
    with pytest.raises(IndexUnavailableError, match=store.SENTENCE_VECTORS_FILE):
        load_index(settings.index_dir, fake_embedder.name)


def test_dangling_current_link_is_named(settings: Settings, fake_embedder: HashingEmbedder) -> None:
    folder = _live_build(settings, fake_embedder)
    folder.rename(folder.with_name("moved-away"))
    with pytest.raises(IndexUnavailableError, match="points to a build that does not exist"):
        load_index(settings.index_dir, fake_embedder.name)


@pytest.mark.parametrize("name", INDEX_FILES)
def test_running_service_keeps_its_index_when_a_reload_meets_a_damaged_file(
    settings: Settings, fake_embedder: HashingEmbedder, name: str
) -> None:
    _live_build(settings, fake_embedder)
    with client_with(settings, fake_embedder, admin_key="adm") as client:
        served = client.post("/search", json={"query": "trust"}).json()
        (settings.corpus_dir / "extra.md").write_text(
            "# Extra\n\nA new note on trust and ovens.\n", encoding="utf-8"
        )
        new_build = _live_build(settings, fake_embedder)
        _flip_byte(new_build / name, random.Random(f"{SEED}-{name}"))
        response = client.post("/admin/reload", headers={"X-API-Key": "adm"})
        assert response.status_code == 409
        assert name.split("/")[-1] in response.json()["detail"]
        assert client.post("/search", json={"query": "trust"}).json() == served
        assert client.get("/readyz").status_code == 200
