"""Answer a question from retrieved passages: readable quoted runs with numbered citations,
or an honest decline saying what is missing."""

from collections.abc import Callable
from dataclasses import dataclass, replace

from app.answer.abstain import (
    asks_present,
    holds_pinned,
    holds_present,
    holds_wanted,
    missing_type_reason,
    not_covered,
    not_current,
    out_of_scope,
    pinned,
    unnamed_reason,
    wanted_type,
)
from app.answer.compose import Piece, Shape, compose, pieces_of
from app.answer.confidence import Features, load_calibration
from app.answer.extract import Candidate, score_candidates, unnamed_in
from app.config import Settings
from app.language.question import QuestionAnalysis
from app.passages import Passage
from app.retrieval.embedder import Vectors
from app.retrieval.index import Index
from app.retrieval.search import Hit

ABSTAIN_PREFIX = "The sources don't cover this."
ELLIPSIS = "…"
_FURTHER_READING = 3


@dataclass(frozen=True)
class Segment:
    """One quoted piece of the answer and the marker of the citation it comes from."""

    marker: int
    piece: Piece


@dataclass(frozen=True)
class Citation:
    """A numbered source of an answer: the passage and the spans quoted from it."""

    marker: int
    passage: Passage
    quotes: tuple[tuple[int, int], ...]
    score: float

    @property
    def quote_start(self) -> int:
        """Where the first quoted span starts (0 for further reading)."""
        return self.quotes[0][0] if self.quotes else 0

    @property
    def quote_end(self) -> int:
        """Where the last quoted span ends (0 for further reading)."""
        return self.quotes[-1][1] if self.quotes else 0


@dataclass(frozen=True)
class Answer:
    """An extractive answer, or a decline with its reason and passages for further reading."""

    text: str
    abstained: bool
    confidence: float
    citations: list[Citation]
    segments: list[Segment]
    reason: str = ""
    features: Features | None = None


def answer_question(
    index: Index,
    settings: Settings,
    analysis: QuestionAnalysis,
    question_vector: Vectors,
    hits: list[Hit],
) -> Answer:
    """Quote the runs of sentences that best answer the question, or decline saying why."""
    candidates, support = score_candidates(index, analysis, question_vector, hits)
    declined = Features(1, support, 0, 0, 0)
    verdict = out_of_scope(index, analysis, hits)
    if verdict.abstain:
        return _decline(verdict.reason, hits, declined)
    if support < settings.abstain_below:
        return _decline("No passage comes close to the question.", hits, declined)
    shape = Shape(run=settings.answer_sentences)
    runs = compose(candidates, shape)
    typed = 0.5
    wanted, years = wanted_type(analysis), pinned(analysis)
    today = wanted is not None and asks_present(analysis)
    if wanted or years:

        def holds(c: Candidate) -> bool:
            """It holds what the question asks for, in the year or version it names."""
            return (not wanted or holds_wanted(c, analysis)) and holds_pinned(c, years)

        def required(c: Candidate) -> bool:
            """…and, asked how things stand today, says it speaks of the present."""
            return holds(c) and (not today or holds_present(c))

        runs, typed = with_wanted(candidates, runs, required, shape, settings.abstain_below)
        if not runs:
            reason = missing_type_reason(analysis) if wanted else not_covered(years)
            if today and any(c.on_subject and holds(c) for c in candidates):
                reason = not_current(analysis)
            return _decline(reason, hits, declined)
    if not runs:
        return _decline(
            f"The passages that come close touch on {analysis.topic} only in notes or "
            "fragments, not in statements that can be quoted.",
            hits,
            replace(declined, only_notes=1),
        )
    if unnamed := unnamed_in(index, analysis, [run[0].passage for run in runs]):
        return _decline(unnamed_reason(unnamed), hits, declined)
    features = Features(
        0,
        support,
        max(c.subject_share for c in runs[0]),
        typed,
        len(runs),
        max(c.overlap for run in runs for c in run),
    )
    return _answer(runs, features)


def with_wanted(
    candidates: list[Candidate],
    runs: list[list[Candidate]],
    required: Callable[[Candidate], bool],
    shape: Shape,
    threshold: float,
) -> tuple[list[list[Candidate]], float]:
    """Make sure the answer to a typed question, or one that names a year, holds what it
    asks for in a sentence about its subject: keep the runs if they do, else start from the
    best sentence that does and can be quoted (one that leans on a sentence that cannot is
    given up, and the runs composed without it would not hold it), else return no runs."""
    if _holds(runs, required):
        return runs, 1.0
    holding = [
        c
        for c in candidates
        if c.on_subject and not c.repeated and c.relevance >= threshold and required(c)
    ]
    for seed in holding:
        rest = [c for c in candidates if c is not seed]
        if _holds(composed := compose([seed, *rest], shape), required):
            return composed, 1.0
    return [], 0.0


def _holds(runs: list[list[Candidate]], required: Callable[[Candidate], bool]) -> bool:
    return any(required(c) for run in runs for c in run)


def _answer(runs: list[list[Candidate]], features: Features) -> Answer:
    segments: list[Segment] = []
    citations: list[Citation] = []
    parts: list[str] = []
    for marker, run in enumerate(runs, 1):
        pieces = pieces_of(run)
        segments.extend(Segment(marker, piece) for piece in pieces)
        citations.append(
            Citation(
                marker,
                run[0].passage,
                tuple((p.start, p.end) for p in pieces),
                max(c.score for c in run),
            )
        )
        parts.extend(f"{shown(p)} [{marker}]" for p in pieces)
    confidence = load_calibration().probability(features)
    return Answer(" ".join(parts), False, round(confidence, 3), citations, segments, "", features)


def shown(piece: Piece) -> str:
    """A piece as the answer shows it: a sentence whose lead-in was left out opens with an
    ellipsis and a capital ("I'll explain that trust matters." → "… Trust matters.")."""
    if not piece.cut:
        return piece.text
    return f"{ELLIPSIS} {piece.text[:1].upper()}{piece.text[1:]}"


def _decline(reason: str, hits: list[Hit], features: Features) -> Answer:
    further = [
        Citation(i, hit.passage, (), hit.score) for i, hit in enumerate(hits[:_FURTHER_READING], 1)
    ]
    text = f"{ABSTAIN_PREFIX} {reason}"
    if further:
        text += " The nearest passages are listed for further reading."
    confidence = load_calibration().probability(features)
    return Answer(text, True, round(confidence, 3), further, [], reason, features)
