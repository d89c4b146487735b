"""Answer a question from retrieved passages: quoted sentences with numbered citations."""

from dataclasses import dataclass

from app.answer.abstain import judge, named_terms
from app.answer.extract import Quote, group_quotes, score_candidates, select_sentences
from app.config import Settings
from app.passages import Passage
from app.retrieval.embedder import Vectors
from app.retrieval.index import Index
from app.retrieval.lexical import unknown_terms
from app.retrieval.search import Hit

ABSTAIN_PREFIX = "The sources don't cover this."
_FURTHER_READING = 3


@dataclass(frozen=True)
class Citation:
    """A numbered source of an answer: the passage and the span quoted from it."""

    marker: int
    passage: Passage
    quote_start: int
    quote_end: int
    score: float


@dataclass(frozen=True)
class Answer:
    """An extractive answer, or an abstention with passages for further reading."""

    text: str
    abstained: bool
    confidence: float
    citations: list[Citation]


def answer_question(
    index: Index, settings: Settings, question: str, question_vector: Vectors, hits: list[Hit]
) -> Answer:
    """Quote the sentences that best answer `question`, or abstain saying why."""
    candidates = score_candidates(index, question, question_vector, hits)
    unknown = unknown_terms(index.lexical, named_terms(question))
    verdict = judge(question, candidates, unknown, settings.abstain_below)
    if verdict.abstain:
        further = [
            Citation(i, hit.passage, 0, 0, hit.score)
            for i, hit in enumerate(hits[:_FURTHER_READING], 1)
        ]
        text = f"{ABSTAIN_PREFIX} {verdict.reason}"
        if further:
            text += " The nearest passages are listed for further reading."
        return Answer(text, True, round(verdict.confidence, 3), further)
    chosen = select_sentences(candidates, settings.answer_sentences)
    quotes = group_quotes(chosen)
    citations = [_citation(i, quote) for i, quote in enumerate(quotes, 1)]
    text = " ".join(
        f"{quote.passage.text[start:end]} [{i}]"
        for i, quote in enumerate(quotes, 1)
        for start, end in quote.segments
    )
    return Answer(text, False, round(verdict.confidence, 3), citations)


def _citation(marker: int, quote: Quote) -> Citation:
    return Citation(marker, quote.passage, quote.start, quote.end, quote.score)
