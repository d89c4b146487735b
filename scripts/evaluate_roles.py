"""Print the sentence-role classifier's precision, recall and confusion on the labelled sample.

PYTHONPATH=$PWD python scripts/evaluate_roles.py [--half dev|test] [--errors]
"""

import argparse
from pathlib import Path

from app.evaluation.roles import Labelled, classify_sample, confusion, role_scores
from app.language.facts import ROLES
from app.language.pipeline import load_pipeline

SAMPLE = Path(__file__).resolve().parent.parent / "eval" / "sentence-roles.jsonl"


def report(name: str, results: list[Labelled], errors: bool) -> None:
    """Print the scores and confusion of one half of the sample."""
    print(f"\n== {name}: {len(results)} sentences")
    print(f"{'class':20} {'support':>7} {'predicted':>9} {'precision':>9} {'recall':>7}")
    for score in role_scores(results):
        print(
            f"{score.name:20} {score.support:7} {score.predicted:9} "
            f"{score.precision:9.2f} {score.recall:7.2f}"
        )
    accuracy = sum(r.role == r.predicted_role for r in results) / max(len(results), 1)
    print(f"role accuracy {accuracy:.2f}")
    table = confusion(results)
    print("confusion (rows: labelled, columns: predicted)")
    print(" " * 11 + "".join(f"{role[:8]:>9}" for role in ROLES))
    for role in ROLES:
        print(f"{role:11}" + "".join(f"{table[(role, p)]:9}" for p in ROLES))
    if errors:
        for r in results:
            if r.role != r.predicted_role or r.leans != r.predicted_leans:
                print(
                    f"  {r.id} {r.role}->{r.predicted_role} leans {r.leans}->{r.predicted_leans}: {r.text[:110]}"
                )


def main() -> None:
    """Classify the sample's halves and print their scores separately."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--half", choices=["dev", "test"], default=None)
    parser.add_argument("--errors", action="store_true", help="list the misclassified sentences")
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    args = parser.parse_args()
    nlp = load_pipeline()
    for half in [args.half] if args.half else ["dev", "test"]:
        report(half, classify_sample(nlp, args.sample, half), args.errors)


if __name__ == "__main__":
    main()
