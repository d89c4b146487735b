"""Time the language analysis: pipeline load, one question, and every sentence of an index.

PYTHONPATH=$PWD python scripts/measure_language.py [--index-dir index] [--questions eval/dev.jsonl]
"""

import argparse
import json
import statistics
import time
from pathlib import Path

from app.language.annotate import annotate_passages
from app.language.pipeline import load_pipeline
from app.language.question import analyse_question
from app.retrieval import store

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Print the load time, ms per question (p50, p95) and the ingest analysis time."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index-dir", type=Path, default=ROOT / "index")
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "dev.jsonl")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    nlp = load_pipeline()
    print(f"pipeline load: {time.perf_counter() - started:.2f} s ({', '.join(nlp.pipe_names)})")
    questions = [
        json.loads(line)["question"]
        for line in args.questions.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    analyse_question(nlp, questions[0])  # warm-up
    timings = []
    for _ in range(args.repeat):
        for question in questions:
            started = time.perf_counter()
            analyse_question(nlp, question)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(
        f"analyse_question: {len(questions)} questions x {args.repeat}: "
        f"p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms"
    )
    folder = store.current_build(args.index_dir)
    if folder is None:
        print(f"no index at {args.index_dir}: ingest analysis not measured")
        return
    passages = store.read_passages(folder)
    started = time.perf_counter()
    facts = annotate_passages(nlp, passages)
    seconds = time.perf_counter() - started
    sentences = sum(len(f) for f in facts)
    print(f"annotate_passages: {len(passages)} passages, {sentences} sentences: {seconds:.2f} s")


if __name__ == "__main__":
    main()
