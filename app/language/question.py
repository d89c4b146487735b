"""The question, understood once per request: words, stems, entities, what it asks for, subject."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from app.language.asking import WH_TAGS, AsksFor, asks_for, counted, is_asked_noun
from app.language.facts import Entity
from app.retrieval.lexical import query_tokens

# What an answer to a typed question must contain: the spaCy labels that count as one.
ANSWER_LABELS: dict[AsksFor, frozenset[str]] = {
    "person": frozenset({"PERSON"}),
    # Governments act as partners and donors ("Which governments funded it?"), and the small
    # model often tags an agency as a place.
    "organisation": frozenset({"ORG", "NORP", "GPE"}),
    "date": frozenset({"DATE"}),
    "money": frozenset({"MONEY"}),
    "number": frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}),
    "duration": frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY"}),  # "three weeks"
    "percent": frozenset({"PERCENT"}),
    # The small model often tags a country named alone as NORP ("Tajikistan is the 67th…").
    "place": frozenset({"GPE", "LOC", "FAC", "NORP"}),
    "event": frozenset({"EVENT"}),
}
# Entities that name what a question is about (not the dates and amounts it mentions).
# NAME is a word written as a name that the small model did not tag ("easyJet", "DPGA").
SUBJECT_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NAME"}
)
_QUANTIFIERS = frozenset({"many", "much", "few", "several", "most", "more", "main", "key"})
# Nouns that only measure ("spent a lot", "a great deal of"): never what a question is about.
_MEASURE_NOUNS = frozenset({"lot", "lots", "bit", "deal"})
# Nouns by which a question points at its source rather than at what it asks about.
_DOCUMENT_NOUNS = frozenset(
    {"guide", "report", "entry", "article", "document", "brief", "paper", "handbook", "text"}
)


@dataclass(frozen=True)
class QuestionAnalysis:
    """One question, analysed once at the start of a request and read by every later step.

    - `words`: its content words, lower-cased, in order (no stop words, no question words);
    - `stems`: the BM25 query tokens (the same tokenizer, stop words and stemmer as the index);
    - `entities`: its named entities with spaCy labels and offsets in `text`;
    - `asks_for`: the kind of answer wanted (see `app.language.asking`);
    - `subject`: the names and noun phrases the question is about, named entities first;
    - `subject_stems`: the stems of `subject`, to tell whether a sentence is about it;
    - `counted`: what a "how many" question counts, as its word and lemma (else empty);
    - `owners`: names that only own what is asked about ("UNICEF" in "UNICEF's Global
      Child Protection Thematic Fund"): a sentence about the fund need not repeat them.
    """

    text: str
    words: tuple[str, ...]
    stems: tuple[str, ...]
    entities: tuple[Entity, ...]
    asks_for: AsksFor
    subject: tuple[str, ...]
    subject_stems: frozenset[str]
    counted: frozenset[str] = frozenset()
    owners: tuple[str, ...] = ()

    @property
    def answer_labels(self) -> frozenset[str]:
        """The entity labels an answer must hold (empty when any content will do)."""
        return ANSWER_LABELS.get(self.asks_for, frozenset())

    @property
    def topic(self) -> str:
        """What a decline says the sources discuss: the first subject, with the article the
        question gave it ("the conference report", "the UN"), or "this subject"."""
        if not self.subject:
            return "this subject"
        phrase = self.subject[0]
        if re.search(rf"\bthe\s+{re.escape(phrase)}", self.text, re.IGNORECASE):
            return f"the {phrase}"
        return phrase

    @property
    def names(self) -> tuple[Entity, ...]:
        """The named entities that say what the question is about (no dates or amounts)."""
        return tuple(e for e in self.entities if e.label in SUBJECT_LABELS)


def analyse_question(nlp: Language, text: str) -> QuestionAnalysis:
    """Analyse a question with the spaCy pipeline, once."""
    doc = nlp(text)
    # Names of the asker's own, in the scene before the question, are no names it asks about.
    named = [e for e in doc.ents if not _askers_own(e)]
    subject = _subject(doc, named)
    return QuestionAnalysis(
        text=text,
        words=tuple(
            t.lower_
            for t in doc
            if (t.is_alpha or t.like_num) and not t.is_stop and t.tag_ not in WH_TAGS
        ),
        stems=tuple(query_tokens(text)),
        entities=tuple(_entity(e) for e in named) + _untagged_names(doc),
        asks_for=asks_for(doc),
        subject=subject,
        subject_stems=frozenset(s for phrase in subject for s in query_tokens(phrase)),
        counted=counted(doc),
        owners=tuple(e.text for e in doc.ents if _owns(e)),
    )


# A country's government is named where the country is: a donor table's row "Hungary"
# answers for "the Government of Hungary".
_GOVERNMENT = re.compile(r"^(?:the\s+)?governments?\s+of\s+(?:the\s+)?(?=\S)", re.IGNORECASE)


def _entity(span: Span) -> Entity:
    """A named entity of the question; "the Government of Hungary" is the place "Hungary"."""
    if span.label_ == "ORG" and (match := _GOVERNMENT.match(span.text)):
        return Entity(span.text[match.end() :], "GPE", span.start_char + match.end(), span.end_char)
    return Entity(span.text, span.label_, span.start_char, span.end_char)


def _untagged_names(doc: Doc) -> tuple[Entity, ...]:
    """Words written as names that NER missed, outside every entity: a capital after a
    small first letter ("easyJet", "iPhone"), or all capitals ("DPGA"; not "NGOs")."""
    return tuple(
        Entity(t.text, "NAME", t.idx, t.idx + len(t.text))
        for t in doc
        if not t.ent_type_
        and t.is_alpha
        and len(t.text) > 1
        and (t.is_upper or (t.text[0].islower() and any(c.isupper() for c in t.text[1:])))
        and not _askers_own(doc[t.i : t.i + 1])
    )


_ASKERS = frozenset({"my", "our", "your"})


def _askers_own(name: Span) -> bool:
    """Whether a name, in a sentence that sets the scene before the question itself, stands
    for the asker's own ("My CEO is convinced…", "Some of our NGO staff…"): what the asker
    has, not what the documents are asked about."""
    if name.sent.end == len(name.doc):
        return False
    start = name.start
    while start > 0 and name.doc[start - 1].pos_ in ("ADJ", "NOUN", "PROPN"):
        start -= 1
    return start > 0 and name.doc[start - 1].lower_ in _ASKERS


def _owns(name: Span) -> bool:
    """Whether a name stands before a possessive: "China's Belt and Road Initiative"."""
    return name.end < len(name.doc) and name.doc[name.end].tag_ == "POS"


def _subject(doc: Doc, named: Sequence[Span]) -> tuple[str, ...]:
    """Return the question's named entities (`named`, of `doc`), then its other noun
    phrases, without articles."""
    names = [e for e in named if e.label_ in SUBJECT_LABELS]
    # A name that only owns the subject ("China's Belt and Road Initiative") comes after it.
    names.sort(key=_owns)
    phrases = [_GOVERNMENT.sub("", _without_determiners(e)) for e in names]
    covered = {i for e in names for i in range(e.start, e.end)}
    # The document a question names as its source ("when the guide talks about…") comes
    # after what it is asked about.
    for chunk in sorted(doc.noun_chunks, key=lambda c: c.root.lemma_.lower() in _DOCUMENT_NOUNS):
        if any(t.i in covered for t in chunk) or chunk.root.tag_ in WH_TAGS:
            continue
        if chunk.root.pos_ == "PRON" or is_asked_noun(chunk.root):
            continue
        if chunk.root.lower_ in _MEASURE_NOUNS:
            continue
        phrases.append(_without_determiners(_with_glued_start(chunk)))
    if not any(phrases):  # no noun phrase parsed: fall back to the content nouns
        phrases = [t.text for t in doc if t.pos_ in ("NOUN", "PROPN") and not t.is_stop]
    return tuple(dict.fromkeys(p for p in phrases if p))


def _with_glued_start(chunk: Span) -> Span:
    """A noun phrase with the words hyphenated onto its first one: the parser starts
    "mid-20th-century partnerships" at "century"."""
    start = chunk.start
    while start > 0 and not chunk.doc[start - 1].whitespace_ and not chunk.doc[start - 1].is_punct:
        start -= 1
    while start > 0 and chunk.doc[start - 1].text == "-" and not chunk.doc[start - 1].whitespace_:
        start -= 1
        while (
            start > 0 and not chunk.doc[start - 1].whitespace_ and not chunk.doc[start - 1].is_punct
        ):
            start -= 1
    return chunk.doc[start : chunk.end]


def _without_determiners(span: Span) -> str:
    """Drop leading articles, quantifiers and question words: "the GPEI" -> "GPEI"."""
    tokens = list(span)
    # "Roughly what scale" -> "scale": an adverb before the question word goes with it.
    while tokens and (
        tokens[0].pos_ in ("DET", "PRON", "AUX")  # "How does REDD+ work" -> "REDD+ work"
        or tokens[0].tag_ in WH_TAGS
        or tokens[0].lower_ in _QUANTIFIERS
        or (tokens[0].pos_ == "ADV" and len(tokens) > 1 and tokens[1].tag_ in WH_TAGS)
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].tag_ == "POS":  # "the Global Fund's" -> "Global Fund"
        tokens = tokens[:-1]
    return span.doc[tokens[0].i : tokens[-1].i + 1].text if tokens else ""
