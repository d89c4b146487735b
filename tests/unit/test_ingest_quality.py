"""The ingestion-quality measures: shingles, furniture lines, markup."""

from app.evaluation.ingest_quality import (
    furniture_marks,
    has_furniture,
    line_shingles,
    repeated_lines,
    shingles,
    words,
)


def test_a_word_broken_at_a_line_end_counts_as_the_whole_word() -> None:
    assert words("pro-\ngramme and pre\ufffespecified") == ["programme", "and", "prespecified"]
    assert shingles("one two three four five six seven eight nine") == {
        ("one", "two", "three", "four", "five", "six", "seven", "eight"),
        ("two", "three", "four", "five", "six", "seven", "eight", "nine"),
    }


def test_lines_at_the_edge_of_many_pages_are_furniture_whatever_their_page_number() -> None:
    topics = ["water", "schools", "health", "roads", "budgets", "data"]
    pages = [
        f"UNICEF {n}\nOn {t}.\nMore on {t}.\nLast on {t}.\nUNICEF report"
        for n, t in enumerate(topics)
    ]
    assert repeated_lines(pages) == {f"unicef {n}" for n in range(6)} | {"unicef report"}


def test_a_line_repeated_inside_pages_is_not_furniture() -> None:
    pages = [f"Header {n}\nFirst\nProtection\nmatters\nSecond\nLast {n}" for n in range(2)]
    assert repeated_lines(pages) == set()


def test_line_shingles_stay_inside_lines_and_skip_a_word_broken_at_a_line_end() -> None:
    lines = ["one two three four five six seven eight nine pro-", "gramme ends", "a b c"]
    assert line_shingles(lines) == [
        "one two three four five six seven eight",
        "two three four five six seven eight nine",
        "a b c",
    ]


def test_furniture_marks_find_a_running_footer_and_a_page_of_pages() -> None:
    marks = furniture_marks({"dp/fpa/2025/11", "2/30 25-12740"}, 30)
    assert has_furniture("the 2024 survey DP/FPA/2025/11 2/30 confirmed", marks)
    assert has_furniture("reported in 25-12740 and", marks)
    assert not has_furniture("resolution 75/233 of 2024/19 and 3/300", marks)


def test_a_mark_is_furniture_only_inside_one_block_of_a_passage() -> None:
    marks = furniture_marks({"unicef 1"}, 12)
    assert has_furniture("Thanks to UNICEF 1 The fund grew", marks)
    assert not has_furniture("Director, UNICEF\n\n1 The fund grew", marks)
