"""A table drawn on a PDF page is read row by row, never as cells in column order."""

from app.ingest.pdf import read_pdf
from tests.pdfs import Text, lines, make_pdf

PROSE = [
    "Partners agreed to share their data openly with",
    "every member of the network during the year and",
    "to report each quarter on what had been achieved.",
]


def _results_table() -> list[Text]:
    """A table whose first column wraps over two lines; numbers set under their headers."""
    header = [Text(72, 700, "Indicator"), Text(300, 700, "Baseline"), Text(380, 700, "2024")]
    header.append(Text(440, 700, "Source"))
    first = [
        Text(72, 680, "Share of country teams with a joint"),
        Text(305, 680, "66%"),
        Text(383, 680, "92%"),
        Text(440, 680, "UN-Info"),
        Text(72, 668, "workplan published online"),
    ]
    second = [
        Text(72, 648, "Share of reports produced on time"),
        Text(305, 648, "64%"),
        Text(380, 648, "100%"),
        Text(440, 648, "Survey of"),
        Text(440, 636, "country teams"),
    ]
    return [*header, *first, *second, *lines(72, 600, [*PROSE, *PROSE])]


def test_a_table_is_read_row_by_row_with_wrapped_cells_whole() -> None:
    document = read_pdf(make_pdf([_results_table()]))
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("table_row", "Indicator | Baseline | 2024 | Source"),
        (
            "table_row",
            "Share of country teams with a joint workplan published online | 66% | 92% | UN-Info",
        ),
        ("table_row", "Share of reports produced on time | 64% | 100% | Survey of country teams"),
        ("paragraph", " ".join([*PROSE, *PROSE])),
    ]


def test_a_line_of_short_labels_over_prose_is_no_table() -> None:
    labels = [Text(72, 700, "Core"), Text(200, 700, "Non-core"), Text(330, 700, "Total")]
    document = read_pdf(make_pdf([[*labels, *lines(72, 680, [*PROSE, *PROSE])]]))
    assert " ".join([*PROSE, *PROSE]) in [b.text for b in document.blocks]
    assert not any(b.kind == "table_row" and "Partners" in b.text for b in document.blocks)
