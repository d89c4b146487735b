"""Time each step of /ask in process, per question: the question's analysis (spaCy), the
query embedding, search, sentence scoring, composition with the decline rules, and the
whole answer. Prints the median and p90 in milliseconds.

    PYTHONPATH=$PWD python scripts/answer_costs.py --set index_dir=/path/to/index
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from app.answer.compose import Shape, compose
from app.answer.extract import score_candidates
from app.answer.respond import answer_question
from app.config import Settings
from app.evaluation.devset import load_questions
from app.language.pipeline import load_pipeline
from app.language.question import analyse_question
from app.retrieval.encoders import load_encoder
from app.retrieval.index import load_index
from app.retrieval.search import search


def main() -> None:
    """Run every question once to warm up, then time each step on a second pass."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=Path, default=Path("eval/dev.jsonl"))
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    args = parser.parse_args()
    settings = Settings(**dict(item.split("=", 1) for item in args.set))
    embedder = load_encoder(settings)
    index = load_index(settings.index_dir, embedder.name)
    nlp = load_pipeline()
    questions = [q.question for q in load_questions(args.questions)]
    steps: dict[str, list[float]] = {}
    for run in range(2):
        for question in questions:
            t0 = time.perf_counter()
            analysis = analyse_question(nlp, question)
            t1 = time.perf_counter()
            vector = embedder.embed_query(question)
            t2 = time.perf_counter()
            hits = search(index, settings, question, vector, 5, stems=analysis.stems)
            t3 = time.perf_counter()
            candidates, _ = score_candidates(index, analysis, vector, hits)
            t4 = time.perf_counter()
            compose(candidates, Shape(run=settings.answer_sentences))
            t5 = time.perf_counter()
            answer_question(index, settings, analysis, vector, hits)
            t6 = time.perf_counter()
            if run:
                for name, ms in (
                    ("analysis (spaCy)", t1 - t0),
                    ("embedding", t2 - t1),
                    ("search", t3 - t2),
                    ("sentence scoring", t4 - t3),
                    ("composition", t5 - t4),
                    ("answer (scoring+composition+declines+confidence)", t6 - t5),
                ):
                    steps.setdefault(name, []).append(ms * 1000)
    for name, values in steps.items():
        values.sort()
        p90 = values[int(0.9 * (len(values) - 1))]
        print(f"{name:55s} p50 {statistics.median(values):6.2f} ms   p90 {p90:6.2f} ms")


if __name__ == "__main__":
    main()
