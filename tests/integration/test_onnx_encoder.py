"""The ONNX export of the bundled model gives the PyTorch model's vectors and token counts."""

from pathlib import Path

import numpy as np
import pytest

from app.config import DEFAULT_MODEL
from app.evaluation.devset import load_questions
from app.retrieval.embedder import SentenceTransformerEmbedder
from app.retrieval.onnx_encoder import MODEL_FILE, OnnxEmbedder, cached_export, load_onnx_embedder
from tests.conftest import DEV_SET

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding one export of the bundled model."""
    folder = tmp_path_factory.mktemp("cache")
    cached_export(DEFAULT_MODEL, folder)
    return folder


@pytest.fixture(scope="module")
def onnx(cache: Path) -> OnnxEmbedder:
    """The bundled model, run by ONNX Runtime."""
    return load_onnx_embedder(DEFAULT_MODEL, cache)


def dev_questions() -> list[str]:
    """The dev-set questions."""
    return [q.question for q in load_questions(DEV_SET)]


def test_onnx_question_vectors_equal_pytorch(
    onnx: OnnxEmbedder, real_embedder: SentenceTransformerEmbedder
) -> None:
    questions = dev_questions()
    np.testing.assert_allclose(
        onnx.embed_queries(questions), real_embedder.embed_queries(questions), atol=1e-5
    )


def test_onnx_truncates_long_passages_like_pytorch(
    onnx: OnnxEmbedder, real_embedder: SentenceTransformerEmbedder
) -> None:
    texts = ["partnership " * 400, "A short one.", "trust and shared goals " * 30]
    np.testing.assert_allclose(
        onnx.embed_passages(texts), real_embedder.embed_passages(texts), atol=1e-5
    )


def test_onnx_counts_tokens_like_pytorch(
    onnx: OnnxEmbedder, real_embedder: SentenceTransformerEmbedder
) -> None:
    texts = [*dev_questions()[:5], "partnership " * 400]
    assert onnx.count_tokens(texts) == real_embedder.count_tokens(texts)


def test_onnx_presents_the_same_model(
    onnx: OnnxEmbedder, real_embedder: SentenceTransformerEmbedder
) -> None:
    assert (onnx.name, onnx.dimension, onnx.max_tokens) == (
        real_embedder.name,
        real_embedder.dimension,
        real_embedder.max_tokens,
    )


def test_a_second_load_reuses_the_cached_export(cache: Path) -> None:
    folder = cached_export(DEFAULT_MODEL, cache)
    written = (folder / MODEL_FILE).stat().st_mtime_ns
    assert cached_export(DEFAULT_MODEL, cache) == folder
    assert (folder / MODEL_FILE).stat().st_mtime_ns == written
