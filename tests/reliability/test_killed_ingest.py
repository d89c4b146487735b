"""Kill `ingest --rebuild` at random moments: the served index always loads and answers."""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.config import Settings
from app.ingest.build import build_index
from app.retrieval import store
from app.retrieval.embedder import Embedder
from app.retrieval.index import load_index
from app.retrieval.search import search
from tests.conftest import ROOT
from tests.fakes import HashingEmbedder

SEED = 6
KILLS = 12
WRITE_DELAY = "0.1"  # seconds per file write, so that kills often land inside the write phase
REAL_KILLS = 2


def _start(command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _kill_after(process: subprocess.Popen[bytes], seconds: float) -> bool:
    """Kill the process after `seconds` unless it finished; return whether it was killed."""
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        return True
    assert process.returncode == 0, process.stderr.read().decode() if process.stderr else ""
    return False


def _assert_served_index_answers(settings: Settings, embedder: Embedder, query: str) -> None:
    index = load_index(settings.index_dir, embedder.name)
    hits = search(index, settings, query, embedder.embed_query(query), 5)
    assert hits


def _worker(settings: Settings) -> list[str]:
    module = "tests.reliability.ingest_worker"
    return [
        sys.executable,
        "-m",
        module,
        str(settings.corpus_dir),
        str(settings.index_dir),
        WRITE_DELAY,
    ]


def test_served_index_survives_kills_of_the_ingest_at_random_moments(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    build_index(settings, lambda: fake_embedder)
    started = time.perf_counter()
    assert not _kill_after(_start(_worker(settings)), 120)
    full_run = time.perf_counter() - started
    rng = random.Random(SEED)
    killed = interrupted_writes = 0
    for _ in range(KILLS):
        killed += _kill_after(_start(_worker(settings)), rng.uniform(0, full_run))
        interrupted_writes += any((settings.index_dir / store.BUILDS_DIR).glob(".tmp-*"))
        _assert_served_index_answers(settings, fake_embedder, "trust between partners")
    assert killed >= KILLS // 2
    assert interrupted_writes >= 1  # some kills did land while a build was being written
    assert not _kill_after(_start(_worker(settings)), 120)
    assert not list((settings.index_dir / store.BUILDS_DIR).glob(".tmp-*"))
    _assert_served_index_answers(settings, fake_embedder, "shared ovens")


@pytest.mark.slow
@pytest.mark.usefixtures("real_index")
def test_served_index_survives_kills_of_the_real_cli(
    real_settings: Settings, real_embedder: Embedder, tmp_path: Path
) -> None:
    settings = real_settings.model_copy(update={"index_dir": tmp_path / "index"})
    shutil.copytree(real_settings.index_dir, settings.index_dir, symlinks=True)
    docqa = str(Path(sys.executable).with_name("docqa"))
    command = [
        docqa,
        "ingest",
        "--rebuild",
        "--corpus-dir",
        str(settings.corpus_dir),
        "--index-dir",
        str(settings.index_dir),
    ]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    rng = random.Random(SEED)
    for _ in range(REAL_KILLS):
        assert _kill_after(_start(command, env), rng.uniform(4, 20))
        _assert_served_index_answers(
            settings, real_embedder, "Why does trust matter in a partnership?"
        )
