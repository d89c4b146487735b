"""Analyse every sentence of the passages at ingest: role, leaning opening, trim, entities."""

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from app.language.facts import Entity, SentenceFacts
from app.language.sentence_roles import read_sentence
from app.passages import Passage

# Bump when the classifier's rules change, so that ingest re-analyses an unchanged corpus.
ROLES_VERSION = 9
_BATCH = 64


def annotate_passages(nlp: Language, passages: list[Passage]) -> list[tuple[SentenceFacts, ...]]:
    """Return the facts of each passage's sentences, in passage order.

    Each distinct sentence text is parsed once (`nlp.pipe`, batched) with the splitter's own
    boundaries; offsets are then placed in each passage that holds the sentence.
    """
    texts = list(dict.fromkeys(s for p in passages for s in p.sentence_texts()))
    parsed = dict(zip(texts, _parse(nlp, texts), strict=True))
    return [
        tuple(
            _place(parsed[passage.text[start:end]], start, end) for start, end in passage.sentences
        )
        for passage in passages
    ]


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
