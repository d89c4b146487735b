"""Measure issue 10's ingestion targets on a corpus folder, per document.

Builds an index of the corpus with `docqa ingest` into a temporary folder (timing it and
recording its peak memory), unless --index names one already built, then prints for each
document: body text kept (8-word shingles against an independent extraction), passages
holding furniture, passages holding markup or dot leaders, passages under a real heading,
real headings present as sections, and the longest passage in word pieces.

    PYTHONPATH=$PWD python scripts/ingest_quality.py --corpus eval/realdocs \
        --headings eval/realdocs-headings.json --json /tmp/quality.json
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from app.config import DEFAULT_MODEL
from app.evaluation.ingest_quality import measure_corpus
from app.retrieval.embedder import resolve_model_path


def ingest(corpus: Path, index: Path) -> dict[str, float]:
    """Run `docqa ingest` in a child process; return its wall time and peak memory."""
    env = dict(os.environ, DOCQA_CORPUS_DIR=str(corpus), DOCQA_INDEX_DIR=str(index))
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from app.cli import cli; cli()", "ingest"], env=env, check=True
    )
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"ingest_seconds": round(seconds, 1), "peak_memory_mb": round(peak_kb / 1024)}


def main() -> None:
    """Parse arguments, build or open the index, measure and print."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=Path("eval/realdocs"))
    parser.add_argument("--index", type=Path, help="an index already built from the corpus")
    parser.add_argument("--headings", type=Path, default=Path("eval/realdocs-headings.json"))
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    headings = json.loads(args.headings.read_text()) if args.headings.exists() else {}
    headings = {k: v for k, v in headings.items() if not k.startswith("_")}
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(resolve_model_path(DEFAULT_MODEL))

    def count(texts: Sequence[str]) -> list[int]:
        return [len(ids) for ids in tokenizer(list(texts), add_special_tokens=False)["input_ids"]]

    run: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as temporary:
        index = args.index
        if index is None:
            index = Path(temporary) / "index"
            run = ingest(args.corpus.resolve(), index)
        results = measure_corpus(args.corpus, index, headings, count)
    print(f"{'document':52} pass  kept  furn  mark  under found(n)  longest")
    for r in results:
        print(
            f"{r.path[:52]:52} {r.passages:4} {r.body_kept:5.1%} {r.furniture_share:5.1%} "
            f"{r.markup_share:5.1%} {r.under_heading_share:5.1%} "
            f"{r.headings_found_share:5.1%}({r.real_headings:2}) {r.longest_tokens:5}"
        )
    if run:
        print(f"ingest: {run['ingest_seconds']} s, peak memory {run['peak_memory_mb']} MB")
    if args.json:
        args.json.write_text(
            json.dumps({"run": run, "documents": [asdict(r) for r in results]}, indent=1)
        )


if __name__ == "__main__":
    main()
