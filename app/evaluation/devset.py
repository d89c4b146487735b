"""Score /search and /ask against a question set (see eval/README.md for the metrics)."""

import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RANKING_METRICS = ("hit_rate@1", "hit_rate@5", "hit_rate@10", "mrr@10", "ndcg@10")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_QUOTES = str.maketrans("“”‘’", "\"\"''")
_MARKED = re.compile(r"(.+?)\s*\[(\d+)\](?=\s|$)", re.DOTALL)

Post = Callable[[str, dict[str, Any]], dict[str, Any]]


def normalise(text: str) -> str:
    """Lower-case, straighten quotes, unify dashes and collapse whitespace."""
    text = text.lower().translate(_QUOTES)
    return re.sub(r"\s+", " ", _DASHES.sub("-", text)).strip()


@dataclass(frozen=True)
class Question:
    """One line of the question set."""

    id: str
    question: str
    answerable: bool
    evidence: list[str]
    answer_terms: list[str]
    kind: str


def load_questions(path: Path) -> list[Question]:
    """Read a JSONL question set."""
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            questions.append(
                Question(
                    d["id"],
                    d["question"],
                    d["answerable"],
                    d["evidence"],
                    d["answer_terms"],
                    d["kind"],
                )
            )
    return questions


def answer_segments(answer: str) -> list[tuple[str, int]]:
    """Split an answer into (sentence text, marker) pairs."""
    return [(m.group(1).strip(), int(m.group(2))) for m in _MARKED.finditer(answer)]


@dataclass
class Evaluation:
    """Per-question outcomes, and the metrics over any subset of them."""

    run: dict[str, dict[str, float]] = field(default_factory=dict)
    qrels: dict[str, dict[str, int]] = field(default_factory=dict)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)

    def ranking(self, ids: list[str]) -> dict[str, float]:
        """Ranking metrics of /search over the answerable questions among `ids`."""
        from ranx import Qrels, Run, evaluate

        ids = [i for i in ids if i in self.qrels]
        if not ids:
            return {}
        run = {i: self.run.get(i) or {"none": 0.0} for i in ids}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # numba's type-safety notices
            scores = evaluate(
                Qrels({i: self.qrels[i] for i in ids}), Run(run), list(RANKING_METRICS)
            )
        return {k: float(v) for k, v in scores.items()}

    def answering(self, ids: list[str], questions: dict[str, Question]) -> dict[str, float]:
        """Answer metrics over `ids`: term accuracy, abstention, faithfulness."""
        answerable = [i for i in ids if questions[i].answerable]
        unanswerable = [i for i in ids if not questions[i].answerable]
        out: dict[str, float] = {}
        if answerable:
            out["answer_term_accuracy"] = _share(answerable, lambda i: self.answers[i]["has_term"])
            out["false_abstention"] = _share(answerable, lambda i: self.answers[i]["abstained"])
        if unanswerable:
            out["abstention_recall"] = _share(unanswerable, lambda i: self.answers[i]["abstained"])
        sentences = [f for i in ids for f in self.answers[i]["faithful"]]
        if sentences:
            out["faithful_sentence_share"] = sum(sentences) / len(sentences)
        return out


def _share(ids: list[str], test: Callable[[str], bool]) -> float:
    return sum(1 for i in ids if test(i)) / len(ids)


def evaluate_questions(
    questions: list[Question], post: Post, passages: list[dict[str, Any]], top_k: int = 10
) -> Evaluation:
    """Run every question through /search and /ask and record the outcomes."""
    result = Evaluation()
    normalised = [(p["passage_id"], normalise(p["text"])) for p in passages]
    for q in questions:
        if q.answerable:
            spans = [normalise(e) for e in q.evidence]
            relevant = {pid: 1 for pid, text in normalised if any(s in text for s in spans)}
            if relevant:
                result.qrels[q.id] = relevant
            hits = post("/search", {"query": q.question, "top_k": top_k})["results"]
            result.run[q.id] = {h["passage_id"]: float(top_k - rank) for rank, h in enumerate(hits)}
        result.answers[q.id] = _judge_answer(q, post("/ask", {"question": q.question}))
    return result


def _judge_answer(q: Question, body: dict[str, Any]) -> dict[str, Any]:
    citations = {c["marker"]: c for c in body["citations"]}
    faithful = []
    if not body["abstained"]:
        for text, marker in answer_segments(body["answer"]):
            faithful.append(marker in citations and text in citations[marker]["text"])
    answer = normalise(body["answer"])
    return {
        "answer": body["answer"],
        "abstained": body["abstained"],
        "confidence": body["confidence"],
        "has_term": any(normalise(t) in answer for t in q.answer_terms),
        "faithful": faithful,
    }
