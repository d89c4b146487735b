"""Test doubles: a tiny deterministic embedder that keeps lexical similarity."""

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from app.retrieval.embedder import Progress, Vectors

_TOKEN = re.compile(r"\w+|[^\w\s]")


class HashingEmbedder:
    """Hashed bag of words: each word seeds its own random vector; texts sum and normalise.

    Shared words mean similar vectors, so ranking assertions hold. It records every text it
    embeds, so a test can assert that nothing was re-embedded.
    """

    def __init__(
        self, dimension: int = 64, name: str = "hashing-fake", max_tokens: int = 254
    ) -> None:
        self.name = name
        self.dimension = dimension
        self.max_tokens = max_tokens
        self.embedded: list[str] = []

    def _word(self, word: str) -> Vectors:
        seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
        return np.random.default_rng(seed).standard_normal(self.dimension).astype(np.float32)

    def _vector(self, text: str) -> Vectors:
        vector = np.zeros(self.dimension, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            vector += self._word(word)
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> Vectors:
        """Embed texts, recording them."""
        self.embedded.extend(texts)
        if progress is not None:
            progress(len(texts))
        return (
            np.vstack([self._vector(t) for t in texts])
            if texts
            else np.zeros((0, self.dimension), np.float32)
        )

    def embed_query(self, text: str) -> Vectors:
        """Embed one question (not recorded)."""
        return self._vector(text)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Count words and punctuation marks."""
        return [len(_TOKEN.findall(t)) for t in texts]
