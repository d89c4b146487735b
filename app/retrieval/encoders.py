"""Choose the query encoder the service runs: ONNX Runtime when it is installed, else PyTorch."""

import importlib.util
import logging

from app.config import Settings
from app.retrieval.batching import BatchingEmbedder
from app.retrieval.embedder import Embedder, SentenceTransformerEmbedder
from app.retrieval.onnx_encoder import load_onnx_embedder

logger = logging.getLogger(__name__)


def onnx_available() -> bool:
    """Tell whether ONNX Runtime and the ONNX exporter's package are installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "onnx"))


def load_encoder(settings: Settings, backend: str | None = None) -> Embedder:
    """Load the model with `backend` (default: the setting); 'auto' falls back to PyTorch."""
    backend = backend or settings.encoder_backend
    if backend == "auto":
        if onnx_available():
            try:
                return _onnx(settings, quantized=False)
            except Exception:  # any export or runtime problem: the PyTorch model still works
                logger.warning("ONNX encoder unavailable, using PyTorch", exc_info=True)
        backend = "torch"
    if backend == "torch":
        if settings.encoder_threads:
            import torch

            torch.set_num_threads(settings.encoder_threads)
        return SentenceTransformerEmbedder(settings.model, settings.batch_size)
    return _onnx(settings, quantized=backend == "onnx-int8")


def load_service_embedder(settings: Settings) -> Embedder:
    """Load the encoder and put the micro-batcher in front of it unless batching is off."""
    encoder = load_encoder(settings)
    if settings.query_batch_size <= 1:
        return encoder
    return BatchingEmbedder(encoder, settings.query_batch_size, settings.query_batch_wait_ms / 1000)


def _onnx(settings: Settings, quantized: bool) -> Embedder:
    return load_onnx_embedder(
        settings.model, settings.cache_dir, quantized, settings.encoder_threads, settings.batch_size
    )
