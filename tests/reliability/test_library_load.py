"""`/ask` at concurrency 16 keeps answering, with no failure, while a 48-page PDF is uploaded.

Loopback only, with the real model; bounded in requests and in time.
"""

import os
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from app.config import Settings
from app.retrieval.index import Index
from devkit.launch import free_port, launched, uvicorn_command
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

KEY = "load-admin"
REPORT = ROOT / "eval" / "realdocs" / "unsdg-chair-report-E-2025-61.pdf"
CONCURRENCY = 16
MAX_REQUESTS = 2_000
MAX_SECONDS = 900
QUESTIONS = (
    "Why does trust matter in a partnership?",
    "What makes partnerships with local organisations hard?",
    "How should results of a partnership be measured?",
    "What did the conference say about the future of partnerships?",
)


def test_questions_are_answered_while_a_report_is_ingested(
    real_settings: Settings, real_index: Index, tmp_path: Path
) -> None:
    assert real_index.passages
    shutil.copytree(real_settings.corpus_dir, tmp_path / "corpus")
    shutil.copytree(real_settings.index_dir, tmp_path / "index", symlinks=True)
    env = {
        **os.environ,
        "DOCQA_CORPUS_DIR": str(tmp_path / "corpus"),
        "DOCQA_INDEX_DIR": str(tmp_path / "index"),
        "DOCQA_ADMIN_KEY": KEY,
        "DOCQA_RATE_LIMIT": "",
        "HF_HUB_OFFLINE": "1",
    }
    port = free_port()
    with launched(uvicorn_command(port), port, env, tmp_path / "server.log", cwd=ROOT) as server:
        ingesting = threading.Event()
        finished = threading.Event()
        outcomes: list[tuple[int, bool]] = []
        deadline = time.monotonic() + MAX_SECONDS

        def client_loop(worker: int) -> None:
            with httpx.Client(base_url=server.base_url, timeout=60) as client:
                n = worker
                while not finished.is_set() and time.monotonic() < deadline:
                    if len(outcomes) >= MAX_REQUESTS:
                        return
                    question = QUESTIONS[n % len(QUESTIONS)]
                    status = client.post("/ask", json={"question": question}).status_code
                    outcomes.append((status, ingesting.is_set()))
                    n += 1

        with ThreadPoolExecutor(CONCURRENCY) as pool:
            for worker in range(CONCURRENCY):
                pool.submit(client_loop, worker)
            with httpx.Client(base_url=server.base_url, headers={"X-API-Key": KEY}) as admin:
                response = admin.post(
                    "/admin/documents",
                    files={"file": (REPORT.name, REPORT.read_bytes())},
                    timeout=300,
                )
                assert response.status_code == 202, response.text
                ingesting.set()
                job = response.json()
                while job["state"] not in ("done", "failed", "rolled_back"):
                    assert time.monotonic() < deadline, "the upload did not finish in time"
                    time.sleep(0.5)
                    job = admin.get(f"/admin/jobs/{job['id']}").json()
                finished.set()
    assert job["state"] == "done", job["message"]
    failures = [status for status, _ in outcomes if status != 200]
    assert not failures, f"{len(failures)} of {len(outcomes)} questions failed: {set(failures)}"
    assert sum(during for _, during in outcomes) >= CONCURRENCY
