"""`confidence`: the estimated probability that a response (an answer or a decline) is right.

A logistic model over a few features of the response. Its coefficients are fitted by
`scripts/calibrate.py` on the tuning folds of the question sets and stored as data in
`calibration.json`; they are never typed by hand.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FEATURES = (
    "declined",
    "support",
    "subject",
    "typed",
    "runs",
    "overlap",
    "declined_support",
    "only_notes",
)
CALIBRATION_FILE = Path(__file__).with_name("calibration.json")


@dataclass(frozen=True)
class Features:
    """What the confidence is read from.

    - `declined`: 1 for a decline, 0 for an answer;
    - `support`: the relevance of the best sentence to the question;
    - `subject`: the share of the question's subject found in the best quoted sentence;
    - `typed`: 1 when a typed question (who, how much, when…) is answered with an entity of
      that type, 0.5 when the question is not typed, 0 when the type is missing;
    - `runs`: how many passages the answer quotes (agreement across passages);
    - `overlap`: the IDF-weighted share of the question's words in the best quoted sentence
      (0 for a decline): whether the answer says what was asked, not only about what;
    - `only_notes`: 1 for a decline because the passages that come close are the writer's
      notes: the documents do treat the subject, so such a decline is often wrong.
    """

    declined: float
    support: float
    subject: float
    typed: float
    runs: float
    overlap: float = 0.0
    only_notes: float = 0.0

    def vector(self) -> list[float]:
        """The features in the order of `FEATURES`."""
        return [
            self.declined,
            self.support,
            self.subject,
            self.typed,
            self.runs,
            self.overlap,
            self.declined * self.support,
            self.only_notes,
        ]


@dataclass(frozen=True)
class Calibration:
    """A fitted logistic model: intercept and one coefficient per feature."""

    intercept: float
    coefficients: tuple[float, ...]

    def probability(self, features: Features) -> float:
        """The estimated probability that the response is right."""
        z = self.intercept + sum(
            c * x for c, x in zip(self.coefficients, features.vector(), strict=True)
        )
        return 1.0 / (1.0 + math.exp(-z))


@cache
def load_calibration(path: Path = CALIBRATION_FILE) -> Calibration:
    """Read the fitted model written by scripts/calibrate.py (once per process)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path} was fitted on other features: {data['features']}")
    return Calibration(float(data["intercept"]), tuple(float(c) for c in data["coefficients"]))
