"""Ingestion and the HTTP service: a cold build and a re-run, then load at each concurrency."""

import json
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from pathlib import Path

from app.evaluation.devset import Question
from devkit.bench import Results, progress
from devkit.load import LoadRun, run_load
from devkit.memory import read_memory


@dataclass(frozen=True)
class RunningServer:
    """A server being measured: its process id (for memory) and base URL."""

    pid: int
    url: str


def measure_ingest(ingest: Callable[[], None], index_dir: Path) -> Results:
    """Time a cold build and an unchanged re-run of `ingest`, which builds into `index_dir`."""
    timings = {}
    for label in ("cold_s", "unchanged_rerun_s"):
        start = time.perf_counter()
        ingest()
        timings[label] = time.perf_counter() - start
    manifest = json.loads((index_dir / "current" / "manifest.json").read_text())
    return {**timings, "passages": manifest["passages"], "sentences": manifest["sentences"]}


def request_bodies(endpoint: str, questions: list[Question]) -> list[dict[str, str]]:
    """Turn the questions into request bodies for `endpoint`."""
    field = "question" if endpoint == "/ask" else "query"
    return [{field: q.question} for q in questions]


def measure_http(
    serve: Callable[[], AbstractContextManager[RunningServer]],
    questions: list[Question],
    levels: list[int],
    count: int,
    warmup: int = 20,
) -> Results:
    """Warm the service up, read its memory, then load each endpoint at each concurrency."""
    results: Results = {"runs": []}
    with serve() as server:
        for endpoint in ("/ask", "/search"):
            run_load(server.url, endpoint, request_bodies(endpoint, questions), 1, warmup)
        results["memory_after_warmup"] = asdict(read_memory(server.pid))
        # The HTTP round trip alone (client, uvicorn, FastAPI): the part of p50 no model sets.
        results["healthz"] = _row(run_load(server.url, "/healthz", [], 1, max(count, 10)))
        for endpoint in ("/ask", "/search"):
            bodies = request_bodies(endpoint, questions)
            for concurrency in levels:
                row = _row(run_load(server.url, endpoint, bodies, concurrency, count))
                results["runs"].append({"endpoint": endpoint, "concurrency": concurrency, **row})
                progress(
                    f"{endpoint} c={concurrency}: {row['rps']:.1f} req/s, p50 {row['p50_ms']:.1f} ms"
                )
        results["memory_after_load"] = asdict(read_memory(server.pid))
    return results


def _row(run: LoadRun) -> Results:
    return {
        "requests": run.requests,
        "rps": run.rps,
        **asdict(run.latencies),
        "errors": run.errors,
    }
