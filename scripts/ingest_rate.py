"""Compare the ingest embedding rate (texts per second) of the PyTorch and ONNX Runtime encoders.

    PYTHONPATH=. python scripts/ingest_rate.py [--document eval/realdocs/unsdg-chair-report-E-2025-61.pdf]

Reads and splits one document as the ingest does, then embeds its passages and sentences with
each backend in alternating rounds, so that both see the same machine load.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

from app.config import Settings
from app.ingest.catalog import CatalogEntry
from app.ingest.readers import read_document
from app.ingest.sections import section_blocks
from app.ingest.splitting import split_document
from app.passages import Document, embedding_text
from app.retrieval.encoders import load_encoder

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Print texts per second for each backend, per round and the median."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT / "eval" / "realdocs" / "unsdg-chair-report-E-2025-61.pdf"
    parser.add_argument("--document", type=Path, default=default)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--texts", type=int, default=300, help="Texts embedded per round.")
    args = parser.parse_args()
    settings = Settings()
    encoders = {backend: load_encoder(settings, backend) for backend in ("torch", "onnx")}
    first = encoders["torch"]
    entry = CatalogEntry(args.document.stem)
    document = Document(args.document.stem, entry.title, args.document.name, "")
    passages = split_document(
        document,
        section_blocks(read_document(args.document)),
        first.count_tokens,
        settings.max_passage_tokens,
        first.max_tokens,
    )
    texts = [embedding_text(p.section, p.text) for p in passages]
    texts += [s for p in passages for s in p.sentence_texts()]
    texts = list(dict.fromkeys(texts))[: args.texts]
    rates: dict[str, list[float]] = {backend: [] for backend in encoders}
    for _ in range(args.rounds):
        for backend, encoder in encoders.items():
            started = time.perf_counter()
            encoder.embed_passages(texts)
            rates[backend].append(len(texts) / (time.perf_counter() - started))
    for backend, values in rates.items():
        rounds = ", ".join(f"{v:.0f}" for v in values)
        print(
            f"{backend}: median {statistics.median(values):.0f} texts/s ({rounds}) on {len(texts)} texts"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
