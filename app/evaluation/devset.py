"""Score /search and /ask against a question set (see eval/README.md for the metrics)."""

import hashlib
import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.evaluation.readability import FAULTS, HasMainVerb, Piece, faults_of

RANKING_METRICS = ("hit_rate@1", "hit_rate@5", "hit_rate@10", "mrr@10", "ndcg@10")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_QUOTES = str.maketrans("“”‘’", "\"\"''")
_MARKED = re.compile(r"(.+?)\s*\[(\d+)\](?=\s|$)", re.DOTALL)
_ELLIPSIS = "…"
CALIBRATION_BINS = 5

Post = Callable[[str, dict[str, Any]], dict[str, Any]]


def normalise(text: str) -> str:
    """Lower-case, straighten quotes, unify dashes and collapse whitespace."""
    text = text.lower().translate(_QUOTES)
    return re.sub(r"\s+", " ", _DASHES.sub("-", text)).strip()


def unmarked(text: str) -> str:
    """Normalised, without the asterisks of Markdown emphasis (ingest drops them)."""
    return re.sub(r"\s+", " ", normalise(text).replace("*", "")).strip()


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


def fold_of(question_id: str, folds: int = 3) -> int:
    """Return the fold of a question: a stable hash of its id, so folds never drift."""
    return int(hashlib.sha256(question_id.encode()).hexdigest(), 16) % folds


def answer_segments(answer: str) -> list[tuple[str, int]]:
    """Split an answer into (quoted text, marker) pairs; the ellipsis that shows a cut
    lead-in is not part of the quote."""
    return [
        (m.group(1).strip().removeprefix(_ELLIPSIS).strip(), int(m.group(2)))
        for m in _MARKED.finditer(answer)
    ]


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
        answered = [i for i in ids if not self.answers[i]["abstained"]]
        if answered:
            out["clean_answer_share"] = _share(answered, lambda i: not self.answers[i]["faults"])
            for fault in FAULTS:
                pieces = [f for i in answered for f in self.answers[i]["faults"]]
                out[f"pieces_{fault}"] = float(sum(1 for f in pieces if fault in f))
        out.update(self.calibration(ids)[0])
        return out

    def calibration(
        self, ids: list[str], bins: int = CALIBRATION_BINS
    ) -> tuple[dict[str, float], list[dict[str, float]]]:
        """Expected calibration error of `confidence` over `ids`, and its reliability table:
        per confidence bin, how many responses, their mean confidence and how many were right."""
        pairs = [(self.answers[i]["confidence"], self.answers[i]["right"]) for i in ids]
        table = []
        ece = 0.0
        for b in range(bins):
            low, high = b / bins, (b + 1) / bins
            inside = [(c, r) for c, r in pairs if low <= c < high or (b == bins - 1 and c == 1)]
            if not inside:
                continue
            confidence = sum(c for c, _ in inside) / len(inside)
            accuracy = sum(1 for _, r in inside if r) / len(inside)
            ece += len(inside) / len(pairs) * abs(confidence - accuracy)
            table.append(
                {
                    "low": low,
                    "high": high,
                    "n": len(inside),
                    "confidence": confidence,
                    "accuracy": accuracy,
                }
            )
        return ({"ece": ece} if pairs else {}), table


def _share(ids: list[str], test: Callable[[str], bool]) -> float:
    return sum(1 for i in ids if test(i)) / len(ids)


def evaluate_questions(
    questions: list[Question],
    post: Post,
    passages: list[dict[str, Any]],
    top_k: int = 10,
    has_main_verb: HasMainVerb | None = None,
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
        body = post("/ask", {"question": q.question})
        result.answers[q.id] = _judge_answer(q, body, has_main_verb)
    return result


def _judge_answer(
    q: Question, body: dict[str, Any], has_main_verb: HasMainVerb | None
) -> dict[str, Any]:
    citations = {c["marker"]: c for c in body["citations"]}
    faithful = []
    pieces = [] if body["abstained"] else quoted_pieces(body)
    for text, marker, _ in pieces:
        # Verbatim on normalised text (eval/README.md), so a capital after "…" still counts.
        faithful.append(
            marker in citations and normalise(text) in normalise(citations[marker]["text"])
        )
    answer = normalise(body["answer"])
    has_term = any(normalise(t) in answer for t in q.answer_terms)
    abstained = bool(body["abstained"])
    return {
        "answer": body["answer"],
        "abstained": abstained,
        "reason": body.get("reason", ""),
        "confidence": body["confidence"],
        "has_term": has_term,
        "right": abstained if not q.answerable else (not abstained and has_term),
        "faithful": faithful,
        "faults": [f for f in (faults_of(p, has_main_verb) for _, _, p in pieces) if f],
        "piece_faults": [
            {"text": p.text, "faults": faults_of(p, has_main_verb)} for _, _, p in pieces
        ],
    }


def quoted_pieces(body: dict[str, Any]) -> list[tuple[str, int, Piece]]:
    """The quoted pieces of an answer as (text, marker, piece): from `segments` when the
    response has them, else parsed from the answer text (responses of older versions)."""
    if "segments" in body:
        rows = {c["marker"] for c in body.get("citations", []) if c.get("kind") == "table"}
        out = []
        previous: dict[str, Any] | None = None
        for segment in body["segments"]:
            follows = (
                previous is not None
                and previous["passage_id"] == segment["passage_id"]
                and previous["end"] <= segment["start"]
                and segment["start"] - previous["end"] <= 2
            )
            text = segment["text"]
            if segment.get("cut"):  # shown after "…" with a capital, as the reader sees it
                text = text[:1].upper() + text[1:]
            row = segment["marker"] in rows
            out.append((text, segment["marker"], Piece(text, follows, row)))
            previous = segment
        return out
    citations = {c["marker"]: c["text"] for c in body["citations"]}
    parsed = []
    last: tuple[str, int] | None = None
    for text, marker in answer_segments(body["answer"]):
        text = text.removeprefix(_ELLIPSIS).strip()
        follows = (
            last is not None
            and last[1] == marker
            and f"{last[0]} {text}" in citations.get(marker, "")
        )
        parsed.append((text, marker, Piece(text, follows)))
        last = (text, marker)
    return parsed
