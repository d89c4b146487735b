"""Answer building blocks: quote trimming, names, answer types."""

import numpy as np

from app.answer.abstain import judge, missing_answer_type, named_terms
from app.answer.extract import Candidate
from app.answer.quotes import trim_sentence
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


def test_named_terms_group_adjacent_capitalised_words() -> None:
    assert named_terms("Who founded the World Economic Forum, and when did COP28 meet?") == [
        "World Economic Forum",
        "COP28",
    ]


def _candidate(text: str, relevance: float = 0.8) -> Candidate:
    passage = Passage("p", "d", "T", "S", text, ((0, len(text)),), "lines 1-1")
    return Candidate(
        0, passage, 0, len(text), 0, relevance, relevance, np.zeros(3, dtype=np.float32)
    )


def test_a_year_question_without_a_year_in_the_sources_wants_a_date() -> None:
    candidates = [_candidate("CELAC is a regional bloc, like Agenda 2063 for Africa.")]
    assert missing_answer_type("In what year was CELAC established?", candidates) == "date"


def test_a_count_question_is_satisfied_by_a_count_of_that_thing() -> None:
    candidates = [_candidate("The alliance brought together 300 people from five sectors.")]
    assert missing_answer_type("How many people came to the alliance?", candidates) is None


def test_weak_support_abstains_and_strong_support_answers() -> None:
    assert judge(
        "Why trust?", [_candidate("Trust matters a lot here.", 0.2)], [], threshold=0.45
    ).abstain
    assert not judge(
        "Why trust?", [_candidate("Trust matters a lot here.", 0.9)], [], threshold=0.45
    ).abstain


def test_unknown_names_abstain_and_are_named() -> None:
    verdict = judge(
        "What did Dubai agree?", [_candidate("Anything at all here.")], ["Dubai"], threshold=0.45
    )
    assert verdict.abstain
    assert "Dubai" in verdict.reason
