"""Embed questions that arrive together in one encoder call, behind the Embedder seam.

Routes are plain `def` functions running in the threadpool, so concurrent requests call
`embed_query` from many threads at once. One worker thread serves them: it takes the first
waiting question and every question queued behind it (up to `max_batch`), and encodes them
in a single call. Batches form by themselves while the model is busy, so a lone request
waits for nobody; `max_wait` can hold a batch open a little longer, at the cost of latency.
Funnelling every encoding through one thread also keeps the model's own worker threads from
competing with each other on a small machine.
"""

import queue
import threading
import time
from collections.abc import Sequence

import numpy as np

from app.retrieval.embedder import Embedder, Progress, Vectors


class _Pending:
    """One question waiting for its vector."""

    __slots__ = ("done", "error", "text", "vector")

    def __init__(self, text: str) -> None:
        self.text = text
        self.done = threading.Event()
        self.vector: Vectors | None = None
        self.error: BaseException | None = None


class BatchingEmbedder:
    """Wrap an embedder so that concurrent `embed_query` calls share model calls."""

    def __init__(self, inner: Embedder, max_batch: int = 32, max_wait: float = 0.0) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self.max_tokens = inner.max_tokens
        self.max_batch = max_batch
        self.max_wait = max_wait
        self.batches = 0  # model calls made, for benchmarks
        self._queue: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None

    @property
    def queued(self) -> int:
        """How many questions wait for the model."""
        return self._queue.qsize()

    def embed_query(self, text: str) -> Vectors:
        """Embed one question, in a model call shared with the questions that came with it."""
        pending = _Pending(text)
        self._start()
        self._queue.put(pending)
        pending.done.wait()
        if pending.error is not None:
            raise pending.error
        assert pending.vector is not None
        return pending.vector

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed several questions in one model call, directly."""
        return self._encode(list(texts))

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> Vectors:
        """Embed many texts with the wrapped embedder, unbatched by this wrapper."""
        return self.inner.embed_passages(texts, progress)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Return each text's length in model tokens."""
        return self.inner.count_tokens(texts)

    def close(self) -> None:
        """Stop the worker after the questions already queued."""
        with self._lock:
            worker, self._worker = self._worker, None
        if worker is not None:
            self._queue.put(None)
            worker.join()

    def _start(self) -> None:
        if self._worker is not None:
            return
        with self._lock:
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="query-batcher", daemon=True)
                self._worker.start()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch, stopping = self._collect(first)
            self._serve(batch)
            if stopping:
                return

    def _collect(self, first: _Pending) -> tuple[list[_Pending], bool]:
        """Take `first` and what queued behind it, waiting at most `max_wait` for more."""
        batch = [first]
        deadline = time.monotonic() + self.max_wait
        while len(batch) < self.max_batch:
            remaining = deadline - time.monotonic()
            try:
                item = (
                    self._queue.get(timeout=remaining)
                    if remaining > 0
                    else self._queue.get_nowait()
                )
            except queue.Empty:
                break
            if item is None:
                return batch, True
            batch.append(item)
        return batch, False

    def _serve(self, batch: list[_Pending]) -> None:
        try:
            vectors = self._encode([p.text for p in batch])
            self.batches += 1
        except BaseException as exc:  # every waiting request must hear about the failure
            for pending in batch:
                pending.error = exc
                pending.done.set()
            return
        for pending, vector in zip(batch, vectors, strict=True):
            pending.vector = vector
            pending.done.set()

    def _encode(self, texts: list[str]) -> Vectors:
        embed_many = getattr(self.inner, "embed_queries", None)
        if embed_many is not None:
            return np.asarray(embed_many(texts), dtype=np.float32)
        return np.vstack([self.inner.embed_query(t) for t in texts]).astype(np.float32)
