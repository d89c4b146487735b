"""Decide whether the retrieved text answers the question, and if not, say what is missing.

Each rule is a way an answer would mislead:
- the question names something the documents never mention (a named entity or a code such
  as "COP28" whose words are nowhere in the index);
- it asks about a year, or another edition of an event, that the passages found do not cover;
- no sentence comes close to the question;
- it asks for a person, an amount, a number, a rate, a date or an event, and no sentence about
  its subject holds an entity of that type.
"""

import re
from dataclasses import dataclass

from app.answer.extract import Candidate, content_words
from app.language.question import QuestionAnalysis
from app.retrieval.index import Index
from app.retrieval.lexical import unknown_terms
from app.retrieval.search import Hit

# A code such as "COP28" or "G77": letters and digits mixed; not a decade ("1990s").
_CODE = re.compile(r"\b(?!\d+s\b)(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d]{3,}\b")
# A name joined to a number by a plus ("Rio+20", "Beijing+25"): the follow-up to an event,
# named only where both parts stand together.
_JOINED = re.compile(r"\b[A-Z][A-Za-z]*\+\d+\b")
# What a question pins an answer to: a year or a span of years ("2025-2026"), or a version or
# part number ("1.1.4").
_PINNED = re.compile(
    r"\b(?:(?:19|20)\d\d(?:\s*[-\u2010-\u2014/]\s*(?:19|20)?\d\d\b)?|\d+(?:\.\d+){1,3})\b"
)
_DASHES = re.compile(r"\s*[-\u2010-\u2014]\s*")
# A question about how things stand today ("Who is the current director?"), which only a
# sentence that says it speaks of the present can answer: documents are written at a date.
_PRESENT = re.compile(r"\b(?:current(?:ly)?|today|now|nowadays|presently|at present)\b", re.I)
_EDITION = re.compile(
    r"\b(next|later|following|subsequent|previous|earlier|first|second|third|fourth|fifth|"
    r"\d+(?:st|nd|rd|th))\s+(?:\w+\s+){0,3}?(edition|conference|summit|meeting|gathering|round|"
    r"session|forum|event)s?\b",
    re.IGNORECASE,
)
# An edition of a named plan or report by its number ("the fourth U.S. Open Government
# National Action Plan").
_NAMED_EDITION = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|\d+(?:st|nd|rd|th))\s+"
    r"(?:[A-Z][\w.’'-]*\s+){1,6}(Plan|Report|Strategy|Review|Programme|Program)s?\b"
)
_EVENT_WORDS = re.compile(
    r"\b(?:Summit|Conference|Forum|Congress|Assembly|Meeting|Dialogue|Convention|Session)\b"
)
# Names that must occur whole: an organisation, event, law or work is not named by its
# words scattered over a passage. Places and people are left out: their forms vary too much
# ("Latin America" and "Latin American", "Hillary Clinton" and "Secretary Clinton").
_WHOLE_NAME_LABELS = frozenset({"ORG", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
# What a typed question wants, in the words of a decline.
WANTED = {
    "person": "name of a person",
    "money": "amount",
    "number": "number",
    "duration": "length of time",
    "percent": "rate or percentage",
    "date": "date",
    "event": "event",
    "place": "place",
}


@dataclass(frozen=True)
class Verdict:
    """Whether to decline, and why (a sentence for the reader)."""

    abstain: bool
    reason: str = ""


def out_of_scope(index: Index, analysis: QuestionAnalysis, hits: list[Hit]) -> Verdict:
    """Decline a question about what the documents never mention, or another year or edition."""
    names = [e.text for e in analysis.names] + _CODE.findall(analysis.text)
    if unknown := unknown_terms(index.lexical, list(dict.fromkeys(names))):
        # Name what the reader asked about ("Millennium Challenge Corporation"), not the word.
        missing = [n for n in dict.fromkeys(names) if any(w in n.split() for w in unknown)]
        return Verdict(True, f"The sources never mention {', '.join(missing or unknown)}.")
    whole = [e.text for e in analysis.names if e.label in _WHOLE_NAME_LABELS]
    whole += _JOINED.findall(analysis.text)
    if scattered := [name for name in whole if not index.mentions(name)]:
        return Verdict(True, f"The sources never mention {', '.join(scattered)}.")
    found = _dashed(" ".join(hit.passage.text + " " + hit.passage.title for hit in hits))
    for year in pinned(analysis):
        if year not in found:
            return Verdict(True, not_covered([year]))
    match = _EDITION.search(analysis.text) or _NAMED_EDITION.search(analysis.text)
    if match and match.group(1).lower() not in found.lower():
        return Verdict(
            True,
            f"The sources describe one {match.group(2).lower()}, not the "
            f"{match.group(1).lower()} one.",
        )
    return Verdict(False)


_WHERE = re.compile(r"\s*where\b", re.IGNORECASE)
_OPEN_ENDED = re.compile(
    r"\b(?:why|how(?! (?:many|much|long|often|old))|what makes)\b", re.IGNORECASE
)


def pinned(analysis: QuestionAnalysis) -> list[str]:
    """The years and version numbers a question pins its answer to ("raise in 2022"); not a
    year that ends a name ("Agenda 2063", "Vision 2030")."""
    text = analysis.text
    return list(
        dict.fromkeys(
            _dashed(match.group())
            for match in _PINNED.finditer(text)
            if not _NAME_BEFORE.search(text[: match.start()])
        )
    )


# A capitalised word, not the question's first nor a month, right before a year: a name.
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NAME_BEFORE = re.compile(rf"(?<=\S)\s+(?!(?:{_MONTHS})\b)[A-Z][a-z]+\s+$")


# The years a sentence says it speaks of ("in 2024", "for 2025"), not those it aims at.
_SPOKEN_OF = re.compile(
    r"\b(?:[Ii]n|[Ff]or|[Dd]uring|[Ss]ince)\s+(?:the\s+year\s+)?((?:19|20)\d\d)\b"
)


def holds_pinned(candidate: Candidate, years: list[str]) -> bool:
    """Whether a quoted sentence, its section, what its passage says before it, or its
    document's title names every year the question pins: "In 2024, UNICEF expanded case
    management. Primero was rolled out in 12 countries." dates the second sentence too, and
    "Uncommon Alliances conference report (2012)" every sentence of that report. A sentence
    that says which years it speaks of, none of them pinned, is dated by them alone ("For
    2025, the programme is projecting $12.1 million" does not answer for 2023; a target "by
    2050" does not date it)."""
    passage = candidate.passage
    said = _dashed(candidate.text)
    if years and _SPOKEN_OF.search(said) and not any(year in said for year in years):
        return False
    context = _dashed(f"{passage.title} {passage.section} {passage.text[: candidate.end]}")
    return all(year in context for year in years)


def _dashed(text: str) -> str:
    """Text with every dash a hyphen, unspaced: "2025 – 2026" reads "2025-2026"."""
    return _DASHES.sub("-", text)


def asks_present(analysis: QuestionAnalysis) -> bool:
    """Whether the question asks how things stand today ("the current director")."""
    return bool(_PRESENT.search(analysis.text))


def holds_present(candidate: Candidate) -> bool:
    """Whether a quoted sentence says it speaks of the present ("now drawn from 26…")."""
    return bool(_PRESENT.search(candidate.text))


def not_current(analysis: QuestionAnalysis) -> str:
    """The decline for a question about today that the sources answer only for their time."""
    return f"The sources discuss {analysis.topic} but do not say how it stands today."


def not_covered(years: list[str]) -> str:
    """The decline for a question pinned to years or versions the sources do not cover."""
    return f"The passages on this subject do not cover {', '.join(years)}."


def wanted_type(analysis: QuestionAnalysis) -> str | None:
    """The kind of fact a typed question must be answered with, or None.

    A question that also asks why or how ("When a project fails, why is it hard…") wants an
    explanation, and any content may answer it.
    """
    if analysis.asks_for not in WANTED or _OPEN_ENDED.search(analysis.text):
        return None
    if analysis.asks_for == "place" and _WHERE.match(analysis.text):
        return None  # "Where do partnerships fail?" is often not about a place on a map
    return analysis.asks_for


# Of the question's words (IDF-weighted), the share a typed answer's sentence, read with its
# document's title and section, must hold.
_TYPED_OVERLAP = 0.3


def holds_wanted(candidate: Candidate, analysis: QuestionAnalysis) -> bool:
    """Whether a sentence holds an entity of the type the question asks for, and says what
    was asked of it: most of the question's telling words, not only its subject ("54 per
    cent of staff were female" does not answer how many coordinators were dismissed)."""
    if candidate.overlap_in_context < _TYPED_OVERLAP or not candidate.names_all:
        return False  # "How much did easyJet give?" is not answered by another donor's sum
    if analysis.asks_for == "event" and (
        _EVENT_WORDS.search(candidate.text) or candidate.labels & {"EVENT", "ORG"}
    ):
        return True
    if analysis.asks_for == "person" and _names_only_a_deputy(candidate.text, analysis.text):
        return False  # "Who was the Director?" is not answered by the Associate Director
    if analysis.counted and not content_words(" ".join(analysis.counted)) & content_words(
        candidate.text
    ):
        return False  # "By how many points did scores rise?" is not told by "134,000 children"
    if analysis.asks_for == "money" and not _prices_alike(analysis.text, candidate.text):
        return False  # "What price per outcome…?" is not told by "a budget of US$18 million"
    return bool(candidate.labels & analysis.answer_labels)


# Sums of a named kind: a question that asks for one is answered only by a sentence that
# names that kind ("price per outcome" is not a budget, a fee is not a salary).
_PRICE_KINDS = (
    re.compile(r"\bpric(?:e|es|ed|ing)\b", re.IGNORECASE),
    re.compile(r"\bfees?\b", re.IGNORECASE),
    re.compile(r"\b(?:salar(?:y|ies)|wages?)\b", re.IGNORECASE),
    re.compile(r"\bbudget(?:s|ed|ing)?\b", re.IGNORECASE),
    re.compile(r"\btariffs?\b", re.IGNORECASE),
)


def _prices_alike(question: str, sentence: str) -> bool:
    """Whether a sentence names every kind of sum the question names, if it names any."""
    return all(kind.search(sentence) for kind in _PRICE_KINDS if kind.search(question))


# A rank below an office ("Deputy Director", "Vice-President"): another post than the office.
_UNDER = r"(?:deputy|associate|assistant|vice|acting|interim|former)[\s-]+"
_UNDER_OFFICE = re.compile(rf"\b{_UNDER}(\w+)", re.IGNORECASE)


def _names_only_a_deputy(sentence: str, question: str) -> bool:
    """Whether the sentence names an office the question asks about only with a rank below
    it, where the question asks for the office itself."""
    for match in _UNDER_OFFICE.finditer(sentence):
        office = match.group(1)
        # The question asks for the office itself when it names it once without a rank
        # below: "Who was the Director, rather than the Deputy Director, …?"
        if _only_under(office, question) is not False:
            continue
        if _only_under(office, sentence):
            return True
    return False


def _only_under(office: str, text: str) -> bool | None:
    """Whether every mention of `office` in `text` carries a rank below it (None: none)."""
    everywhere = len(re.findall(rf"\b{office}\b", text, re.IGNORECASE))
    under = len(re.findall(rf"\b{_UNDER}{office}\b", text, re.IGNORECASE))
    return None if not everywhere else everywhere == under


def missing_type_reason(analysis: QuestionAnalysis) -> str:
    """The decline for a typed question no sentence answers: what is discussed, what is not."""
    return f"The sources discuss {analysis.topic} but give no {WANTED[analysis.asks_for]}."


def unnamed_reason(names: list[str]) -> str:
    """Why an answer whose passages never name what the question names is declined."""
    bare = [re.sub(r"['’]s?$", "", name) for name in names]
    return f"The passages that come closest never mention {' or '.join(dict.fromkeys(bare))}."
