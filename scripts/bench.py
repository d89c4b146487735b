"""Benchmark DocQA on this machine: the HTTP service against its floor, the query encoders,
ingestion, memory, and dense search at synthetic scale. Prints Markdown tables; --json
writes everything measured.

The service is the real one: `python -m uvicorn app.main:app` on a free loopback port with
the bundled model, serving an index of the real corpus that this script first builds with
`docqa ingest` into a temporary folder. Requests are dev-set questions sent with async
httpx at each concurrency. The floor is measured in this process with the encoder the
service loads (same settings, same thread count): the median time to embed one question
plus the median bare FAISS + BM25 search for it.

Examples:

    python scripts/bench.py --quick
    python scripts/bench.py --json artifacts/bench.json
    python scripts/bench.py --only http,floor --env DOCQA_ENCODER_BACKEND=torch --env DOCQA_QUERY_BATCH_SIZE=1
    python scripts/bench.py --only scale --sizes 10000,100000,1000000 --data clustered,uniform
"""

import argparse
import asyncio
import itertools
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("ingest", "http", "floor", "model", "encoders", "scale")
DIMENSION = 384
SCALE_QUERIES = 200
os.environ.setdefault("HF_HUB_OFFLINE", "1")


# ---------------------------------------------------------------- machine and statistics


def machine() -> dict[str, Any]:
    """Describe the machine and the load other processes put on it."""
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    memory = re.search(r"MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text())
    versions = {}
    for package in ("torch", "onnxruntime", "faiss", "bm25s", "sentence_transformers"):
        try:
            versions[package] = __import__(package).__version__
        except ImportError:
            versions[package] = None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "memory_gib": round(int(memory.group(1)) / 2**20, 1) if memory else None,
        "python": platform.python_version(),
        "versions": versions,
        "loadavg_start": os.getloadavg()[0],
    }


def percentiles(seconds: list[float]) -> dict[str, float]:
    """Return p50, p95 and p99 in milliseconds."""
    if not seconds:
        return {"p50_ms": float("nan"), "p95_ms": float("nan"), "p99_ms": float("nan")}
    values = np.percentile(np.asarray(seconds) * 1000, [50, 95, 99])
    return {"p50_ms": float(values[0]), "p95_ms": float(values[1]), "p99_ms": float(values[2])}


def median_ms(call: Callable[[], object], repeats: int) -> float:
    """Run `call` `repeats` times and return the median duration in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return float(np.median(times) * 1000)


def rss_mib(pid: int) -> dict[str, float]:
    """Read resident memory now and at its peak from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    values = {
        key: int(re.search(rf"{key}:\s*(\d+) kB", status).group(1)) for key in ("VmRSS", "VmHWM")
    }  # type: ignore[union-attr]
    return {"rss_mib": values["VmRSS"] / 1024, "peak_rss_mib": values["VmHWM"] / 1024}


def load_questions(path: Path) -> list[dict[str, Any]]:
    """Read the dev questions."""
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


# ---------------------------------------------------------------- ingestion


def measure_ingest(corpus: Path, index_dir: Path, env: dict[str, str]) -> dict[str, Any]:
    """Time a cold build of the corpus and an unchanged re-run, as `docqa ingest`."""
    command = [
        sys.executable,
        "-m",
        "app.ingest",
        "--corpus-dir",
        str(corpus),
        "--index-dir",
        str(index_dir),
    ]
    timings = {}
    for label in ("cold_s", "unchanged_rerun_s"):
        start = time.perf_counter()
        done = subprocess.run(
            command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        timings[label] = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"docqa ingest failed:\n{done.stdout}\n{done.stderr}")
    manifest = json.loads((index_dir / "current" / "manifest.json").read_text())
    return {**timings, "passages": manifest["passages"], "sentences": manifest["sentences"]}


# ---------------------------------------------------------------- the HTTP service


@dataclass
class Server:
    """A running uvicorn process."""

    pid: int
    url: str


@contextmanager
def running_server(env: dict[str, str], log: Path, timeout: float = 180) -> Iterator[Server]:
    """Start the service with uvicorn and wait until /readyz answers 200."""
    from app.errors import ServerStartError
    from app.ops.launch import free_port, launched, uvicorn_command

    port = free_port()
    command = uvicorn_command(port)
    try:
        with launched(command, port, env, log, cwd=ROOT, ready_seconds=timeout) as server:
            yield Server(server.process.pid, server.base_url)
    except ServerStartError as exc:
        sys.exit(str(exc))


def request_bodies(endpoint: str, questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Turn the dev questions into request bodies for `endpoint`."""
    field = "question" if endpoint == "/ask" else "query"
    return [{field: q["question"]} for q in questions]


async def load(
    url: str, endpoint: str, bodies: list[dict[str, Any]], concurrency: int, count: int
) -> dict[str, Any]:
    """Send `count` requests with `concurrency` in flight; return throughput and latencies."""
    import httpx

    latencies: list[float] = []
    errors = 0
    counter = itertools.count()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:

        async def worker() -> None:
            nonlocal errors
            while (i := next(counter)) < count:
                start = time.perf_counter()
                try:
                    sent = (
                        client.post(endpoint, json=bodies[i % len(bodies)])
                        if bodies
                        else client.get(endpoint)
                    )
                    ok = (await sent).status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - start)
                errors += not ok

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return {"requests": count, "rps": count / wall, **percentiles(latencies), "errors": errors}


def measure_http(
    env: dict[str, str], questions: list[dict[str, Any]], levels: list[int], count: int, log: Path
) -> dict[str, Any]:
    """Warm the service up, read its memory, then load each endpoint at each concurrency."""
    results: dict[str, Any] = {"runs": []}
    with running_server(env, log) as server:
        for endpoint in ("/ask", "/search"):
            asyncio.run(load(server.url, endpoint, request_bodies(endpoint, questions), 1, 20))
        results["memory_after_warmup"] = rss_mib(server.pid)
        # The HTTP round trip alone (client, uvicorn, FastAPI): the part of p50 no model sets.
        results["healthz"] = asyncio.run(load(server.url, "/healthz", [], 1, 100))
        for endpoint in ("/ask", "/search"):
            bodies = request_bodies(endpoint, questions)
            for concurrency in levels:
                run = asyncio.run(load(server.url, endpoint, bodies, concurrency, count))
                results["runs"].append({"endpoint": endpoint, "concurrency": concurrency, **run})
                progress(
                    f"{endpoint} c={concurrency}: {run['rps']:.1f} req/s, p50 {run['p50_ms']:.1f} ms"
                )
        results["memory_after_load"] = rss_mib(server.pid)
    return results


# ---------------------------------------------------------------- floor, model, encoders


def measure_floor(settings: Any, index: Any, texts: list[str]) -> dict[str, Any]:
    """Median embedding of one question plus median bare FAISS + BM25 search for it."""
    from app.retrieval.dense import search_dense
    from app.retrieval.encoders import load_encoder
    from app.retrieval.lexical import score_lexical

    encoder = load_encoder(settings)
    for text in texts[:10]:
        encoder.embed_query(text)
    embed = [median_ms(lambda t=t: encoder.embed_query(t), 3) for t in texts]
    vectors = [encoder.embed_query(t) for t in texts]

    def bare_search(text: str, vector: Any) -> None:
        search_dense(index.dense, vector, settings.dense_candidates)
        score_lexical(index.lexical, text, len(index.passages))

    search = [
        median_ms(lambda t=t, v=v: bare_search(t, v), 3)
        for t, v in zip(texts, vectors, strict=True)
    ]
    embed_ms, search_ms = float(np.median(embed)), float(np.median(search))
    return {
        "encoder": type(encoder).__name__,
        "threads": encoder_threads(settings, encoder),
        "embed_ms": embed_ms,
        "search_ms": search_ms,
        "floor_ms": embed_ms + search_ms,
    }


def encoder_threads(settings: Any, encoder: Any) -> int:
    """Return how many threads one call of `encoder` uses."""
    if settings.encoder_threads:
        return int(settings.encoder_threads)
    if type(encoder).__name__ == "SentenceTransformerEmbedder":
        import torch

        return int(torch.get_num_threads())
    return os.cpu_count() or 1


def measure_model(settings: Any, texts: list[str]) -> dict[str, Any]:
    """Questions per second of the service's encoder alone: one at a time and batched."""
    from app.retrieval.encoders import load_encoder

    encoder = load_encoder(settings)
    encoder.embed_queries(texts[:16])  # type: ignore[attr-defined]
    result = {"encoder": type(encoder).__name__}
    start = time.perf_counter()
    for text in texts:
        encoder.embed_query(text)
    result["one_at_a_time_qps"] = len(texts) / (time.perf_counter() - start)
    for size in (16, 32):
        start = time.perf_counter()
        for first in range(0, len(texts), size):
            encoder.embed_queries(texts[first : first + size])  # type: ignore[attr-defined]
        result[f"batch{size}_qps"] = len(texts) / (time.perf_counter() - start)
    return result


def relevant(passage_text: str, evidence: list[str]) -> bool:
    """Tell whether a passage contains one of a question's evidence strings."""
    text = " ".join(passage_text.lower().split())
    return any(" ".join(e.lower().split()) in text for e in evidence)


def compare_encoders(
    settings: Any, index: Any, questions: list[dict[str, Any]], backends: list[str]
) -> list[dict[str, Any]]:
    """Rank the dev questions with each encoder through the app's hybrid search; compare."""
    from app.retrieval.encoders import load_encoder
    from app.retrieval.search import search

    judged = [q for q in questions if q.get("answerable") and q.get("evidence")]
    judged = [q for q in judged if any(relevant(p.text, q["evidence"]) for p in index.passages)]
    texts = [q["question"] for q in judged]
    rows, reference, reference_top = [], None, None
    for backend in backends:
        try:
            encoder = load_encoder(settings, backend)
        except Exception as exc:  # an unavailable backend is reported, not fatal
            rows.append({"backend": backend, "error": f"{type(exc).__name__}: {exc}"})
            continue
        vectors = encoder.embed_queries(texts)  # type: ignore[attr-defined]
        latency = float(
            np.median([median_ms(lambda t=t, e=encoder: e.embed_query(t), 3) for t in texts])
        )
        start = time.perf_counter()
        for first in range(0, len(texts), 16):
            encoder.embed_queries(texts[first : first + 16])  # type: ignore[attr-defined]
        batched = len(texts) / (time.perf_counter() - start)
        ranked = [
            [h.passage for h in search(index, settings, t, v, 10)]
            for t, v in zip(texts, vectors, strict=True)
        ]
        top = [[p.id for p in r[:5]] for r in ranked]
        ranks = [
            next((i for i, p in enumerate(r, 1) if relevant(p.text, q["evidence"])), None)
            for r, q in zip(ranked, judged, strict=True)
        ]
        if reference is None:
            reference, reference_top = vectors, top
        rows.append(
            {
                "backend": backend,
                "embed_ms": latency,
                "batch16_qps": batched,
                "recall_at_5": float(np.mean([r is not None and r <= 5 for r in ranks])),
                "mrr_at_10": float(np.mean([1 / r if r else 0.0 for r in ranks])),
                "min_cosine_to_first": float(np.min(np.sum(vectors * reference, axis=1))),
                "same_top5_as_first": float(
                    np.mean([a == b for a, b in zip(top, reference_top, strict=True)])
                ),
                "questions": len(texts),
            }
        )
        progress(f"encoder {backend}: {latency:.1f} ms, Recall@5 {rows[-1]['recall_at_5']:.3f}")
    return rows


# ---------------------------------------------------------------- scale


def synthetic_vectors(count: int, kind: str, rng: np.random.Generator) -> np.ndarray:
    """Unit vectors: 'uniform' on the sphere, or 'clustered', a mixture of Gaussians on it.

    Clustered: count/100 centres uniform on the sphere; a point is a centre plus isotropic
    noise of norm about 1, renormalised, so it lies at cosine ~0.7 from its centre and ~0.5
    from its cluster mates, close to the cosines MiniLM gives related passages. Queries are
    drawn from the same mixture.
    """
    vectors = np.empty((count, DIMENSION), dtype=np.float32)
    centres = None
    if kind == "clustered":
        centres = rng.standard_normal((max(1, count // 100), DIMENSION), dtype=np.float32)
        centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    for first in range(0, count, 100_000):  # in blocks: no second full-size temporary
        block = rng.standard_normal((min(100_000, count - first), DIMENSION), dtype=np.float32)
        if centres is not None:
            block /= np.sqrt(DIMENSION)
            block += centres[rng.integers(0, len(centres), len(block))]
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        vectors[first : first + len(block)] = block
    return vectors


def synthetic_texts(count: int, rng: np.random.Generator, words: int = 40) -> list[str]:
    """Texts of Zipf-distributed made-up words, for BM25 at scale."""
    vocabulary = np.array([f"w{i}x" for i in range(50_000)])
    ranks = np.minimum(rng.zipf(1.2, size=(count, words)), len(vocabulary)) - 1
    return [" ".join(row) for row in vocabulary[ranks]]


def measure_scale(
    settings: Any, sizes: list[int], kinds: list[str], text_up_to: int
) -> list[dict[str, Any]]:
    """Build the dense index ingestion would choose at each size; time search, check recall.

    For HNSW, search is also measured at other efSearch values than the configured one
    (marked with *), to show what recall costs.
    """
    import faiss

    from app.retrieval.dense import HNSW_EF_SEARCH, build_dense, index_kind

    results = []
    for kind in kinds:
        for size in sizes:
            rng = np.random.default_rng(size)
            data = synthetic_vectors(size + SCALE_QUERIES, kind, rng)
            vectors, queries = data[:size], data[size:]
            exact = faiss.IndexFlatIP(DIMENSION)
            exact.add(vectors)
            _, truth = exact.search(queries, 10)
            exact_ms = median_ms(lambda e=exact, q=queries[:1]: e.search(q, 10), 5)
            del exact
            start = time.perf_counter()
            index = build_dense(vectors, settings.approximate_from)
            build_s = time.perf_counter() - start
            common = {
                "data": kind,
                "passages": size,
                "index": index_kind(index),
                "build_s": build_s,
                "index_mib": faiss.serialize_index(index).nbytes / 2**20,
                "exact_search_ms": exact_ms,
            }
            efs = (
                [None]
                if common["index"] != "hnsw"
                else sorted({128, 256, 512, 1024, HNSW_EF_SEARCH})
            )
            for ef in efs:
                if ef is not None:
                    index.hnsw.efSearch = ef
                row = {
                    **common,
                    "ef_search": "-"
                    if ef is None
                    else f"{ef}{'*' if ef == HNSW_EF_SEARCH else ''}",
                }
                row.update(search_quality(settings, index, queries, truth))
                if ef in (None, HNSW_EF_SEARCH) and size <= text_up_to and kind == kinds[0]:
                    row.update(measure_hybrid(settings, index, rng, queries))
                results.append(row)
                progress(
                    f"scale {kind} {size}: {row['index']} ef {row['ef_search']} p50 {row['p50_ms']:.2f} ms "
                    f"recall {row['recall_at_10']:.3f} build {build_s:.0f} s"
                )
            del index
    return results


def search_quality(
    settings: Any, index: Any, queries: np.ndarray, truth: np.ndarray
) -> dict[str, Any]:
    """Search each query as the app does; return latency percentiles and recall@10."""
    from app.retrieval.dense import search_dense

    found, times = [], []
    for query in queries:
        begin = time.perf_counter()
        rows, _ = search_dense(index, query, settings.dense_candidates)
        times.append(time.perf_counter() - begin)
        found.append(rows[:10])
    recall = np.mean(
        [len(set(f) & set(t)) / 10 for f, t in zip(found, truth.tolist(), strict=True)]
    )
    latency = {k: v for k, v in percentiles(times).items() if k != "p99_ms"}
    return {"recall_at_10": float(recall), **latency}


def measure_hybrid(
    settings: Any, dense: Any, rng: np.random.Generator, queries: np.ndarray
) -> dict[str, Any]:
    """Time BM25 and the app's full hybrid search over generated passages at this size."""
    from app.passages import Document, Passage
    from app.retrieval.index import Index
    from app.retrieval.lexical import build_lexical, score_lexical
    from app.retrieval.search import search

    texts = synthetic_texts(dense.ntotal, rng)
    start = time.perf_counter()
    lexical = build_lexical(texts)
    bm25_build_s = time.perf_counter() - start
    document = Document("synthetic", "Synthetic", "synthetic.txt", "")
    passages = [
        Passage(f"p{i}", "synthetic", "Synthetic", "", t, ((0, len(t)),), "")
        for i, t in enumerate(texts)
    ]
    del texts
    index = Index(
        Path("."),
        {},
        {"synthetic": document},
        passages,
        dense,
        lexical,
        np.zeros((0, DIMENSION), np.float32),
        {},
    )
    words = synthetic_texts(len(queries), rng, words=6)
    bm25 = [median_ms(lambda w=w: score_lexical(lexical, w, len(passages)), 1) for w in words[:50]]
    hybrid = [
        median_ms(lambda w=w, q=q: search(index, settings, w, q, 10), 1)
        for w, q in zip(words[:50], queries, strict=False)
    ]
    return {
        "bm25_build_s": bm25_build_s,
        "bm25_p50_ms": float(np.median(bm25)),
        "hybrid_search_p50_ms": float(np.median(hybrid)),
    }


# ---------------------------------------------------------------- report


def progress(message: str) -> None:
    """Say what was just measured, on stderr."""
    print(f"  {message}", file=sys.stderr, flush=True)


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """Format a Markdown table."""

    def cell(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
        return str(value)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def report(results: dict[str, Any]) -> str:
    """Render the results as Markdown."""
    m = results["machine"]
    parts = [
        f"Machine: {m['nproc']} cores, {m['cpu']}, {m['memory_gib']} GiB; load average {m['loadavg_start']:.2f} at start, {m['loadavg_end']:.2f} at end."
    ]
    if "ingest" in results:
        i = results["ingest"]
        parts.append(
            table(
                ["ingest", "seconds"],
                [
                    [
                        f"cold build ({i['passages']} passages, {i['sentences']} sentences)",
                        i["cold_s"],
                    ],
                    ["unchanged re-run", i["unchanged_rerun_s"]],
                ],
            )
        )
    if "http" in results:
        h = results["http"]
        rows = [
            [
                r["endpoint"],
                r["concurrency"],
                r["requests"],
                r["rps"],
                r["p50_ms"],
                r["p95_ms"],
                r["p99_ms"],
                r["errors"],
            ]
            for r in h["runs"]
        ]
        parts.append(
            table(
                [
                    "endpoint",
                    "concurrency",
                    "requests",
                    "req/s",
                    "p50 ms",
                    "p95 ms",
                    "p99 ms",
                    "errors",
                ],
                rows,
            )
        )
        parts.append(
            f"HTTP round trip alone (GET /healthz, concurrency 1): p50 {h['healthz']['p50_ms']:.2f} ms."
        )
        mem = h["memory_after_warmup"]
        parts.append(
            f"Server memory: {mem['rss_mib']:.0f} MiB resident after warm-up, {h['memory_after_load']['rss_mib']:.0f} MiB after the load runs (peak {h['memory_after_load']['peak_rss_mib']:.0f} MiB)."
        )
    if "floor" in results:
        f = results["floor"]
        lines = [
            f"Floor ({f['encoder']}, {f['threads']} threads): embed one question {f['embed_ms']:.2f} ms + bare FAISS+BM25 search {f['search_ms']:.2f} ms = {f['floor_ms']:.2f} ms."
        ]
        for name, value in results.get("ratios", {}).items():
            lines.append(f"{name}: {value:.2f}")
        parts.append("\n".join(lines))
    if "model" in results:
        mo = results["model"]
        parts.append(
            table(
                ["encoder alone", "questions/s"],
                [
                    ["one at a time", mo["one_at_a_time_qps"]],
                    ["batches of 16", mo["batch16_qps"]],
                    ["batches of 32", mo["batch32_qps"]],
                ],
            )
        )
    if "encoders" in results:
        rows = [
            [
                e["backend"],
                e.get("embed_ms", "-"),
                e.get("batch16_qps", "-"),
                e.get("recall_at_5", "-"),
                e.get("mrr_at_10", "-"),
                e.get("min_cosine_to_first", "-"),
                e.get("same_top5_as_first", e.get("error", "-")),
            ]
            for e in results["encoders"]
        ]
        parts.append(
            table(
                [
                    "encoder",
                    "embed ms",
                    "batch16 q/s",
                    "Recall@5",
                    "MRR@10",
                    "min cos vs first",
                    "same top-5 as first",
                ],
                rows,
            )
        )
    if "scale" in results:
        rows = [
            [
                s["data"],
                s["passages"],
                s["index"],
                s.get("ef_search", "-"),
                s["build_s"],
                s["index_mib"],
                s["p50_ms"],
                s["p95_ms"],
                s["recall_at_10"],
                s["exact_search_ms"],
                s.get("bm25_p50_ms", "-"),
                s.get("hybrid_search_p50_ms", "-"),
            ]
            for s in results["scale"]
        ]
        parts.append(
            table(
                [
                    "data",
                    "passages",
                    "index",
                    "efSearch",
                    "build s",
                    "index MiB",
                    "search p50 ms",
                    "p95 ms",
                    "recall@10",
                    "exact p50 ms",
                    "BM25 p50 ms",
                    "hybrid search p50 ms",
                ],
                rows,
            )
        )
    return "\n\n".join(parts)


def ratios(results: dict[str, Any]) -> dict[str, float]:
    """Compare the service with its floor and with the encoder alone."""
    out: dict[str, float] = {}
    runs = {(r["endpoint"], r["concurrency"]): r for r in results.get("http", {}).get("runs", [])}
    floor = results.get("floor", {}).get("floor_ms")
    for endpoint in ("/ask", "/search"):
        if floor and (endpoint, 1) in runs:
            out[f"{endpoint} p50 at concurrency 1 / floor"] = runs[(endpoint, 1)]["p50_ms"] / floor
    model = results.get("model")
    top = max((c for e, c in runs if e == "/ask"), default=None)
    if model and top:
        out[f"/ask req/s at concurrency {top} / encoder one at a time"] = (
            runs[("/ask", top)]["rps"] / model["one_at_a_time_qps"]
        )
        out[f"/ask req/s at concurrency {top} / encoder in batches of 16"] = (
            runs[("/ask", top)]["rps"] / model["batch16_qps"]
        )
    return out


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small run, under a minute: fewer requests, 10k scale only",
    )
    parser.add_argument("--json", type=Path, help="write all results to this JSON file")
    parser.add_argument(
        "--questions",
        type=Path,
        default=ROOT.parent / "shared" / "eval" / "dev.jsonl",
        help="dev questions, JSON lines with 'question' and 'evidence' [default: ../shared/eval/dev.jsonl]",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=ROOT / "corpus",
        help="corpus folder to index [default: corpus]",
    )
    parser.add_argument(
        "--index",
        type=Path,
        help="serve this built index folder instead of building one (no ingest)",
    )
    parser.add_argument(
        "--requests",
        type=int,
        help="requests per endpoint and concurrency [default: 200, quick 30]",
    )
    parser.add_argument(
        "--concurrency",
        default="1,4,16",
        help="comma-separated concurrency levels [default: 1,4,16]",
    )
    parser.add_argument(
        "--sizes", help="synthetic passage counts [default: 10000,100000,1000000; quick 10000]"
    )
    parser.add_argument(
        "--data", default="clustered,uniform", help="synthetic vectors: clustered and/or uniform"
    )
    parser.add_argument(
        "--text-up-to",
        type=int,
        default=100_000,
        help="largest size at which BM25 and the full hybrid search are timed over generated "
        "text (0: never) [default: 100000]",
    )
    parser.add_argument(
        "--only", help=f"comma-separated sections to run, from {','.join(SECTIONS)}"
    )
    parser.add_argument("--skip", default="", help="comma-separated sections to skip")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="setting for the server and this process, e.g. DOCQA_ENCODER_BACKEND=torch (repeatable)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Run the chosen sections and report."""
    args = parse_args(argv)
    sections = [
        s
        for s in (args.only.split(",") if args.only else SECTIONS)
        if s not in args.skip.split(",")
    ]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        sys.exit(
            f"Unknown sections: {', '.join(sorted(unknown))}. Choose from {', '.join(SECTIONS)}."
        )
    for pair in args.env:
        name, _, value = pair.partition("=")
        os.environ[name] = value
    count = args.requests or (30 if args.quick else 200)
    sizes = [
        int(s)
        for s in (args.sizes or ("10000" if args.quick else "10000,100000,1000000")).split(",")
    ]
    questions = load_questions(args.questions)
    texts = [q["question"] for q in questions]
    results: dict[str, Any] = {"machine": machine(), "settings_env": args.env, "quick": args.quick}
    progress(
        f"machine: {results['machine']['cpu']}, load average {results['machine']['loadavg_start']:.2f}"
    )

    from app.config import Settings

    with tempfile.TemporaryDirectory(prefix="docqa-bench-") as tmp:
        work = Path(tmp)
        shutil.copytree(args.corpus, work / "corpus")
        env = {
            **os.environ,
            "DOCQA_CORPUS_DIR": str(work / "corpus"),
            "DOCQA_INDEX_DIR": str(args.index or work / "index"),
            # One client sends every request: the per-client rate limit would answer 429.
            "DOCQA_RATE_LIMIT": "",
        }
        settings = Settings(corpus_dir=work / "corpus", index_dir=args.index or work / "index")
        if args.index is None and {"ingest", "http", "floor", "encoders"} & set(sections):
            progress("ingest: cold build, then an unchanged re-run")
            results["ingest"] = measure_ingest(work / "corpus", work / "index", env)
        if "http" in sections:
            results["http"] = measure_http(
                env,
                questions,
                [int(c) for c in args.concurrency.split(",")],
                count,
                work / "server.log",
            )
        if {"floor", "encoders"} & set(sections):
            from app.retrieval.index import load_index

            index = load_index(settings.index_dir, settings.model)
            if "floor" in sections:
                results["floor"] = measure_floor(settings, index, texts)
                progress(f"floor {results['floor']['floor_ms']:.2f} ms")
            if "encoders" in sections:
                backends = ["torch", "onnx"] + ([] if args.quick else ["onnx-int8"])
                results["encoders"] = compare_encoders(settings, index, questions, backends)
        if "model" in sections:
            results["model"] = measure_model(settings, texts)
        if "scale" in sections:
            results["scale"] = measure_scale(settings, sizes, args.data.split(","), args.text_up_to)
    results["ratios"] = ratios(results)
    results["machine"]["loadavg_end"] = os.getloadavg()[0]
    print(report(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
