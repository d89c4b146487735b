"""Analyse every sentence of the passages at ingest: role, leaning opening, trim, entities."""

from collections.abc import Iterable, Mapping

from spacy.language import Language
from spacy.tokens import Doc

from app.language.facts import Entity, SentenceFacts
from app.language.sentence_roles import read_sentence
from app.passages import Passage

# Bump when the classifier's rules change, so that ingest re-analyses an unchanged corpus.
ROLES_VERSION = 15
_BATCH = 64


def annotate_passages(
    nlp: Language, passages: list[Passage], known: Mapping[str, SentenceFacts] | None = None
) -> list[tuple[SentenceFacts, ...]]:
    """Return the facts of each passage's sentences, in passage order.

    Each distinct sentence text is parsed once (`nlp.pipe`, batched) with the splitter's own
    boundaries, unless `known` (see `facts_by_sentence`) already holds it; offsets are then
    placed in each passage that holds the sentence.
    """
    known = known or {}
    texts = [t for t in sentence_texts(passages) if t not in known]
    parsed = {**known, **dict(zip(texts, _parse(nlp, texts), strict=True))}
    return [
        tuple(
            _place(parsed[passage.text[start:end]], start, end) for start, end in passage.sentences
        )
        for passage in passages
    ]


def sentence_texts(passages: list[Passage]) -> list[str]:
    """Return the distinct sentence texts of the passages, in order."""
    return list(dict.fromkeys(s for p in passages for s in p.sentence_texts()))


def facts_by_sentence(
    passages: list[Passage], facts: list[tuple[SentenceFacts, ...]]
) -> dict[str, SentenceFacts]:
    """Return each sentence text's facts relative to the sentence: the inverse of placing them."""
    return {
        passage.text[f.start : f.end]: _unplace(f)
        for passage, sentences in zip(passages, facts, strict=True)
        for f in sentences
    }


def _parse(nlp: Language, texts: list[str]) -> Iterable[SentenceFacts]:
    """Analyse sentences with offsets relative to each sentence."""
    for doc in nlp.pipe(texts, batch_size=_BATCH):
        yield _facts(nlp, doc)


def _facts(nlp: Language, doc: Doc) -> SentenceFacts:
    reading = read_sentence(doc, nlp)
    entities = tuple(Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents)
    return SentenceFacts(
        0, len(doc.text), reading.role, reading.leans_on_previous, reading.trim, entities
    )


def _place(facts: SentenceFacts, start: int, end: int) -> SentenceFacts:
    """Move sentence-relative facts to the sentence's place in its passage."""
    return SentenceFacts(
        start,
        end,
        facts.role,
        facts.leans_on_previous,
        None if facts.trim is None else start + facts.trim,
        tuple(Entity(e.text, e.label, start + e.start, start + e.end) for e in facts.entities),
    )


def _unplace(facts: SentenceFacts) -> SentenceFacts:
    """Move facts placed in a passage back to offsets relative to their sentence."""
    shift = facts.start
    return SentenceFacts(
        0,
        facts.end - shift,
        facts.role,
        facts.leans_on_previous,
        None if facts.trim is None else facts.trim - shift,
        tuple(Entity(e.text, e.label, e.start - shift, e.end - shift) for e in facts.entities),
    )
