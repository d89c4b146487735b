"""The Word reader reads what the final document shows: tracked changes accepted, content
controls read, and each text box once, after the paragraph it is anchored to."""

from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import parse_xml
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
