"""Fit `confidence` on the tuning folds of a question set and write app/answer/calibration.json.

    PYTHONPATH=$PWD python scripts/calibrate.py --fold 0 --fold 1 [--set index_dir=/path/to/index]
    PYTHONPATH=$PWD python scripts/calibrate.py --fold 0 --fold 1 \
        --questions eval/dev.jsonl --questions eval/realdocs-dev.jsonl,/path/to/realdocs-index

Runs each question of the tuning folds of every set through the same steps as /ask
(analysis, search, answer), labels each response right or wrong, and fits a logistic
regression with cross-validation. A set whose questions are about other documents names the
index of those documents after a comma; the others use the settings' index.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from app.answer.confidence import CALIBRATION_FILE, load_calibration
from app.answer.respond import answer_question
from app.config import Settings
from app.evaluation.calibration import fit, is_right, neutral, write
from app.evaluation.devset import fold_of, load_questions
from app.language.pipeline import load_pipeline
from app.language.question import analyse_question
from app.retrieval.encoders import load_encoder
from app.retrieval.index import load_index
from app.retrieval.search import search


def main() -> None:
    """Parse arguments, answer the fold's questions, fit and write the model."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--questions",
        action="append",
        metavar="PATH[,INDEX_DIR]",
        help="a question set, and the index of its documents (repeat; default eval/dev.jsonl)",
    )
    parser.add_argument(
        "--fold", type=int, action="append", help="a tuning fold (repeat for more; default 0)"
    )
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    parser.add_argument("--out", type=Path, default=CALIBRATION_FILE)
    args = parser.parse_args()
    settings = Settings(**dict(item.split("=", 1) for item in args.set))
    try:
        load_calibration()
    except ValueError as error:  # fitted on other features: answer with 0.5 until refitted
        print(f"{error}; starting from a neutral model")
        write(CALIBRATION_FILE, neutral())
        load_calibration.cache_clear()
    embedder = load_encoder(settings)
    nlp = load_pipeline()
    tuning = args.fold or [0]
    features, right = [], []
    for sample in args.questions or ["eval/dev.jsonl"]:
        path, _, index_dir = sample.partition(",")
        index = load_index(Path(index_dir) if index_dir else settings.index_dir, embedder.name)
        questions = load_questions(Path(path))
        for q in (q for q in questions if fold_of(q.id, args.folds) in tuning):
            analysis = analyse_question(nlp, q.question)
            vector = embedder.embed_query(q.question)
            hits = search(index, settings, q.question, vector, 5, None)
            answer = answer_question(index, settings, analysis, vector, hits)
            assert answer.features is not None
            features.append(answer.features)
            right.append(is_right(q, answer.text, answer.abstained))
    fitted = fit(features, right)
    write(args.out, fitted)
    print(f"fitted on {len(right)} questions of folds {tuning}: {fitted}")


if __name__ == "__main__":
    main()
