"""Composing an answer from scored sentences: runs, referents, lists, subjects."""

from dataclasses import replace

import numpy as np

from app.answer.compose import Shape, compose, pieces_of
from app.answer.extract import Candidate
from app.answer.respond import with_wanted
from app.passages import Passage


def _passage(pid: str, *sentences: str) -> Passage:
    text, spans, start = "", [], 0
    for sentence in sentences:
        spans.append((start, start + len(sentence)))
        text += sentence + " "
        start += len(sentence) + 1
    return Passage(pid, "d", "T", "S", text.rstrip(), tuple(spans), "lines 1-1")


_SLOTS: dict[tuple[str, int], int] = {}


def _candidate(
    passage: Passage,
    index: int,
    score: float,
    *,
    leans: bool = False,
    on_subject: bool = True,
    rank: int = 0,
    cut_at: int = 0,
    remark: bool = False,
    overlap: float = 0.5,
) -> Candidate:
    start, end = passage.sentences[index]
    # One axis per sentence, so no two sentences look alike (`hash` of a str varies by process
    # and made two sentences collide, and one be dropped as a repeat, in some runs).
    vector = np.zeros(64, dtype=np.float32)
    vector[_SLOTS.setdefault((passage.id, index), len(_SLOTS))] = 1.0
    return Candidate(
        rank,
        passage,
        start + cut_at,
        end,
        index,
        score,
        score,
        vector,
        cut=cut_at > 0,
        leans=leans,
        on_subject=on_subject,
        remark=remark,
        overlap=overlap,
    )


def _texts(runs: list[list[Candidate]]) -> list[list[str]]:
    return [[c.text for c in run] for run in runs]


A = _passage(
    "a",
    "WHO provides technical leadership.",
    "UNICEF procures the vaccines.",
    "Rotary mobilises funds and advocacy.",
    "Markets were volatile that year.",
)


def test_the_best_passage_gives_a_run_of_consecutive_sentences() -> None:
    candidates = [_candidate(A, 1, 0.9), _candidate(A, 0, 0.85), _candidate(A, 2, 0.8)]
    runs = compose(sorted(candidates, key=lambda c: -c.score))
    assert _texts(runs) == [
        [
            "WHO provides technical leadership.",
            "UNICEF procures the vaccines.",
            "Rotary mobilises funds and advocacy.",
        ]
    ]


def test_a_weak_neighbour_does_not_join_the_run() -> None:
    runs = compose([_candidate(A, 2, 0.9), _candidate(A, 3, 0.3)])
    assert _texts(runs) == [["Rotary mobilises funds and advocacy."]]


def test_a_leaning_sentence_brings_its_referent_along() -> None:
    b = _passage("b", "Trust lowers the cost of working together.", "This explains why it lasts.")
    runs = compose([_candidate(b, 1, 0.9, leans=True), _candidate(b, 0, 0.2)])
    assert _texts(runs) == [
        ["Trust lowers the cost of working together.", "This explains why it lasts."]
    ]


def test_a_leaning_sentence_whose_referent_is_not_quotable_is_not_used() -> None:
    b = _passage("b", "I'll explain trust next.", "This explains why partnerships last.")
    runs = compose([_candidate(b, 1, 0.9, leans=True)])  # sentence 0 is no candidate
    assert runs == []


def test_a_paragraph_s_number_between_a_leaning_sentence_and_its_referent_is_passed_over() -> None:
    passage = _passage(
        "p",
        "The work draws on data from the police and the local authority.",
        "2.",
        "In this case, multi-agency means statutory and third sector bodies.",
    )
    # The number "2." is no candidate: it cannot be quoted alone.
    referent, leaning = _candidate(passage, 0, 0.5), _candidate(passage, 2, 0.9, leans=True)
    runs = compose([leaning, referent], Shape())
    assert _texts(runs) == [[referent.text, leaning.text]]
    assert [p.passage.text[p.start : p.end] for p in pieces_of(runs[0])] == [passage.text]


def test_at_most_two_further_passages_each_a_short_run() -> None:
    others = [_passage(p, "One fact here.", "Two facts here.", "Three facts.") for p in "wxyz"]
    candidates = [_candidate(A, 0, 1.0)]
    for rank, passage in enumerate(others, 1):
        candidates += [_candidate(passage, i, 0.95 - rank * 0.01, rank=rank) for i in range(3)]
    runs = compose(sorted(candidates, key=lambda c: -c.score), Shape(extra_run=2))
    assert [run[0].passage.id for run in runs] == ["a", "w", "x"]
    assert all(len(run) <= 2 for run in runs[1:])


def test_a_sentence_off_the_subject_never_seeds_a_run() -> None:
    gef = _passage("g", "The GEF funds environmental projects.")
    runs = compose([_candidate(gef, 0, 1.0, on_subject=False), _candidate(A, 1, 0.9)])
    assert _texts(runs) == [["UNICEF procures the vaccines."]]


def test_a_sentence_that_opens_a_list_keeps_its_items() -> None:
    listing = _passage(
        "l",
        "The partners each have a role:",
        "WHO leads the technical work.",
        "UNICEF buys vaccines.",
        "Rotary raises money.",
    )
    candidates = [_candidate(listing, 0, 0.9)] + [_candidate(listing, i, 0.1) for i in range(1, 4)]
    runs = compose(candidates)
    assert len(runs[0]) == 4


def test_an_item_said_in_a_passage_before_still_follows_its_list_but_seeds_no_run() -> None:
    # Two pages of one handbook give the same definition.
    listing = _passage("l", "Open data is defined as follows:", "Anyone may use and share it.")
    other = _passage("o", "Anyone may use and share it.")
    repeated = replace(_candidate(listing, 1, 0.2, rank=1), repeated=True)
    candidates = [_candidate(other, 0, 0.95), _candidate(listing, 0, 0.9, rank=1), repeated]
    assert _texts(compose(candidates))[1] == [
        "Open data is defined as follows:",
        "Anyone may use and share it.",
    ]
    assert compose([replace(repeated, score=2.0, relevance=2.0)]) == []


def test_consecutive_sentences_form_one_piece_and_a_cut_starts_a_new_one() -> None:
    b = _passage("b", "Trust matters a lot here.", "I'll argue: Partners must trust each other.")
    run = [_candidate(b, 0, 0.9), _candidate(b, 1, 0.8, cut_at=len("I'll argue: "))]
    pieces = pieces_of(run)
    assert [(p.text, p.cut) for p in pieces] == [
        ("Trust matters a lot here.", False),
        ("Partners must trust each other.", True),
    ]


def test_a_chain_of_leaning_sentences_is_dropped_when_its_first_referent_is_not_quotable() -> None:
    b = _passage("b", "I'll describe systems.", "This means they emerge.", "They self-organise.")
    candidates = [_candidate(b, 2, 0.9, leans=True), _candidate(b, 1, 0.5, leans=True)]
    assert compose(candidates) == []


B = _passage(
    "b",
    "Governance: This is the practical heart of it.",
    "Steering committees meet every quarter to review results.",
    "Markets were volatile that year.",
    "Each partner reports its spending to the others.",
)


def test_a_labelled_remark_never_answers_alone_but_may_lead_into_what_follows() -> None:
    remark = _candidate(B, 0, 0.95, remark=True)
    runs = compose([remark, _candidate(B, 1, 0.9)])
    assert _texts(runs) == [
        [
            "Governance: This is the practical heart of it.",
            "Steering committees meet every quarter to review results.",
        ]
    ]
    assert compose([remark]) == []


def test_a_sentence_sharing_no_telling_word_with_the_question_does_not_seed() -> None:
    filler = _candidate(A, 3, 0.95, overlap=0.0)
    runs = compose([filler, _candidate(B, 1, 0.9)])
    assert _texts(runs) == [["Steering committees meet every quarter to review results."]]


def test_a_sentence_naming_what_a_typed_question_asks_for_may_seed_without_its_words() -> None:
    # "Which organisations make up the initiative?" — "WHO provides technical leadership…"
    named = replace(_candidate(A, 0, 0.95, overlap=0.0), typed=True)
    runs = compose([named, _candidate(B, 1, 0.9)])
    assert runs[0][0].text == "WHO provides technical leadership."


def test_for_a_typed_question_a_close_sentence_holding_the_answer_leads_alone() -> None:
    # "On what date…?": the dated sentence leads, and the passage's stronger undated sentence
    # is not put in front of it.
    d = _passage("d", "Too often alliances fail quietly.", "x" * 10, "On June 4 they met.")
    stronger = _candidate(d, 0, 0.95)
    dated = replace(_candidate(d, 2, 0.9), typed=True)
    runs = compose([stronger, dated])
    assert _texts(runs)[0] == ["On June 4 they met."]


def test_a_strong_sentence_elsewhere_in_the_best_passage_joins_as_a_further_piece() -> None:
    runs = compose([_candidate(B, 1, 0.9), _candidate(B, 3, 0.85), _candidate(B, 2, 0.1)])
    assert _texts(runs) == [
        [
            "Steering committees meet every quarter to review results.",
            "Each partner reports its spending to the others.",
        ]
    ]
    assert len(pieces_of(runs[0])) == 2  # not adjacent: two pieces of one citation


def test_a_sentence_announcing_what_is_not_quoted_after_it_is_left_out() -> None:
    p = _passage(
        "colon",
        "Open licences let anyone reuse the data.",
        "The list of licences can be found at:",
        "[a table of links]",
    )
    # The table after the colon is not quotable, so nothing it announces would follow it.
    runs = compose([_candidate(p, 0, 0.9), _candidate(p, 1, 0.85)])
    assert _texts(runs) == [["Open licences let anyone reuse the data."]]


def test_a_seed_that_announces_a_list_is_kept_for_what_it_says() -> None:
    p = _passage("themes", "Seven key themes emerged in the conversations:", "[a table]")
    runs = compose([_candidate(p, 0, 0.9)])
    assert _texts(runs) == [["Seven key themes emerged in the conversations:"]]


def test_a_table_row_is_quoted_alone_with_every_sentence_of_its_cells() -> None:
    rows = ["Donor: Sweden; Amount: 10", "Donor: Norway; Note: Pledged early.", "Paid in May."]
    text = f"{rows[0]}\n\n{rows[1]} {rows[2]}"
    spans = tuple((text.index(r), text.index(r) + len(r)) for r in rows)
    table = Passage("t", "d", "T", "S", text, spans, "page 3", kind="table")
    runs = compose(
        [_candidate(table, 1, 0.9), _candidate(table, 2, 0.8), _candidate(table, 0, 0.5)]
    )
    # The row beside it (Sweden) scores close enough to the seed as a neighbour would, but
    # a row is not a neighbour: only the cells of the row asked about come along.
    assert _texts(runs)[0] == ["Donor: Norway; Note: Pledged early.", "Paid in May."]


def test_another_row_nearly_as_good_comes_along_only_if_it_names_what_was_asked() -> None:
    rows = ["Donor: Sweden; Amount: 10", "Donor: Norway; Amount: 12", "Donor: Spain; Amount: 9"]
    text = "\n\n".join(rows)
    spans = tuple((text.index(r), text.index(r) + len(r)) for r in rows)
    table = Passage("t", "d", "T", "S", text, spans, "page 3", kind="table")
    sweden, norway, spain = (_candidate(table, i, 0.9 - i / 100) for i in range(3))
    asked_about_sweden = [sweden, replace(norway, names_all=False), replace(spain, names_all=False)]
    assert _texts(compose(asked_about_sweden)) == [["Donor: Sweden; Amount: 10"]]
    # "Which donors gave more than 8?" names no donor: the rows as good as the first come too.
    assert _texts(compose([sweden, norway, spain]))[0][:2] == [rows[0], rows[1]]


def test_a_typed_answer_whose_holding_sentence_cannot_be_quoted_is_declined() -> None:
    # "How much did Germany give?": the sentence with its sum leans on one that cannot be
    # quoted, and the runs composed without it (another fund's sum) do not answer.
    p = _passage("g", "I'll explain the donors.", "It gave $5 million.", "Another fund got $9m.")
    holding = _candidate(p, 1, 0.9, leans=True)  # its referent, sentence 0, is not quotable
    other = _candidate(p, 2, 0.8)
    runs = compose([holding, other])
    assert _texts(runs) == [["Another fund got $9m."]]
    assert with_wanted([holding, other], runs, lambda c: c is holding, Shape(), 0.1) == ([], 0.0)


def test_a_typed_answer_starts_from_the_best_quotable_sentence_that_holds_it() -> None:
    p = _passage("h", "I'll explain the donors.", "It gave $5 million.", "Germany gave $9m.")
    leaning, holding = _candidate(p, 1, 0.9, leans=True), _candidate(p, 2, 0.8)
    runs, typed = with_wanted([leaning, holding], [], lambda c: "$" in c.text, Shape(), 0.1)
    assert (_texts(runs), typed) == ([["Germany gave $9m."]], 1.0)


def _row(pid: str, text: str, score: float, *, names_all: bool) -> Candidate:
    table = replace(_passage(pid, text), kind="table")
    return replace(_candidate(table, 0, score), typed=True, names_all=names_all)


def test_a_further_table_row_must_name_what_the_question_names() -> None:
    # "How much did the Korean Committee give?": not the Italian Committee's row as well.
    asked = _row("k", "Donor: Korean Committee; Amount (US$): 1,617,767", 0.9, names_all=True)
    other = _row("i", "Donor: Italian Committee; Amount (US$): 458,837", 0.85, names_all=False)
    assert _texts(compose([asked, other])) == [[asked.text]]


def test_a_typed_answer_adds_further_passages_only_for_what_it_asks_for() -> None:
    sums = _passage("s", "The fund mobilized US$10.9 million in 2024.")
    goals = _passage("g", "The fund contributes to four of the goals.")
    typed = replace(_candidate(sums, 0, 0.9), typed=True)
    untyped = _candidate(goals, 0, 0.88)
    assert _texts(compose([typed, untyped])) == [[typed.text]]
    # An untyped answer takes both.
    assert len(compose([replace(typed, typed=False), untyped])) == 2


def test_a_typed_answer_may_add_a_table_row_whose_column_does_not_say_its_type() -> None:
    # "2024 budget: 14 971.4" is a sum, though its column names no currency.
    sums = _passage("t", "The Assembly allocated an additional $53 million in 2024.")
    typed = replace(_candidate(sums, 0, 0.9), typed=True)
    row = replace(
        _row("r", "Component: Global coordination; 2024 budget: 14 971.4", 0.85, names_all=True),
        typed=False,
    )
    assert _texts(compose([typed, row])) == [[typed.text], [row.text]]


def test_a_line_without_a_stop_neither_answers_alone_nor_joins_a_run_but_stays_in_its_list() -> (
    None
):
    contact = _passage(
        "c",
        "The institute is a partnership of the university and the schools.",
        "James Vivian, Director, P.O. Box 203563 New Haven, phone (203) 432-1080",
    )
    runs = compose([_candidate(contact, 1, 0.95), _candidate(contact, 0, 0.9)])
    assert _texts(runs) == [["The institute is a partnership of the university and the schools."]]
    signed = _passage("s", "“We need to bring people together.” —Kris Balderston, Special Envoy")
    assert _texts(compose([_candidate(signed, 0, 0.9)])) == [[signed.text]]
    listing = _passage("l", "Its partners are:", "The university", "The city's schools")
    candidates = [_candidate(listing, 0, 0.9)] + [_candidate(listing, i, 0.1) for i in (1, 2)]
    assert _texts(compose(candidates)) == [
        ["Its partners are:", "The university", "The city's schools"]
    ]
