"""Synthetic passages at any size: unit vectors, Zipf texts and a searchable index of both."""

from pathlib import Path

import faiss
import numpy as np

from app.passages import Document, Passage, text_key
from app.retrieval.embedder import Vectors
from app.retrieval.index import Index
from app.retrieval.lexical import build_lexical


def synthetic_vectors(
    count: int, kind: str, rng: np.random.Generator, dimension: int = 384
) -> Vectors:
    """Unit vectors: 'uniform' on the sphere, or 'clustered', a mixture of Gaussians on it.

    Clustered: count/100 centres uniform on the sphere; a point is a centre plus isotropic
    noise of norm about 1, renormalised, so it lies at cosine ~0.7 from its centre and ~0.5
    from its cluster mates, close to the cosines MiniLM gives related passages. Queries are
    drawn from the same mixture.
    """
    if kind not in ("clustered", "uniform"):
        raise ValueError(f"Unknown kind of synthetic data {kind!r}: clustered or uniform.")
    vectors = np.empty((count, dimension), dtype=np.float32)
    centres = None
    if kind == "clustered":
        centres = rng.standard_normal((max(1, count // 100), dimension), dtype=np.float32)
        centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    for first in range(0, count, 100_000):  # in blocks: no second full-size temporary
        block = rng.standard_normal((min(100_000, count - first), dimension), dtype=np.float32)
        if centres is not None:
            block /= np.sqrt(dimension)
            block += centres[rng.integers(0, len(centres), len(block))]
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        vectors[first : first + len(block)] = block
    return vectors


def synthetic_texts(count: int, rng: np.random.Generator, words: int = 40) -> list[str]:
    """Texts of Zipf-distributed made-up words, for BM25 at scale."""
    vocabulary = np.array([f"w{i}x" for i in range(50_000)])
    ranks = np.minimum(rng.zipf(1.2, size=(count, words)), len(vocabulary)) - 1
    return [" ".join(row) for row in vocabulary[ranks]]


def synthetic_index(dense: faiss.Index, vectors: Vectors, texts: list[str]) -> Index:
    """An index of one document whose passages are `texts`, each a single sentence.

    A passage's sentence vector is its passage vector (the same array, not a copy), so the
    index is complete: every sentence of every passage has a row, as in a real build.
    """
    document = Document("synthetic", "Synthetic", "synthetic.txt", "")
    passages = [
        Passage(f"p{i}", "synthetic", "Synthetic", "", text, ((0, len(text)),), "", i)
        for i, text in enumerate(texts)
    ]
    rows: dict[str, int] = {}
    for i, text in enumerate(texts):
        rows.setdefault(text_key(text), i)
    return Index(
        Path("."),
        {},
        {document.id: document},
        passages,
        dense,
        build_lexical(texts),
        vectors,
        rows,
    )
