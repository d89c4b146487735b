"""The benchmark's sections, each a function that takes what it measures as parameters.

`scripts/bench.py` wires them to the real service and model; the smoke test in
`tests/unit/test_bench.py` wires them to the tiny corpus and the fake embedder.
"""

import sys
from typing import Any

SECTIONS = ("ingest", "http", "floor", "model", "encoders", "scale")

Results = dict[str, Any]


def progress(message: str) -> None:
    """Say what was just measured, on stderr."""
    print(f"  {message}", file=sys.stderr, flush=True)  # noqa: T201
