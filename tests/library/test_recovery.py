"""A server stopped in the middle of a job finds it at start-up and finishes or rolls it back."""

from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.ingest.catalog import load_catalog
from app.library.changes import apply_change
from app.library.jobs import JobStore, new_job
from app.main import create_app
from tests.fakes import HashingEmbedder
from tests.library.client import ADMIN, wait_for_job
from tests.library.files import MARKDOWN


def _stopped_during(settings: Settings, state: str) -> str:
    """Leave the corpus as a server killed in `state` would: the change applied, the job saved."""
    store = JobStore(settings.index_dir)
    job = new_job("add", name="handbook.md", details={"title": "Handbook"})
    store.upload_path(job.id).parent.mkdir(parents=True, exist_ok=True)
    store.upload_path(job.id).write_bytes(MARKDOWN.read_bytes())
    applied = apply_change(settings, store, store.save(job))
    store.save(replace(applied, state=state))
    return job.id


def _agree(client: TestClient, settings: Settings, present: bool) -> None:
    listed = {d["id"] for d in client.get("/documents").json()["documents"]}
    assert ("handbook" in listed) is present
    assert (settings.corpus_dir / "uploads" / "handbook.md").exists() is present
    assert ("uploads/handbook.md" in load_catalog(settings.corpus_dir)) is present


# admin_client builds the index of the tiny corpus first.
@pytest.mark.usefixtures("admin_client")
def test_job_stopped_after_its_change_was_applied_is_finished(
    library_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    job_id = _stopped_during(library_settings, "ingesting")
    with TestClient(create_app(library_settings, None, fake_embedder)) as restarted:
        job = wait_for_job(restarted, job_id)
        assert job["state"] == "done"
        _agree(restarted, library_settings, present=True)


@pytest.mark.usefixtures("admin_client")
def test_job_stopped_while_applying_is_rolled_back(
    library_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    catalog_before = (library_settings.corpus_dir / "catalog.toml").read_bytes()
    job_id = _stopped_during(library_settings, "applying")
    with TestClient(create_app(library_settings, None, fake_embedder)) as restarted:
        job = restarted.get(f"/admin/jobs/{job_id}", headers=ADMIN).json()
        assert job["state"] == "rolled_back"
        assert "rolled back" in job["message"]
        _agree(restarted, library_settings, present=False)
    assert (library_settings.corpus_dir / "catalog.toml").read_bytes() == catalog_before


@pytest.mark.usefixtures("admin_client")
def test_job_stopped_while_queued_runs_after_the_restart(
    library_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    store = JobStore(library_settings.index_dir)
    job = new_job("add", name="handbook.md", details={"title": "Handbook"})
    store.folder.mkdir(parents=True, exist_ok=True)
    store.upload_path(job.id).write_bytes(MARKDOWN.read_bytes())
    store.save(job)
    with TestClient(create_app(library_settings, None, fake_embedder)) as restarted:
        assert wait_for_job(restarted, job.id)["state"] == "done"
        _agree(restarted, library_settings, present=True)


def test_failed_ingest_leaves_everything_as_it_was_and_quarantines_the_file(
    admin_client: TestClient, library_settings: Settings
) -> None:
    # Text the upload checks accept (it has headings), but no body: the ingest makes no passage.
    before = {p: p.read_bytes() for p in library_settings.corpus_dir.rglob("*") if p.is_file()}
    documents = admin_client.get("/documents").json()
    response = admin_client.post(
        "/admin/documents",
        files={"file": ("rules.md", b"# A title\n\n## A section with no text\n", "text/markdown")},
        headers=ADMIN,
    )
    job = wait_for_job(admin_client, response.json()["id"])
    assert job["state"] == "failed"
    assert "could not be indexed" in job["message"]
    after = {p: p.read_bytes() for p in library_settings.corpus_dir.rglob("*") if p.is_file()}
    assert after == before
    assert admin_client.get("/documents").json() == documents
    assert any(library_settings.quarantine_folder.glob("*.reason.json"))
