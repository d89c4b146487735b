"""Render benchmark results as Markdown tables and compare the service with its floor."""

from typing import Any

from devkit.bench import Results


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """Format a Markdown table."""

    def cell(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
        return str(value)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def report(results: Results) -> str:
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


def ratios(results: Results) -> dict[str, float]:
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
