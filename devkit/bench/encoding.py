"""The encoder: its floor under the service, its throughput alone, and backends compared."""

import os
import time
from collections.abc import Callable, Sequence
from functools import partial

import numpy as np

from app.config import Settings
from app.evaluation.devset import Question, normalise
from app.retrieval.dense import search_dense
from app.retrieval.embedder import Embedder, Vectors
from app.retrieval.index import Index
from app.retrieval.lexical import score_lexical
from app.retrieval.search import search
from devkit.bench import Results, progress
from devkit.load import median_ms


def embed_batch(encoder: Embedder, texts: Sequence[str]) -> Vectors:
    """Embed questions in one call where the encoder can, one by one otherwise."""
    embed_queries: Callable[[Sequence[str]], Vectors] | None = getattr(
        encoder, "embed_queries", None
    )
    if embed_queries is not None:
        return embed_queries(texts)
    return np.vstack([encoder.embed_query(t) for t in texts])


def measure_floor(settings: Settings, encoder: Embedder, index: Index, texts: list[str]) -> Results:
    """Median embedding of one question plus median bare FAISS + BM25 search for it."""
    for text in texts[:10]:
        encoder.embed_query(text)
    embed = [median_ms(partial(encoder.embed_query, text), 3) for text in texts]
    vectors = [encoder.embed_query(t) for t in texts]

    def bare_search(text: str, vector: Vectors) -> None:
        search_dense(index.dense, vector, settings.dense_candidates)
        score_lexical(index.lexical, text, len(index.passages))

    search_ms = [
        median_ms(partial(bare_search, text, vector), 3)
        for text, vector in zip(texts, vectors, strict=True)
    ]
    embed_p50, search_p50 = float(np.median(embed)), float(np.median(search_ms))
    return {
        "encoder": type(encoder).__name__,
        "threads": encoder_threads(settings, encoder),
        "embed_ms": embed_p50,
        "search_ms": search_p50,
        "floor_ms": embed_p50 + search_p50,
    }


def encoder_threads(settings: Settings, encoder: Embedder) -> int:
    """Return how many threads one call of `encoder` uses."""
    if settings.encoder_threads:
        return int(settings.encoder_threads)
    if type(encoder).__name__ == "SentenceTransformerEmbedder":
        import torch

        return int(torch.get_num_threads())
    return os.cpu_count() or 1


def measure_model(encoder: Embedder, texts: list[str]) -> Results:
    """Questions per second of the encoder alone: one at a time and batched."""
    embed_batch(encoder, texts[:16])
    result: Results = {"encoder": type(encoder).__name__}
    start = time.perf_counter()
    for text in texts:
        encoder.embed_query(text)
    result["one_at_a_time_qps"] = len(texts) / (time.perf_counter() - start)
    for size in (16, 32):
        result[f"batch{size}_qps"] = _batched_qps(encoder, texts, size)
    return result


def _batched_qps(encoder: Embedder, texts: list[str], size: int) -> float:
    start = time.perf_counter()
    for first in range(0, len(texts), size):
        embed_batch(encoder, texts[first : first + size])
    return len(texts) / (time.perf_counter() - start)


def relevant(passage_text: str, evidence: list[str]) -> bool:
    """Tell whether a passage contains one of a question's evidence spans."""
    text = normalise(passage_text)
    return any(normalise(e) in text for e in evidence)


def compare_encoders(
    settings: Settings,
    load: Callable[[str], Embedder],
    index: Index,
    questions: list[Question],
    backends: list[str],
) -> list[Results]:
    """Rank the questions with each backend through the app's hybrid search; compare."""
    judged = [
        q
        for q in questions
        if q.answerable and q.evidence and any(relevant(p.text, q.evidence) for p in index.passages)
    ]
    texts = [q.question for q in judged]
    rows: list[Results] = []
    reference: Vectors | None = None
    reference_top: list[list[str]] = []
    for backend in backends:
        try:
            encoder = load(backend)
        except Exception as exc:  # an unavailable backend is reported, not fatal
            rows.append({"backend": backend, "error": f"{type(exc).__name__}: {exc}"})
            continue
        vectors = embed_batch(encoder, texts)
        latency = float(np.median([median_ms(partial(encoder.embed_query, t), 3) for t in texts]))
        ranked = [
            [h.passage for h in search(index, settings, t, v, 10)]
            for t, v in zip(texts, vectors, strict=True)
        ]
        top = [[p.id for p in r[:5]] for r in ranked]
        ranks = [
            next((i for i, p in enumerate(r, 1) if relevant(p.text, q.evidence)), None)
            for r, q in zip(ranked, judged, strict=True)
        ]
        if reference is None:
            reference, reference_top = vectors, top
        rows.append(
            {
                "backend": backend,
                "embed_ms": latency,
                "batch16_qps": _batched_qps(encoder, texts, 16),
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
