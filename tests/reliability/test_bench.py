"""The benchmark's sections run end to end on the tiny corpus with the fake embedder.

Only the shape of the results is checked: timings belong to `scripts/bench.py`, not to tests.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.config import Settings
from app.evaluation.devset import Question
from app.ingest.build import build_index
from app.retrieval.index import load_index
from devkit.bench import Results
from devkit.bench.encoding import compare_encoders, measure_floor, measure_model
from devkit.bench.machine import describe_machine
from devkit.bench.report import ratios, report
from devkit.bench.scale import measure_scale
from devkit.bench.service import RunningServer, measure_http, measure_ingest
from tests.fakes import HashingEmbedder
from tests.reliability.server import fake_server

QUESTIONS = [
    Question("q1", "Why does trust matter?", True, ["Trust is built"], ["trust"], "theme"),
    Question("q2", "How many members?", True, ["twelve members"], ["twelve"], "fact"),
    Question("q3", "Who won the 1998 final?", False, [], [], "out-of-scope"),
]


def test_every_section_measures_the_tiny_corpus(
    settings: Settings, fake_embedder: HashingEmbedder, tmp_path: Path
) -> None:
    results: Results = {"machine": describe_machine()}

    def ingest() -> None:
        build_index(settings, lambda: fake_embedder)

    results["ingest"] = measure_ingest(ingest, settings.index_dir)

    @contextmanager
    def serve() -> Iterator[RunningServer]:
        with fake_server(settings, tmp_path / "server.log") as server:
            yield RunningServer(server.process.pid, server.base_url)

    results["http"] = measure_http(serve, QUESTIONS, [1, 2], count=4, warmup=2)
    index = load_index(settings.index_dir, fake_embedder.name)
    texts = [q.question for q in QUESTIONS]
    results["floor"] = measure_floor(settings, fake_embedder, index, texts)
    results["model"] = measure_model(fake_embedder, texts)
    results["encoders"] = compare_encoders(
        settings, lambda _: fake_embedder, index, QUESTIONS, ["first", "second"]
    )
    results["scale"] = measure_scale(
        settings, [300], ["clustered", "uniform"], text_up_to=300, dimension=16, queries=20
    )
    results["ratios"] = ratios(results)
    results["machine"]["loadavg_end"] = 0.0

    assert results["ingest"]["passages"] == len(index.passages) > 0
    runs = results["http"]["runs"]
    assert [(r["endpoint"], r["concurrency"]) for r in runs] == [
        ("/ask", 1),
        ("/ask", 2),
        ("/search", 1),
        ("/search", 2),
    ]
    assert all(r["requests"] == 4 and r["errors"] == 0 for r in runs)
    assert results["http"]["memory_after_load"]["rss_mib"] > 0
    assert results["floor"]["floor_ms"] > 0
    assert set(results["model"]) >= {"one_at_a_time_qps", "batch16_qps", "batch32_qps"}
    first, second = results["encoders"]
    assert first["questions"] == second["questions"] == 2  # the out-of-scope one is left out
    assert first["recall_at_5"] == second["recall_at_5"]
    assert second["same_top5_as_first"] == 1.0
    assert [(s["data"], s["passages"]) for s in results["scale"]] == [
        ("clustered", 300),
        ("uniform", 300),
    ]
    assert "hybrid_search_p50_ms" in results["scale"][0]  # text searched at the first kind only
    assert "hybrid_search_p50_ms" not in results["scale"][1]
    assert all(0.0 <= s["recall_at_10"] <= 1.0 for s in results["scale"])
    assert set(ratios(results)) >= {"/ask p50 at concurrency 1 / floor"}
    rendered = report(results)
    assert rendered.count("\n| /ask |") == 2
    assert "hybrid search p50 ms" in rendered
    json.dumps(results)  # --json writes everything measured


def test_an_unavailable_backend_is_reported_not_fatal(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    build_index(settings, lambda: fake_embedder)
    index = load_index(settings.index_dir, fake_embedder.name)

    def load(backend: str) -> HashingEmbedder:
        if backend == "missing":
            raise ImportError("no such runtime")
        return fake_embedder

    rows = compare_encoders(settings, load, index, QUESTIONS, ["missing", "fake"])
    assert rows[0] == {"backend": "missing", "error": "ImportError: no such runtime"}
    assert rows[1]["backend"] == "fake"
