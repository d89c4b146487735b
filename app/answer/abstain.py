"""Decide whether the retrieved text answers the question, and how confidently.

Three checks, each a way the dev set's out-of-scope questions fail:
- the best sentence is not close to the question at all (off-topic questions);
- the question names something the corpus never mentions ("COP28", "Dubai");
- the question asks for a count, an amount or a year and no good sentence holds one.
"""

import math
import re
from dataclasses import dataclass

from app.answer.extract import Candidate

_NAME = re.compile(r"\b(?:[A-Z][a-z]+(?:['’]s)?|[A-Z]{2,}[a-z]?\d*|[A-Za-z]+\d+[A-Za-z\d]*)\b")
_NUMBER = (
    r"(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|fifty|hundred|hundreds|thousand|thousands|dozens?|millions?|billions?)"
)
_HOW_MANY = re.compile(r"\bhow many\s+(\w+)", re.IGNORECASE)
_HOW_MUCH = re.compile(r"\bhow much\b", re.IGNORECASE)
_AMOUNT = re.compile(
    r"[$€£]\s?\d|\b(?:dollars?|euros?|pounds sterling|USD|EUR)\b|\b(?:millions?|billions?|trillions?)\b",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"\b(?:what|which) year\b|\bwhen (?:was|were|did)\b|\bwhat date\b", re.IGNORECASE
)
_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)s?\b")
_TYPED_WINDOW = 5


@dataclass(frozen=True)
class Verdict:
    """Whether to answer, why not, and how well the answer is supported (0 to 1)."""

    abstain: bool
    reason: str
    confidence: float


def named_terms(question: str) -> list[str]:
    """Return the names, acronyms and codes a question mentions, adjacent words joined
    ("World Economic Forum"); a capitalised first word is not taken for a name."""
    terms: list[str] = []
    last_end = -2
    for match in _NAME.finditer(question):
        word = re.sub(r"['’]s$", "", match.group(0))
        is_code = any(c.isdigit() for c in word) or word.isupper()
        if (match.start() == 0 and not is_code) or word == "I":
            continue
        if terms and question[last_end : match.start()] == " ":
            terms[-1] = f"{terms[-1]} {word}"
        else:
            terms.append(word)
        last_end = match.end()
    return terms


def _has_year(text: str) -> bool:
    """Tell whether text holds a year that is not part of a name ("Agenda 2063")."""
    for match in _YEAR.finditer(text):
        before = text[: match.start()].split()
        if not before or not before[-1][:1].isupper():
            return True
    return False


def missing_answer_type(question: str, candidates: list[Candidate]) -> str | None:
    """Name the kind of fact the question wants when no good sentence holds one.

    Only sentences about the question's subject count: those naming one of its names
    when it has any ("CELAC"), else the best few.
    """
    names = [n.lower() for n in named_terms(question)]
    pool = sorted(candidates, key=lambda c: -c.relevance)[: 2 * _TYPED_WINDOW]
    if names:
        texts = [c.text for c in pool if any(n in c.text.lower() for n in names)]
    else:
        texts = [c.text for c in pool[:_TYPED_WINDOW]]
    if match := _HOW_MANY.search(question):
        noun = match.group(1).lower().rstrip("s")[:5]
        pattern = re.compile(rf"\b{_NUMBER}\s+(?:\w+\s+){{0,2}}{re.escape(noun)}", re.IGNORECASE)
        if not any(pattern.search(t) for t in texts):
            return f"number of {match.group(1)}"
    elif _HOW_MUCH.search(question) and not any(_AMOUNT.search(t) for t in texts):
        return "amount"
    elif _WHEN.search(question) and not any(_has_year(t) for t in texts):
        return "date"
    return None


def confidence_of(best_score: float, midpoint: float, steepness: float = 12.0) -> float:
    """Map the best sentence score to 0..1; `midpoint` (the abstention threshold) maps to 0.5."""
    return 1.0 / (1.0 + math.exp(-steepness * (best_score - midpoint)))


def judge(
    question: str, candidates: list[Candidate], unknown: list[str], threshold: float
) -> Verdict:
    """Return the verdict for a question given its scored sentences and unknown names."""
    if not candidates:
        return Verdict(True, "No passage matches the question.", 0.0)
    support = max(c.relevance for c in candidates)
    confidence = confidence_of(support, threshold)
    if unknown:
        names = ", ".join(dict.fromkeys(unknown))
        return Verdict(True, f"They never mention {names}.", min(confidence, 0.1))
    if support < threshold:
        return Verdict(True, "No passage comes close to the question.", confidence)
    if wanted := missing_answer_type(question, candidates):
        return Verdict(
            True, f"The passages on this subject give no {wanted}.", min(confidence, 0.2)
        )
    return Verdict(False, "", confidence)
