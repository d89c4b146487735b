"""A PDF's masthead, back cover and small print are not read as the text of its sections."""

from app.ingest.blocks import ParsedDocument
from app.ingest.pdf import read_pdf
from tests.pdfs import Text, lines, make_pdf

PROSE = [
    "Partners agreed to share their data openly with",
    "every member of the network during the year and",
    "to report each quarter on what had been achieved.",
]
TITLE = "Annual report of the partnership office"


def texts(document: ParsedDocument) -> list[str]:
    return [block.text for block in document.blocks]


def test_short_lines_above_the_title_on_the_first_page_are_metadata() -> None:
    cover = [
        Text(72, 740, "United Nations", 14),
        Text(400, 740, "Distr.: General"),
        Text(400, 728, "29 April 2025"),
        Text(400, 704, "Original: English"),
        Text(72, 680, "Agenda item 7 (a)"),
        Text(72, 640, TITLE, 16, bold=True),
        *lines(72, 610, [*PROSE, *PROSE]),
    ]
    document = read_pdf(make_pdf([cover]))
    assert document.title == TITLE
    assert texts(document)[-1] == " ".join([*PROSE, *PROSE])
    assert not any("Distr" in t or "English" in t or "Agenda" in t for t in texts(document))
    assert document.metadata["masthead"] == (
        "Distr.: General 29 April 2025 / Original: English / Agenda item 7 (a)"
    )
    assert document.dropped["masthead blocks"] == 3


def test_short_lines_below_the_title_stay() -> None:
    cover = [
        Text(72, 640, TITLE, 16, bold=True),
        Text(72, 620, "Prepared by the partnership office"),
        *lines(72, 590, [*PROSE, *PROSE]),
    ]
    document = read_pdf(make_pdf([cover]))
    assert "Prepared by the partnership office" in texts(document)
    assert "masthead" not in document.metadata


def _report(last_page: list[Text]) -> bytes:
    return make_pdf([lines(72, 700, PROSE), lines(72, 700, PROSE), last_page])


def test_a_last_page_of_contact_lines_is_back_matter() -> None:
    back = lines(
        72,
        500,
        [
            "Programme Group",
            "New York, United States",
            "www.example.org",
            "partners@example.org",
            "© Example Fund, July 2025",
        ],
    )
    document = read_pdf(_report(back))
    assert texts(document) == [" ".join(PROSE)] * 2
    assert document.dropped["back matter lines"] == 5


def test_a_last_page_of_prose_that_gives_an_address_stays() -> None:
    last = [*lines(72, 700, PROSE), Text(72, 600, "The data are at www.example.org/data.")]
    document = read_pdf(_report(last))
    assert "The data are at www.example.org/data." in texts(document)
    assert "back matter lines" not in document.dropped


def _page_with_a_photo_caption() -> list[Text]:
    """A paragraph whose lines are drawn around a photo's caption and credit, set small."""
    body = lines(72, 700, [*PROSE, *PROSE])
    caption = [
        Text(330, 690, "A girl reads at a learning centre in the north", 8),
        Text(330, 681, "of the country, where the network runs classes.", 8),
        Text(400, 664, "© Photo Agency/2024/Name", 8),
    ]
    return [*body[:2], *caption, *body[2:]]


def test_a_caption_in_small_type_never_runs_into_the_body_paragraph() -> None:
    document = read_pdf(make_pdf([_page_with_a_photo_caption()]))
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("paragraph", " ".join([*PROSE, *PROSE])),
        (
            "quote",
            "A girl reads at a learning centre in the north "
            "of the country, where the network runs classes.",
        ),
    ]


def test_small_print_that_is_no_sentence_is_dropped_and_counted() -> None:
    document = read_pdf(make_pdf([_page_with_a_photo_caption()]))
    assert not any("Photo Agency" in t for t in texts(document))
    assert document.dropped["small print lines"] == 1


def test_a_bulleted_fact_in_small_type_is_kept_without_its_bullet() -> None:
    page = [
        *lines(72, 700, PROSE),
        Text(330, 690, "· 1 in 4 people are projected to have", 8),
        Text(330, 681, "hearing problems by the year 2050.", 8),
    ]
    document = read_pdf(make_pdf([page]))
    assert ("quote", "1 in 4 people are projected to have hearing problems by the year 2050.") in [
        (b.kind, b.text) for b in document.blocks
    ]


def test_notes_marked_by_asterisks_set_close_are_kept_each_without_its_marker() -> None:
    page = [
        *lines(72, 700, PROSE),
        Text(72, 500, "*Issues deemed too sensitive to share are not captured here.", 8),
        Text(72, 490, "**Sedex recognises a twelfth indicator beyond the eleven.", 8),
    ]
    document = read_pdf(make_pdf([page]))
    assert [(b.kind, b.text) for b in document.blocks if b.kind == "quote"] == [
        ("quote", "Issues deemed too sensitive to share are not captured here."),
        ("quote", "Sedex recognises a twelfth indicator beyond the eleven."),
    ]


def test_a_cell_s_lines_wrapped_under_a_row_in_small_type_stay_in_the_row() -> None:
    page = [
        *lines(72, 700, PROSE, size=12),
        Text(72, 600, "Co-location", 10),
        Text(165, 600, "Co-locate partners in the same building: areas said", 10),
        Text(165, 588, "that working side by side was key to building trust.", 10),
    ]
    document = read_pdf(make_pdf([page]))
    assert [(b.kind, b.text) for b in document.blocks if b.kind != "paragraph"] == [
        (
            "table_row",
            "Co-location; Co-locate partners in the same building: areas said "
            "that working side by side was key to building trust.",
        )
    ]


def test_a_table_row_in_small_type_stays_a_row() -> None:
    page = [
        *lines(72, 700, PROSE),
        Text(72, 600, "Sweden", 8),
        Text(300, 600, "7,710,100", 8),
    ]
    document = read_pdf(make_pdf([page]))
    assert ("table_row", "Sweden; 7,710,100") in [(b.kind, b.text) for b in document.blocks]


def test_small_print_breaks_its_words_as_the_whole_document_writes_them() -> None:
    body = lines(72, 700, ["Donors gave multiyear funding to the office,", *PROSE])
    caption = [
        Text(72, 560, "Pupils in a class the office paid for with multi-", 8),
        Text(72, 550, "year funding from its partners last year.", 8),
    ]
    document = read_pdf(make_pdf([[*body, *caption]]))
    quotes = [b.text for b in document.blocks if b.kind == "quote"]
    assert quotes == [
        "Pupils in a class the office paid for with multiyear funding from its partners last year."
    ]


def test_the_title_is_the_top_heading_above_the_prose_not_a_subtitle_or_a_preamble() -> None:
    cover = [
        Text(72, 700, "Data Sourcing Strategy", 24, bold=True),
        Text(72, 670, "Technical document", 16, bold=True),
        Text(72, 640, "Preamble", 24, bold=True),
        *lines(72, 610, [*PROSE, *PROSE]),
    ]
    document = read_pdf(make_pdf([cover]))
    assert document.title == "Data Sourcing Strategy"


def test_a_title_ending_in_a_colon_goes_on_in_the_heading_under_it() -> None:
    cover = [
        Text(72, 700, "Results Data Initiative:", 24),
        Text(72, 670, "Findings from Ghana", 20),
        *lines(72, 640, [*PROSE, *PROSE]),
    ]
    document = read_pdf(make_pdf([cover]))
    assert document.title == "Results Data Initiative: Findings from Ghana"
    assert [b.text for b in document.blocks if b.kind == "heading"] == [document.title]
    # Further on, a part ending in a colon and its first section stay two headings.
    later = [
        Text(72, 700, "Recommendations:", 20),
        Text(72, 670, "For Government", 16),
        *lines(72, 640, [*PROSE, *PROSE]),
    ]
    document = read_pdf(make_pdf([cover, later]))
    headings = [b.text for b in document.blocks if b.kind == "heading"]
    assert headings[-2:] == ["Recommendations:", "For Government"]


def test_small_print_that_finishes_a_body_sentence_in_lower_case_joins_it() -> None:
    page = [
        *lines(72, 700, PROSE),
        Text(72, 640, "School-related violence is any threat or act of physical"),
        Text(72, 628, "or psychological violence in and around schools.", 8),
    ]
    document = read_pdf(make_pdf([page]))
    assert (
        "School-related violence is any threat or act of physical "
        "or psychological violence in and around schools."
    ) in texts(document)
    assert "small print lines" not in document.dropped


def test_small_print_does_not_run_on_from_a_source_s_address() -> None:
    page = [
        *lines(72, 700, PROSE),
        Text(72, 640, "Adapted from the guide at https://example.org/myths"),
        Text(72, 628, "hearing aids help those with residual hearing.", 8),
    ]
    document = read_pdf(make_pdf([page]))
    assert "Adapted from the guide at https://example.org/myths" in texts(document)
