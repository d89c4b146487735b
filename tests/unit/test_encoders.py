"""Choosing the service's encoder: ONNX when it works, PyTorch otherwise, batched by default."""

from pathlib import Path

import pytest

from app.config import Settings
from app.retrieval import encoders
from app.retrieval.batching import BatchingEmbedder
from app.retrieval.onnx_encoder import ExportError, cached_export, model_fingerprint
from tests.fakes import HashingEmbedder

ONNX = HashingEmbedder(name="onnx")


class FakeTorchEmbedder(HashingEmbedder):
    """Stands in for the sentence-transformers model."""

    def __init__(self, model: str, *_: object) -> None:
        super().__init__(name=model)


def working_onnx(*_: object, **__: object) -> HashingEmbedder:
    """Stands in for a successful ONNX load."""
    return ONNX


def broken_onnx(*_: object, **__: object) -> HashingEmbedder:
    """Stands in for an ONNX export that fails."""
    raise ExportError("no exporter")


@pytest.fixture(autouse=True)
def no_real_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the PyTorch backend with a fake; ONNX counts as installed."""
    monkeypatch.setattr(encoders, "SentenceTransformerEmbedder", FakeTorchEmbedder)
    monkeypatch.setattr(encoders, "onnx_available", lambda: True)


def test_auto_takes_onnx_when_it_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoders, "_onnx", working_onnx)
    assert encoders.load_encoder(Settings(encoder_backend="auto")) is ONNX


def test_auto_falls_back_to_pytorch_when_the_export_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoders, "_onnx", broken_onnx)
    assert isinstance(encoders.load_encoder(Settings(encoder_backend="auto")), FakeTorchEmbedder)


def test_auto_uses_pytorch_when_onnx_is_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoders, "_onnx", working_onnx)
    monkeypatch.setattr(encoders, "onnx_available", lambda: False)
    assert isinstance(encoders.load_encoder(Settings(encoder_backend="auto")), FakeTorchEmbedder)


def test_an_explicit_onnx_backend_reports_its_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoders, "_onnx", broken_onnx)
    with pytest.raises(ExportError):
        encoders.load_encoder(Settings(encoder_backend="onnx"))


def test_the_service_batches_questions_by_default() -> None:
    embedder = encoders.load_service_embedder(Settings(encoder_backend="torch"))
    assert isinstance(embedder, BatchingEmbedder)


def test_a_batch_size_of_one_turns_batching_off() -> None:
    embedder = encoders.load_service_embedder(Settings(encoder_backend="torch", query_batch_size=1))
    assert isinstance(embedder, FakeTorchEmbedder)


def test_a_changed_model_file_changes_the_fingerprint(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    before = model_fingerprint(tmp_path)
    (tmp_path / "config.json").write_text('{"layers": 7}')
    assert model_fingerprint(tmp_path) != before


def test_a_hub_model_name_is_not_exported(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="not a local model folder"):
        cached_export("someone/remote-model", tmp_path)
