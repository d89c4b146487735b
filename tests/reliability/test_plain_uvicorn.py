"""Under plain `uvicorn app.main:app` (uvicorn's own logging, access log on) each request is
logged once: the app's access line, with its request id, and not uvicorn's as well."""

import os
import sys
from pathlib import Path

import httpx

from app.config import Settings
from app.ingest.build import build_index
from devkit.launch import free_port, launched
from tests.conftest import ROOT
from tests.fakes import HashingEmbedder


def test_each_request_is_logged_once(
    settings: Settings, fake_embedder: HashingEmbedder, tmp_path: Path
) -> None:
    build_index(settings, lambda: fake_embedder)
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "tests.reliability.fake_server:create_fake_app"]
    command += ["--factory", "--host", "127.0.0.1", "--port", str(port)]
    env = {
        **os.environ,
        "DOCQA_CORPUS_DIR": str(settings.corpus_dir),
        "DOCQA_INDEX_DIR": str(settings.index_dir),
        "DOCQA_MODEL": settings.model,
    }
    log = tmp_path / "server.log"
    with launched(command, port, env, log, cwd=ROOT, ready_path="/healthz") as server:
        before = server.output().count("/documents")
        answer = httpx.get(f"{server.base_url}/documents", headers={"X-Request-ID": "once-1"})
        assert answer.status_code == 200
    lines = [line for line in server.output().splitlines() if "/documents" in line]
    assert before == 0
    assert len(lines) == 1, lines
    assert "once-1" in lines[0]
