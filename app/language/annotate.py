"""Analyse every sentence of the passages at ingest: role, leaning opening, trim, entities.

Each sentence is read on its own, then with its document: in a document written as notes
to its writer, a bare command is the writer's instruction; in an ordinary one, the writer
talks only where a sentence speaks of the text itself (`role_in_document`). A sentence of a
bibliographic entry (a block with a web address and a quoted title: "“Humanitarian Data: OCHA
launches ground-breaking data exchange platform.” … http://…") is a fragment: a title it
cites, not a statement of the document.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from app.language.facts import Entity, Role, SentenceFacts
from app.language.sentence_roles import (
    opens_mid_sentence,
    read_sentence,
    role_in_document,
    writes_notes,
)
from app.passages import Passage

# Bump when the classifier's rules change, so that ingest re-analyses an unchanged corpus.
ROLES_VERSION = 26
# A bibliographic entry: a block holding a web address and a quoted title.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S")
_QUOTED_TITLE = re.compile(r"[“\"][^”\"]{10,}[”\"]")
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
    placed = [
        _as_listed(
            passage.text,
            [
                _as_cited(passage.text, _place(parsed[passage.text[start:end]], start, end))
                for start, end in passage.sentences
            ],
        )
        for passage in passages
    ]
    return _with_documents(passages, placed)


def _as_listed(text: str, sentences: list[SentenceFacts]) -> tuple[SentenceFacts, ...]:
    """Items opening in lower case of a list a sentence announces ("Access to bulk data
    ensures that:" / "there is no dependency on…" / "anyone else can obtain a copy…") are
    content that leans on what announced them, not the rest of some other sentence."""
    out: list[SentenceFacts] = []
    for facts in sentences:
        before = out[-1] if out else None
        if (
            before is not None
            and _listed(text, facts)
            and (text[before.start : before.end].rstrip().endswith(":") or _listed(text, before))
        ):
            facts = replace(facts, role="content", leans_on_previous=True)
        out.append(facts)
    return tuple(out)


def _listed(text: str, facts: SentenceFacts) -> bool:
    """A sentence read as a fragment only for opening in lower case, on a line of its own."""
    sentence = text[facts.start : facts.end]
    return (
        facts.role in ("fragment", "content")
        and opens_mid_sentence(sentence)
        and text[: facts.start].endswith("\n")
    )


def _as_cited(text: str, facts: SentenceFacts) -> SentenceFacts:
    """A sentence of a block that is a bibliographic entry is a fragment."""
    return replace(facts, role="fragment") if _cited(text, facts) else facts


def _cited(text: str, facts: SentenceFacts) -> bool:
    """Whether the block of the passage text that holds a sentence is a bibliographic entry."""
    start = text.rfind("\n\n", 0, facts.start) + 1
    end = text.find("\n\n", facts.end)
    block = text[start : end if end >= 0 else len(text)]
    return bool(_ADDRESS.search(block) and _QUOTED_TITLE.search(block))


def _with_documents(
    passages: list[Passage], facts: list[tuple[SentenceFacts, ...]]
) -> list[tuple[SentenceFacts, ...]]:
    """Give each sentence its role within its document (see `role_in_document`)."""
    roles: dict[str, list[Role]] = defaultdict(list)
    for passage, sentences in zip(passages, facts, strict=True):
        roles[passage.document_id].extend(f.role for f in sentences)
    notes = {document: writes_notes(found) for document, found in roles.items()}
    return [
        tuple(
            replace(
                f, role=role_in_document(f.role, f.command, f.ordinary, notes[passage.document_id])
            )
            for f in sentences
        )
        for passage, sentences in zip(passages, facts, strict=True)
    ]


def sentence_texts(passages: list[Passage]) -> list[str]:
    """Return the distinct sentence texts of the passages, in order."""
    return list(dict.fromkeys(s for p in passages for s in p.sentence_texts()))


def facts_by_sentence(
    passages: list[Passage], facts: list[tuple[SentenceFacts, ...]]
) -> dict[str, SentenceFacts]:
    """Return each sentence text's facts relative to the sentence, read on its own: the
    inverse of placing them in their passages and documents (a sentence of a bibliographic
    entry, whose role its block decides, is left to be read again)."""
    return {
        passage.text[f.start : f.end]: replace(_unplace(f), role=_alone(f))
        for passage, sentences in zip(passages, facts, strict=True)
        for f in sentences
        if not _cited(passage.text, f) and not _listed(passage.text, f)
    }


def _alone(facts: SentenceFacts) -> Role:
    """The role of a sentence read on its own, before its document is known."""
    if facts.command:
        return "content"
    return "writer" if facts.ordinary else facts.role


def _parse(nlp: Language, texts: list[str]) -> Iterable[SentenceFacts]:
    """Analyse sentences with offsets relative to each sentence."""
    for doc in nlp.pipe(texts, batch_size=_BATCH):
        yield _facts(nlp, doc)


def _facts(nlp: Language, doc: Doc) -> SentenceFacts:
    reading = read_sentence(doc, nlp)
    entities = tuple(Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents)
    return SentenceFacts(
        0,
        len(doc.text),
        reading.role,
        reading.leans_on_previous,
        reading.trim,
        entities,
        reading.command,
        reading.ordinary,
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
        facts.command,
        facts.ordinary,
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
        facts.command,
        facts.ordinary,
    )
