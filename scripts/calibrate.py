"""Fit `confidence` on the tuning fold of a question set and write app/answer/calibration.json.

    PYTHONPATH=$PWD python scripts/calibrate.py --set index_dir=/path/to/index --fold 0

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
    parser.add_argument("--fold", type=int, default=0, help="the tuning fold")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    parser.add_argument("--out", type=Path, default=CALIBRATION_FILE)
    args = parser.parse_args()
    settings = Settings(**dict(item.split("=", 1) for item in args.set))
    embedder = load_encoder(settings)
    index = load_index(settings.index_dir, embedder.name)
    nlp = load_pipeline()
    questions = [
        q for q in load_questions(args.questions) if fold_of(q.id, args.folds) == args.fold
    ]
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
    print(f"fitted on {len(questions)} questions of fold {args.fold}: {fitted}")


if __name__ == "__main__":
    main()
