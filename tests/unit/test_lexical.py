"""Keyword search reads a word's British and American spellings, and a verb's irregular past
forms, alike."""

import numpy as np

from app.retrieval.lexical import build_lexical, query_tokens, score_lexical


def test_british_and_american_spellings_give_the_same_tokens() -> None:
    pairs = [
        ("organise", "organize"),
        ("organisations", "organizations"),
        ("analysed", "analyzed"),
        ("labour", "labor"),
        ("behavioural", "behavioral"),
        ("centre", "center"),
        ("programmes", "programs"),
        ("licence", "license"),
    ]
    for british, american in pairs:
        assert query_tokens(british) == query_tokens(american), british


def test_short_and_unrelated_words_keep_their_own_tokens() -> None:
    assert query_tokens("four hours") != query_tokens("for hors")
    assert query_tokens("raise") == ["rais"]
    assert query_tokens("crisis analysis") == ["crisi", "analysi"]


def test_a_question_in_one_spelling_finds_a_passage_in_the_other() -> None:
    passages = ["Agile partnerships organize as networks.", "Budgets rose in 2020."]
    scores = score_lexical(build_lexical(passages), "How do partnerships organise?", 2)
    assert int(np.argmax(scores)) == 0 and scores[1] == 0


def test_a_verb_s_irregular_past_forms_give_its_own_tokens() -> None:
    for past, verb in [("ran", "run"), ("led", "leads"), ("began", "begins"), ("paid", "pay")]:
        assert query_tokens(past) == query_tokens(verb), past
    assert query_tokens("found") != query_tokens("find")  # "found" is also to found


def test_a_question_in_the_present_finds_a_passage_in_the_past() -> None:
    passages = ["The forum ran for 18 months.", "The forum met twice."]
    scores = score_lexical(build_lexical(passages), "How long does the forum run?", 2)
    assert int(np.argmax(scores)) == 0
