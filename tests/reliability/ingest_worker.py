"""Run one `--rebuild` ingest with the fake embedder, for tests that kill it part-way.

    python -m tests.reliability.ingest_worker CORPUS INDEX [WRITE_DELAY]

WRITE_DELAY (seconds, default 0) slows each file write of the build, as a slow disk would,
so that random kills land inside the write phase more often.
"""

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from app.config import Settings
from app.ingest import build
from app.retrieval import store
from tests.fakes import HashingEmbedder


def _slowed(write: Callable[..., Any], delay: float) -> Callable[..., Any]:
    def slow_write(*args: Any, **kwargs: Any) -> Any:
        time.sleep(delay)
        return write(*args, **kwargs)

    return slow_write


def main(corpus: str, index: str, delay: str = "0") -> None:
    """Rebuild the index of `corpus` into `index` with the fake embedder."""
    if float(delay) > 0:
        build.save_dense = _slowed(build.save_dense, float(delay))
        build.save_lexical = _slowed(build.save_lexical, float(delay))
        store.write_json = _slowed(store.write_json, float(delay))
        np.save = _slowed(np.save, float(delay))
    settings = Settings(corpus_dir=Path(corpus), index_dir=Path(index), model="hashing-fake")
    build.build_index(settings, HashingEmbedder, rebuild=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
