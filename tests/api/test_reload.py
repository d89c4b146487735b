"""POST /admin/reload: a new build is swapped in while requests go on; a bad one is refused."""

import shutil
import threading
from pathlib import Path

from fastapi.testclient import TestClient

from app.config import Settings
from app.ingest.build import build_index
from app.retrieval import store
from tests.api.serving import client_with
from tests.fakes import HashingEmbedder

ADMIN = {"X-API-Key": "adm"}
NEW_DOCUMENT = (
    "# Orchard Cooperative\n\nThe orchard cooperative pools cider presses across villages.\n"
)


def _served_client(settings: Settings, embedder: HashingEmbedder) -> TestClient:
    build_index(settings, lambda: embedder)
    return client_with(settings, embedder, admin_key="adm", rate_limit="")


def _found_documents(client: TestClient, query: str) -> set[str]:
    response = client.post("/search", json={"query": query})
    assert response.status_code == 200
    return {r["document_id"] for r in response.json()["results"]}


def test_reload_serves_the_new_build(settings: Settings, fake_embedder: HashingEmbedder) -> None:
    with _served_client(settings, fake_embedder) as client:
        assert "orchard" not in _found_documents(client, "orchard cider presses")
        (settings.corpus_dir / "orchard.md").write_text(NEW_DOCUMENT, encoding="utf-8")
        build_index(settings, lambda: fake_embedder)
        response = client.post("/admin/reload", headers=ADMIN)
        assert response.status_code == 200
        assert response.json()["build"] == (settings.index_dir / store.CURRENT_LINK).resolve().name
        assert "orchard" in _found_documents(client, "orchard cider presses")


def test_failed_reload_keeps_the_old_index_and_says_why(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    with _served_client(settings, fake_embedder) as client:
        before = client.get("/documents").json()
        (settings.corpus_dir / "orchard.md").write_text(NEW_DOCUMENT, encoding="utf-8")
        new_build = build_index(settings, lambda: fake_embedder).build
        assert new_build is not None
        (new_build / store.PASSAGES_FILE).write_bytes(b"\x00garbage")
        response = client.post("/admin/reload", headers=ADMIN)
        assert response.status_code == 409
        assert store.PASSAGES_FILE in response.json()["detail"]
        assert client.get("/documents").json() == before
        assert client.get("/readyz").status_code == 200


def test_reload_refuses_an_index_built_with_another_model(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    with _served_client(settings, fake_embedder) as client:
        other = settings.model_copy(update={"model": "other-model"})
        build_index(other, lambda: HashingEmbedder(name="other-model"), rebuild=True)
        response = client.post("/admin/reload", headers=ADMIN)
        assert response.status_code == 409
        assert "other-model" in response.json()["detail"]
        assert client.post("/search", json={"query": "trust"}).status_code == 200


def test_reload_makes_a_service_started_without_index_ready(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    with client_with(settings, fake_embedder, admin_key="adm") as client:
        assert client.get("/readyz").status_code == 503
        assert client.post("/admin/reload", headers=ADMIN).status_code == 409
        build_index(settings, lambda: fake_embedder)
        assert client.post("/admin/reload", headers=ADMIN).status_code == 200
        assert client.get("/readyz").status_code == 200
        assert client.post("/search", json={"query": "trust"}).status_code == 200


def test_requests_during_reloads_are_all_answered(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    statuses: list[int] = []
    done = threading.Event()
    with _served_client(settings, fake_embedder) as client:

        def ask_until_done() -> None:
            while not done.is_set():
                statuses.append(
                    client.post("/ask", json={"question": "How is trust built?"}).status_code
                )

        workers = [threading.Thread(target=ask_until_done) for _ in range(4)]
        for worker in workers:
            worker.start()
        reloads = [client.post("/admin/reload", headers=ADMIN).status_code for _ in range(10)]
        done.set()
        for worker in workers:
            worker.join(timeout=30)
    assert reloads == [200] * 10
    assert statuses and set(statuses) == {200}


def test_reload_after_the_live_build_was_deleted_keeps_serving(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    with _served_client(settings, fake_embedder) as client:
        shutil.rmtree((settings.index_dir / store.CURRENT_LINK).resolve())
        response = client.post("/admin/reload", headers=ADMIN)
        assert response.status_code == 409
        assert str(Path(store.CURRENT_LINK)) in response.json()["detail"]
        assert client.post("/search", json={"query": "trust"}).status_code == 200
