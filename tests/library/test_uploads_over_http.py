"""Adding, replacing, editing and removing documents through /admin/documents."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.ingest.catalog import load_catalog
from tests.library.client import ADMIN, added, wait_for_job
from tests.library.files import DOCX_PARAGRAPHS, HTML, MARKDOWN, PDF, docx_bytes

CASES = {
    "pdf": (PDF.name, PDF.read_bytes(), "What do outcomes funds pay for?", "outcomes"),
    "markdown": (
        MARKDOWN.name,
        MARKDOWN.read_bytes(),
        "Which licenses must digital public goods use?",
        "license",
    ),
    "html": (
        HTML.name,
        HTML.read_bytes(),
        "How many documents did researchers collect about multi-stakeholder initiatives?",
        "documents",
    ),
    "docx": (
        "beekeepers.docx",
        docx_bytes(),
        "Where do members take disputes over prices?",
        "disputes",
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_uploaded_document_answers_a_question(admin_client: TestClient, kind: str) -> None:
    name, data, question, word = CASES[kind]
    job = added(admin_client, name, data, title=f"Uploaded {kind}")
    assert job["state"] == "done", job["message"]
    document_id = job["document_id"]
    assert job["files"][0]["passages"] > 0
    answer = admin_client.post("/ask", json={"question": question, "document": document_id}).json()
    assert not answer["abstained"]
    assert {c["document_id"] for c in answer["citations"]} == {document_id}
    assert word in answer["answer"].lower()


def test_upload_is_stored_under_uploads_and_catalogued_by_its_relative_path(
    admin_client: TestClient, library_settings: Settings
) -> None:
    job = added(admin_client, "Field Report.md", MARKDOWN.read_bytes(), title="A report")
    assert job["path"] == "uploads/field-report.md"
    assert (library_settings.corpus_dir / "uploads" / "field-report.md").read_bytes() == (
        MARKDOWN.read_bytes()
    )
    assert load_catalog(library_settings.corpus_dir)["uploads/field-report.md"].title == "A report"
    listed = admin_client.get("/documents").json()["documents"]
    assert {"id": job["document_id"], "title": "A report"}.items() <= next(
        d for d in listed if d["id"] == job["document_id"]
    ).items()


def test_job_reports_progress_of_reading_and_embedding(admin_client: TestClient) -> None:
    job = added(admin_client, "beekeepers.docx", docx_bytes())
    progress = job["progress"]
    assert progress["files_read"] == progress["files_total"] == 3
    assert progress["texts_embedded"] == progress["texts_total"] > 0


def test_same_name_twice_makes_two_documents(admin_client: TestClient) -> None:
    first = added(admin_client, "notes.md", MARKDOWN.read_bytes())
    second = added(admin_client, "notes.md", HTML.read_bytes())
    assert first["document_id"] != second["document_id"]
    assert second["path"] == "uploads/notes-2.html"


def test_upload_named_like_an_existing_document_does_not_replace_it(
    admin_client: TestClient,
) -> None:
    job = added(admin_client, "field-notes.md", MARKDOWN.read_bytes())
    assert job["document_id"] != "field-notes"
    assert admin_client.get("/documents/field-notes").json()["title"] == "Partnership Field Notes"


def _search_hits(client: TestClient, query: str, document_id: str) -> int:
    results = client.post("/search", json={"query": query, "top_k": 50}).json()["results"]
    return sum(r["document_id"] == document_id for r in results)


def _found_text(client: TestClient, query: str) -> str:
    results = client.post("/search", json={"query": query, "top_k": 50}).json()["results"]
    return " ".join(r["text"] for r in results)


def test_replacing_a_file_removes_its_old_passages(admin_client: TestClient) -> None:
    job = added(admin_client, "review.docx", docx_bytes())
    document_id = job["document_id"]
    assert DOCX_PARAGRAPHS[0] in _found_text(admin_client, "beekeepers honey extractors")
    response = admin_client.put(
        f"/admin/documents/{document_id}",
        files={"file": ("anything.md", MARKDOWN.read_bytes(), "text/markdown")},
        headers=ADMIN,
    )
    assert response.status_code == 202
    replaced = wait_for_job(admin_client, response.json()["id"])
    assert replaced["state"] == "done", replaced["message"]
    assert replaced["document_id"] == document_id
    assert "extractors" not in _found_text(admin_client, "beekeepers honey extractors")
    assert _search_hits(admin_client, "digital public goods open license", document_id)


def test_editing_details_changes_the_catalogue_only(
    admin_client: TestClient, library_settings: Settings
) -> None:
    response = admin_client.put(
        "/admin/documents/field-notes",
        data={"title": "Renamed notes", "date": "2024-05-01"},
        headers=ADMIN,
    )
    job = wait_for_job(admin_client, response.json()["id"])
    assert job["state"] == "done", job["message"]
    document = admin_client.get("/documents/field-notes").json()
    assert (document["title"], document["date"]) == ("Renamed notes", "2024-05-01")
    assert (library_settings.corpus_dir / "field-notes.md").exists()


def test_deleting_a_document_removes_file_entry_and_passages(
    admin_client: TestClient, library_settings: Settings
) -> None:
    response = admin_client.delete("/admin/documents/field-notes", headers=ADMIN)
    assert response.status_code == 202
    job = wait_for_job(admin_client, response.json()["id"])
    assert job["state"] == "done", job["message"]
    assert admin_client.get("/documents/field-notes").status_code == 404
    assert not _search_hits(admin_client, "trust kept promises partnership", "field-notes")
    assert not (library_settings.corpus_dir / "field-notes.md").exists()
    assert "field-notes.md" not in load_catalog(library_settings.corpus_dir)


def test_unknown_document_is_404_for_replace_and_delete(admin_client: TestClient) -> None:
    assert admin_client.delete("/admin/documents/nope", headers=ADMIN).status_code == 404
    assert (
        admin_client.put("/admin/documents/nope", data={"title": "x"}, headers=ADMIN).status_code
        == 404
    )


def test_jobs_are_listed_newest_first(admin_client: TestClient) -> None:
    first = added(admin_client, "one.docx", docx_bytes())
    second = added(admin_client, "two.docx", docx_bytes("Second review"))
    listed = [j["id"] for j in admin_client.get("/admin/jobs", headers=ADMIN).json()["jobs"]]
    assert listed[:2] == [second["id"], first["id"]]


def test_unknown_job_is_404(admin_client: TestClient) -> None:
    assert admin_client.get("/admin/jobs/nope", headers=ADMIN).status_code == 404


def test_docx_text_is_what_gets_indexed(admin_client: TestClient) -> None:
    job = added(admin_client, "bees.docx", docx_bytes())
    passages = admin_client.get(f"/documents/{job['document_id']}/passages").json()["passages"]
    text = " ".join(p["text"] for p in passages)
    assert all(paragraph in text for paragraph in DOCX_PARAGRAPHS)


def test_nothing_is_written_outside_the_configured_folders(
    admin_client: TestClient, tmp_path: Path
) -> None:
    added(admin_client, "../../escape.md", MARKDOWN.read_bytes())
    written = {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*") if p.is_file()}
    assert written <= {"corpus", "index"}


def test_replacement_that_would_overwrite_another_file_is_409(
    admin_client: TestClient, library_settings: Settings
) -> None:
    other = library_settings.corpus_dir / "field-notes.txt"
    other.write_text("Another document with the same stem.\n", encoding="utf-8")
    response = admin_client.put(
        "/admin/documents/field-notes",
        files={"file": ("notes.txt", b"Plain replacement text without markup.\n", "text/plain")},
        headers=ADMIN,
    )
    assert response.status_code == 409
    assert other.read_text(encoding="utf-8") == "Another document with the same stem.\n"
