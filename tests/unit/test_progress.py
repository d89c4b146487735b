"""Ingest progress as plain lines, for logs: each file read, and the embedding count
every tenth of the texts and at the end."""

from app.config import Settings
from app.ingest.build import build_index
from app.ingest.progress import LineListener
from tests.fakes import HashingEmbedder


def test_embedding_progress_is_written_every_tenth_and_at_the_end() -> None:
    lines: list[str] = []
    listener = LineListener(lines.append)
    listener.embedding(100)
    for _ in range(10):
        listener.advance(7)
    listener.advance(30)
    assert lines == [
        "embedding 100 new texts",
        "embedded 14/100 texts",
        "embedded 21/100 texts",
        "embedded 35/100 texts",
        "embedded 42/100 texts",
        "embedded 56/100 texts",
        "embedded 63/100 texts",
        "embedded 70/100 texts",
        "embedded 100/100 texts",
    ]


def test_an_ingest_run_reports_each_file_it_reads(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    lines: list[str] = []
    build_index(settings, lambda: fake_embedder, listener=LineListener(lines.append))
    assert lines[:2] == ["reading 1/2: bakery-alliance.txt", "reading 2/2: field-notes.md"]
    assert lines[-1].startswith("embedded ") and lines[-1].endswith(" texts")
