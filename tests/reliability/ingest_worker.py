"""Run one `--rebuild` ingest with the fake embedder, for tests that kill it part-way.

    python -m tests.reliability.ingest_worker CORPUS INDEX WRITE_DELAY

It writes "started" when the build begins, then "write N" before each file write of the
build, each of which it slows by WRITE_DELAY seconds (as a slow disk would), so that a test
can kill it inside a chosen write, whatever the speed of the machine.
"""

import sys
import time
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

import numpy as np

from app.config import Settings
from app.ingest import build
from app.retrieval import store
from tests.fakes import HashingEmbedder

_writes = count(1)


def _announce(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _slowed(write: Callable[..., Any], delay: float) -> Callable[..., Any]:
    def slow_write(*args: Any, **kwargs: Any) -> Any:
        _announce(f"write {next(_writes)}")
        time.sleep(delay)
        return write(*args, **kwargs)

    return slow_write


def main(corpus: str, index: str, delay: str) -> None:
    """Rebuild the index of `corpus` into `index` with the fake embedder, announcing each write."""
    builder: Any = build  # its imported writers are replaced, which mypy would not allow
    builder.save_dense = _slowed(builder.save_dense, float(delay))
    builder.save_lexical = _slowed(builder.save_lexical, float(delay))
    store.write_json = _slowed(store.write_json, float(delay))
    np.save = _slowed(np.save, float(delay))
    settings = Settings(corpus_dir=Path(corpus), index_dir=Path(index), model="hashing-fake")
    _announce("started")
    build.build_index(settings, HashingEmbedder, rebuild=True)
    _announce("finished")


if __name__ == "__main__":
    main(*sys.argv[1:])
