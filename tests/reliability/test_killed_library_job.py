"""A server killed (SIGKILL) while a library job ingests finishes the job when it restarts."""

import signal
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.config import Settings
from app.ingest.build import build_index
from app.ingest.catalog import load_catalog
from tests.conftest import write_tiny_corpus
from tests.fakes import HashingEmbedder
from tests.library.files import REALDOCS
from tests.reliability.server import ADMIN_KEY, fake_server

pytestmark = pytest.mark.slow

REPORT = REALDOCS / "unsdg-chair-report-E-2025-61.pdf"
HEADERS = {"X-API-Key": ADMIN_KEY}


def _job(base_url: str, job_id: str) -> dict[str, Any]:
    job: dict[str, Any] = httpx.get(f"{base_url}/admin/jobs/{job_id}", headers=HEADERS).json()
    return job


def _wait(base_url: str, job_id: str, states: tuple[str, ...], seconds: float) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = _job(base_url, job_id)
        if job["state"] in states:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} never reached {states}")


def test_job_killed_while_ingesting_is_finished_after_the_restart(tmp_path: Path) -> None:
    settings = Settings(
        corpus_dir=write_tiny_corpus(tmp_path / "corpus"),
        index_dir=tmp_path / "index",
        model="hashing-fake",
    )
    build_index(settings, HashingEmbedder)
    with fake_server(settings, tmp_path / "first.log") as server:
        response = httpx.post(
            f"{server.base_url}/admin/documents",
            files={"file": (REPORT.name, REPORT.read_bytes())},
            headers=HEADERS,
            timeout=300,
        )
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]
        _wait(server.base_url, job_id, ("ingesting",), 120)
        server.process.send_signal(signal.SIGKILL)
        server.process.wait()
    with fake_server(settings, tmp_path / "second.log") as restarted:
        job = _wait(restarted.base_url, job_id, ("done", "failed", "rolled_back"), 300)
        documents = httpx.get(f"{restarted.base_url}/documents").json()["documents"]
    assert job["state"] == "done", job["message"]
    assert (settings.corpus_dir / job["path"]).read_bytes() == REPORT.read_bytes()
    assert job["path"] in load_catalog(settings.corpus_dir)
    assert job["document_id"] in {d["id"] for d in documents}
