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


def _budget_table() -> list[Text]:
    """A table in small type: a header over four lines under spanning headings, the last
    column too narrow for its word, row labels in a column of their own that wrap, a note."""
    spans = [Text(210, 700, "Indicative resources", 8.5, bold=True)]
    spans += [Text(350, 700, "Actual", 8.5, bold=True), Text(450, 700, "Cumulative", 8.5, True)]
    spans += [Text(230, 690, "2022-2025", 8.5, True), Text(355, 690, "2024", 8.5, True)]
    spans.append(Text(445, 690, "2022-2024", 8.5, bold=True))
    units = [Text(x, 680, t, 8) for x, t in ((205, "Millions of"), (263, "Percentage"))]
    units += [Text(x, 680, "Millions of", 8) for x in (350, 436)]
    units += [Text(486, 680, "Percentag", 8), Text(502, 671, "e", 8)]
    units += [Text(x, 671, "dollars", 8) for x in (215, 360, 446)]
    rows = []
    for top, label, more, figures in (
        (655, "Outcome 1: The reduction", "in the unmet need", ("2,078.2", "40.0", "418.7")),
        (625, "Outcome 2: Fewer deaths", "of mothers", ("1,819.1", "35.0", "290.7")),
        (595, "Total", "", ("3,897.3", "75.0", "709.4")),
    ):
        rows += [Text(88, top, label, 8.5), Text(88, top - 9.5, more, 8.5)]
        rows += [Text(x, top, f, 8.5) for x, f in zip((220, 281, 358), figures, strict=True)]
    note = Text(88, 575, "Note: the figures are rounded to one decimal.", 7)
    prose = lines(72, 540, [*PROSE, *PROSE, *PROSE])
    return [*spans, *units, *rows, note, *prose]


def test_a_header_over_several_lines_is_one_row_and_small_wrapped_cells_stay_whole() -> None:
    document = read_pdf(make_pdf([_budget_table()]))
    rows = [b.text for b in document.blocks if b.kind == "table_row"]
    assert rows == [
        "Indicative resources 2022-2025 Millions of dollars | Percentage"
        " | Actual 2024 Millions of dollars | Cumulative 2022-2024 Millions of dollars | Percentage",
        "Outcome 1: The reduction in the unmet need | 2,078.2 | 40.0 | 418.7",
        "Outcome 2: Fewer deaths of mothers | 1,819.1 | 35.0 | 290.7",
        "Total | 3,897.3 | 75.0 | 709.4",
    ]
    quotes = [b.text for b in document.blocks if b.kind == "quote"]
    assert quotes == ["Note: the figures are rounded to one decimal."]


def test_wrapped_cells_set_close_join_their_row_and_a_figure_under_a_figure_opens_one() -> None:
    header = [Text(x, 700, t) for x, t in ((72, "Output"), (180, "Indicator"), (400, "Baseline"))]
    header += [Text(480, 700, "Target"), Text(540, 700, "Source")]
    wrapped = [
        Text(72, 680, "1.1 Joint dialogues"),
        Text(180, 680, "Share of teams with a joint"),
        Text(400, 680, "64% (2020)"),
        Text(480, 680, "95%"),
        Text(540, 680, "UN-Info,"),
        Text(72, 668, "with Governments"),
        Text(180, 668, "steering committee"),
        Text(540, 668, "Information"),
    ]
    sub_rows = [Text(72, 644, "1.2 Consultations"), Text(180, 644, "Share prepared with:")]
    sub_rows += [Text(180, 632, "Parliament"), Text(400, 632, "53% (2020)")]
    sub_rows += [Text(480, 632, "60%"), Text(540, 632, "UN-Info")]
    sub_rows += [Text(180, 620, "Civil society"), Text(400, 620, "87% (2020)")]
    sub_rows.append(Text(480, 620, "96%"))
    prose = lines(72, 580, [*PROSE, *PROSE, *PROSE])
    document = read_pdf(make_pdf([[*header, *wrapped, *sub_rows, *prose]]))
    assert [b.text for b in document.blocks if b.kind == "table_row"] == [
        "Output | Indicator | Baseline | Target | Source",
        "1.1 Joint dialogues with Governments | Share of teams with a joint steering committee"
        " | 64% (2020) | 95% | UN-Info, Information",
        "1.2 Consultations | Share prepared with: Parliament | 53% (2020) | 60% | UN-Info",
        "Civil society | 87% (2020) | 96%",
    ]
