"""The PDF reader reads a page as a person does: furniture, footnotes and layout handled."""

import io

import pytest

from app.errors import UnreadableFileError
from app.ingest.blocks import ParsedDocument
from app.ingest.pdf import _given_title, read_pdf
from app.ingest.pdf_chars import read_pages
from app.ingest.pdf_text import join_lines, vocabulary
from app.ingest.sections import section_blocks
from tests.pdfs import BODY, Text, lines, make_pdf, width


def page(number: int, body: list[Text]) -> list[Text]:
    """A page with a running header, a document symbol and a page number."""
    return [
        Text(72, 760, "Annual report on partnerships", 9),
        Text(480, 760, "E/2030/12", 9),
        *body,
        Text(300, 30, f"{number}/3", 9),
    ]


def texts(document: ParsedDocument) -> list[str]:
    return [block.text for block in document.blocks]


PROSE = [
    "Partners agreed to share their data openly with",
    "every member of the network during the year and",
    "to report each quarter on what had been achieved.",
]


def test_running_headers_page_numbers_and_symbols_are_dropped() -> None:
    data = make_pdf([page(n, lines(72, 700, PROSE)) for n in (1, 2, 3)])
    document = read_pdf(data)
    joined = " ".join(texts(document))
    assert "Annual report" not in joined and "E/2030/12" not in joined and "/3" not in joined
    assert texts(document).count(" ".join(PROSE)) == 3
    assert document.dropped["furniture"] == 9


def test_a_running_footer_with_a_date_after_it_on_one_page_is_dropped_there_too() -> None:
    footer = "Forum Alternatives Analysis"
    pages = [
        [*lines(72, 700, PROSE), Text(108, 40, f"{footer} - January 11, 2024")],
        [*lines(72, 700, PROSE), Text(180, 40, footer)],
        [*lines(72, 700, PROSE), Text(180, 40, footer)],
    ]
    document = read_pdf(make_pdf(pages))
    assert not any("Forum" in text for text in texts(document))


def test_a_larger_line_is_a_heading_and_a_numbered_paragraph_is_not() -> None:
    body = [
        Text(72, 700, "Funding results", 16, bold=True),
        Text(72, 670, "Core funding", BODY, bold=True),
        *lines(72, 650, ["28. The Development Coordination Office in New York steers", *PROSE]),
    ]
    document = read_pdf(make_pdf([page(1, body), page(2, []), page(3, [])]))
    headings = [(b.text, b.level) for b in document.blocks if b.kind == "heading"]
    assert headings == [("Funding results", 1), ("Core funding", 2)]
    assert document.title == "Funding results"
    paragraph = [b.text for b in document.blocks if b.kind == "paragraph"]
    assert paragraph == [
        "28. The Development Coordination Office in New York steers " + " ".join(PROSE)
    ]


def test_a_numbered_title_in_bold_over_regular_text_is_a_heading_and_a_bold_lead_is_not() -> None:
    body = [
        Text(72, 700, "Public services", 16),
        Text(72, 676, "1. Reconstitute USA.gov as the Front Door to Government", bold=True),
        *lines(72, 664, PROSE),
        Text(72, 620, "2. Partners agreed to share their data openly with", bold=True),
        *lines(72, 608, PROSE[1:]),
    ]
    document = read_pdf(make_pdf([page(1, body), page(2, []), page(3, [])]))
    headings = [(b.text, b.level) for b in document.blocks if b.kind == "heading"]
    assert headings == [
        ("Public services", 1),
        ("1. Reconstitute USA.gov as the Front Door to Government", 2),
    ]
    assert texts(document)[-1].startswith(
        "2. Partners agreed to share their data openly with every"
    )


def test_a_title_set_apart_by_its_typeface_keeps_its_section_number() -> None:
    body = [
        Text(72, 700, "Problem profile template", 14, bold=True),
        Text(72, 670, "2.4 Definitions and context", BODY, font="F5"),
        *lines(72, 645, PROSE),
        Text(72, 600, "2.5 Guidance on handling", BODY, font="F5"),
        *lines(72, 575, PROSE),
    ]
    document = read_pdf(make_pdf([page(1, body), page(2, []), page(3, [])]))
    headings = [(b.text, b.level) for b in document.blocks if b.kind == "heading"]
    assert headings == [
        ("Problem profile template", 1),
        ("2.4 Definitions and context", 2),
        ("2.5 Guidance on handling", 2),
    ]


def test_a_title_set_apart_by_its_typeface_alone_is_a_heading_and_a_box_in_it_is_not() -> None:
    box = ["Glossary: terms used", "Open data: data anyone", "may use and share"]
    body = [
        Text(72, 700, "Data sourcing approaches", 14, bold=True),
        Text(90, 670, "a. Automatic data fetching", BODY, font="F5"),
        *lines(72, 645, PROSE),
        *[Text(400, 600 - 12 * i, line, BODY, font="F5") for i, line in enumerate(box)],
        *lines(72, 560, PROSE),
    ]
    document = read_pdf(make_pdf([page(1, body), page(2, []), page(3, [])]))
    headings = [(b.text, b.level) for b in document.blocks if b.kind == "heading"]
    assert headings == [("Data sourcing approaches", 1), ("a. Automatic data fetching", 2)]
    assert any(line in " ".join(texts(document)) for line in box)


def test_a_title_set_a_size_larger_in_the_body_s_face_is_a_heading_and_a_box_so_set_is_not() -> (
    None
):
    # Times at 12 points over Times at 11 is how one Word document sets its sub-headings;
    # a box set a size larger has lines that run on mid-sentence, and stays text.
    box = ["Partners were asked to", "report what they achieved", "in each quarter."]
    body = [
        Text(72, 700, "Stewardship and governance", 14),
        *lines(72, 680, PROSE),
        Text(72, 630, "Intellectual property", BODY + 1),
        *lines(72, 615, PROSE),
        Text(72, 565, "Governance principles", BODY + 1),
        *lines(72, 550, PROSE),
    ]
    boxed = [Text(72, 700 - 13 * i, line, BODY + 1) for i, line in enumerate(box)]
    document = read_pdf(make_pdf([page(1, body)]))
    headings = [(b.text, b.level) for b in document.blocks if b.kind == "heading"]
    assert headings == [
        ("Stewardship and governance", 1),
        ("Intellectual property", 2),
        ("Governance principles", 2),
    ]
    boxed_document = read_pdf(
        make_pdf([page(1, [*lines(72, 700, PROSE), *boxed, *lines(72, 600, PROSE)])])
    )
    assert not [b for b in boxed_document.blocks if b.kind == "heading"]


def test_a_numbered_part_label_above_a_title_opens_it_and_is_no_running_header() -> None:
    # "Theme 1:" … "Theme 3:" atop the pages that open the parts (pages 1, 2 and 4):
    # repeated in the margin, but counting parts, not pages.
    pages = [
        [
            Text(72, 740, f"Theme {n}:", BODY),
            Text(72, 722, title, 15),
            *lines(72, 690, PROSE),
            Text(300, 30, str(n), 9),
        ]
        for n, title in enumerate(["Data Collection", "Data Sharing", "Data Quality"], 1)
    ]
    more = [*lines(72, 740, PROSE), Text(300, 30, "x", 9)]
    document = read_pdf(make_pdf([pages[0], pages[1], more, pages[2]]))
    assert [b.text for b in document.blocks if b.kind == "heading"] == [
        "Theme 1: Data Collection",
        "Theme 2: Data Sharing",
        "Theme 3: Data Quality",
    ]


def test_a_bold_lead_in_and_a_lead_paragraph_set_large_are_no_headings() -> None:
    lead = [
        "We concluded with two questions about feedback: do data",
        "producers and users receive feedback about the data they",
        "report, and do workers hear about their services?",
    ]
    body = [
        Text(72, 700, "Feedback", 16),
        *[Text(72, 680 - 15 * i, line, BODY + 2) for i, line in enumerate(lead)],
        Text(72, 620, "Respondents expressed strong demand for", BODY, bold=True),
        *lines(72, 608, PROSE),
        Text(72, 560, "The register is the primary medium.", BODY, bold=True),
        *lines(72, 548, PROSE),
        Text(72, 500, "Data sharing in health", BODY, bold=True),
        *lines(72, 488, PROSE),
    ]
    document = read_pdf(make_pdf([page(1, body)]))
    assert [b.text for b in document.blocks if b.kind == "heading"] == [
        "Feedback",
        "Data sharing in health",
    ]
    assert any(
        t.startswith("Respondents expressed strong demand for Partners") for t in texts(document)
    )


def test_lines_set_far_apart_are_one_paragraph_when_the_document_sets_all_its_lines_so() -> None:
    # Google Docs text at 1.5 line spacing steps 1.8 font sizes from line to line, and a
    # little more between paragraphs: the document's own step tells them apart.
    step, gap = 1.8 * BODY, 2.4 * BODY
    body, top = [], 700.0
    for _ in range(5):
        body += [Text(72, top - step * i, line) for i, line in enumerate(PROSE)]
        top -= step * 2 + gap
    document = read_pdf(make_pdf([page(1, body)]))
    assert texts(document) == [" ".join(PROSE)] * 5


def test_a_section_title_repeated_atop_a_page_inside_a_sentence_is_a_running_head() -> None:
    first = [
        Text(72, 700, "Publish", 14),
        *lines(72, 680, [*PROSE, "A live service will always need care. Ensuring the"]),
    ]
    second = [Text(72, 740, "Publish", 14), *lines(72, 720, ["budget lasts is essential."])]
    document = read_pdf(make_pdf([page(1, first), page(2, second)]))
    assert [b.text for b in document.blocks if b.kind == "heading"] == ["Publish"]
    assert texts(document)[-1].endswith("Ensuring the budget lasts is essential.")


def test_a_story_set_large_with_words_in_bold_is_one_paragraph() -> None:
    story = [
        ("In one case, a District Health Director was concerned", False),
        ("about unusually high maternal mortality rates in", True),
        ("some communities within her district. The health", True),
        ("team used facility data to display and compare the", False),
        ("figures for each community. The data were presented", False),
        ("during a District Assembly meeting and the alarming", False),
        ("figures caused a stir among Assembly members.", False),
    ]
    body = [
        *lines(72, 720, PROSE * 4),
        *[Text(72, 560 - 18 * i, line, 15, bold=b) for i, (line, b) in enumerate(story)],
    ]
    document = read_pdf(make_pdf([page(1, body)]))
    assert not [b for b in document.blocks if b.kind == "heading"]
    assert " ".join(line for line, _ in story) in texts(document)


def test_a_figure_s_caption_set_large_heads_none_of_the_text_after_it() -> None:
    body = [
        Text(72, 720, "Legal framework", 16),
        *lines(72, 700, PROSE),
        Text(72, 650, "Figure 1: How an ownership structure is shown in data", 12),
        *lines(72, 630, PROSE),
    ]
    document = read_pdf(make_pdf([page(1, body)]))
    assert [b.text for b in document.blocks if b.kind == "heading"] == ["Legal framework"]


def test_a_point_after_an_abbreviation_does_not_make_a_heading_a_sentence() -> None:
    body = [Text(72, 720, "Outputs vs. Outcomes", 14), *lines(72, 700, PROSE)]
    document = read_pdf(make_pdf([page(1, body)]))
    assert [b.text for b in document.blocks if b.kind == "heading"] == ["Outputs vs. Outcomes"]


def test_a_cell_s_text_wrapped_onto_the_lines_under_it_stays_in_its_row() -> None:
    cells = [
        ("Funding Org:Name", ["This is your organisation name as you", "want it to appear."]),
        ("Funding Org:Identifier", ["This is created from your charity", "or company number."]),
    ]
    body, top = [*lines(72, 720, PROSE)], 660.0
    for name, wrapped in cells:
        body += [Text(72, top, name), *lines(240, top, wrapped)]
        top -= 36
    document = read_pdf(make_pdf([page(1, body)]))
    assert [b.text for b in document.blocks if b.kind == "table_row"] == [
        "Funding Org:Name; This is your organisation name as you want it to appear.",
        "Funding Org:Identifier; This is created from your charity or company number.",
    ]


def test_bold_capitals_a_little_smaller_than_the_body_over_its_text_are_a_heading() -> None:
    body = [
        Text(72, 700, "Data and methods", 14, bold=True),
        *lines(72, 680, PROSE),
        Text(72, 630, "SOURCES AND METHODOLOGY", 8.5, bold=True),
        *lines(72, 618, PROSE),
        Text(72, 560, "JUSTICE", 8.5, bold=True),
        Text(300, 560, "REGISTRATION", 8.5, bold=True),
        *lines(72, 548, PROSE),
    ]
    document = read_pdf(make_pdf([page(1, body), page(2, []), page(3, [])]))
    headings = [b.text for b in document.blocks if b.kind == "heading"]
    assert headings == ["Data and methods", "SOURCES AND METHODOLOGY"]


def test_numbered_capitals_smaller_than_the_body_centred_over_its_text_are_a_heading() -> None:
    # A LaTeX article's section titles: small capitals, centred, in the regular weight.
    title = "1. CONTEXT"
    body = [
        Text(72, 700, "Innovation plan", 14, bold=True),
        *lines(72, 680, PROSE),
        Text(72 + (width(PROSE[0]) - width(title, 8)) / 2, 630, title, 8),
        *lines(72, 618, PROSE),
        Text(72 + (width(PROSE[0]) - width("FIGURE ONE", 8)) / 2, 560, "FIGURE ONE", 8),
        *lines(72, 548, PROSE),
    ]
    document = read_pdf(make_pdf([page(1, body), page(2, []), page(3, [])]))
    headings = [b.text for b in document.blocks if b.kind == "heading"]
    assert headings == ["Innovation plan", "1. CONTEXT"]


def test_an_accent_drawn_as_a_glyph_of_its_own_joins_the_letter_it_stands_over() -> None:
    # TeX sets "é" as "e" with an acute drawn over it, after the line (\xc2 is the acute and
    # \xc3 the circumflex in the standard fonts' own encoding; Unicode counts "ˆ" a letter).
    sentence = "Nicolas Thiery leads the project with Fannie Cote of the university."
    body = [
        Text(72, 700, sentence),
        Text(72 + width("Nicolas Thi") + 1, 700, "\xc2"),
        Text(72 + width("Nicolas Thiery leads the project with Fannie C") + 1, 700, "\xc3"),
        Text(72 + width("Nicolas Thiery leads the project with Fannie Cot") + 1, 700, "\xc2"),
    ]
    document = read_pdf(make_pdf([body]))
    assert texts(document) == [sentence.replace("Thiery", "Thiéry").replace("Cote", "Côté")]


def test_a_quote_s_attribution_set_large_is_no_heading() -> None:
    body = [
        Text(72, 700, "What we have learned", 16, bold=True),
        *lines(72, 680, PROSE),
        # \xb1 is the en dash in the standard fonts' own encoding ("– Tom Steinberg").
        Text(72, 620, "\xb1 Tom Steinberg, founder of mySociety.org", 12, bold=True),
        *lines(72, 600, PROSE),
    ]
    document = read_pdf(make_pdf([page(1, body), page(2, []), page(3, [])]))
    assert [b.text for b in document.blocks if b.kind == "heading"] == ["What we have learned"]


def test_a_word_hyphenated_at_a_line_end_is_rejoined_and_a_compound_kept() -> None:
    body = lines(
        72,
        700,
        ["The partnership pro-", "gramme runs for several years with multi-", "year funding."],
    )
    document = read_pdf(make_pdf([body]))
    assert texts(document) == [
        "The partnership programme runs for several years with multi-year funding."
    ]


def test_the_document_itself_decides_whether_a_line_end_hyphen_is_kept() -> None:
    assert join_lines(["a data-", "driven plan"], {"data-driven": 2}) == "a data-driven plan"
    assert join_lines(["the develop-", "ment plan"], {"development": 1}) == "the development plan"


def test_the_last_hyphen_of_a_compound_chain_broken_at_a_line_end_is_kept() -> None:
    assert join_lines(["an end-of-", "year letter"], {}) == "an end-of-year letter"


def test_a_footnote_marker_leaves_the_sentence_and_the_footnote_is_its_own_block() -> None:
    body = [
        Text(72, 700, "Core contributions fell in 2023.", BODY),
        Text(207, 700, "2", 6, rise=4),
        Text(213, 700, "UNFPA thanks its partners.", BODY),
        Text(72, 90, "2", 6, rise=3),
        Text(78, 90, "Figures are provisional.", 8),
    ]
    document = read_pdf(make_pdf([body]))
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("paragraph", "Core contributions fell in 2023. UNFPA thanks its partners."),
        ("note", "Figures are provisional."),
    ]
    assert document.dropped["footnote markers"] == 1


def test_footnotes_at_the_foot_of_one_column_are_notes_while_the_other_runs_on() -> None:
    left = lines(72, 300, [*PROSE, *PROSE, *PROSE, *PROSE])
    notes = [Text(330, 300, "7 See: data2x.org", 6), Text(330, 292, "8 See: www.usaid.gov", 6)]
    document = read_pdf(make_pdf([[*lines(72, 700, PROSE), *left, *notes]]))
    assert [(b.kind, b.text) for b in document.blocks if b.kind == "note"] == [
        ("note", "See: data2x.org"),
        ("note", "See: www.usaid.gov"),
    ]


def test_a_footnote_s_number_is_no_word_of_it_and_no_footnote_joins_a_body_passage() -> None:
    heading = Text(72, 730, "Results", 14, bold=True)
    body = [heading, *lines(72, 700, PROSE), Text(72, 90, "1", 6, rise=3)]
    body += [Text(78, 90, "A common misconception is that payment is binary.", 8)]
    body += [Text(72, 80, "2 Figures for 2024 are interim.", 8)]
    second = [Text(72, 730, "Lessons", 14, bold=True), *lines(72, 700, PROSE)]
    document = read_pdf(make_pdf([body, second]))
    notes = [b.text for b in document.blocks if b.kind == "note"]
    assert notes == [
        "A common misconception is that payment is binary.",
        "Figures for 2024 are interim.",
    ]
    sectioned = section_blocks(document)
    assert [(b.kind, b.section[-1]) for b in sectioned if b.kind == "note"] == [
        ("note", "Results"),
        ("note", "Results"),
    ]
    body_texts = [b.text for b in sectioned if b.kind == "body"]
    assert not any("misconception" in t or "interim" in t for t in body_texts)


def test_two_columns_are_read_column_by_column() -> None:
    left = [f"left column line {i} says something about partners" for i in range(1, 7)]
    right = [f"right column line {i} says something about donors" for i in range(1, 7)]
    left[-1], right[-1] = left[-1] + ".", right[-1] + "."
    runs = []
    for i in range(6):  # drawn row by row, as some producers write them
        runs.append(Text(72, 700 - 12 * i, left[i]))
        runs.append(Text(330, 700 - 12 * i, right[i]))
    document = read_pdf(make_pdf([runs]))
    assert texts(document) == [" ".join(left), " ".join(right)]


def test_three_columns_are_read_column_by_column() -> None:
    columns = [
        [f"Line {i} of the {name} column says this." for i in range(1, 7)]
        for name in ("first", "second", "third")
    ]
    runs = [
        Text(40 + 185 * c, 700 - 12 * i, column[i])
        for i in range(6)  # drawn row by row, across the three columns
        for c, column in enumerate(columns)
    ]
    document = read_pdf(make_pdf([runs]))
    assert texts(document) == [" ".join(column) for column in columns]


def test_contents_entries_with_dot_leaders_are_not_content() -> None:
    body = [
        Text(72, 700, "Contents", 14, bold=True),
        Text(72, 680, "I. Introduction " + "." * 40 + " 3"),
        Text(72, 668, "II. Funding " + "." * 44 + " 4"),
        *lines(72, 640, PROSE),
    ]
    document = read_pdf(make_pdf([body]))
    assert not any("...." in t or "Introduction" in t for t in texts(document))
    assert document.dropped["toc"] == 2


def test_cells_on_one_baseline_become_a_table_row_named_by_a_header_of_words() -> None:
    body = [
        Text(72, 700, "Donor"),
        Text(300, 700, "Amount"),
        Text(72, 688, "Sweden"),
        Text(300, 688, "7,710,100"),
    ]
    document = read_pdf(make_pdf([body]))
    rows = [(b.kind, b.text) for b in document.blocks]
    assert rows == [("table_row", "Donor: Sweden; Amount: 7,710,100")]


def test_cells_on_one_baseline_without_a_header_are_a_row_of_plain_cells() -> None:
    body = [Text(72, 700, "Sweden"), Text(300, 700, "7,710,100")]
    body += [Text(72, 688, "Norway"), Text(300, 688, "4,678,581")]
    document = read_pdf(make_pdf([body]))
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("table_row", "Sweden; 7,710,100"),
        ("table_row", "Norway; 4,678,581"),
    ]


def test_chart_labels_read_down_their_columns_are_left_out_as_a_table_and_counted() -> None:
    labels = [Text(72, 640, "Other"), Text(300, 640, "Systems-")]
    labels += [Text(72, 628, "strategies"), Text(300, 628, "strengthening")]
    labels += [Text(72, 616, "37%"), Text(300, 616, "63%")]
    document = read_pdf(make_pdf([[*lines(72, 700, PROSE), *labels]]))
    assert texts(document) == [" ".join(PROSE)]
    assert document.dropped["tables left out"] == 1


@pytest.mark.parametrize("data", [b"%PDF-1.4 this is not a pdf", b"not a pdf at all"])
def test_a_broken_pdf_is_unreadable_with_a_reason(data: bytes) -> None:
    with pytest.raises(UnreadableFileError, match="PDF"):
        read_pdf(data)


def test_a_pdf_locked_with_a_password_is_unreadable_because_encrypted() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(UnreadableFileError, match="encrypted"):
        read_pdf(locked.getvalue())


@pytest.mark.parametrize(("font", "glyph"), [("F3", "f"), ("F7", "\x92")])
def test_a_bullet_drawn_from_a_picture_font_reads_as_a_bullet_not_a_letter(
    font: str, glyph: str
) -> None:
    # Wingdings' bullet comes as "f"; Bodoni Ornaments' as "’" (0x92 in WinAnsi).
    body = [
        Text(72, 700, glyph, font=font),
        Text(84, 700, "Government leadership improves partnerships."),
        Text(72, 686, glyph, font=font),
        Text(84, 686, "Effective spending ties payment to results."),
    ]
    document = read_pdf(make_pdf([body]))
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("list_item", "Government leadership improves partnerships."),
        ("list_item", "Effective spending ties payment to results."),
    ]


def test_ligatures_the_text_layer_leaves_unmapped_are_read_from_their_glyph_names() -> None:
    # pdfium reports such a glyph by its code: "bene!t", "$e". A real "!" of a font of the
    # same typeface, after a word or ending a sentence, stays as it is.
    body = [
        Text(72, 700, "$e bene!t of a de!nition is clear.", font="F6"),
        Text(72, 680, "Hello! The end came, said Yahoo!"),
    ]
    document = read_pdf(make_pdf([body]))
    assert [b.text for b in document.blocks] == [
        "The benefit of a definition is clear.",
        "Hello! The end came, said Yahoo!",
    ]


def test_text_drawn_sideways_on_an_upright_page_is_left_out_and_counted() -> None:
    body = [
        Text(580, 300, "INFORMATION BRIEF", 11, bold=True, rotated=True),
        *lines(72, 700, PROSE),
    ]
    document = read_pdf(make_pdf([body]))
    assert texts(document) == [" ".join(PROSE)]
    assert document.dropped["rotated characters"] == len("INFORMATIONBRIEF")


def test_a_page_drawn_entirely_sideways_is_not_thrown_away() -> None:
    body = [Text(100 + 14 * i, 100, line, rotated=True) for i, line in enumerate(PROSE)]
    document = read_pdf(make_pdf([body]))
    assert "rotated characters" not in document.dropped
    assert len("".join(texts(document)).replace(" ", "")) == len("".join(PROSE).replace(" ", ""))


def test_a_raised_note_letter_leaves_the_word_it_follows() -> None:
    body = [
        Text(72, 700, "Enhanced coordinator leadership"),
        Text(229, 700, "a", 6, rise=4),
        Text(234, 700, "at the country level advances results."),
    ]
    document = read_pdf(make_pdf([body]))
    assert texts(document) == [
        "Enhanced coordinator leadership at the country level advances results."
    ]
    assert document.dropped["footnote markers"] == 1


def test_a_raised_roman_numeral_after_a_word_is_an_endnote_marker() -> None:
    body = [
        Text(72, 700, "The programme has demonstrated"),
        Text(227, 700, "iii", 6, rise=4),
        Text(236, 700, "that a learning system works."),
    ]
    document = read_pdf(make_pdf([body]))
    assert texts(document) == ["The programme has demonstrated that a learning system works."]
    assert document.dropped["footnote markers"] == 1


def test_a_title_drawn_after_the_body_but_above_it_is_read_first() -> None:
    body = [
        *lines(72, 600, PROSE),
        Text(72, 700, "Outcomes Funds for Education", 24, bold=True),
    ]
    document = read_pdf(make_pdf([body]))
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("heading", "Outcomes Funds for Education"),
        ("paragraph", " ".join(PROSE)),
    ]
    assert document.title == "Outcomes Funds for Education"


def test_side_by_side_text_keeps_the_stream_order() -> None:
    left = lines(72, 600, PROSE)
    right = [
        Text(340, 700 - 12 * i, t) for i, t in enumerate(["A box beside the text.", "It is short."])
    ]
    document = read_pdf(make_pdf([left + right]))
    assert texts(document) == [" ".join(PROSE), "A box beside the text. It is short."]


def test_words_set_in_bold_inside_a_sentence_stay_in_its_paragraph() -> None:
    body = [
        Text(72, 700, "UNICEF supported training nearly"),
        Text(72, 688, "168,000 schoolteachers and educators", bold=True),
        Text(72, 676, "for children with disabilities."),
    ]
    document = read_pdf(make_pdf([body]))
    assert texts(document) == [
        "UNICEF supported training nearly 168,000 schoolteachers and educators "
        "for children with disabilities."
    ]


def _cover_and_report() -> list[list[Text]]:
    cover = [
        Text(72, 740, "Executive Board of the Fund", 17, bold=True),
        Text(330, 740, "Distr.: General"),
        Text(72, 640, "Report on the structured funding dialogue", 12, bold=True),
        Text(72, 610, "Summary", 12),
        *lines(72, 590, [*PROSE, *PROSE]),
    ]
    second = [Text(72, 700, "I. Introduction", 14, bold=True), *lines(72, 680, PROSE)]
    third = [
        Text(72, 700, "A. Funding architecture", 14, bold=True),
        *lines(72, 680, PROSE),
        Text(72, 600, "Annex I", 14, bold=True),
        Text(72, 584, "Overview of resources", 14, bold=True),
        Text(72, 550, "II. Requirements for 2025", 14, bold=True),
        *lines(72, 560, PROSE),
    ]
    return [page(1, cover), page(2, second), page(3, third)]


def test_a_cover_masthead_heads_no_section_and_an_annex_is_a_top_level_part() -> None:
    document = read_pdf(make_pdf(_cover_and_report()))
    sections = list(dict.fromkeys(b.section for b in section_blocks(document)))
    assert sections == [
        ("Summary",),
        ("I. Introduction",),
        ("I. Introduction", "A. Funding architecture"),
        ("Annex I Overview of resources", "II. Requirements for 2025"),
    ]
    assert "Distr.: General" not in texts(document)  # masthead above the title: metadata
    assert document.metadata["masthead"] == "Distr.: General"
    assert document.title == "Report on the structured funding dialogue"


def test_a_web_address_repeated_on_every_page_is_furniture_wherever_it_sits() -> None:
    pages = [
        [*lines(72, 700, PROSE), Text(72, 700 - 100 * n, "www.example.org/partnerships")]
        for n in (1, 2, 3)
    ]
    document = read_pdf(make_pdf(pages))
    assert texts(document) == [" ".join(PROSE)] * 3
    assert document.dropped["furniture"] == 3


def test_a_web_address_given_once_stays() -> None:
    body = [*lines(72, 700, PROSE), Text(72, 600, "www.example.org/partnerships")]
    document = read_pdf(make_pdf([body, lines(72, 700, PROSE), lines(72, 700, PROSE)]))
    assert "www.example.org/partnerships" in " ".join(texts(document))
    assert "furniture" not in document.dropped


def test_a_web_address_broken_over_two_lines_is_made_whole() -> None:
    body = [
        *lines(
            72,
            700,
            [
                "Find more on the fund at www.example.org/blog/unlocking-",
                "learning-outcomes and in the evaluation (see https://example.org/files/Brief",
                "_RC%20system.pdf). The portal is at https://example.org/",
                "(accessed in March 2025). The plan is at www.whitehouse.",
                "gov/sites/files/ and the review at www.example.",
                "org/resources/ and its index.",
            ],
        )
    ]
    assert texts(read_pdf(make_pdf([body]))) == [
        "Find more on the fund at www.example.org/blog/unlocking-learning-outcomes and in the"
        " evaluation (see https://example.org/files/Brief_RC%20system.pdf). The portal is at"
        " https://example.org/ (accessed in March 2025). The plan is at"
        " www.whitehouse.gov/sites/files/ and the review at www.example.org/resources/ and its"
        " index."
    ]


def test_a_sentence_closed_by_a_bracket_and_a_point_is_parted_from_the_next_one() -> None:
    body = lines(
        72,
        700,
        [
            "Trust in the system rose (compared with 55 per cent in",
            "2023).United Nations teams reported it. See (a).b and f(x).y too.",
        ],
    )
    assert texts(read_pdf(make_pdf([body]))) == [
        "Trust in the system rose (compared with 55 per cent in 2023). United Nations teams"
        " reported it. See (a).b and f(x).y too."
    ]


def test_lettered_headings_c_and_d_are_siblings_of_a_and_b_not_roman_numerals() -> None:
    headings = [
        ("I. Introduction", 14),
        ("A. Funding architecture", 12),
        ("B. Core resources", 12),
        ("C. Resources per outcome", 12),
        ("D. Early payment", 12),
        ("II. Non-core funding", 14),
        ("A. Overall situation", 12),
        ("B. Thematic funds", 12),
        ("C. Humanitarian response", 12),
        ("D. Pooled funds", 12),
        ("E. Programme countries", 12),
        ("III. Conclusion", 14),
        ("IV. Decision", 14),
        ("V. Annex", 14),
    ]
    runs = []
    for n, (text, size) in enumerate(headings):
        top = 760 - 52 * n
        runs += [Text(72, top, text, size, bold=True), Text(72, top - 20, PROSE[0])]
    document = read_pdf(make_pdf([runs]))
    levels = {b.text: b.level for b in document.blocks if b.kind == "heading"}
    assert levels == {text: 1 if size == 14 else 2 for text, size in headings}
    sections = [b.section for b in section_blocks(document)]
    assert ("I. Introduction", "D. Early payment") in sections
    assert ("II. Non-core funding", "E. Programme countries") in sections
    assert ("V. Annex",) in sections


def test_a_space_pdfium_guesses_inside_a_word_or_compound_is_decided_by_the_documents_words() -> (
    None
):
    # Each "|" moves the text 0.15 of the font size right (kerning in a TJ array): too
    # narrow for a word space, but pdfium guesses one there.
    kerned = "The office leveraged Unit|ed Nations data, took note of|the long|-term plan for 2022|-2025."
    elsewhere = "United Nations offices make long-term plans."
    address = "See http:|//www.example.org/ for the plan."
    page = [Text(72, 700, kerned, kern=150), Text(72, 680, elsewhere)]
    document = read_pdf(make_pdf([[*page, Text(72, 660, address, kern=150)]]))
    assert texts(document)[0] == (
        "The office leveraged United Nations data, took note of the long-term plan for 2022-2025."
    )
    assert "http://www.example.org/" in texts(document)[-1]


def test_the_document_s_words_are_counted_once_as_its_spaces_were_decided() -> None:
    import pypdfium2

    kerned = "The office leveraged Unit|ed Nations data for the long|-term plan."
    elsewhere = "United Nations offices make long-term plans."
    pdf = make_pdf([[Text(72, 700, kerned, kern=150), Text(72, 680, elsewhere)]])
    pages, words = read_pages(pypdfium2.PdfDocument(pdf))
    assert words == vocabulary(f.text for page in pages for f in page.fragments)
    assert (words["united"], words["long-term"], words["term"]) == (2, 2, 2)
    assert "unit" not in words and "ed" not in words


def test_a_decimal_point_set_with_a_wide_gap_splits_no_number() -> None:
    runs = [Text(72, 700, "Outcome 2."), Text(72 + width("Outcome 2.") + 1.4, 700, "4 rose to 40.")]
    runs.append(Text(72 + width("Outcome 2.4 rose to 40.") + 1.6, 700, "0 per cent."))
    assert texts(read_pdf(make_pdf([runs]))) == ["Outcome 2.4 rose to 40.0 per cent."]


def test_a_justified_line_whose_spaces_stretch_wide_stays_one_line_of_its_paragraph() -> None:
    # A line of few long words, set justified: each space wider than a table's cell gap.
    words = ["Humanitarian", "OpenStreetMap", "Team", "(HOT)", "to", "map", "the world's most"]
    x, stretched = 72.0, []
    for word in words:
        stretched.append(Text(x, 688, word))
        x += width(word) + 2.2 * BODY
    page = [
        *lines(72, 700, ["The project is a collaboration between the Red Cross and the"]),
        *stretched,
        *lines(72, 676, ["vulnerable communities of the world."]),
    ]
    document = read_pdf(make_pdf([page]))
    assert [(b.kind, b.text) for b in document.blocks] == [
        (
            "paragraph",
            "The project is a collaboration between the Red Cross and the Humanitarian "
            "OpenStreetMap Team (HOT) to map the world’s most vulnerable communities of the "
            "world.",
        )
    ]


def test_cells_of_a_row_spaced_alike_stay_cells() -> None:
    header = [
        Text(72 + 90 * i, 700, name)
        for i, name in enumerate(["Region", "Baseline", "Target", "Result", "Source"])
    ]
    row = [
        Text(72 + 90 * i, 686, cell)
        for i, cell in enumerate(["north", "n/a (new)", "100%", "90%", "survey"])
    ]
    second = [
        Text(72 + 90 * i, 672, cell)
        for i, cell in enumerate(["south", "12%", "50%", "40%", "census"])
    ]
    document = read_pdf(make_pdf([header + row + second]))
    assert [b.kind for b in document.blocks] == ["table_row", "table_row"]


def test_word_s_second_level_o_bullets_open_list_items() -> None:
    items = [
        "o Participants - a group you can check on",
        "o Helpers. One for every 10 mappers.",
        "o 5-minute welcome",
    ]
    page = [*lines(72, 700, ["What you need:"]), *lines(90, 686, items)]
    document = read_pdf(make_pdf([page]))
    assert [(b.kind, b.text) for b in document.blocks][1:] == [
        ("list_item", "Participants - a group you can check on"),
        ("list_item", "Helpers. One for every 10 mappers."),
        ("list_item", "5-minute welcome"),
    ]


def test_a_title_a_program_made_from_a_file_name_or_tags_is_not_the_document_s_title() -> None:
    assert not _given_title("Microsoft Word - How to Host a Mapathon (With Red Cross Support).docx")
    assert not _given_title("Buying AI guidance #public #webversion")
    assert not _given_title("final_report_v3.pdf")
    assert not _given_title("Recommendations-ValuesAlignment-TaskForce")
    for kept in (
        "Effective consultation processes for beneficial ownership reform",
        "Well-being",
        "Public-private partnerships",
        "ECOM206: Development Economics Group Project: Group B",
        "Results for Goal #5",
    ):
        assert _given_title(kept) == kept
    # A file's reference number set before the title is no part of it.
    assert _given_title("CC048601_U.S. Forum Analysis") == "U.S. Forum Analysis"
