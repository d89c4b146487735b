"""Sentence boundaries."""

from app.ingest.sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "The U.S. Department of State invited them, e.g. NGOs. Dr. Lerman spoke."
    assert _sentences(text) == [
        "The U.S. Department of State invited them, e.g. NGOs.",
        "Dr. Lerman spoke.",
    ]
    cited = "It funds the office (see resolution 72/279, para. 10, and pp. 4-5). It grew."
    assert _sentences(cited) == [
        "It funds the office (see resolution 72/279, para. 10, and pp. 4-5).",
        "It grew.",
    ]


def test_a_list_closed_by_etc_ends_its_sentence_before_a_capital() -> None:
    text = "WHO leads, UNICEF buys vaccines, etc. This works. Apples, pears, etc. are fruit."
    assert _sentences(text) == [
        "WHO leads, UNICEF buys vaccines, etc.",
        "This works.",
        "Apples, pears, etc. are fruit.",
    ]


def test_an_item_number_does_not_end_a_sentence() -> None:
    text = "Indicator: 4. Platform Independence is required. It rose to 4. Then"
    assert _sentences(text) == [
        "Indicator: 4. Platform Independence is required.",
        "It rose to 4.",
        "Then",
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = "He said, “We need to bring people together.” Then he left."
    assert _sentences(text) == ["He said, “We need to bring people together.”", "Then he left."]


def test_unfinished_tail_is_kept_as_a_sentence() -> None:
    assert _sentences("A full one. And a cut-off one that never") == [
        "A full one.",
        "And a cut-off one that never",
    ]


def test_offsets_point_into_the_text() -> None:
    text = "  One.   Two?  Three!"
    assert [text[a:b] for a, b in split_sentences(text)] == ["One.", "Two?", "Three!"]


def test_decimal_section_numbers_do_not_split() -> None:
    assert len(split_sentences("Section 1.4 covers scale. Next.")) == 2
