"""The ingestion-quality measures: shingles, furniture lines, markup."""

from app.evaluation.ingest_quality import repeated_lines, shingles, words


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
