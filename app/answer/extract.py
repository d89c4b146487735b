"""Build an extractive answer: the sentences of the top passages that best answer the
question, each followed by the marker of the passage it is quoted from."""

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np

from app.answer.quotes import is_writing_note, trim_sentence
from app.passages import Passage
from app.retrieval.embedder import Vectors
from app.retrieval.index import Index
from app.retrieval.search import Hit

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "can",
        "could",
        "should",
        "would",
        "will",
        "may",
        "might",
        "must",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "i",
        "my",
        "me",
        "we",
        "our",
        "you",
        "your",
        "they",
        "their",
        "them",
        "there",
        "here",
        "not",
        "no",
        "so",
        "if",
        "than",
        "then",
        "into",
        "about",
        "over",
        "under",
        "any",
        "some",
        "such",
        "more",
        "most",
        "much",
        "many",
        "very",
        "just",
        "also",
    ]
)
_MIN_WORDS = 5
_MIN_CONTENT_WORDS = 3


@dataclass(frozen=True)
class Candidate:
    """A sentence of a retrieved passage, scored against the question."""

    hit_rank: int
    passage: Passage
    start: int
    end: int
    sentence_index: int
    score: float
    relevance: float
    vector: Vectors

    @property
    def text(self) -> str:
        """The quoted span."""
        return self.passage.text[self.start : self.end]


@dataclass(frozen=True)
class Quote:
    """The chosen sentences of one passage (one citation); adjacent sentences form one segment."""

    passage: Passage
    segments: tuple[tuple[int, int], ...]
    score: float

    @property
    def start(self) -> int:
        """Where the quote starts in the passage text."""
        return self.segments[0][0]

    @property
    def end(self) -> int:
        """Where the quote ends in the passage text."""
        return self.segments[-1][1]


# Corpus sentences recur across questions; stemming them once was most of /ask's Python time.
@lru_cache(maxsize=65_536)
def content_words(text: str) -> frozenset[str]:
    """Return the lower-cased words of `text` that carry meaning, crudely stemmed."""
    return frozenset(_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2)


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class Weights:
    """How sentence features combine into a selection score (tuned on the dev set)."""

    overlap: float = 0.3
    rank: float = 0.2
    novelty: float = 0.2


def score_candidates(
    index: Index,
    question: str,
    question_vector: Vectors,
    hits: list[Hit],
    weights: Weights = Weights(),
) -> list[Candidate]:
    """Score the distinct, declarative sentences of the hits."""
    asked = content_words(question)
    candidates = []
    seen: set[str] = set()
    for rank, hit in enumerate(hits):
        passage = hit.passage
        vectors = index.sentence_vectors_of(passage.id)
        cosines = vectors @ question_vector
        for i, (s_start, s_end) in enumerate(passage.sentences):
            sentence = passage.text[s_start:s_end]
            t_start, t_end = trim_sentence(sentence)
            quoted = sentence[t_start:t_end]
            if _unquotable(quoted) or quoted in seen:
                continue
            seen.add(quoted)
            vector, cosine = vectors[i], float(cosines[i])
            words = content_words(sentence)
            overlap = len(asked & words) / len(asked) if asked else 0.0
            relevance = cosine + 0.25 * overlap
            novelty = min(len(words - asked), 6) / 6
            score = (
                cosine
                + weights.overlap * overlap
                + weights.rank / (1 + rank)
                + weights.novelty * novelty
            )
            candidates.append(
                Candidate(
                    rank, passage, s_start + t_start, s_start + t_end, i, score, relevance, vector
                )
            )
    return sorted(candidates, key=lambda c: -c.score)


def _unquotable(quoted: str) -> bool:
    """Tell whether a sentence cannot stand in an answer: too short, a question, a note to
    self ("I'll build on Section 4") or a filler ("This is the heart of it.")."""
    return (
        len(quoted.split()) < _MIN_WORDS
        or quoted.rstrip("”\"' ").endswith("?")
        or is_writing_note(quoted)
        or len(content_words(quoted)) < _MIN_CONTENT_WORDS
    )


def select_sentences(
    candidates: list[Candidate], limit: int, keep_ratio: float = 0.7, redundancy: float = 0.8
) -> list[Candidate]:
    """Pick the best sentences that say different things, best first."""
    if not candidates:
        return []
    floor = candidates[0].score * keep_ratio
    chosen: list[Candidate] = []
    for candidate in candidates:
        if len(chosen) == limit or candidate.score < floor:
            break
        if any(float(np.dot(candidate.vector, c.vector)) > redundancy for c in chosen):
            continue
        chosen.append(candidate)
    return chosen


def group_quotes(chosen: list[Candidate]) -> list[Quote]:
    """Group chosen sentences by passage (best passage first), in reading order within it."""
    by_passage: dict[str, list[Candidate]] = {}
    for candidate in sorted(chosen, key=lambda c: (c.hit_rank, c.sentence_index)):
        by_passage.setdefault(candidate.passage.id, []).append(candidate)
    return [_quote(run) for run in by_passage.values()]


def _quote(run: list[Candidate]) -> Quote:
    segments = [(run[0].start, run[0].end)]
    for previous, candidate in pairwise(run):
        sentence_start = candidate.passage.sentences[candidate.sentence_index][0]
        # Join neighbours only when no drafting lead-in ("I'll argue that") would come back in.
        if (
            candidate.sentence_index == previous.sentence_index + 1
            and candidate.start == sentence_start
        ):
            segments[-1] = (segments[-1][0], candidate.end)
        else:
            segments.append((candidate.start, candidate.end))
    return Quote(run[0].passage, tuple(segments), max(c.score for c in run))
