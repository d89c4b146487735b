"""Dense search at synthetic scale: the index ingestion would choose, its recall and speed."""

import time
from functools import partial
from typing import Any

import faiss
import numpy as np

from app.config import Settings
from app.retrieval.dense import HNSW_EF_SEARCH, build_dense, index_kind, search_dense
from app.retrieval.embedder import Vectors
from app.retrieval.lexical import score_lexical
from app.retrieval.search import search
from devkit.bench import Results, progress
from devkit.load import median_ms, percentiles
from devkit.synthetic import synthetic_index, synthetic_texts, synthetic_vectors

QUERIES = 200
HYBRID_QUERIES = 50


def measure_scale(
    settings: Settings,
    sizes: list[int],
    kinds: list[str],
    text_up_to: int,
    dimension: int = 384,
    queries: int = QUERIES,
) -> list[Results]:
    """Build the dense index ingestion would choose at each size; time search, check recall.

    For HNSW, search is also measured at other efSearch values than the configured one
    (marked with *), to show what recall costs.
    """
    results = []
    for kind in kinds:
        for size in sizes:
            rng = np.random.default_rng(size)
            data = synthetic_vectors(size + queries, kind, rng, dimension)
            vectors, asked = data[:size], data[size:]
            exact = faiss.IndexFlatIP(dimension)
            exact.add(vectors)
            _, truth = exact.search(asked, 10)
            exact_ms = median_ms(partial(exact.search, asked[:1], 10), 5)
            del exact
            start = time.perf_counter()
            index = build_dense(vectors, settings.approximate_from)
            common: Results = {
                "data": kind,
                "passages": size,
                "index": index_kind(index),
                "build_s": time.perf_counter() - start,
                "index_mib": faiss.serialize_index(index).nbytes / 2**20,
                "exact_search_ms": exact_ms,
            }
            hybrid = size <= text_up_to and kind == kinds[0]
            results.extend(_rows(settings, index, common, vectors, asked, truth, rng, hybrid))
            del index
    return results


def _rows(
    settings: Settings,
    index: Any,
    common: Results,
    vectors: Vectors,
    asked: Vectors,
    truth: np.ndarray[Any, Any],
    rng: np.random.Generator,
    hybrid: bool,
) -> list[Results]:
    """One row per efSearch measured (one row for exact indexes)."""
    efs: list[int | None] = [None]
    if common["index"] == "hnsw":
        efs = [*sorted({128, 256, 512, 1024, HNSW_EF_SEARCH})]
    rows = []
    for ef in efs:
        if ef is not None:
            index.hnsw.efSearch = ef
        marked = "-" if ef is None else f"{ef}{'*' if ef == HNSW_EF_SEARCH else ''}"
        row = {**common, "ef_search": marked, **search_quality(settings, index, asked, truth)}
        if hybrid and ef in (None, HNSW_EF_SEARCH):
            row.update(measure_hybrid(settings, index, vectors, rng, asked))
        rows.append(row)
        progress(
            f"scale {row['data']} {row['passages']}: {row['index']} ef {marked} "
            f"p50 {row['p50_ms']:.2f} ms recall {row['recall_at_10']:.3f} build {row['build_s']:.0f} s"
        )
    return rows


def search_quality(
    settings: Settings, index: Any, asked: Vectors, truth: np.ndarray[Any, Any]
) -> Results:
    """Search each query as the app does; return latency percentiles and recall@10."""
    found, times = [], []
    for query in asked:
        begin = time.perf_counter()
        rows, _ = search_dense(index, query, settings.dense_candidates)
        times.append(time.perf_counter() - begin)
        found.append(rows[:10])
    recall = np.mean(
        [len(set(f) & set(t)) / 10 for f, t in zip(found, truth.tolist(), strict=True)]
    )
    latency = percentiles(times)
    return {"recall_at_10": float(recall), "p50_ms": latency.p50_ms, "p95_ms": latency.p95_ms}


def measure_hybrid(
    settings: Settings,
    dense: Any,
    vectors: Vectors,
    rng: np.random.Generator,
    asked: Vectors,
) -> Results:
    """Time BM25 and the app's full hybrid search over generated passages at this size."""
    texts = synthetic_texts(dense.ntotal, rng)
    start = time.perf_counter()
    index = synthetic_index(dense, vectors, texts)
    build_s = time.perf_counter() - start
    del texts
    words = synthetic_texts(min(len(asked), HYBRID_QUERIES), rng, words=6)
    count = len(index.passages)
    bm25 = [median_ms(partial(score_lexical, index.lexical, w, count), 1) for w in words]
    hybrid = [
        median_ms(partial(search, index, settings, w, q, 10), 1)
        for w, q in zip(words, asked, strict=False)
    ]
    return {
        "text_index_build_s": build_s,
        "bm25_p50_ms": float(np.median(bm25)),
        "hybrid_search_p50_ms": float(np.median(hybrid)),
    }
