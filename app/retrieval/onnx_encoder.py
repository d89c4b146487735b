"""The same sentence-transformers weights run by ONNX Runtime: exported locally, cached, checked.

The export traces the bundled PyTorch model once (transformer, mean pooling and L2
normalisation in one graph) and keeps it in a cache folder keyed by a hash of the model
files, so later starts load it without importing PyTorch. Nothing is downloaded.
"""

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from app.retrieval.embedder import Progress, Vectors, embed_by_length, resolve_model_path

logger = logging.getLogger(__name__)

EXPORT_VERSION = 1  # bump when the exported graph changes, so old caches are not reused
MODEL_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "encoder.json"
# fp32 ONNX must reproduce PyTorch to rounding error; anything worse means a bad trace.
MAX_EXPORT_ERROR = 1e-4
_PROBES = [
    "What makes a partnership between a company and an NGO last?",
    "Trust is built through shared information and kept promises.",
    "ok",
]


class ExportError(RuntimeError):
    """The model cannot be exported to ONNX faithfully."""


def model_fingerprint(model_dir: Path) -> str:
    """Hash every file of a local model folder: a changed weight means a new export."""
    digest = hashlib.sha256(f"export-v{EXPORT_VERSION}".encode())
    for path in sorted(p for p in model_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(model_dir).as_posix().encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


def cached_export(model: str, cache_dir: Path, quantized: bool = False) -> Path:
    """Return the cache folder of `model`'s ONNX export, exporting it first if needed."""
    model_dir = Path(resolve_model_path(model))
    if not model_dir.is_dir():
        raise ExportError(f"{model!r} is not a local model folder; only those are exported.")
    slug = "".join(c if c.isalnum() or c in "-_." else "_" for c in model)
    folder = cache_dir.expanduser() / "encoders" / f"{slug}-{model_fingerprint(model_dir)}"
    if not (folder / META_FILE).exists():
        _export_in_subprocess(model_dir, folder)
    if quantized and not (folder / INT8_FILE).exists():
        _quantize(folder)
    return folder


def _export_in_subprocess(model_dir: Path, folder: Path) -> None:
    """Export in a child process, so that the service never holds PyTorch in memory."""
    command = [sys.executable, "-m", "app.retrieval.onnx_encoder", str(model_dir), str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ExportError(f"Exporting {model_dir} to ONNX failed: {done.stderr.strip()[-2000:]}")


def _export_into(model_dir: Path, folder: Path) -> None:
    """Export to a temporary folder beside `folder`, check it, then rename it into place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
    staging.chmod(0o755)
    try:
        meta = export_onnx(model_dir, staging / MODEL_FILE)
        shutil.copy(model_dir / TOKENIZER_FILE, staging / TOKENIZER_FILE)
        (staging / META_FILE).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        try:
            staging.rename(folder)
        except OSError:  # another process finished the same export first
            if not (folder / META_FILE).exists():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def export_onnx(model_dir: Path, target: Path) -> dict[str, Any]:
    """Trace the model into `target` and check it against PyTorch; return its metadata."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu")
    if not (model_dir / TOKENIZER_FILE).exists():
        raise ExportError(f"{model_dir} has no {TOKENIZER_FILE}.")
    graph = _pooled_encoder(model[0].auto_model)
    features = model.tokenizer(_PROBES, padding=True, return_tensors="pt")
    inputs = ("input_ids", "attention_mask", "token_type_ids")
    with torch.no_grad():
        torch.onnx.export(
            graph,
            tuple(features[name] for name in inputs),
            str(target),
            dynamo=False,  # the TorchScript tracer handles dynamic batch and length here
            input_names=list(inputs),
            output_names=["embedding"],
            dynamic_axes={
                **{n: {0: "batch", 1: "length"} for n in inputs},
                "embedding": {0: "batch"},
            },
            opset_version=17,
        )
    meta = {
        "max_seq_length": int(model.max_seq_length or 0),
        "export_version": EXPORT_VERSION,
    }
    reference = model.encode(_PROBES, normalize_embeddings=True, convert_to_numpy=True)
    exported = OnnxEmbedder(
        target, model_dir / TOKENIZER_FILE, "probe", meta["max_seq_length"], threads=1
    )
    error = float(np.abs(exported.embed_queries(_PROBES) - reference).max())
    if error > MAX_EXPORT_ERROR:
        raise ExportError(f"The ONNX export differs from PyTorch by {error:.2e}.")
    return meta


def _quantize(folder: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic  # type: ignore[import-untyped]  # no stubs

    staging = folder / f".{INT8_FILE}.{os.getpid()}"
    quantize_dynamic(str(folder / MODEL_FILE), str(staging), weight_type=QuantType.QInt8)
    os.replace(staging, folder / INT8_FILE)


def _pooled_encoder(transformer: Any) -> Any:
    """Wrap the transformer with mean pooling over real tokens and L2 normalisation."""
    import torch

    class PooledEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=-1)

    return PooledEncoder().eval()


class OnnxEmbedder:
    """An exported sentence-transformers model run by ONNX Runtime, with its own tokenizer."""

    def __init__(
        self,
        model_file: Path,
        tokenizer_file: Path,
        name: str,
        max_seq_length: int,
        threads: int = 0,
        batch_size: int = 32,
    ) -> None:
        import onnxruntime as ort  # type: ignore[import-untyped]  # no stubs
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle workers sleep instead of spinning: on 2 cores a spinning thread takes the core
        # that the request threads need for search and answers while the model runs.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(model_file), options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self._tokenizer.enable_truncation(max_seq_length)
        self._tokenizer.enable_padding()  # to the longest text of a call, not a fixed length
        self._counter = Tokenizer.from_file(str(tokenizer_file))
        self._counter.no_truncation()
        self._counter.no_padding()
        self.name = name
        self.batch_size = batch_size
        self.max_tokens = max_seq_length - 2  # [CLS] and [SEP]
        self.dimension = int(self._session.get_outputs()[0].shape[-1])

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> Vectors:
        """Embed many texts in batches of similar length."""
        return embed_by_length(self.embed_queries, texts, self.dimension, self.batch_size, progress)

    def embed_query(self, text: str) -> Vectors:
        """Embed one question."""
        vector: Vectors = self.embed_queries([text])[0]
        return vector

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed several questions in one model call."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        vectors: Vectors = np.asarray(self._session.run(None, feed)[0], dtype=np.float32)
        return vectors

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Return each text's length in word pieces."""
        return [
            len(e.ids) for e in self._counter.encode_batch(list(texts), add_special_tokens=False)
        ]


def load_onnx_embedder(
    model: str, cache_dir: Path, quantized: bool = False, threads: int = 0, batch_size: int = 32
) -> OnnxEmbedder:
    """Load `model` as ONNX from the cache, exporting it on first use."""
    folder = cached_export(model, cache_dir, quantized)
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    return OnnxEmbedder(
        folder / (INT8_FILE if quantized else MODEL_FILE),
        folder / TOKENIZER_FILE,
        model,
        int(meta["max_seq_length"]),
        threads,
        batch_size,
    )


if __name__ == "__main__":  # the child process of `_export_in_subprocess`
    _export_into(Path(sys.argv[1]), Path(sys.argv[2]))
