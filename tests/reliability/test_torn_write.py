"""A build survives a power cut: everything is on disk before `current` moves, and a damaged
live build found at start-up gives way to the intact build before it, which is then served."""

import logging
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.ingest.build import build_index
from app.main import create_app
from app.retrieval import store
from tests.api.serving import client_with
from tests.fakes import HashingEmbedder

NEW_DOCUMENT = "# Orchard Notes\n\nThe orchard cooperative pools cider presses across villages.\n"


def _two_builds(settings: Settings, embedder: HashingEmbedder) -> tuple[Path, Path]:
    """Build the tiny corpus, then again with one more document; return (previous, live)."""
    previous = build_index(settings, lambda: embedder).build
    (settings.corpus_dir / "orchard.md").write_text(NEW_DOCUMENT, encoding="utf-8")
    live = build_index(settings, lambda: embedder).build
    assert previous is not None and live is not None
    return previous, live


def _tear(path: Path) -> None:
    """Cut a file in half, as a write cut short by a power loss leaves it."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _metric(client: TestClient, name: str) -> float:
    lines = client.get("/metrics").text.splitlines()
    return next(float(line.split()[-1]) for line in lines if line.startswith(f"{name} "))


@pytest.mark.parametrize("torn", [store.PASSAGE_VECTORS_FILE, "dense.faiss", store.PASSAGES_FILE])
def test_a_torn_live_build_gives_way_to_the_previous_one_at_start_up(
    settings: Settings,
    fake_embedder: HashingEmbedder,
    torn: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    previous, live = _two_builds(settings, fake_embedder)
    _tear(live / torn)
    with (
        caplog.at_level(logging.WARNING, logger="app"),
        TestClient(create_app(settings, embedder=fake_embedder)) as client,
    ):
        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert previous.name in ready.json()["detail"]
        assert torn in ready.json()["detail"]
        assert _metric(client, "docqa_index_fallback") == 1.0
        found = client.post("/search", json={"query": "orchard cider presses"}).json()
        assert "orchard" not in {r["document_id"] for r in found["results"]}
    assert any(previous.name in r.getMessage() for r in caplog.records)
    # The damaged build is kept for inspection, and `current` still names it.
    assert (settings.index_dir / store.CURRENT_LINK).resolve() == live.resolve()
    assert (live / torn).exists()


def test_an_intact_live_build_is_served_without_fallback(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    _, live = _two_builds(settings, fake_embedder)
    with TestClient(create_app(settings, embedder=fake_embedder)) as client:
        assert client.get("/readyz").json()["detail"] == f"{_passages(live)} passages"
        assert _metric(client, "docqa_index_fallback") == 0.0


def _passages(build: Path) -> int:
    return int(store.read_manifest(build)["passages"])


def test_with_no_intact_build_the_service_says_why_it_is_unavailable(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    previous, live = _two_builds(settings, fake_embedder)
    _tear(live / store.PASSAGES_FILE)
    _tear(previous / store.PASSAGES_FILE)
    with TestClient(create_app(settings, embedder=fake_embedder)) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert live.name in ready.json()["detail"]  # the live build's own damage is reported


def test_a_new_build_replaces_the_damaged_one_and_ends_the_fallback(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    _, live = _two_builds(settings, fake_embedder)
    _tear(live / store.PASSAGES_FILE)
    with client_with(settings, fake_embedder, admin_key="adm") as client:
        assert _metric(client, "docqa_index_fallback") == 1.0
        rebuilt = build_index(settings, lambda: fake_embedder, rebuild=True).build
        assert rebuilt is not None
        reload = client.post("/admin/reload", headers={"X-API-Key": "adm"})
        assert reload.json()["build"] == rebuilt.name
        assert _metric(client, "docqa_index_fallback") == 0.0
        assert client.get("/readyz").json()["detail"] == f"{_passages(rebuilt)} passages"


def test_prune_never_deletes_the_build_current_names(tmp_path: Path) -> None:
    builds = tmp_path / store.BUILDS_DIR
    names = ["20260101T000000-aaaaaa", "20260102T000000-bbbbbb", "20260103T000000-cccccc"]
    names.append("20260104T000000-dddddd")
    for name in names:
        (builds / name).mkdir(parents=True)
    (tmp_path / store.CURRENT_LINK).symlink_to(Path(store.BUILDS_DIR) / names[0])
    store.prune(tmp_path)
    assert sorted(p.name for p in builds.iterdir()) == [names[0], names[2], names[3]]


def test_every_file_and_folder_is_on_disk_before_current_moves(
    settings: Settings, fake_embedder: HashingEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{descriptor}")))
        real_fsync(descriptor)

    def replace(source: str | Path, target: str | Path) -> None:
        events.append(("replace", str(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    build = build_index(settings, lambda: fake_embedder).build
    assert build is not None
    index_dir, final = settings.index_dir.resolve(), build.resolve()
    temporary = str(index_dir / store.BUILDS_DIR / f"{store.TEMPORARY_PREFIX}{build.name}")
    swap = events.index(("replace", str(settings.index_dir / store.CURRENT_LINK)))
    # Written under the temporary name, then renamed: map the names to the final folder.
    synced = {
        path.replace(temporary, str(final)) for kind, path in events[:swap] if kind == "fsync"
    }
    assert {str(p.resolve()) for p in build.rglob("*")} | {str(final)} <= synced
    assert str(index_dir / store.BUILDS_DIR) in synced  # the folder holding the rename
    assert ("fsync", str(index_dir)) in events[swap:]  # the folder holding the new link
