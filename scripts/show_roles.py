"""Print sentences of a built index by their stored role, to read the classifier as a reader.

PYTHONPATH=$PWD python scripts/show_roles.py --index-dir index [--role writer] [--count 30]
"""

import argparse
import random
from collections import Counter
from pathlib import Path

from app.language.facts import ROLES
from app.retrieval import store


def main() -> None:
    """Print role counts, then a seeded sample of sentences of each role (or one role)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index-dir", type=Path, default=Path("index"))
    parser.add_argument("--role", choices=ROLES, default=None)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--leaning", action="store_true", help="show leaning sentences instead")
    args = parser.parse_args()
    folder = store.current_build(args.index_dir)
    if folder is None:
        raise SystemExit(f"No index at {args.index_dir}")
    passages = store.read_passages(folder)
    facts = store.read_sentence_facts(folder, passages)
    rows = [(p, f) for p, fs in zip(passages, facts, strict=True) for f in fs]
    print(Counter(f.role for _, f in rows), "leaning:", sum(f.leans_on_previous for _, f in rows))
    rng = random.Random(9)
    for role in [args.role] if args.role else ROLES:
        chosen = [
            (p, f) for p, f in rows if (f.leans_on_previous if args.leaning else f.role == role)
        ]
        print(f"\n== {'leaning' if args.leaning else role}: {len(chosen)}")
        for passage, fact in rng.sample(chosen, min(args.count, len(chosen))):
            text = passage.text[fact.start : fact.end].replace("\n", " ")
            trim = (
                "" if fact.trim is None else f"  [trim: {passage.text[fact.trim : fact.end][:60]}]"
            )
            print(f"- ({passage.document_id[:18]}) {text[:200]}{trim}")
        if args.leaning:
            break


if __name__ == "__main__":
    main()
