"""The Word reader reads what the final document shows: tracked changes accepted, content
controls read, and each text box once, after the paragraph it is anchored to."""

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from app.evaluation.ingest_quality import docx_text
from app.ingest.readers import read_document

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
V = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def _box(*paragraphs: str, style: str = "") -> str:
    """A text box as Word writes it: the DrawingML box, then the VML copy for old readers;
    its paragraphs in `style` if one is named."""
    styled = f"<w:pPr><w:pStyle w:val='{style}'/></w:pPr>" if style else ""
    content = "".join(f"<w:p>{styled}<w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (
        f"<w:r {W} {MC} {WPS} {V}><mc:AlternateContent>"
        f"<mc:Choice Requires='wps'><w:drawing><wps:txbx><w:txbxContent>{content}"
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:textbox><w:txbxContent>{content}</w:txbxContent>"
        "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def _word_file(tmp_path: Path) -> Path:
    document = Document()
    document.add_heading("Funding to statistics", 1)
    edited = document.add_paragraph("The survey shows how the ")
    edited._p.append(parse_xml(f"<w:del {W}><w:r><w:delText>old words</w:delText></w:r></w:del>"))
    edited._p.append(parse_xml(f"<w:ins {W}><w:r><w:t>data are made</w:t></w:r></w:ins>"))
    edited._p.append(
        parse_xml(f"<w:r {W}><w:t xml:space='preserve'>, which donors use.</w:t></w:r>")
    )
    cited = document.add_paragraph("Aid fell in 2020 ")
    cited._p.append(
        parse_xml(
            f"<w:sdt {W}><w:sdtContent><w:r><w:t>(OECD, 2021)</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )
    cited._p.append(parse_xml(f"<w:r {W}><w:t>.</w:t></w:r>"))
    anchor = document.add_paragraph("Projects are found by their titles.")
    anchor._p.append(
        parse_xml(_box("Box 1. How projects are found", "Keywords filter the titles."))
    )
    document.add_paragraph("The list is checked by hand.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Donor", "Amount"
    table.cell(1, 0).text = "Sweden"
    table.cell(1, 1).paragraphs[0]._p.append(
        parse_xml(f"<w:ins {W}><w:r><w:t>10 million</w:t></w:r></w:ins>")
    )
    path = tmp_path / "methodology.docx"
    document.save(str(path))
    return path


def test_tracked_insertions_are_read_and_deletions_are_not(tmp_path: Path) -> None:
    texts = [b.text for b in read_document(_word_file(tmp_path)).blocks]
    assert "The survey shows how the data are made, which donors use." in texts
    assert not any("old words" in t for t in texts)
    assert any("Sweden" in t and "10 million" in t for t in texts)


def test_a_content_control_inside_a_sentence_stays_in_it(tmp_path: Path) -> None:
    texts = [b.text for b in read_document(_word_file(tmp_path)).blocks]
    assert "Aid fell in 2020 (OECD, 2021)." in texts


def test_a_text_box_follows_its_anchor_once(tmp_path: Path) -> None:
    texts = [b.text for b in read_document(_word_file(tmp_path)).blocks]
    start = texts.index("Projects are found by their titles.")
    assert texts[start : start + 4] == [
        "Projects are found by their titles.",
        "Box 1. How projects are found",
        "Keywords filter the titles.",
        "The list is checked by hand.",
    ]


def test_the_measure_counts_a_text_box_once_and_apart_from_its_anchor(tmp_path: Path) -> None:
    lines = docx_text(_word_file(tmp_path)).splitlines()
    assert lines.count("Keywords filter the titles.") == 1
    assert "Projects are found by their titles." in lines


def _unstyled_file(tmp_path: Path, styled_heading: bool = False) -> Path:
    """A declaration whose writer set its titles off in bold and underline, not as headings."""
    document = Document()
    if styled_heading:
        document.add_heading("Declaration", 1)
    document.add_paragraph().add_run("Declaration of commitment").bold = True
    document.add_paragraph().add_run("Our aims").underline = True
    document.add_paragraph("We will publish ownership data by 2023.")
    lead = document.add_paragraph()
    lead.add_run("Members commit").bold = True
    lead.add_run(" to the following principles.")
    document.add_paragraph().add_run("This sentence is all in bold.").bold = True
    document.add_paragraph().add_run("Glossary").bold = True
    document.add_paragraph().add_run("Data").bold = True
    document.add_paragraph("Facts recorded about owners.")
    path = tmp_path / "declaration.docx"
    document.save(str(path))
    return path


def test_titles_set_off_in_bold_or_underline_are_headings_where_no_heading_is_styled(
    tmp_path: Path,
) -> None:
    document = read_document(_unstyled_file(tmp_path))
    blocks = document.blocks
    # Bold, used first, ranks above underline; the one top-level title opening the document
    # is its title.
    assert document.title == "Declaration of commitment"
    assert [(b.level, b.text) for b in blocks if b.kind == "heading"] == [(2, "Our aims")]
    # A bold lead-in, a bold sentence and two bold lines in a row stay text.
    texts = [b.text for b in blocks if b.kind != "heading"]
    assert "Members commit to the following principles." in texts
    assert {"This sentence is all in bold.", "Glossary", "Data"} <= set(texts)


def test_a_document_without_a_title_is_named_by_its_first_heading(tmp_path: Path) -> None:
    document = Document()
    for title in ("Declaration of commitment", "Signatories"):
        document.add_paragraph().add_run(title).bold = True
        document.add_paragraph("We will publish ownership data by 2023.")
    path = tmp_path / "bot-declaration.docx"
    document.save(str(path))
    assert read_document(path).title == "Declaration of commitment"


def test_emphasis_makes_no_heading_where_the_writer_styled_headings(tmp_path: Path) -> None:
    blocks = read_document(_unstyled_file(tmp_path, styled_heading=True)).blocks
    assert {b.text for b in blocks if b.kind == "heading"} <= {"Declaration"}
    assert {"Declaration of commitment", "Our aims"} <= {b.text for b in blocks}


def _numbered(document: Any, text: str, numbering: tuple[int, int] | None, bold: bool) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = bold
    if numbering is not None:
        numbered = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numbered.get_or_add_numId().val, numbered.get_or_add_ilvl().val = numbering


def test_bold_items_of_a_numbered_outline_over_deeper_items_are_headings(tmp_path: Path) -> None:
    document = Document()
    # A quotation on the cover, in a box styled as a heading, styles no heading of the text.
    cover = document.add_paragraph()
    cover._p.append(parse_xml(_box("“Wales will be hostile to slavery”", style="Heading1")))
    _numbered(document, "Introduction", (1, 0), bold=True)
    _numbered(document, "Slavery is a crime that affects millions.", (1, 1), bold=False)
    _numbered(document, "Partners must act together.", (1, 1), bold=False)
    _numbered(document, "Pursue", (4, 0), bold=True)
    _numbered(document, "‘Prosecute and disrupt the groups responsible.’", None, bold=False)
    _numbered(document, "Governance", (1, 0), bold=True)  # its items numbered by hand
    _numbered(document, "4.1 Progress will be monitored at each meeting.", None, bold=False)
    path = tmp_path / "delivery-plan.docx"
    document.save(str(path))
    blocks = read_document(path).blocks
    assert [(b.level, b.text) for b in blocks if b.kind == "heading"] == [
        (1, "Introduction"),
        (1, "Governance"),
    ]
    assert "Pursue" in [b.text for b in blocks if b.kind == "list_item"]


def test_titles_set_large_are_headings_and_a_typed_out_contents_is_left_out(
    tmp_path: Path,
) -> None:
    document = Document()
    document.add_paragraph("Delivering the anti-slavery strategy in Wales, 2017 to 2018.")
    document.add_paragraph().add_run("Table of Contents").font.size = Pt(16)
    for entry in ("1. Introduction and purpose    3", "Annex A Terms of Reference    6"):
        document.add_paragraph().add_run(entry).bold = True
    for title, text in (
        ("Annex A Terms of Reference", None),
        ("Terms of Reference", "The group meets four times a year."),
        ("Members by Exception", "Others attend when the agenda needs them."),
    ):
        document.add_paragraph().add_run(title).font.size = Pt(16)
        if text:
            document.add_paragraph().add_run(text).font.size = Pt(11)
    path = tmp_path / "delivery-plan.docx"
    document.save(str(path))
    read = read_document(path)
    assert [(b.level, b.text) for b in read.blocks if b.kind == "heading"] == [
        (1, "Annex A Terms of Reference"),
        (1, "Terms of Reference"),
        (1, "Members by Exception"),
    ]
    assert not any("Contents" in b.text or "purpose" in b.text for b in read.blocks)
    assert read.dropped["toc"] == 3
    assert read.title != "Annex A Terms of Reference"  # text before it: it names a part


def test_a_table_of_one_column_is_a_box_of_paragraphs(tmp_path: Path) -> None:
    document = Document()
    cover = document.add_table(rows=3, cols=1)
    lines = ["Delivery Plan", "Delivering the strategy", "2017 – 2018"]
    for row, text in zip(cover.rows, lines, strict=True):
        row.cells[0].text = text
    document.add_paragraph("The group is chaired by the Head of Community Safety.")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    blocks = read_document(path).blocks
    assert [(b.kind, b.text) for b in blocks][:3] == [
        ("paragraph", "Delivery Plan"),
        ("paragraph", "Delivering the strategy"),
        ("paragraph", "2017 – 2018"),
    ]


def test_each_paragraph_of_a_one_column_box_stays_a_paragraph(tmp_path: Path) -> None:
    document = Document()
    cell = document.add_table(rows=1, cols=1).rows[0].cells[0]
    cell.text = "We intend to verify that:"
    cell.add_paragraph("The packaged code is compliant")
    cell.add_paragraph("The agency can rerun the analysis")
    path = tmp_path / "request.docx"
    document.save(str(path))
    assert [(b.kind, b.text) for b in read_document(path).blocks] == [
        ("paragraph", "We intend to verify that:"),
        ("paragraph", "The packaged code is compliant"),
        ("paragraph", "The agency can rerun the analysis"),
    ]


def test_a_title_merged_across_a_table_over_its_header_is_a_paragraph(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=3, cols=2)
    title = table.cell(0, 0).merge(table.cell(0, 1))
    title.text = "Strategic Objective 9: Working with source countries"
    table.cell(1, 0).text, table.cell(1, 1).text = "Priority Actions", "Owner"
    table.cell(2, 0).text, table.cell(2, 1).text = "9.1 Agree priorities with partners", "Kim"
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert [(b.kind, b.text) for b in read_document(path).blocks] == [
        ("paragraph", "Strategic Objective 9: Working with source countries"),
        ("table_row", "Priority Actions: 9.1 Agree priorities with partners; Owner: Kim"),
    ]


# Word's automatic numbers are not in the paragraphs' text: the reader sets them before it as
# Word shows them, counted from the document's numbering definitions.

_IDS = 100  # numbering ids clear of the template's own


def _definition(
    document: Any, *levels: tuple[str, str], start: int = 1, legal: bool = False
) -> int:
    """Add a numbering definition (w:abstractNum), its levels given as (format, pattern)."""
    numbering = document.part.numbering_part.element
    definition = _IDS + len(numbering.findall(qn("w:abstractNum")))
    lvls = "".join(
        f"<w:lvl w:ilvl='{level}'><w:start w:val='{start}'/><w:numFmt w:val='{style}'/>"
        f"{'<w:isLgl/>' if legal else ''}<w:lvlText w:val='{pattern}'/></w:lvl>"
        for level, (style, pattern) in enumerate(levels)
    )
    element = parse_xml(f"<w:abstractNum {W} w:abstractNumId='{definition}'>{lvls}</w:abstractNum>")
    numbering.find(qn("w:num")).addprevious(element)  # definitions come before the lists
    return definition


def _list(document: Any, definition: int, restart: int | None = None) -> int:
    """Add a list (w:num) numbered by `definition`, its first level restarted at `restart`."""
    numbering = document.part.numbering_part.element
    number = _IDS + len(numbering.findall(qn("w:num")))
    override = (
        f"<w:lvlOverride w:ilvl='0'><w:startOverride w:val='{restart}'/></w:lvlOverride>"
        if restart is not None
        else ""
    )
    numbering.append(
        parse_xml(
            f"<w:num {W} w:numId='{number}'><w:abstractNumId w:val='{definition}'/>"
            f"{override}</w:num>"
        )
    )
    return number


def _saved(document: Any, tmp_path: Path) -> Path:
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    return path


def _texts(document: Any, tmp_path: Path) -> list[str]:
    return [b.text for b in read_document(_saved(document, tmp_path)).blocks]


def test_a_numbered_list_reads_with_the_numbers_word_shows(tmp_path: Path) -> None:
    document = Document()
    steps = _list(document, _definition(document, ("decimal", "%1.")))
    for step in ("Open the register.", "Check the owner.", "Publish the record."):
        _numbered(document, step, (steps, 0), bold=False)
    assert _texts(document, tmp_path) == [
        "1. Open the register.",
        "2. Check the owner.",
        "3. Publish the record.",
    ]


def test_a_deeper_level_restarts_when_a_shallower_one_advances(tmp_path: Path) -> None:
    document = Document()
    outline = _list(document, _definition(document, ("decimal", "%1."), ("decimal", "%1.%2.")))
    for text, level in (
        ("Scope", 0),
        ("Who is covered.", 1),
        ("What is covered.", 1),
        ("Method", 0),
        ("How data are collected.", 1),
    ):
        _numbered(document, text, (outline, level), bold=False)
    assert _texts(document, tmp_path) == [
        "1. Scope",
        "1.1. Who is covered.",
        "1.2. What is covered.",
        "2. Method",
        "2.1. How data are collected.",
    ]


def test_each_level_is_written_in_its_own_format(tmp_path: Path) -> None:
    document = Document()
    lettered = _list(document, _definition(document, ("lowerLetter", "%1)")))
    mixed = _list(
        document,
        _definition(
            document, ("upperRoman", "%1."), ("lowerRoman", "%1-%2"), ("decimalZero", "%3")
        ),
    )
    legal = _list(
        document, _definition(document, ("upperLetter", "%1."), ("lowerRoman", "%1.%2"), legal=True)
    )
    for text, place in (
        ("Prevention", (lettered, 0)),
        ("Protection", (lettered, 0)),
        ("Part one", (mixed, 0)),
        ("Part two", (mixed, 0)),
        ("First clause", (mixed, 1)),
        ("Second clause", (mixed, 1)),
        ("Note", (mixed, 2)),
        ("Annex", (legal, 0)),
        ("Annex item", (legal, 1)),
    ):
        _numbered(document, text, place, bold=False)
    assert _texts(document, tmp_path) == [
        "a) Prevention",
        "b) Protection",
        "I. Part one",
        "II. Part two",
        "II-i First clause",
        "II-ii Second clause",
        "01 Note",
        "1. Annex",  # legal numbering writes every number in decimal
        "1.1 Annex item",
    ]


def test_lists_sharing_a_definition_share_its_count_unless_one_restarts(tmp_path: Path) -> None:
    document = Document()
    definition = _definition(document, ("decimal", "%1."))
    first, second, restarted = (
        _list(document, definition),
        _list(document, definition),
        _list(document, definition, restart=1),
    )
    for text, number in (
        ("Agree the terms.", first),
        ("Name the members.", first),
        ("Meet each quarter.", second),
        ("Review the plan.", restarted),
        ("Report to the board.", restarted),
    ):
        _numbered(document, text, (number, 0), bold=False)
    assert _texts(document, tmp_path) == [
        "1. Agree the terms.",
        "2. Name the members.",
        "3. Meet each quarter.",
        "1. Review the plan.",
        "2. Report to the board.",
    ]


def test_bullets_and_numbering_turned_off_show_no_number(tmp_path: Path) -> None:
    document = Document()
    bullets = _list(document, _definition(document, ("bullet", "•")))
    _numbered(document, "Twitter account", (bullets, 0), bold=False)
    _numbered(document, "Facebook account", (bullets, 0), bold=False)
    _numbered(document, "Website", (0, 0), bold=False)  # numId 0: no numbering
    blocks = read_document(_saved(document, tmp_path)).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("list_item", "Twitter account"),
        ("list_item", "Facebook account"),
        ("list_item", "Website"),
    ]


def test_a_bold_numbered_item_over_deeper_items_is_a_heading_with_its_number(
    tmp_path: Path,
) -> None:
    document = Document()
    outline = _list(document, _definition(document, ("decimal", "%1."), ("decimal", "%1.%2.")))
    _numbered(document, "Introduction", (outline, 0), bold=True)
    _numbered(document, "Slavery is a crime that affects millions.", (outline, 1), bold=False)
    _numbered(document, "2. Governance", (outline, 0), bold=True)  # its number typed too
    _numbered(document, "Progress is monitored at each meeting.", (outline, 1), bold=False)
    blocks = read_document(_saved(document, tmp_path)).blocks
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "1. Introduction"),
        ("list_item", 0, "1.1. Slavery is a crime that affects millions."),
        ("heading", 1, "2. Governance"),
        ("list_item", 0, "2.1. Progress is monitored at each meeting."),
    ]


def test_a_level_not_reached_yet_shows_its_start(tmp_path: Path) -> None:
    """Word shows "3.1" for the first item a level down in a list whose first level starts
    at 3 but has no item yet: the writer typed the "3." of the title above by hand."""
    document = Document()
    plan = _list(document, _definition(document, ("decimal", "%1."), ("decimal", "%1.%2.")))
    definition = document.part.numbering_part.element.findall(qn("w:abstractNum"))[-1]
    definition.find(qn("w:lvl")).find(qn("w:start")).set(qn("w:val"), "3")
    document.add_paragraph("3. Delivery plan")
    _numbered(document, "This plan sets out the priorities.", (plan, 1), bold=False)
    assert _texts(document, tmp_path)[1] == "3.1. This plan sets out the priorities."


def test_numbering_set_in_a_paragraph_style_counts(tmp_path: Path) -> None:
    document = Document()
    headings = _list(document, _definition(document, ("decimal", "%1")))
    numbered = document.styles["Heading 1"].element.get_or_add_pPr().get_or_add_numPr()
    numbered.get_or_add_numId().val = headings
    clauses = _list(document, _definition(document, ("decimal", "(%1)")))
    base = document.styles.add_style("Clause Base", WD_STYLE_TYPE.PARAGRAPH)
    base.element.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = clauses
    clause = document.styles.add_style("Clause", WD_STYLE_TYPE.PARAGRAPH)
    clause.base_style = base  # numbered through the style it is based on
    document.add_heading("Scope", 1)
    document.add_paragraph("The policy covers all staff.", style="Clause")
    unnumbered = document.add_paragraph(
        "Contractors are covered by their own terms.", style="Clause"
    )
    unnumbered._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 0
    document.add_heading("Method", 1)
    document.add_paragraph("Data are collected each year.", style="Clause")
    blocks = read_document(_saved(document, tmp_path)).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "1 Scope"),
        ("paragraph", "(1) The policy covers all staff."),
        ("list_item", "Contractors are covered by their own terms."),
        ("heading", "2 Method"),
        ("paragraph", "(2) Data are collected each year."),
    ]


def test_a_numbered_paragraph_in_a_table_keeps_its_number(tmp_path: Path) -> None:
    document = Document()
    actions = _list(document, _definition(document, ("decimal", "%1."), ("decimal", "%1.%2")))
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Priority Actions", "Owner"
    for row, action in ((1, "Work with partners."), (2, "1.2 Train the staff.")):
        paragraph = table.cell(row, 0).paragraphs[0]
        paragraph.add_run(action)
        if row == 1:
            numbered = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numbered.get_or_add_numId().val, numbered.get_or_add_ilvl().val = actions, 1
        table.cell(row, 1).text = "Kim"
    assert _texts(document, tmp_path) == [
        "Priority Actions: 1.1 Work with partners.; Owner: Kim",
        "Priority Actions: 1.2 Train the staff.; Owner: Kim",
    ]


def test_a_title_left_in_the_file_s_properties_by_a_template_does_not_name_it(
    tmp_path: Path,
) -> None:
    def saved(properties_title: str) -> Path:
        document = Document()
        document.core_properties.title = properties_title
        document.add_heading("Pilot Submission Request", level=1)
        document.add_paragraph("The pilot will submit an R package through the eCTD gateway.")
        path = tmp_path / "request.docx"
        document.save(str(path))
        return path

    assert read_document(saved("HL7 Scope Statement Template")).title == "Pilot Submission Request"
    assert read_document(saved("R Pilot Submission")).title == "R Pilot Submission"
