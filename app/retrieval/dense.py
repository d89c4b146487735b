"""Dense search over passage vectors with FAISS: exact for small corpora, HNSW past a size."""

from pathlib import Path

import faiss
import numpy as np

from app.retrieval.embedder import Vectors

DENSE_FILE = "dense.faiss"
# Past `approximate_from` passages, HNSW: a graph over the vectors, no training pass, and
# passages can be added later. Measured on this project's 2-core machine (scripts/bench.py,
# "Performance" in the README): exact search over 1 million vectors reads 1.5 GB per query
# (hundreds of ms here); HNSW answers in a few ms. IVF-Flat (1,024 or 2,048 lists, k-means on
# 32 points per list) built in 20-50 s but reached only 0.81-0.88 recall@10 at 64 probes
# (6-13 ms) on the clustered synthetic set, where HNSW with efConstruction 40 reached
# 0.94 at efSearch 1024 (9.5 ms) after a 17-minute build. The graph's quality, not the
# search effort, was the limit there, so efConstruction is 80 rather than FAISS's default 40.
# 32 neighbours per node cost 256 MB of links per million passages on top of the vectors.
# efSearch 256 reaches recall@10 >= 0.99 at 100k; the search module asks for 50 candidates,
# and FAISS widens the search to at least that many. No approximate index does well on
# vectors uniform on the sphere (all nearly equidistant): bench.py reports that case too.
HNSW_NEIGHBOURS = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 256
RECALL_TARGET = 0.95  # recall@10 against IndexFlatIP that the approximate index must reach


def build_dense(vectors: Vectors, approximate_from: int) -> faiss.Index:
    """Index normalised vectors for inner-product search; approximate from `approximate_from`."""
    count, dimension = vectors.shape
    index: faiss.Index
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
