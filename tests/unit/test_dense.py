"""FAISS against its oracles: the exact index equals NumPy brute force, the approximate one
reaches its recall target against the exact one on seeded synthetic data."""

from pathlib import Path

import faiss
import numpy as np
import pytest

from app.retrieval.dense import (
    RECALL_TARGET,
    build_dense,
    index_kind,
    load_dense,
    save_dense,
    search_dense,
)

DIMENSION = 384


def unit_vectors(count: int, seed: int, clusters: int = 0) -> np.ndarray:
    """Seeded unit vectors: uniform on the sphere, or a mixture of `clusters` Gaussians on it."""
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((count, DIMENSION)).astype(np.float32)
    if clusters:
        centres = rng.standard_normal((clusters, DIMENSION)).astype(np.float32)
        centres /= np.linalg.norm(centres, axis=1, keepdims=True)
        vectors = vectors / np.sqrt(DIMENSION) + centres[rng.integers(0, clusters, count)]
    unit: np.ndarray = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return unit


def brute_force(vectors: np.ndarray, query: np.ndarray, k: int) -> tuple[list[int], np.ndarray]:
    """The oracle: every inner product, sorted."""
    scores = vectors @ query
    rows = np.argsort(-scores, kind="stable")[:k]
    return rows.tolist(), scores[rows]


@pytest.fixture(scope="module")
def clustered() -> tuple[np.ndarray, np.ndarray]:
    """20,000 passages and 100 questions from one seeded mixture of 200 clusters."""
    data = unit_vectors(20_100, seed=7, clusters=200)
    return data[:20_000], data[20_000:]


@pytest.fixture(scope="module")
def approximate(clustered: tuple[np.ndarray, np.ndarray]) -> faiss.Index:
    """The approximate index ingestion builds once a corpus reaches `approximate_from`."""
    return build_dense(clustered[0], approximate_from=10_000)


def test_small_corpora_get_the_exact_index() -> None:
    assert index_kind(build_dense(unit_vectors(100, seed=1), approximate_from=101)) == "flat"


def test_large_corpora_get_the_approximate_index(approximate: faiss.Index) -> None:
    assert index_kind(approximate) != "flat"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_exact_search_equals_numpy_brute_force(seed: int) -> None:
    vectors = unit_vectors(2_000, seed=seed)
    query = unit_vectors(1, seed=seed + 100)[0]
    rows, scores = search_dense(build_dense(vectors, approximate_from=10_000), query, 10)
    expected_rows, expected_scores = brute_force(vectors, query, 10)
    assert rows == expected_rows
    np.testing.assert_allclose(scores, expected_scores, rtol=1e-5, atol=1e-6)


def test_scores_are_the_cosines_of_the_rows_returned(
    approximate: faiss.Index, clustered: tuple[np.ndarray, np.ndarray]
) -> None:
    vectors, queries = clustered
    rows, scores = search_dense(approximate, queries[0], 10)
    np.testing.assert_allclose(scores, vectors[rows] @ queries[0], rtol=1e-5, atol=1e-6)


def test_approximate_index_reaches_its_recall_target(
    approximate: faiss.Index, clustered: tuple[np.ndarray, np.ndarray]
) -> None:
    vectors, queries = clustered
    truth = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    hits = 0
    for query, expected in zip(queries, truth, strict=True):
        rows, _ = search_dense(approximate, query, 50)
        hits += len(set(rows[:10]) & set(expected.tolist()))
    assert hits / truth.size >= RECALL_TARGET


def test_asking_for_more_rows_than_indexed_returns_them_all() -> None:
    vectors = unit_vectors(5, seed=4)
    rows, _ = search_dense(build_dense(vectors, approximate_from=10), vectors[0], 50)
    assert sorted(rows) == [0, 1, 2, 3, 4]


def test_an_empty_index_returns_nothing() -> None:
    index = build_dense(np.zeros((0, DIMENSION), dtype=np.float32), approximate_from=10)
    assert search_dense(index, unit_vectors(1, seed=5)[0], 10) == ([], [])


def test_a_saved_approximate_index_searches_the_same_after_loading(
    tmp_path: Path, approximate: faiss.Index, clustered: tuple[np.ndarray, np.ndarray]
) -> None:
    save_dense(approximate, tmp_path)
    loaded = load_dense(tmp_path)
    for query in clustered[1][:10]:
        assert search_dense(loaded, query, 10) == search_dense(approximate, query, 10)
