"""Layouts met on real documents the readers were never tuned on: a designed report's table
of contents without dot leaders, emoji in a PDF, a web page's numbered note references."""

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pypdfium2

from app.ingest.blocks import SourceBlock
from app.ingest.pdf import _largest_lines, _named_rows, read_pdf
from app.ingest.pdf_chars import Fragment, code_points, read_pages
from app.ingest.pdf_headings import OutlineHeadings
from app.ingest.pdf_layout import lay_out
from app.ingest.readers import read_document
from app.ingest.sections import section_blocks
from app.ingest.text import mend_surrogates
from tests.pdfs import Text, lines, make_pdf

PROSE = [
    "Service providers should offer an interpreter of the",
    "survivor at every stage of the case, free of",
    "charge, and record how the interpreter was chosen.",
]


def contents_page() -> list[Text]:
    """A designed report's contents: entries with their page numbers in a column."""
    entries = ["Acronyms", "Section 01: Introduction", "Section 02: Deaf Culture", "References"]
    return [
        Text(72, 700, "Table of Contents", 19),
        *[Text(72, 660 - 24 * i, entry, 11, bold=True) for i, entry in enumerate(entries)],
        *[Text(500, 660 - 24 * i, str(2 + 3 * i), 11) for i in range(len(entries))],
    ]


def test_a_contents_page_without_dot_leaders_is_not_content_and_heads_no_section() -> None:
    body = [Text(72, 700, "Introduction", 17), *lines(72, 670, PROSE, 11)]
    document = read_pdf(make_pdf([contents_page(), body]))
    assert not any("Acronyms" in b.text or "Contents" in b.text for b in document.blocks)
    assert document.dropped["toc"] >= 8
    paragraphs = [b for b in section_blocks(document) if b.kind == "body"]
    assert [(b.section, b.text) for b in paragraphs] == [(("Introduction",), " ".join(PROSE))]


def test_a_page_titled_contents_whose_lines_end_in_no_page_number_is_kept() -> None:
    body = [Text(72, 700, "Contents", 17), *lines(72, 670, PROSE, 11)]
    document = read_pdf(make_pdf([body]))
    assert " ".join(PROSE) in [b.text for b in document.blocks]
    assert "toc" not in document.dropped


def test_numbers_ending_lines_without_a_contents_title_are_kept() -> None:
    rows = ["Burundi", "Kenya", "Rwanda", "Uganda"]
    body = [
        Text(72, 700, "Interpreters trained", 17),
        *[Text(72, 660 - 20 * i, name, 11) for i, name in enumerate(rows)],
        *[Text(300, 660 - 20 * i, str(10 + i), 11) for i in range(len(rows))],
    ]
    joined = " ".join(b.text for b in read_pdf(make_pdf([body])).blocks)
    assert all(name in joined for name in rows)


def test_a_character_outside_the_basic_plane_is_one_character_a_lone_half_or_control_none() -> None:
    # pdfium gives "💵" as two UTF-16 units; a lone half cannot be encoded or tokenised.
    assert code_points([0xD83D, 0xDCB5, 0x41, 0xD83D, 0x42, 0]) == ["", "💵", "A", "", "B", ""]
    # An icon font's glyph read as a control character is no text; pdfium's marks stay.
    assert code_points([0x1A, 0x41, 0x02, 0x0D, 0x0A]) == ["", "A", "\x02", "\r", "\n"]
    assert mend_surrogates("\ud83d\udcb5 Savings \ud83d accrue") == "💵 Savings  accrue"
    assert mend_surrogates("plain text") == "plain text"


def test_a_web_page_s_note_references_leave_no_number_on_the_word(tmp_path: Path) -> None:
    reference = '<a href="#fn166" class="footnote-ref" id="fnref166"><sup>166</sup></a>'
    cited = '<sup class="reference"><a href="#cite_note-3">[3]</a></sup>'
    page = (
        "<html><head><title>Surveys</title></head><body><main><h1>Surveys</h1>"
        f"<p>Coded responses are preferable to open-ended questions.{reference} "
        f"The pilot tests them{cited} before the survey, as <a href='#design'>Design</a> "
        "explains for plots of 20 m<sup>2</sup>.</p><ol><li id='fn166'><p>Begg et al. (1996)"
        "<a href='surveys.html#fnref166' class='footnote-back'>↩︎</a></p></li></ol>"
        "</main></body></html>"
    )
    path = tmp_path / "surveys.html"
    path.write_text(page)
    text = " ".join(b.text for b in read_document(path).blocks)
    assert "open-ended questions. The pilot tests them before the survey" in text
    assert "as Design explains for plots of 20 m2." in text
    assert "Begg et al. (1996)" in text and "↩" not in text


def prose(top: float, size: float = 11) -> list[Text]:
    return lines(72, top, [*PROSE, "They keep a record of it."], size)


def test_a_title_page_before_the_first_prose_heads_no_section() -> None:
    cover = [Text(72, 600, "Beyond Silence", 40)]
    title_page = [Text(72, 600, "HEALTH", 60, bold=True), Text(72, 540, "SECTOR BRIEF", 40)]
    summary = [Text(72, 700, "1. Summary", 23, bold=True), *prose(670)]
    costs = [Text(72, 700, "2. Costs", 23, bold=True), *prose(670)]
    document = read_pdf(make_pdf([cover, title_page, summary, costs]))
    sections = {b.section for b in section_blocks(document) if b.kind == "body"}
    assert sections == {("1. Summary",), ("2. Costs",)}


def test_a_body_set_larger_than_its_tables_keeps_a_short_last_line_out_of_the_headings() -> None:
    cells = [
        Text(72 + 90 * c, 500 - 12 * r, f"cell {r}{c}", 9) for r in range(30) for c in range(5)
    ]
    body = [
        Text(72, 740, "Background", 14, bold=True),
        *lines(72, 720, [*PROSE, "Audit and HACT."], 12),
        *cells,
    ]
    document = read_pdf(make_pdf([body]))
    assert [b.text for b in document.blocks if b.kind == "heading"] == ["Background"]
    assert " ".join([*PROSE, "Audit and HACT."]) in [b.text for b in document.blocks]


def test_a_pull_quote_opening_with_an_ellipsis_is_no_heading() -> None:
    body = [
        Text(72, 740, "Recommendations", 23, bold=True),
        *prose(710),
        Text(72, 640, "...we propose piloting the programme...", 18),
        *prose(610),
    ]
    document = read_pdf(make_pdf([body, prose(700), prose(700)]))
    assert [b.text for b in document.blocks if b.kind == "heading"] == ["Recommendations"]


def test_a_markdown_file_s_raw_html_table_and_summary_are_read_and_a_badge_is_not(
    tmp_path: Path,
) -> None:
    path = tmp_path / "indicator.md"
    path.write_text(
        "# CPD\n\n"
        '<p align="center"><img src="badge.svg" alt="build"></p>\n\n'
        "<table data-header-hidden><thead><tr><th></th><th></th></tr></thead><tbody>"
        "<tr><td>Data Owner</td><td>Country Programme Unit</td></tr>"
        "<tr><td>Data Refresh Rate</td><td>Daily</td></tr></tbody></table>\n\n"
        "<table><tr><th>Pillar</th><th>Weight</th></tr><tr><td>Audit</td><td>20%</td></tr>"
        "</table>\n\n"
        "<details>\n\n<summary>Columns of the dataset</summary>\n\n"
        "* **Country**: the office the data belongs to.\n\n</details>\n"
    )
    document = read_document(path)
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("table_row", "Data Owner; Country Programme Unit"),
        ("table_row", "Data Refresh Rate; Daily"),
        ("table_row", "Pillar: Audit; Weight: 20%"),
        ("paragraph", "Columns of the dataset"),
        ("list_item", "Country: the office the data belongs to."),
    ]
    assert document.dropped["raw HTML blocks"] == 3  # the badge, <details> and </details>


def test_a_site_generator_s_template_tags_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "cpd.md"
    path.write_text(
        '# CPD\n\nIntro text.\n\n{% hint style="warning" %}\nMissing data is scored zero.\n'
        "{% endhint %}\n\nSee {% include note.html %} the guide.\n"
    )
    texts = [b.text for b in read_document(path).blocks]
    assert texts == ["Intro text.", "Missing data is scored zero.", "See the guide."]


def test_a_numbered_heading_wrapped_after_a_comma_is_one_heading() -> None:
    body = [
        Text(72, 740, "7. CONCLUSION AND SPECIFIC,", 23, bold=True),
        Text(72, 714, "ACTIONABLE RECOMMENDATIONS", 23, bold=True),
        *prose(680),
        Text(72, 600, "Partners named in the survey,", 23, bold=True),
        *prose(570),
    ]
    document = read_pdf(make_pdf([body, prose(700), prose(700)]))
    headings = [b.text for b in document.blocks if b.kind == "heading"]
    assert headings == ["7. CONCLUSION AND SPECIFIC, ACTIONABLE RECOMMENDATIONS"]


def test_a_part_label_and_its_number_set_above_a_heading_are_left_out() -> None:
    body = [
        Text(72, 740, "Section", 11, bold=True),
        Text(72, 712, "03", 25, bold=True),
        Text(72, 684, "Debunking Myths about Deaf Culture", 17),
        *prose(660),
        Text(72, 600, "Section 4 of the law protects the survivor in every case.", 11),
    ]
    document = read_pdf(make_pdf([body, prose(700), prose(700)]))
    assert [b.text for b in document.blocks if b.kind == "heading"] == [
        "Debunking Myths about Deaf Culture"
    ]
    assert not any(b.text in ("Section", "03") for b in document.blocks)
    assert document.dropped["part labels"] == 2
    assert any(b.text.startswith("Section 4 of the law") for b in document.blocks)


def test_a_bullet_glyph_mapped_to_a_stray_letter_of_another_script_reads_as_a_bullet() -> None:
    # A designed report's bullet font maps its glyph to "Ц": "Ц We recommend…" in the text.
    items = [
        "We recommend that the ministry fund interpreters.",
        "Success will be measured against agreed indicators.",
    ]
    body = [
        Text(72, 700, "Recommendations", 17),
        *[Text(72, 670 - 20 * i, f"~ {item}", 11, font="F4") for i, item in enumerate(items)],
    ]
    blocks = read_pdf(make_pdf([body])).blocks
    assert [(b.kind, b.text) for b in blocks if b.kind == "list_item"] == [
        ("list_item", item) for item in items
    ]
    assert not any("Ц" in b.text for b in blocks)


def test_a_bold_title_labelled_with_a_small_letter_heads_a_subsection() -> None:
    # "a) Audit override" in bold above the body's size; "(a) census;" a list item at it.
    opening = [Text(72, 700, "5. Scoring details", 13, bold=True), *lines(72, 680, PROSE, 11)]
    body = [
        Text(72, 700, "6. Final ratings", 13, bold=True),
        *lines(72, 680, PROSE, 11),
        Text(72, 620, "a) Audit override", 13, bold=True),
        *lines(72, 600, PROSE, 11),
        Text(72, 540, "(a) population and housing census;", 11, bold=True),
    ]
    paragraphs = section_blocks(read_pdf(make_pdf([opening, body])))
    sections = [b.section for b in paragraphs]
    assert ("6. Final ratings", "a) Audit override") in sections
    assert not any("census" in part for section in sections for part in section)


def test_lines_opened_by_an_asterisk_are_list_items() -> None:
    items = ["* Recruit and train: recruit", "candidates from the Deaf community.", "* Deploy"]
    body = [Text(72, 700, "Pillars", 17), *lines(72, 670, PROSE, 10), *lines(72, 620, items, 10)]
    blocks = read_pdf(make_pdf([body])).blocks
    assert [b.text for b in blocks if b.kind == "list_item"] == [
        "Recruit and train: recruit candidates from the Deaf community.",
        "Deploy",
    ]


def _plain_rows(rows: Sequence[tuple[str, ...]], page: int) -> list[SourceBlock]:
    """Rows of cells side by side on a page's baselines, with no header over them."""
    return [SourceBlock("table_row", " ".join(r), page=page, cells=r) for r in rows]


def test_boxes_of_prose_side_by_side_are_read_one_after_the_other() -> None:
    # A designed page's pillars read as rows of cells on shared baselines, a word broken
    # down a column as in a chart's labels, the titles' words scattered over a row of their
    # own: each box is read down, the titles left out.
    rows = [
        ("5.2. Pillar 2:", "5.3. Pillar 3:", "Training for", "Information"),
        ("* Co-designed with Deaf", "* Create digital library: produce"),
        ("stakeholders, this training will", "a public library of sign language"),
        ("cover Deaf culture and basic", "videos for use in pre-"),
        ("health phrases for every nurse.", "service training of nurses."),
    ]
    blocks = _plain_rows(rows, page=8)
    dropped: Counter[str] = Counter()
    read = _named_rows(blocks, dropped)
    assert [(b.kind, b.text) for b in read] == [
        (
            "list_item",
            "Co-designed with Deaf stakeholders, this training will cover Deaf culture "
            "and basic health phrases for every nurse.",
        ),
        (
            "list_item",
            "Create digital library: produce a public library of sign language videos for use "
            "in pre-service training of nurses.",
        ),
    ]
    assert dropped == Counter({"box title lines": 1})


def test_boxes_of_prose_whose_lines_read_as_rows_are_still_read_down() -> None:
    # Every "row" is filled and no cell is a lone letter, but each line goes on in the
    # line below it: two boxes of prose side by side, not a table.
    rows = [
        ("Sandwell Council deliver first responder", "These sessions are targeted at all"),
        ("training in partnership with Black Country", "workers across the Local Authority and"),
        ("Women’s Aid for workers who respond to", "partner agencies, on how to identify and"),
        ("potential victims of modern slavery.", "report cases of modern slavery."),
    ]
    blocks = _plain_rows(rows, page=30)
    read = _named_rows(blocks, Counter())
    assert [(b.kind, b.text) for b in read] == [
        (
            "paragraph",
            "Sandwell Council deliver first responder training in partnership with Black"
            " Country Women’s Aid for workers who respond to potential victims of modern slavery.",
        ),
        (
            "paragraph",
            "These sessions are targeted at all workers across the Local Authority and partner"
            " agencies, on how to identify and report cases of modern slavery.",
        ),
    ]


def test_a_first_line_of_titles_over_boxes_of_prose_heads_each_box() -> None:
    rows = [
        ("First Responder Training", "Briefing Sessions"),
        ("The council trains first responders", "These sessions are for all staff"),
        ("with partners who are likely to respond to", "across the council and its partner"),
        ("potential victims of modern slavery.", "agencies, on how to spot and report it."),
    ]
    blocks = _plain_rows(rows, page=30)
    read = _named_rows(blocks, Counter())
    assert [(b.kind, b.text) for b in read] == [
        ("heading", "First Responder Training"),
        (
            "paragraph",
            "The council trains first responders with partners who are likely to respond to"
            " potential victims of modern slavery.",
        ),
        ("heading", "Briefing Sessions"),
        (
            "paragraph",
            "These sessions are for all staff across the council and its partner agencies,"
            " on how to spot and report it.",
        ),
    ]


def test_bullets_set_apart_from_their_items_make_a_list_not_a_table() -> None:
    rows = [("•", "Advise and oversee the delivery of the plan"), ("•", "Promote awareness")]
    blocks = _plain_rows(rows, page=8)
    assert [(b.kind, b.text) for b in _named_rows(blocks, Counter())] == [
        ("list_item", "Advise and oversee the delivery of the plan"),
        ("list_item", "Promote awareness"),
    ]


def test_a_link_whose_target_holds_a_space_keeps_only_its_text(tmp_path: Path) -> None:
    # CommonMark reads no link here; MkDocs renders one, and a reader sees only its words.
    path = tmp_path / "themes.md"
    path.write_text(
        "# Themes\n\n"
        "* **[Company Information](themes/Company Information.md)** - with Open Ownership\n"
        "* [Land](themes/Land.md) - with the [Land Portal](https://landportal.org)\n"
    )
    texts = [b.text for b in read_document(path).blocks]
    assert texts == ["Company Information - with Open Ownership", "Land - with the Land Portal"]


def test_a_line_break_or_a_paragraph_inside_a_cell_parts_the_words(tmp_path: Path) -> None:
    prose = "Mapping partners share their data openly with every city team. " * 12
    path = tmp_path / "guide.html"
    path.write_text(
        f"<html><body><main><h1>Open Cities</h1><p>{prose}</p><p>{prose}</p>"
        "<p>HOT assists governments with socio-economic development.<br><br>"
        "Missing Maps was founded in 2014.</p>"
        "<table><tr><th>Partner</th><th>About</th></tr><tr><td>HOT</td><td>"
        "<p>It maps for development.</p><p>It was founded in 2010.</p></td></tr></table>"
        f"<p>{prose}</p></main></body></html>"
    )
    text = " ".join(b.text for b in read_document(path).blocks)
    assert "development. Missing Maps was founded" in text
    assert "for development. It was founded" in text


def _folded_findings_page() -> str:
    """A page of findings, each a section in a numbered list with its evidence folded away
    (shown on a click), under a page header that holds the title and an introduction."""
    intro = (
        "The programme produced around seventy research reports on how civil society"
        " organisations use technology to hold governments to account, summarised here."
    )
    items = []
    for n, finding in enumerate(["Too optimistic", "Skills missing", "No user research"], 1):
        evidence = "".join(
            f"<p>Finding {n}, study {k}: researchers interviewed thirty eight organisations in"
            f" Kenya and South Africa and found that most of them ({k}0 of the projects) did"
            " no user research before they chose a tool.</p>"
            for k in range(1, 5)
        )
        items.append(
            f"<li><section><article><header><h2>{finding}</h2></header>"
            f"<div class='content'><a class='toggle' href='#e{n}'>Where's the evidence?</a>"
            f"<div class='hidden text' id='e{n}'>{evidence}</div></div></article></section></li>"
        )
    return (
        "<html><head><title>Tech for accountability</title></head><body><div class='container'>"
        f"<header><h1>What does the research tell us?</h1><p>{intro}</p></header>"
        f"<ol class='messages'>{''.join(items)}</ol>"
        "<footer><nav><a href='/'>Home</a></nav></footer></div></body></html>"
    )


def test_a_page_whose_findings_are_folded_away_in_sections_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "findings.html"
    path.write_text(_folded_findings_page())
    blocks = read_document(path).blocks
    headings = ["Too optimistic", "Skills missing", "No user research"]
    assert [b.text for b in blocks if b.kind == "heading"] == headings
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    assert paragraphs[0].startswith("The programme produced around seventy research reports")
    assert sum(p.startswith("Finding ") for p in paragraphs) == 12
    assert not [b for b in blocks if "Home" in b.text or b.kind == "list_item"]


def _line(text: str, top: float = 700, size: float = 10, bold: bool = False) -> Fragment:
    return Fragment(text, 1, 72, 72 + 5 * len(text), top, size, bold)


def test_an_outline_s_titles_are_headings_with_the_section_or_appendix_number_the_page_sets() -> (
    None
):
    rule = OutlineHeadings(
        [
            (1, "Theory"),
            (2, "Setting"),
            (1, "Summary Statistics"),
            (2, "Step 5: Preprocess Map Data"),
            (2, "Summary"),
        ]
    )
    assert rule.level(_line("1. Theory")) == 1
    assert rule.level(_line("2.2. Setting")) == 2
    assert rule.level(_line("A. Summary Statistics")) == 1
    # A title given whole is the one named, not a longer one it opens.
    assert rule.level(_line("G.11. Summary")) == 2
    # A line closed like a sentence opens no title; nor does prose that starts alike.
    assert rule.level(_line("(Step 5).")) == 0
    assert rule.level(_line("Theory of change matters to every partner here")) == 0


def test_an_outline_title_broken_at_a_hyphen_goes_on_over_its_next_line() -> None:
    rule = OutlineHeadings([(2, "Rational Inattention: Integrating Macro-Structural Factors")])
    first = _line("1.3. Rational Inattention: Integrating Macro-Structural Fac-")
    assert rule.level(first) == 2
    assert rule.continues([first], _line("tors", top=714))
    assert not rule.continues([first], _line("Partners agreed to share", top=714))


class _BoldLines:
    """A page's styles that take every bold line for a heading of the first rank."""

    def level(self, fragment: Fragment) -> int:
        return 1 if fragment.bold else 0

    def continues(self, group: Sequence[Fragment], fragment: Fragment) -> bool:
        del group, fragment  # each of its headings is one line
        return False


def test_an_outline_of_chapters_alone_leaves_the_headings_inside_them_to_the_page_s_styles() -> (
    None
):
    rule = OutlineHeadings([(1, "Introduction")], _BoldLines())
    assert rule.level(_line("Introduction", size=16, bold=True)) == 1
    assert rule.level(_line("What partners said", size=12, bold=True)) == 2
    assert rule.level(_line(PROSE[0])) == 0
    assert OutlineHeadings([(1, "Introduction")]).level(_line("What partners said", bold=True)) == 0


def test_a_section_number_set_apart_by_a_tab_opens_its_title_not_a_table_row() -> None:
    body = [
        Text(72, 700, "2.1.", 12, bold=True),
        Text(120, 700, "CORRUPTION AND INTEGRITY: AN OVERVIEW", 12, bold=True),
        *lines(72, 680, PROSE),
        Text(72, 630, "2.2.", 12, bold=True),
        Text(120, 630, "THE RULE OF LAW", 12, bold=True),
        *lines(72, 612, PROSE),
    ]
    document = read_pdf(make_pdf([body]))
    headings = [(b.kind, b.text) for b in document.blocks if b.kind != "paragraph"]
    assert headings == [
        ("heading", "2.1. CORRUPTION AND INTEGRITY: AN OVERVIEW"),
        ("heading", "2.2. THE RULE OF LAW"),
    ]


def test_titles_in_the_body_s_own_capitals_over_its_text_are_headings_and_a_notice_is_not() -> None:
    body = [
        *lines(72, 700, PROSE),
        Text(72, 650, "ROMANIA AND BULGARIA"),
        *lines(72, 638, PROSE),
        Text(72, 590, "GEORGIA"),
        *lines(72, 578, PROSE),
        Text(72, 530, "THIS NOTICE IS SET IN CAPITALS"),
        Text(72, 518, "OVER MORE LINES OF CAPITALS"),
        Text(72, 506, "AND SAYS NOTHING OF ITS OWN."),
    ]
    document = read_pdf(make_pdf([body]))
    headings = [b.text for b in document.blocks if b.kind == "heading"]
    assert headings == ["ROMANIA AND BULGARIA", "GEORGIA"]


def test_a_pull_quote_repeating_a_sentence_of_its_page_is_left_out_and_a_repeated_sentence_kept() -> (
    None
):
    said = "The best way to improve is through the agency's use of its own data"
    body = [
        *lines(72, 720, ["Using data", "Partners say what they use data for."]),
        *lines(
            72,
            680,
            [
                "Agencies publish more every year. The best way to improve is",
                "through the agency's use of its own data. Use comes first.",
            ],
        ),
        *lines(72, 620, ["Partners meet twice a year to review the plan."]),
        *lines(72, 590, ["Partners meet twice a year to review the plan. Each brings data."]),
        Text(72, 530, said),
    ]
    document = read_pdf(make_pdf([body]))
    texts = [b.text for b in document.blocks]
    assert said not in texts
    assert document.dropped["pull quotes"] == 1
    assert "Partners meet twice a year to review the plan." in texts


def test_contents_lines_with_spaced_dot_leaders_to_a_part_s_page_label_are_not_content() -> None:
    body = [
        Text(72, 700, "F.1 Input Data . . . . . . . . . . . . . . . . . . . App-15"),
        Text(72, 686, "F.2 Nearest Airport Selection . . . . . . . . . . . . App-15"),
        *lines(72, 640, PROSE),
    ]
    document = read_pdf(make_pdf([body]))
    assert [b.text for b in document.blocks] == [" ".join(PROSE)]
    assert document.dropped["toc"] == 2


def test_a_caption_atop_the_next_page_leaves_the_sentence_it_broke_into_whole() -> None:
    first = lines(
        72,
        700,
        [
            "We obtain location data for all but 21 of the 1,309 projects in",
            "the dataset, which corresponds to",
        ],
    )
    second = [
        Text(72, 740, "Figure 2: Locations of World Bank Projects"),
        Text(300, 600, "p1"),
        *lines(72, 500, ["a missingness rate of 1.6%. Figure 2 maps all projects."]),
    ]
    document = read_pdf(make_pdf([first, second]))
    texts = [b.text for b in document.blocks]
    assert (
        "We obtain location data for all but 21 of the 1,309 projects in the dataset, which "
        "corresponds to a missingness rate of 1.6%. Figure 2 maps all projects."
    ) in texts
    assert "Figure 2: Locations of World Bank Projects" in texts


def test_a_numbered_title_in_capitals_wrapped_over_several_lines_is_one_heading() -> None:
    title = [
        "4.4. HOW CAN GOVERNMENT AND NON-GOVERNMENT INSTITUTIONS WORK",
        "TOGETHER MOST EFFECTIVELY TO PROMOTE THE RULE OF LAW IN POST-TRANSITION",
        "SETTINGS? WHAT APPROACHES MAY WORK BEST IN ARMENIA?",
    ]
    body = [
        *lines(72, 720, PROSE),
        *[Text(72, 680 - 14 * i, line, 12, bold=True) for i, line in enumerate(title)],
        *lines(72, 620, PROSE),
    ]
    document = read_pdf(make_pdf([body]))
    assert [b.text for b in document.blocks if b.kind == "heading"] == [" ".join(title)]


def test_boxes_of_prose_under_their_titles_read_down_each_under_its_title() -> None:
    # Narrow boxes: a few words a line, most lines running on in lower case.
    boxes = {
        "Possible": ["If found with", "other possible signs,", "the situation needs",
                     "more looking into", "by the buyer."],
        "Strong": ["There is more", "likelihood of forced", "labour, but more",
                   "investigation is", "needed to confirm."],
        "Definite": ["Work is not", "freely chosen by", "the workers, so", "take action on",
                     "the issue now."],
    }  # fmt: skip
    body = [*lines(72, 760, PROSE)]
    for c, (title, box) in enumerate(boxes.items()):
        # The last lines of bullets set in columns above: closed by a stop, no header.
        body.append(
            Text(72 + 170 * c, 700, ["issue titles*.", "failures**.", "what to do next."][c], 11)
        )
        body.append(Text(72 + 170 * c, 655, title, 11, bold=True))
        body += [Text(72 + 170 * c, 622 - 16 * i, line, 11) for i, line in enumerate(box)]
    document = read_pdf(make_pdf([body]))
    read = [(b.kind, b.text) for b in document.blocks]
    assert read[read.index(("heading", "Possible")) + 1] == (
        "paragraph",
        "If found with other possible signs, the situation needs more looking into by the buyer.",
    )
    assert not [b for b in document.blocks if "Possible" in b.header]


def test_a_paper_with_an_outline_of_chapters_is_headed_by_them_and_by_the_page_s_own() -> None:
    body = [
        Text(72, 740, "Inaccessibility and Compliance in Foreign Aid", 17),
        *lines(72, 700, PROSE),
        Text(72, 630, "1. Theory", 12, bold=True),
        *lines(72, 610, PROSE),
        Text(72, 560, "What partners said", 10.9, bold=True),
        *lines(72, 545, PROSE),
    ]
    document = read_pdf(make_pdf([body], outline=["Theory"]))
    assert document.title == "Inaccessibility and Compliance in Foreign Aid"
    # The chapter the outline gives, with the number the page sets; the page's own heading
    # beneath it.
    chapter, inside = [b for b in document.blocks if b.kind == "heading"][-2:]
    assert (chapter.level, chapter.text) == (1, "1. Theory")
    assert inside.text == "What partners said" and inside.level > 1


def test_the_largest_lines_of_the_first_page_make_a_title_without_its_note_mark() -> None:
    body = [
        Text(72, 740, "Inaccessibility and Compliance: Geography,", 17),
        Text(72, 720, "Institutions, and Agency in Foreign Aid*", 17),
        *lines(72, 680, PROSE),
    ]
    pages, words = read_pages(pypdfium2.PdfDocument(make_pdf([body])))
    assert _largest_lines(lay_out(pages, words), 1) == (
        "Inaccessibility and Compliance: Geography, Institutions, and Agency in Foreign Aid"
    )
