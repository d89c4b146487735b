"""Fit `confidence` on the tuning folds of a question set and write app/answer/calibration.json.

    PYTHONPATH=$PWD python scripts/calibrate.py --fold 0 --fold 1 [--set index_dir=/path/to/index]

Runs each question of the fold through the same steps as /ask (analysis, search, answer),
labels each response right or wrong, and fits a logistic regression with cross-validation.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from app.answer.confidence import CALIBRATION_FILE
from app.answer.respond import answer_question
from app.config import Settings
from app.evaluation.calibration import fit, is_right, write
from app.evaluation.devset import fold_of, load_questions
from app.language.pipeline import load_pipeline
from app.language.question import analyse_question
from app.retrieval.encoders import load_encoder
from app.retrieval.index import load_index
from app.retrieval.search import search


def main() -> None:
    """Parse arguments, answer the fold's questions, fit and write the model."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=Path, default=Path("eval/dev.jsonl"))
    parser.add_argument(
        "--fold", type=int, action="append", help="a tuning fold (repeat for more; default 0)"
    )
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    parser.add_argument("--out", type=Path, default=CALIBRATION_FILE)
    args = parser.parse_args()
    settings = Settings(**dict(item.split("=", 1) for item in args.set))
    embedder = load_encoder(settings)
    index = load_index(settings.index_dir, embedder.name)
    nlp = load_pipeline()
    tuning = args.fold or [0]
    questions = [q for q in load_questions(args.questions) if fold_of(q.id, args.folds) in tuning]
    features, right = [], []
    for q in questions:
        analysis = analyse_question(nlp, q.question)
        vector = embedder.embed_query(q.question)
        hits = search(index, settings, q.question, vector, 5, None)
        answer = answer_question(index, settings, analysis, vector, hits)
        assert answer.features is not None
        features.append(answer.features)
        right.append(is_right(q, answer.text, answer.abstained))
    fitted = fit(features, right)
    write(args.out, fitted)
    print(f"fitted on {len(questions)} questions of folds {tuning}: {fitted}")


if __name__ == "__main__":
    main()
