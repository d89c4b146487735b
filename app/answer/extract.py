"""Score the quotable sentences of the retrieved passages against the question.

A sentence is quotable when ingest found it to be content, or a writer's lead-in followed by
a whole sentence (then only that sentence is quoted, marked `cut`). Each candidate carries
what composition and the decline rules need: its score, whether it leans on the sentence
before it, whether it is about the question's subject, and its entity labels.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from app.answer.quotes import is_writing_note, speaks_as_writer, trim_sentence
from app.language.facts import Entity, SentenceFacts
from app.language.question import SUBJECT_LABELS, QuestionAnalysis
from app.language.sentence_roles import is_question
from app.passages import Passage
from app.retrieval.embedder import Vectors
from app.retrieval.index import Index
from app.retrieval.lexical import query_tokens
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
# An opening that points back: a pronoun, demonstrative or connective. A sentence that opens
# so leans on the one before it even when the parse did not say so.
_POINTS_BACK = re.compile(
    r"^(?:It|Its|This|That|These|Those|They|Their|Them|He|She|His|Her|Such|Both|However|But|"
    r"And|Or|So|Thus|Hence|Therefore|Yet|Still|Also|Moreover|Furthermore|Instead|Similarly|"
    r"Likewise|Consequently|Otherwise|Meanwhile|In addition|As a result|In turn|By contrast)\b"
)
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
    cut: bool = False
    leans: bool = False
    on_subject: bool = True
    labels: frozenset[str] = frozenset()
    subject_share: float = 1.0
    remark: bool = False
    overlap: float = 0.0  # IDF-weighted share of the question's words the sentence holds
    overlap_in_context: float = 0.0  # the same, counting its document's title and section
    names_all: bool = True  # it, its section or document names every name in the question
    typed: bool = False  # it holds an entity of the kind asked for ("Which organisations…")
    # The same words stand in a passage ranked higher (pages of one handbook repeat its
    # definition): quoted only as a neighbour or a list's item, never as a run of its own.
    repeated: bool = False

    @property
    def text(self) -> str:
        """The quoted span."""
        return self.passage.text[self.start : self.end]


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
    analysis: QuestionAnalysis,
    question_vector: Vectors,
    hits: list[Hit],
    weights: Weights = Weights(),
) -> tuple[list[Candidate], float]:
    """Score the distinct quotable sentences of the hits, best first, and return them with
    the support: the relevance of the closest sentence of any role (a writer's note close
    to the question still shows that the documents treat it)."""
    asked = content_words(analysis.text)
    weights_of = _asked_weights(index, analysis)
    names = [(e.text, name) for e in analysis.names if (name := _name_of(e.text)).stems]
    named = [name for _, name in names]
    # A sentence about "UNICEF's fund" names the fund; its owner may go without saying.
    owned = [name for text, name in names if text not in analysis.owners] or named
    support = 0.0
    candidates = []
    seen: set[str] = set()
    for rank, hit in enumerate(hits):
        passage = hit.passage
        vectors = index.sentence_vectors_of(passage.id)
        cosines = vectors @ question_vector
        all_facts = _facts_of(index, passage)
        # With names in the question ("GPEI"), a sentence is about it when its passage,
        # section or document names one of them; otherwise any close sentence may serve.
        # Who wrote the document and what it is about go with each of its sentences.
        document = f"{index.byline(passage)} {index.subject(passage)}"
        context = _context_of(passage, document)
        about = not named or any(
            _named_in(name, context) or index.names_throughout(passage, name.stems)
            for name in named
        )
        # A name the document's title gives ("Uncommon Alliances") holds for each of its
        # sentences: a sentence repeating it is no closer to what was asked.
        title = sentence_stems(passage.title)
        own = frozenset(stem for name in named if name.stems <= title for stem in name.stems)
        for i, (s_start, s_end) in enumerate(passage.sentences):
            sentence = passage.text[s_start:s_end]
            overlap = _overlap(weights_of, sentence)
            support = max(support, float(cosines[i]) + 0.25 * overlap)
            span = _quotable_span(passage, all_facts[i] if all_facts else None, s_start, s_end)
            if span is None:
                continue
            start, end = span
            quoted = passage.text[start:end]
            if _unquotable(quoted):
                continue
            repeated = quoted in seen  # said in a passage before: a neighbour, not a seed
            seen.add(quoted)
            vector, cosine = vectors[i], float(cosines[i])
            words = content_words(quoted)
            overlap = _overlap(weights_of, quoted, own)
            relevance = cosine + 0.25 * overlap
            novelty = min(len(words - asked), 6) / 6
            score = (
                cosine
                + weights.overlap * overlap
                + weights.rank / (1 + rank)
                + weights.novelty * novelty
            )
            facts = all_facts[i] if all_facts else None
            in_context = f"{passage.title} {document} {passage.section} {quoted}"
            share = subject_share(analysis, f"{passage.section} {sentence}")
            candidates.append(
                Candidate(
                    rank,
                    passage,
                    start,
                    end,
                    i,
                    score,
                    relevance,
                    vector,
                    cut=start > s_start,
                    leans=start == s_start
                    and (
                        bool(facts and facts.leans_on_previous) or bool(_POINTS_BACK.match(quoted))
                    ),
                    on_subject=about and not _restates(words, asked),
                    labels=(
                        labels := _labels(
                            facts, passage.text, start, end, analysis.text, analysis.asks_for
                        )
                    ),
                    typed=bool(labels & analysis.answer_labels),
                    subject_share=share,
                    remark=is_remark(quoted),
                    overlap=overlap,
                    overlap_in_context=_overlap(weights_of, in_context),
                    names_all=all(_named_in(name, in_context) for name in owned),
                    repeated=repeated,
                )
            )
    return sorted(candidates, key=lambda c: -c.score), support


def _asked_weights(index: Index, analysis: QuestionAnalysis) -> dict[str, float]:
    """The question's BM25 stems with their IDF in the index: a word found in every passage
    ("partnership") counts for little, a rare one ("Concert") for much."""
    # The stems of its content words: not "how", "what", "did", which BM25 keeps. A stem the
    # index lacks weighs as much as its rarest word.
    stems = query_tokens(" ".join(analysis.words))
    rarest = index.rarest_weight
    return {stem: index.term_weights.get(stem, rarest) for stem in dict.fromkeys(stems)}


def _overlap(
    weights_of: dict[str, float], sentence: str, ignored: frozenset[str] = frozenset()
) -> float:
    """The IDF-weighted share of the question's stems that the sentence holds (`ignored`
    ones aside, though they count in the whole)."""
    total = sum(weights_of.values())
    if not total:
        return 0.0
    found = sentence_stems(sentence) - ignored
    return sum(w for stem, w in weights_of.items() if stem in found) / total


def _facts_of(index: Index, passage: Passage) -> tuple[SentenceFacts, ...]:
    """The stored facts of a passage's sentences, or () for an index built without them."""
    if not index.sentence_facts:
        return ()
    facts = index.facts_of(passage.id)
    return facts if len(facts) == len(passage.sentences) else ()


def _quotable_span(
    passage: Passage, facts: SentenceFacts | None, start: int, end: int
) -> tuple[int, int] | None:
    """Where a quote of this sentence starts and ends, or None if it must not be quoted.

    Content is quoted whole unless it speaks as the writer; a writer's lead-in ("I'll explain
    that…") is left out only where ingest found that what follows reads as a whole sentence
    on its own (`SentenceFacts.trim`), never a fragment.
    """
    if passage.kind == "table":  # a row is a record, quoted whole: "Donor: X; Amount: 9"
        return start, end
    if facts is None:  # no facts stored: the old trimming of lead-ins and labels
        t_start, t_end = trim_sentence(passage.text[start:end])
        return start + t_start, start + t_end
    if facts.role == "content" and not speaks_as_writer(passage.text[start:end]):
        return start, end
    if facts.role in ("content", "writer") and facts.trim is not None and facts.trim < end:
        rest = passage.text[facts.trim : end].lstrip()
        return end - len(rest), end
    return None


# "EITI (8.2)", "1.3": the number of a part of the text, not a quantity of anything.
_PART_NUMBER = re.compile(r"^\(?\d+(?:\.\d+)+\)?$")
_YEAR_DIGITS = re.compile(r"\b\d{4}\b")
# The word "year" itself: not "a multi-year agreement" nor "How many years…?".
_YEAR_WORD = re.compile(r"(?<![\w-])year\b")
_TIME_UNIT = re.compile(
    r"(?:year|month|week|day|hour|minute|decade|centur|quarter|semester|fortnight)",
    re.IGNORECASE,
)


_PERCENT_LABEL = "PERCENT"
_PER_CENT = re.compile(r"\s*(?:per\s*cent\b|percent\b|%)", re.IGNORECASE)


def _reads_as_percent(text: str, entity: Entity) -> bool:
    """A number the small model tagged otherwise that the text calls a percentage ("Only 33
    per cent of offices…" as CARDINAL, "63 per cent" as MONEY)."""
    return entity.label in ("CARDINAL", "MONEY", "QUANTITY") and (
        bool(_PER_CENT.search(entity.text)) or bool(_PER_CENT.match(text, entity.end))
    )


# A currency named in a table cell's column name ("Amount (US$): 390,034", "Millions of
# United States dollars: 537.8").
_CURRENCY = re.compile(r"US\$|\$|€|£|\b(?:USD|EUR|GBP|dollars?|euros?)\b", re.IGNORECASE)


def _reads_as_money(text: str, start: int, entity: Entity) -> bool:
    """A bare number in a table row whose column is an amount of money: the small model tags
    it CARDINAL, the column name (within its own sentence from `start`) says what it counts."""
    if entity.label != "CARDINAL":
        return False
    label = text[start : entity.start].rsplit(";", 1)[-1]
    return label.rstrip().endswith(":") and bool(_CURRENCY.search(label))


def _numbers_an_item(text: str, start: int, entity: Entity) -> bool:
    """ "Indicator: 7. Adherence to…", "3. Country coordination": the number of a list item
    or a table row, not a count of anything."""
    before = text[start : entity.start].rstrip()
    return (
        entity.text.isdigit()
        and text[entity.end : entity.end + 1] == "."
        and (not before or before.endswith(":"))
    )


def _label_of(text: str, start: int, entity: Entity) -> str:
    if _reads_as_percent(text, entity):
        return _PERCENT_LABEL
    return "MONEY" if _reads_as_money(text, start, entity) else entity.label


_JOINING = frozenset({"the", "of", "for", "and", "a", "an", "s", "in", "on", "to"})


def _words_asked(name: str, asked: set[str]) -> bool:
    """Whether every word of a name is one of the question's, though not in its order or
    form ("NetHope's Center for the Digital Nonprofit" is named by "NetHope under its Center
    for the Digital Nonprofit")."""
    words = set(_WORD.findall(name.lower())) - _JOINING
    return bool(words) and any(c.isalpha() for c in name) and words <= asked


def _labels(
    facts: SentenceFacts | None,
    text: str,
    start: int,
    end: int,
    question: str,
    asks_for: str = "",
) -> frozenset[str]:
    """The labels of the entities a quote could answer with: not those the question itself
    names ("Who succeeded Kris Balderston?" is not answered by "Kris Balderston"), not the
    numbers of parts of the text, nor a "name" without a letter (the small model tags
    "resolution 79/258" as a person); for a question about a year, only dates with one, and
    for one about a length of time, only dates that measure one ("three years", "12-month";
    not "In 2022")."""
    if facts is None:
        return frozenset()
    asked = question.lower()
    asked_words = set(_WORD.findall(asked))
    wants_length = asks_for == "duration"
    wants_year = not wants_length and _YEAR_WORD.search(asked) is not None
    return frozenset(
        _label_of(text, start, e)
        for e in facts.entities
        if start <= e.start
        and e.end <= end
        and e.text.lower() not in asked
        and not _words_asked(e.text, asked_words)
        and not _PART_NUMBER.match(e.text)
        and not _numbers_an_item(text, start, e)
        and not (e.label in SUBJECT_LABELS and not any(c.isalpha() for c in e.text))
        and not (wants_year and e.label == "DATE" and not _YEAR_DIGITS.search(e.text))
        and not (wants_length and e.label in ("DATE", "TIME") and not _measures_time(text, e))
    )


def _measures_time(text: str, entity: Entity) -> bool:
    """Whether a date measures a length of time: a unit ("three years", "12-month"), a span
    ("2020-2024"), or a start it runs from ("since 2008")."""
    before = text[max(0, entity.start - 8) : entity.start].lower().split()
    return bool(
        _TIME_UNIT.search(entity.text)
        or len(_YEAR_DIGITS.findall(entity.text)) > 1
        or (before and before[-1] in ("since", "from", "between"))
    )


_NAMED_SHARE = 0.75  # of a name's words that its context must hold ("Global … Facility")


def _names(name: frozenset[str], context: frozenset[str]) -> bool:
    """Whether the context names a name: nearly all of its words, not one common word of it
    ("global" of "Global Environment Facility"); a word may take a short ending ("Latin
    American" names "Latin America", "European" names "Europe") but not grow into another
    word ("fundamental" does not name a fund)."""
    held = sum(w in context or _ends_on(w, context) for w in name)
    return held >= _NAMED_SHARE * len(name)


_ENDING = 3  # most letters a name's word may gain and still name it ("europ" → "european")


def _ends_on(word: str, context: frozenset[str]) -> bool:
    return len(word) >= 4 and any(
        0 < len(c) - len(word) <= _ENDING and c.startswith(word) for c in context
    )


@dataclass(frozen=True)
class _Name:
    """A name of the question as a sentence may write it: its stems, or its initials
    ("the United Nations" is named by "UN")."""

    stems: frozenset[str]
    initials: re.Pattern[str] | None


def _name_of(text: str) -> _Name:
    capitals = [w[0] for w in text.split() if w[:1].isupper()]
    initials = re.compile(rf"\b{''.join(capitals)}\b") if len(capitals) >= 2 else None
    return _Name(frozenset(query_tokens(text)), initials)


def _named_in(name: _Name, context: str, *, loosely: bool = False) -> bool:
    """Whether a text names a name by its words, or by its initials in capitals; `loosely`,
    its words may stand in any longer or shorter form (see `_names_loosely`)."""
    stems = sentence_stems(context)
    held = _names_loosely(name.stems, stems) if loosely else _names(name.stems, stems)
    return held or bool(name.initials and name.initials.search(context))


def _context_of(passage: Passage, document: str) -> str:
    """What a sentence is read within: its document (title, authors, the organisation it is
    about), section and passage ("What did Brockmyer and Fox find…?" is about the report
    they wrote)."""
    return f"{passage.title} {document} {passage.section} {passage.text}"


@lru_cache(maxsize=65_536)
def sentence_stems(text: str) -> frozenset[str]:
    """The BM25 stems of a sentence (the tokenizer the question's subject stems come from),
    with the acronyms its names can be written as: "United Nations" also reads "un", and
    "DPGA" also "dpg" (an acronym's shorter forms name the body it belongs to)."""
    return frozenset(query_tokens(text)) | _acronyms(text)


_CAPITALISED_RUN = re.compile(
    r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|the|on|in|to)\s+)?[A-Z][\w'’-]*)+"
)
_ALL_CAPS = re.compile(r"\b[A-Z]{3,8}\b")


def _acronyms(text: str) -> frozenset[str]:
    found: set[str] = set()
    for run in _CAPITALISED_RUN.finditer(text):
        initials = "".join(w[0] for w in run.group().split() if w[0].isupper()).lower()
        for start in range(len(initials) - 1):
            found.update(initials[start:end] for end in range(start + 2, len(initials) + 1))
    for word in _ALL_CAPS.findall(text):
        found.update(word[:end].lower() for end in range(2, len(word)))
    return frozenset(found)


def subject_share(analysis: QuestionAnalysis, sentence: str) -> float:
    """The share of the question's subject stems the sentence holds (1 when it has none)."""
    if not analysis.subject_stems:
        return 1.0
    return len(analysis.subject_stems & sentence_stems(sentence)) / len(analysis.subject_stems)


# "Stakeholder Mapping: This is a key tool.": a label and a short judgement of it.
_REMARK = re.compile(r"^[^:!?]{2,80}:\s+(?:This|It|That|These|They)\s+(?:is|are|was|were)\b")
_REMARK_WORDS = 14


def is_remark(quoted: str) -> bool:
    """A labelled remark: a heading-like label followed by a short judgement of it, which says
    nothing of its own until the sentences after it."""
    match = _REMARK.match(quoted)
    return match is not None and len(quoted[match.end() :].split()) <= _REMARK_WORDS


def _restates(words: frozenset[str], asked: frozenset[str]) -> bool:
    """A sentence that only restates the question: it adds at most one word of its own."""
    return bool(asked) and len(words - asked) <= 1


def _unquotable(quoted: str) -> bool:
    """Tell whether a sentence cannot stand in an answer: too short, a question, a note to
    self ("I'll build on Section 4") or a filler ("This is the heart of it.")."""
    return (
        len(quoted.split()) < _MIN_WORDS
        or is_question(quoted)
        or is_writing_note(quoted)
        or speaks_as_writer(quoted)
        or len(content_words(quoted)) < _MIN_CONTENT_WORDS
        or _closes_unopened(quoted)
        or _points_to_address(quoted)
    )


_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:org|com|net|int|gov|edu)(?:/\S*)?")
_POINTER_WORDS = 6  # content words, the address aside, below which a sentence only points


def _points_to_address(quoted: str) -> bool:
    """A sentence that only sends the reader elsewhere: "Find more information on SLEIC at
    www.globalpartnership.org/…"."""
    if not _ADDRESS.search(quoted):
        return False
    return len(content_words(_ADDRESS.sub(" ", quoted))) < _POINTER_WORDS


# A closing bracket after a word ("…a global commons issue)."), not after an item's letter
# or numeral ("9a) Data privacy", "iii) Scope").
_CLOSING = re.compile(r"\b\w{4,}[.,;:!?]?[)\]]")


def _closes_unopened(quoted: str) -> bool:
    """The tail of a parenthesis that opened in a sentence not quoted: "… issue)."."""
    depth = 0
    for i, char in enumerate(quoted):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            if depth < 0 and _CLOSING.search(quoted[max(0, i - 40) : i + 1]):
                return True
    return False


def unnamed_in(index: Index, analysis: QuestionAnalysis, passages: list[Passage]) -> list[str]:
    """The names of the question (its owners aside) that none of the passages, read in
    their documents and sections, names; a word of a name matches a longer or shorter form
    of it ("Latin America" is named by "Latin American")."""
    # A name is written with a capital ("Sri Lanka"); "social affairs ministry", which the
    # small model may tag as one, describes rather than names.
    named = [e for e in analysis.names if any(w[:1].isupper() for w in e.text.split())]
    names = [e for e in named if e.text not in analysis.owners] or named
    # Who published a document is named by each of its passages: "the State Department's
    # conference" is the one the Department's report is about.
    contexts = [
        _context_of(p, f"{index.byline(p)} {index.publisher(p)} {index.subject(p)}")
        for p in dict.fromkeys(passages)
    ]
    return [
        e.text
        for e in names
        if (name := _name_of(e.text)).stems
        and not any(_named_in(name, context, loosely=True) for context in contexts)
    ]


def _names_loosely(name: frozenset[str], context: frozenset[str]) -> bool:
    """Whether the context holds nearly all of a name's words, each as it is or in a longer
    or shorter form of four letters or more."""
    held = sum(
        w in context or any(len(c) >= 4 and (c.startswith(w) or w.startswith(c)) for c in context)
        for w in name
    )
    return held >= _NAMED_SHARE * len(name)
