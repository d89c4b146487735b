"""The micro-batcher: concurrent questions share model calls and get their own vectors back."""

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from app.retrieval.batching import BatchingEmbedder
from app.retrieval.embedder import Vectors
from tests.fakes import HashingEmbedder

QUESTIONS = [f"question number {i} about partnerships and trust" for i in range(12)]


class GatedEmbedder(HashingEmbedder):
    """A fake whose first model call waits for a signal, and that records every batch."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []
        self.entered = threading.Event()
        self.release = threading.Event()

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        self.batches.append(list(texts))
        self.entered.set()
        self.release.wait(timeout=10)
        return np.vstack([self.embed_query(t) for t in texts])


class FailingEmbedder(HashingEmbedder):
    """A fake whose model calls fail while `failing` is set."""

    failing = True

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        if self.failing:
            raise RuntimeError("model crashed")
        return np.vstack([self.embed_query(t) for t in texts])


def test_concurrent_questions_get_their_own_vectors() -> None:
    fake = HashingEmbedder()
    batcher = BatchingEmbedder(fake, max_batch=4)
    with ThreadPoolExecutor(8) as pool:
        vectors = list(pool.map(batcher.embed_query, QUESTIONS))
    batcher.close()
    for question, vector in zip(QUESTIONS, vectors, strict=True):
        np.testing.assert_allclose(vector, fake.embed_query(question), rtol=1e-6)


def test_questions_queued_while_the_model_is_busy_share_one_call() -> None:
    fake = GatedEmbedder()
    batcher = BatchingEmbedder(fake, max_batch=32)
    with ThreadPoolExecutor(len(QUESTIONS)) as pool:
        first = pool.submit(batcher.embed_query, QUESTIONS[0])
        assert fake.entered.wait(timeout=10)
        rest = [pool.submit(batcher.embed_query, q) for q in QUESTIONS[1:]]
        while batcher.queued < len(rest):  # all waiting behind the busy model
            threading.Event().wait(0.01)
        fake.release.set()
        first.result(timeout=10)
        [f.result(timeout=10) for f in rest]
    batcher.close()
    assert fake.batches == [QUESTIONS[:1], QUESTIONS[1:]]


def test_a_batch_never_exceeds_max_batch() -> None:
    fake = GatedEmbedder()
    batcher = BatchingEmbedder(fake, max_batch=5)
    with ThreadPoolExecutor(len(QUESTIONS)) as pool:
        futures = [pool.submit(batcher.embed_query, QUESTIONS[0])]
        assert fake.entered.wait(timeout=10)
        futures += [pool.submit(batcher.embed_query, q) for q in QUESTIONS[1:]]
        while batcher.queued < len(QUESTIONS) - 1:
            threading.Event().wait(0.01)
        fake.release.set()
        [f.result(timeout=10) for f in futures]
    batcher.close()
    assert [len(b) for b in fake.batches] == [1, 5, 5, 1]


def test_a_model_failure_reaches_the_caller() -> None:
    batcher = BatchingEmbedder(FailingEmbedder())
    with pytest.raises(RuntimeError, match="model crashed"):
        batcher.embed_query("anything")
    batcher.close()


def test_the_batcher_keeps_serving_after_a_failure() -> None:
    fake = FailingEmbedder()
    batcher = BatchingEmbedder(fake)
    with pytest.raises(RuntimeError):
        batcher.embed_query("first")
    fake.failing = False
    assert batcher.embed_query("second").shape == (fake.dimension,)
    batcher.close()


def test_an_embedder_without_embed_queries_is_called_per_question() -> None:
    fake = HashingEmbedder()
    batcher = BatchingEmbedder(fake)
    np.testing.assert_allclose(batcher.embed_query("trust"), fake.embed_query("trust"), rtol=1e-6)
    batcher.close()


def test_passages_and_token_counts_go_straight_to_the_wrapped_embedder() -> None:
    fake = HashingEmbedder()
    batcher = BatchingEmbedder(fake)
    batcher.embed_passages(["one passage"])
    assert fake.embedded == ["one passage"]
    assert batcher.count_tokens(["two words"]) == [2]


def test_the_batcher_presents_the_wrapped_model() -> None:
    fake = HashingEmbedder(dimension=32, name="some-model", max_tokens=99)
    batcher = BatchingEmbedder(fake)
    assert (batcher.name, batcher.dimension, batcher.max_tokens) == ("some-model", 32, 99)
