"""Hostile uploads are refused with a clear 4xx, and leave corpus, catalogue and index as they were."""

import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.fakes import HashingEmbedder
from tests.library.client import ADMIN, ADMIN_KEY, added, upload, wait_for_job
from tests.library.files import (
    MARKDOWN,
    WINDOWS_EXECUTABLE,
    pdf_with_script_and_attachment,
    zip_bomb,
)


def _corpus_state(settings: Settings) -> dict[str, bytes]:
    corpus = settings.corpus_dir
    return {
        p.relative_to(corpus).as_posix(): p.read_bytes() for p in corpus.rglob("*") if p.is_file()
    }


def _refused(client: TestClient, settings: Settings, name: str, data: bytes) -> Any:
    before = _corpus_state(settings)
    documents = client.get("/documents").json()
    response = upload(client, name, data)
    assert _corpus_state(settings) == before
    assert client.get("/documents").json() == documents
    assert client.get("/admin/jobs", headers=ADMIN).json()["jobs"] == []
    return response


def test_file_over_the_size_limit_is_413(
    library_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    settings = library_settings.model_copy(update={"upload_max_bytes": 2048})
    with TestClient(create_app(settings, None, fake_embedder)) as client:
        response = upload(client, "big.md", b"# Big\n\n" + b"words " * 1000)
    assert response.status_code == 413
    assert "2048" in response.json()["detail"]


def test_renamed_executable_is_415_and_quarantined(
    admin_client: TestClient, library_settings: Settings
) -> None:
    response = _refused(admin_client, library_settings, "report.pdf", WINDOWS_EXECUTABLE)
    assert response.status_code == 415
    assert "executable" in response.json()["detail"]
    kept = sorted(p.name for p in library_settings.quarantine_folder.iterdir())
    assert len(kept) == 2 and kept[1].endswith(".reason.json")


def test_other_zip_named_docx_is_415(admin_client: TestClient, library_settings: Settings) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.txt", "not a word document")
    response = _refused(admin_client, library_settings, "notes.docx", buffer.getvalue())
    assert response.status_code == 415


def test_zip_bomb_named_docx_is_422(
    library_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    settings = library_settings.model_copy(update={"upload_max_unpacked_bytes": 1_000_000})
    with TestClient(create_app(settings, None, fake_embedder)) as client:
        response = _refused(client, settings, "report.docx", zip_bomb(20_000_000))
    assert response.status_code == 422
    assert "decompression bomb" in response.json()["detail"]


def test_empty_file_is_422(admin_client: TestClient, library_settings: Settings) -> None:
    response = _refused(admin_client, library_settings, "empty.md", b"  \n")
    assert response.status_code == 422
    assert response.json()["detail"] == "The file is empty."


def test_pdf_over_the_page_limit_is_422(
    library_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    from tests.library.files import PDF

    settings = library_settings.model_copy(update={"upload_max_pages": 2})
    with TestClient(create_app(settings, None, fake_embedder)) as client:
        response = _refused(client, settings, "brief.pdf", PDF.read_bytes())
    assert response.status_code == 422
    assert "limit is 2" in response.json()["detail"]


def test_text_whose_extraction_takes_too_long_is_422(
    library_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    settings = library_settings.model_copy(update={"upload_extract_seconds": 0.01})
    with TestClient(create_app(settings, None, fake_embedder)) as client:
        response = _refused(client, settings, "slow.md", MARKDOWN.read_bytes())
    assert response.status_code == 422
    assert "longer than" in response.json()["detail"]


def test_pdf_scripts_and_attachments_are_ignored(admin_client: TestClient) -> None:
    job = added(admin_client, "scripted.pdf", pdf_with_script_and_attachment())
    assert job["state"] == "done", job["message"]
    rows = admin_client.get(f"/documents/{job['document_id']}/passages?limit=500").json()
    text = " ".join(p["text"] for p in rows["passages"])
    assert "outcomes" in text.lower()
    assert "zanzibar" not in text.lower()


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("../../../etc/passwd.md", "uploads/passwd.md"),
        ("..\\..\\windows\\evil.md", "uploads/evil.md"),
        (".hidden.md", "uploads/hidden.md"),
        ("con\x00trol\x1b[31m\n.md", "uploads/con-00trol-31m-0a.md"),
    ],
)
def test_names_are_sanitised(admin_client: TestClient, name: str, stored: str) -> None:
    # httpx writes control characters of a multipart file name as %XX escapes.
    job = added(admin_client, name, MARKDOWN.read_bytes())
    assert job["state"] == "done", job["message"]
    assert job["path"] == stored


def test_two_uploads_at_once_both_land_one_after_the_other(admin_client: TestClient) -> None:
    responses: list[Any] = []

    def send() -> None:
        responses.append(upload(admin_client, "same.md", MARKDOWN.read_bytes()))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in responses] == [202, 202]
    jobs = [wait_for_job(admin_client, r.json()["id"]) for r in responses]
    assert {j["state"] for j in jobs} == {"done"}
    assert sorted(j["path"] for j in jobs) == ["uploads/same-2.md", "uploads/same.md"]
    ids = {d["id"] for d in admin_client.get("/documents").json()["documents"]}
    assert {j["document_id"] for j in jobs} <= ids


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}])
def test_upload_without_the_admin_key_is_401(
    admin_client: TestClient, library_settings: Settings, headers: dict[str, str]
) -> None:
    response = upload(admin_client, "x.md", MARKDOWN.read_bytes(), headers=headers)
    assert response.status_code == 401
    assert not (library_settings.corpus_dir / "uploads").exists()


def test_uploads_count_against_the_rate_limit(
    library_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    settings = library_settings.model_copy(update={"rate_limit": "2/minute"})
    with TestClient(create_app(settings, None, fake_embedder)) as client:
        codes = [upload(client, "e.md", b"").status_code for _ in range(3)]
    assert codes == [422, 422, 429]


def test_admin_key_is_never_logged(
    admin_client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    added(admin_client, "logged.md", MARKDOWN.read_bytes())
    assert ADMIN_KEY not in caplog.text
