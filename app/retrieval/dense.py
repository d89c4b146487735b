"""Dense search over passage vectors with FAISS: exact for small corpora, HNSW past a size."""

from pathlib import Path

import faiss
import numpy as np

from app.retrieval.embedder import Vectors

DENSE_FILE = "dense.faiss"
HNSW_NEIGHBOURS = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128


def build_dense(vectors: Vectors, approximate_from: int) -> faiss.Index:
    """Index normalised vectors for inner-product search; approximate from `approximate_from`."""
    count, dimension = vectors.shape
    if count < approximate_from:
        index = faiss.IndexFlatIP(dimension)
    else:
        index = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def index_kind(index: faiss.Index) -> str:
    """Name the FAISS index type, for manifests and benchmarks."""
    return "hnsw" if isinstance(index, faiss.IndexHNSWFlat) else "flat"


def save_dense(index: faiss.Index, folder: Path) -> None:
    """Write the FAISS index into `folder`."""
    faiss.write_index(index, str(folder / DENSE_FILE))


def load_dense(folder: Path) -> faiss.Index:
    """Read the FAISS index from `folder`."""
    index = faiss.read_index(str(folder / DENSE_FILE))
    if isinstance(index, faiss.IndexHNSWFlat):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    return index


def search_dense(index: faiss.Index, query: Vectors, k: int) -> tuple[list[int], list[float]]:
    """Return the rows and cosine scores of the `k` nearest passages, best first."""
    k = min(k, index.ntotal)
    if k <= 0:
        return [], []
    scores, rows = index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
    pairs = [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]
    return [r for r, _ in pairs], [s for _, s in pairs]
