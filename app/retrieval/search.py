"""Hybrid passage search: FAISS and BM25 candidates, fused, filtered and de-duplicated."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from app.config import Settings
from app.errors import UnknownDocumentError
from app.passages import Passage
from app.retrieval.dense import search_dense
from app.retrieval.embedder import Vectors
from app.retrieval.fusion import fuse_rankings
from app.retrieval.index import Index
from app.retrieval.lexical import score_lexical

_NEAR_DUPLICATE = 0.9
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Hit:
    """A passage found for a query, with its fused and per-retriever scores."""

    passage: Passage
    score: float
    dense: float
    lexical: float


def search(
    index: Index,
    settings: Settings,
    query: str,
    query_vector: Vectors,
    top_k: int,
    document: str | None = None,
    section: str | None = None,
    stems: Sequence[str] | None = None,
) -> list[Hit]:
    """Return up to `top_k` passages for a query, best first.

    `stems` are the query's BM25 tokens when a question analysis already made them.
    """
    allowed = _allowed_rows(index, document, section)
    if allowed is not None and not allowed:
        return []
    dense_k = index.dense.ntotal if allowed is not None else settings.dense_candidates
    rows, cosines = search_dense(index.dense, query_vector, dense_k)
    dense = [(r, c) for r, c in zip(rows, cosines, strict=True) if allowed is None or r in allowed]
    dense = dense[: settings.dense_candidates]
    bm25 = score_lexical(index.lexical, query, len(index.passages), stems)
    if allowed is not None:
        mask = np.full(len(bm25), -1.0, dtype=np.float32)
        mask[list(allowed)] = bm25[list(allowed)]
        bm25 = mask
    lexical = [int(r) for r in _top_rows(bm25, settings.lexical_candidates) if bm25[r] > 0]
    sentences = _best_sentence_ranking(index, query_vector, allowed, settings.dense_candidates)
    fused = fuse_rankings(
        [[r for r, _ in dense], lexical, sentences],
        [settings.dense_weight, settings.lexical_weight, settings.sentence_weight],
        settings.rrf_k,
    )
    cosine = dict(dense)
    hits: list[Hit] = []
    kept_words: list[set[str]] = []
    for row, score in fused:
        passage = index.passages[row]
        words = set(_WORD.findall(passage.text.lower()))
        if any(_jaccard(words, other) >= _NEAR_DUPLICATE for other in kept_words):
            continue
        kept_words.append(words)
        hits.append(Hit(passage, score, cosine.get(row, 0.0), float(bm25[row])))
        if len(hits) == top_k:
            break
    return hits


def _best_sentence_ranking(
    index: Index, query_vector: Vectors, allowed: set[int] | None, limit: int
) -> list[int]:
    """Rank passages by their single most similar sentence (max-sim over sentences)."""
    similarities = index.sentence_vectors @ query_vector.astype(np.float32)
    ranking: list[int] = []
    seen: set[int] = set()
    for row in np.argsort(-similarities):
        for passage_row in index.sentence_passages[int(row)]:
            if passage_row not in seen and (allowed is None or passage_row in allowed):
                seen.add(passage_row)
                ranking.append(passage_row)
        if len(ranking) >= limit:
            break
    return ranking[:limit]


def _top_rows(scores: NDArray[np.float32], k: int) -> NDArray[np.intp]:
    """Return the rows of the `k` highest scores, best first, without sorting them all."""
    if k >= len(scores):
        return np.argsort(-scores, kind="stable")
    top = np.argpartition(-scores, k)[:k]
    return top[np.argsort(-scores[top], kind="stable")]


def _allowed_rows(index: Index, document: str | None, section: str | None) -> set[int] | None:
    if document is None and section is None:
        return None
    if document is not None and document not in index.documents:
        raise UnknownDocumentError(
            f"Unknown document {document!r}. See GET /documents for the ids."
        )
    rows = index.by_document[document] if document is not None else range(len(index.passages))
    needle = (section or "").lower()
    return {r for r in rows if needle in index.passages[r].section.lower()}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
