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
WRITE_DELAY = 0.05  # seconds each file write of the worker takes
REAL_KILLS = 2


def _start(command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)


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
        str(WRITE_DELAY),
    ]


def _kill_at(process: subprocess.Popen[str], marker: str, extra: float) -> None:
    """Kill the worker `extra` seconds after it announced `marker` (inside that write's delay)."""
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == marker:
            time.sleep(extra)
            _kill(process)
            return
    raise AssertionError(f"the worker ended before {marker!r}: {process.communicate()[1][-2000:]}")


def test_served_index_survives_kills_of_the_ingest_at_random_moments(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    build_index(settings, lambda: fake_embedder)
    full, errors = _start(_worker(settings)).communicate(timeout=300)
    assert full.splitlines()[-1] == "finished", errors[-2000:]
    markers = full.splitlines()[:-1]  # "started", then one "write N" per file write
    rng = random.Random(SEED)
    inside_a_build = 0
    for _ in range(KILLS):
        marker = rng.choice(markers)
        _kill_at(_start(_worker(settings)), marker, rng.uniform(0, WRITE_DELAY * 0.9))
        inside_a_build += any((settings.index_dir / store.BUILDS_DIR).glob(".tmp-*"))
        _assert_served_index_answers(settings, fake_embedder, "trust between partners")
    assert inside_a_build >= KILLS // 2  # most kills hit a build being written, not start-up
    _, errors = _start(_worker(settings)).communicate(timeout=300)
    assert not list((settings.index_dir / store.BUILDS_DIR).glob(".tmp-*")), errors[-2000:]
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
    # Time one whole rebuild first, so the kills land inside a run on a fast or a slow machine.
    started = time.monotonic()
    _start(command, env).communicate(timeout=600)
    duration = time.monotonic() - started
    rng = random.Random(SEED)
    for _ in range(REAL_KILLS):
        process = _start(command, env)
        time.sleep(rng.uniform(0.2, 0.6) * duration)  # model loading, parsing or embedding
        assert process.poll() is None, "the ingest ended before it could be killed"
        _kill(process)
        _assert_served_index_answers(
            settings, real_embedder, "Why does trust matter in a partnership?"
        )
