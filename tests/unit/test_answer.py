"""Answer building blocks: what may be quoted, what a typed question wants, declines."""

import numpy as np

from app.answer.abstain import holds_wanted, missing_type_reason, wanted_type
from app.answer.extract import Candidate, _quotable_span
from app.answer.quotes import speaks_as_writer, trim_sentence
from app.language.facts import SentenceFacts
from app.language.question import QuestionAnalysis
from app.passages import Passage


def _trimmed(sentence: str) -> str:
    start, end = trim_sentence(sentence)
    return sentence[start:end]


def test_drafting_voice_is_trimmed_to_the_statement() -> None:
    sentence = (
        "I’ll argue that trust is the “lubricant” of a partnership, reducing costly monitoring."
    )
    assert (
        _trimmed(sentence)
        == "trust is the “lubricant” of a partnership, reducing costly monitoring."
    )


def test_a_label_before_a_colon_is_trimmed() -> None:
    assert (
        _trimmed("Realism: This is the pessimistic counterpoint to it.")
        == "This is the pessimistic counterpoint to it."
    )


def test_a_plain_sentence_is_left_whole() -> None:
    assert (
        _trimmed("Partners must be able to trust each other.")
        == "Partners must be able to trust each other."
    )


def test_a_trim_that_would_leave_too_little_is_not_made() -> None:
    assert _trimmed("Success Factor 1: Coordination.") == "Success Factor 1: Coordination."


def _analysis(text: str, asks_for: str = "description", subject: str = "GPEI") -> QuestionAnalysis:
    return QuestionAnalysis(
        text=text,
        words=(),
        stems=(),
        entities=(),
        asks_for=asks_for,  # type: ignore[arg-type]
        subject=(subject,),
        subject_stems=frozenset({subject.lower()}),
    )


def _candidate(text: str, labels: frozenset[str] = frozenset()) -> Candidate:
    passage = Passage("p", "d", "T", "S", text, ((0, len(text)),), "lines 1-1")
    return Candidate(
        0, passage, 0, len(text), 0, 0.8, 0.8, np.zeros(3, dtype=np.float32), labels=labels
    )


def test_an_amount_question_wants_a_money_entity() -> None:
    analysis = _analysis("How much did donors pledge to the GPEI?", "money")
    assert wanted_type(analysis) == "money"
    assert holds_wanted(_candidate("Donors pledged $4 billion.", frozenset({"MONEY"})), analysis)
    assert not holds_wanted(
        _candidate("It aims to lift 50 million people.", frozenset({"CARDINAL"})), analysis
    )


def test_the_decline_says_what_is_discussed_and_what_is_missing() -> None:
    analysis = _analysis("How much did donors pledge to the GPEI?", "money")
    assert missing_type_reason(analysis) == "The sources discuss GPEI but give no amount."


def test_a_question_that_also_asks_why_is_not_typed() -> None:
    analysis = _analysis("When a project fails, why is blame hard to assign?", "date")
    assert wanted_type(analysis) is None


def test_an_untyped_question_wants_no_entity() -> None:
    assert wanted_type(_analysis("What are the lessons of the GPEI?")) is None


def test_a_lead_in_is_never_left_as_a_lower_case_fragment() -> None:
    text = "I'll explain that trust is the lubricant of partnerships."
    facts = SentenceFacts(0, len(text), "writer", False, len("I'll explain that "), ())
    passage = Passage("p", "d", "T", "S", text, ((0, len(text)),), "lines 1-1")
    assert _quotable_span(passage, facts, 0, len(text)) is None


def test_a_lead_in_before_a_whole_sentence_is_cut() -> None:
    text = "Transition: Trust is the lubricant of partnerships."
    facts = SentenceFacts(0, len(text), "writer", False, len("Transition: "), ())
    passage = Passage("p", "d", "T", "S", text, ((0, len(text)),), "lines 1-1")
    assert _quotable_span(passage, facts, 0, len(text)) == (len("Transition: "), len(text))


def test_only_content_is_quoted() -> None:
    text = "Introduce the GPEI as a quintessential example."
    passage = Passage("p", "d", "T", "S", text, ((0, len(text)),), "lines 1-1")
    for role in ("writer", "fragment", "cutoff", "question", "transition"):
        facts = SentenceFacts(0, len(text), role, False, None, ())
        assert _quotable_span(passage, facts, 0, len(text)) is None
    content = SentenceFacts(0, len(text), "content", False, None, ())
    assert _quotable_span(passage, content, 0, len(text)) == (0, len(text))


def test_the_writer_talking_mid_sentence_is_caught() -> None:
    assert speaks_as_writer("For large partnerships, I'll explain the host agreement.")
    assert speaks_as_writer("Problem Fit: Emphasize that the structure fits the problem.")
    assert not speaks_as_writer("Partners must be able to trust each other.")
