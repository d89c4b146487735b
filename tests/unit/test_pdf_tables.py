"""A table drawn on a PDF page is read row by row, never as cells in column order."""

from itertools import pairwise

import pytest

from app.ingest.pdf import read_pdf
from app.ingest.pdf_tables import readable
from tests.pdfs import Border, Text, lines, make_pdf, width

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


def test_a_table_is_read_row_by_row_each_row_naming_its_columns() -> None:
    document = read_pdf(make_pdf([_results_table()]))
    assert [(b.kind, b.text) for b in document.blocks] == [
        (
            "table_row",
            "Indicator: Share of country teams with a joint workplan published online;"
            " Baseline: 66%; 2024: 92%; Source: UN-Info",
        ),
        (
            "table_row",
            "Indicator: Share of reports produced on time; Baseline: 64%; 2024: 100%;"
            " Source: Survey of country teams",
        ),
        ("paragraph", " ".join([*PROSE, *PROSE])),
    ]


def test_a_row_keeps_its_cells_in_column_order_with_an_empty_cell_where_it_has_none() -> None:
    header = [Text(72, 700, "Country"), Text(250, 700, "Share"), Text(350, 700, "Rank")]
    rows = [Text(72, 680, "Norway"), Text(252, 680, "85.3"), Text(352, 680, "12")]
    rows += [Text(72, 664, "Chile"), Text(352, 664, "7")]
    rows += [Text(72, 648, "Kenya"), Text(252, 648, "40.1"), Text(352, 648, "3")]
    document = read_pdf(make_pdf([[*header, *rows, *lines(72, 600, [*PROSE, *PROSE])]]))
    table = [b for b in document.blocks if b.kind == "table_row"]
    assert [(b.header, b.cells) for b in table] == [
        (("Country", "Share", "Rank"), ("Norway", "85.3", "12")),
        (("Country", "Share", "Rank"), ("Chile", "", "7")),
        (("Country", "Share", "Rank"), ("Kenya", "40.1", "3")),
    ]
    assert [b.text for b in table] == [
        "Country: Norway; Share: 85.3; Rank: 12",
        "Country: Chile; Rank: 7",
        "Country: Kenya; Share: 40.1; Rank: 3",
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
    names = (
        "Indicative resources 2022-2025 Millions of dollars",
        "Percentage",
        "Actual 2024 Millions of dollars",
        "Cumulative 2022-2024 Millions of dollars",
        "Percentage",
    )
    assert rows == [
        f"Outcome 1: The reduction in the unmet need; {names[0]}: 2,078.2; {names[1]}: 40.0;"
        f" {names[2]}: 418.7",
        f"Outcome 2: Fewer deaths of mothers; {names[0]}: 1,819.1; {names[1]}: 35.0;"
        f" {names[2]}: 290.7",
        f"Total; {names[0]}: 3,897.3; {names[1]}: 75.0; {names[2]}: 709.4",
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
        "Output: 1.1 Joint dialogues with Governments; Indicator: Share of teams with a joint"
        " steering committee; Baseline: 64% (2020); Target: 95%; Source: UN-Info, Information",
        "Output: 1.2 Consultations; Indicator: Share prepared with: Parliament;"
        " Baseline: 53% (2020); Target: 60%; Source: UN-Info",
        "Indicator: Civil society; Baseline: 87% (2020); Target: 96%",
    ]


def test_a_table_whose_cells_hold_several_figures_is_left_out_and_counted() -> None:
    header = [Text(x, 700, t) for x, t in ((72, "Level"), (250, "Posts"), (330, "Grade"))]
    header.append(Text(410, 700, "Total"))
    rows = []
    for top, label in ((680, "Global"), (664, "Regional"), (648, "Country")):
        rows += [Text(72, top, label), Text(250, top, "- 1"), Text(330, top, "5 3")]
        rows.append(Text(410, top, "14 2"))
    document = read_pdf(make_pdf([[*header, *rows, *lines(72, 600, [*PROSE, *PROSE])]]))
    assert [b.kind for b in document.blocks] == ["paragraph"]
    assert document.dropped["tables left out"] == 1


def test_figures_with_their_thousands_set_apart_by_spaces_are_one_figure_each() -> None:
    header = [Text(x, 700, t) for x, t in ((72, "Component"), (250, "Budget"), (330, "Spent"))]
    header.append(Text(410, 700, "Variance"))
    rows = []
    for top, label in ((680, "Global"), (664, "Regional"), (648, "Country")):
        rows += [Text(72, top, label), Text(250, top, "14 971.4"), Text(330, top, "13 129.8")]
        rows.append(Text(410, top, "1 841.6"))
    document = read_pdf(make_pdf([[*header, *rows, *lines(72, 600, [*PROSE, *PROSE])]]))
    assert next(b.text for b in document.blocks if b.kind == "table_row") == (
        "Component: Global; Budget: 14 971.4; Spent: 13 129.8; Variance: 1 841.6"
    )
    assert "tables left out" not in document.dropped


def test_a_table_with_most_cells_empty_or_one_filled_cell_a_row_is_not_read_as_rows() -> None:
    assert not readable([["Norway", "", "", ""], ["", "", "12", ""], ["Chile", "", "", ""]])
    assert not readable([["Norway", ""], ["Chile", ""], ["", "Kenya"]])
    assert not readable([["•", "–"], ["•", "x"], ["a", "Kenya"]])
    assert readable([["Norway", "85.3", "12"], ["Chile", "", "7"]])


def test_a_table_of_ticks_reads_as_rows_though_most_of_its_cells_are_empty() -> None:
    ticks = [["Seed distribution", "X", "", "", ""], ["Cash transfers", "", "X", "X", ""]]
    assert readable([*ticks, ["Training of technicians", "", "", "", "X"]])
    assert not readable([*ticks, ["", "", "", "", "X"]])  # a row without its label


def _timeline(borders: str) -> list[Text | Border]:
    """A work plan: activities down the left, a tick under each month they run in, rows set
    as close as a label's wrapped lines and parted only by the `borders` drawn between
    them: "rules", shaded "boxes" or "none"."""
    months = [Text(250 + 40 * i, 700, m, 8, bold=True) for i, m in enumerate(["Mar", "Apr"])]
    months += [Text(330 + 40 * i, 700, m, 8, bold=True) for i, m in enumerate(["May", "Jun"])]
    rows = [Text(72, 684, "Seed distribution to farmers"), Text(292, 684, "X")]
    rows += [Text(72, 672, "Cash transfers to protect livelihoods and")]
    rows += [Text(332, 672, "X"), Text(372, 672, "X"), Text(72, 660, "other essential needs")]
    rows += [Text(72, 648, "Training of health technicians"), Text(252, 648, "X")]
    edges = (694, 681, 657, 645)
    rules = {
        "rules": [Border(66, 420, y) for y in edges],
        "boxes": [Border(66, 420, a, a - b) for a, b in pairwise(edges)],
    }.get(borders, [])
    return [*months, *rows, *rules, *lines(72, 600, [*PROSE, *PROSE])]


@pytest.mark.parametrize("borders", ["rules", "boxes"])
def test_rows_set_close_are_parted_by_the_rules_or_boxes_drawn_between_them(borders: str) -> None:
    rows = [
        "Seed distribution to farmers; Apr: X",
        "Cash transfers to protect livelihoods and other essential needs; May: X; Jun: X",
        "Training of health technicians; Mar: X",
    ]
    document = read_pdf(make_pdf([_timeline(borders)]))
    assert [b.text for b in document.blocks if b.kind == "table_row"] == rows
    unruled = read_pdf(make_pdf([_timeline("none")]))  # the rows run together
    assert rows[1] not in [b.text for b in unruled.blocks]


def test_cells_set_flush_left_under_a_centred_header_keep_their_column() -> None:
    label = "Trigger window"
    at = 72 + width(label) + 70
    header = [Text(72, 700, label), Text(at, 700, "Indicator"), Text(at + 140, 700, "Source")]
    cells = [Text(72, 680, "Window A"), Text(at - 50, 680, "Seasonal rainfall")]
    cells += [Text(at + 140, 680, "National office"), Text(at - 50, 668, "forecast")]
    cells += [Text(72, 648, "Window B"), Text(at - 50, 648, "Monthly rainfall")]
    cells += [Text(at + 140, 648, "Regional centre"), Text(at - 50, 636, "outlook")]
    document = read_pdf(make_pdf([[*header, *cells, *lines(72, 580, [*PROSE, *PROSE])]]))
    assert [b.text for b in document.blocks if b.kind == "table_row"] == [
        "Trigger window: Window A; Indicator: Seasonal rainfall forecast; Source: National office",
        "Trigger window: Window B; Indicator: Monthly rainfall outlook; Source: Regional centre",
    ]


def test_rows_in_boxes_taller_than_their_text_stay_in_the_table_past_the_gap() -> None:
    header = [Text(x, 700, t, bold=True) for x, t in ((72, "Who"), (180, "Does what"))]
    header += [Text(400, 700, "How", bold=True), Text(480, 700, "When", bold=True)]
    first = [Text(72, 684, "Data centre"), Text(180, 684, "Checks the forecast")]
    first += [Text(400, 684, "Online"), Text(480, 684, "Monthly")]
    second = [Text(72, 646, "Country team"), Text(180, 646, "Meets to decide")]
    second += [Text(400, 646, "Meeting"), Text(480, 646, "Weekly")]
    document = read_pdf(make_pdf([[*header, *first, *second, *lines(72, 580, PROSE * 2)]]))
    assert [b.text for b in document.blocks if b.kind == "table_row"] == [
        "Who: Data centre; Does what: Checks the forecast; How: Online; When: Monthly",
        "Who: Country team; Does what: Meets to decide; How: Meeting; When: Weekly",
    ]


def test_header_cells_set_a_little_more_than_a_font_size_apart_are_two_columns() -> None:
    gap = 1.4 * 10
    at = 380 + width("2024 results") + gap
    header = [
        Text(72, 700, "Indicator"),
        Text(300, 700, "Baseline"),
        Text(380, 700, "2024 results"),
    ]
    header.append(Text(at, 700, "Source"))
    rows = []
    for top, label, value in ((680, "Share of teams", "89%"), (664, "Share of offices", "81%")):
        rows += [Text(72, top, label), Text(300, top, "70%"), Text(380, top, value)]
        rows.append(Text(at, top, "Survey"))
    document = read_pdf(make_pdf([[*header, *rows, *lines(72, 600, [*PROSE, *PROSE])]]))
    assert [b.text for b in document.blocks if b.kind == "table_row"] == [
        "Indicator: Share of teams; Baseline: 70%; 2024 results: 89%; Source: Survey",
        "Indicator: Share of offices; Baseline: 70%; 2024 results: 81%; Source: Survey",
    ]


def test_a_heading_over_a_shaded_figure_after_a_table_ends_the_table() -> None:
    header = [Text(x, 700, t, bold=True) for x, t in ((72, "Who"), (200, "What"), (400, "When"))]
    rows = [
        Text(72, 684, "Council"),
        Text(200, 684, "Trains responders"),
        Text(400, 684, "Monthly"),
    ]
    rows += [Text(72, 668, "Police"), Text(200, 668, "Disrupts crime"), Text(400, 668, "Weekly")]
    heading = Text(72, 630, "Equipping the workforce", 18)
    band = Border(60, 500, 620, 30)  # a figure's shaded band below the heading
    figure = [Text(90, 605, "Level 1 Awareness"), Text(300, 605, "1253 trained")]
    page: list[Text | Border] = [*header, *rows, heading, band, *figure]
    document = read_pdf(make_pdf([[*page, *lines(72, 540, PROSE * 2)]]))
    assert [b.text for b in document.blocks if b.kind == "heading"] == ["Equipping the workforce"]
