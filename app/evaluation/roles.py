"""Check the sentence-role classifier against hand labels: precision, recall and confusion.

The labelled sample is split into two halves by a hash of each sentence's text, so rules
can be developed on one half (`dev`) and reported on the other (`test`) as well.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from app.language.facts import ROLES
from app.language.sentence_roles import read_sentence, role_in_document, writes_notes


@dataclass(frozen=True)
class Labelled:
    """A hand-labelled sentence and what the classifier said about it."""

    id: str
    text: str
    role: str
    leans: bool
    predicted_role: str
    predicted_leans: bool


@dataclass(frozen=True)
class Score:
    """Precision and recall of one class, with the counts behind them."""

    name: str
    support: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        """Share of the predictions of this class that are right."""
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of the labelled members of this class that were found."""
        return self.correct / self.support if self.support else 0.0


def half_of(text: str) -> str:
    """Return `dev` or `test`, a fixed split by the SHA-256 of the sentence."""
    return "dev" if hashlib.sha256(text.encode()).digest()[0] % 2 == 0 else "test"


def classify_sample(nlp: Language, path: Path, half: str | None = None) -> list[Labelled]:
    """Classify every labelled sentence of `path` (only one half when `half` is given)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    rows = [r for r in rows if half is None or half_of(r["text"]) == half]
    readings = [read_sentence(doc) for doc in nlp.pipe((r["text"] for r in rows), batch_size=64)]
    # Each document's share of writer's sentences is estimated from its sampled sentences.
    notes = {
        document: writes_notes(
            reading.role
            for row, reading in zip(rows, readings, strict=True)
            if row["document"] == document
        )
        for document in {row["document"] for row in rows}
    }
    results = []
    for row, reading in zip(rows, readings, strict=True):
        role = role_in_document(
            reading.role, reading.command, reading.ordinary, notes[row["document"]]
        )
        results.append(
            Labelled(
                row["id"],
                row["text"],
                row["role"],
                bool(row["leans_on_previous"]),
                role,
                reading.leans_on_previous,
            )
        )
    return results


def role_scores(results: list[Labelled]) -> list[Score]:
    """Return precision and recall for every role, then for `leans_on_previous`."""
    scores = [
        Score(
            role,
            sum(r.role == role for r in results),
            sum(r.predicted_role == role for r in results),
            sum(r.role == role == r.predicted_role for r in results),
        )
        for role in ROLES
    ]
    scores.append(
        Score(
            "leans_on_previous",
            sum(r.leans for r in results),
            sum(r.predicted_leans for r in results),
            sum(r.leans and r.predicted_leans for r in results),
        )
    )
    return scores


def confusion(results: list[Labelled]) -> Counter[tuple[str, str]]:
    """Count (labelled role, predicted role) pairs."""
    return Counter((r.role, r.predicted_role) for r in results)
