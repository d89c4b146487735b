"""Real PDFs read as a person reads them (two public reports from eval/realdocs/).

The UNFPA report is a Word export with running headers, a contents page, numbered
paragraphs, footnotes and tables; the Education Outcomes Fund brief is an InDesign layout.
"""

import re
from functools import cache
from pathlib import Path

import pytest

from app.ingest.blocks import ParsedDocument
from app.ingest.pdf import read_pdf

REALDOCS = Path(__file__).resolve().parents[2] / "eval" / "realdocs"
UNFPA = "unfpa-structured-funding-dialogue-2024-2025.pdf"
EOF_BRIEF = "eof-information-brief-outcomes-funds.pdf"


@cache
def read(name: str) -> ParsedDocument:
    return read_pdf((REALDOCS / name).read_bytes())


def headings(name: str) -> list[str]:
    return [b.text for b in read(name).blocks if b.kind == "heading"]


def body(name: str) -> list[str]:
    return [b.text for b in read(name).blocks if b.kind != "heading"]


def test_the_report_chapters_and_sections_are_headings_with_their_rank() -> None:
    found = {b.text: b.level for b in read(UNFPA).blocks if b.kind == "heading"}
    for chapter in ("I. Introduction", "IV. Core funding", "VII. Conclusion"):
        assert chapter in found
    for section in ("A. UNFPA funding architecture", "D. Efficiency and transparency"):
        assert found[section] > found["I. Introduction"]


def test_a_numbered_paragraph_stays_body_text_with_its_first_line() -> None:
    assert not any(re.match(r"\d{1,2}\. ", h) for h in headings(UNFPA))
    assert any(
        t.startswith("28. Thematic funding is the second most flexible") for t in body(UNFPA)
    )


@pytest.mark.parametrize("name", [UNFPA, EOF_BRIEF])
def test_no_running_header_page_number_or_contents_entry_is_left(name: str) -> None:
    for text in body(name) + headings(name):
        assert not re.search(r"DP/FPA/2025/11|25-12740|\b\d{1,2}/30\b|(\. ?){4,}", text), text


@pytest.mark.parametrize("name", [UNFPA, EOF_BRIEF])
def test_footnote_markers_never_join_two_sentences(name: str) -> None:
    for text in body(name):
        assert not re.search(r"[a-z]{3}[.,;]\d{1,2} [A-Z]", text), text


def test_footnotes_are_notes_of_their_own_without_their_number() -> None:
    notes = [b.text for b in read(UNFPA).blocks if b.kind == "note"]
    assert any(t.startswith("The average duration of a multi-year agreement") for t in notes)
    assert not any(re.match(r"\d{1,3} ", t) for t in notes)


def test_a_real_compound_keeps_its_hyphen_across_a_line_end() -> None:
    assert any(
        "outcomes funds pay only if pre-specified outcomes are achieved" in t
        for t in body(EOF_BRIEF)
    )


def test_table_rows_are_short_rows_that_name_their_columns() -> None:
    rows = [b.text for b in read(UNFPA).blocks if b.kind == "table_row"]
    assert rows and all("; Percentage: " in row and len(row.split()) < 120 for row in rows[:4])
    assert all(len(row.split()) < 120 for row in rows)


def test_the_brief_headings_come_from_its_layout() -> None:
    assert {"Why choose an outcomes fund?", "About the Education Outcomes Fund"} <= set(
        headings(EOF_BRIEF)
    )


UNSDG = "unsdg-chair-report-E-2025-61.pdf"
UNICEF_EDUCATION = "unicef-global-education-thematic-fund-2024.pdf"


def test_reports_without_title_metadata_take_the_title_above_their_summary() -> None:
    assert read(UNFPA).title == "Report on the structured funding dialogue, 2024–2025"
    assert read(UNSDG).title == (
        "Report of the Chair of the United Nations Sustainable Development Group"
    )
    assert read(EOF_BRIEF).title == "Outcomes Funds for Education"


def test_the_cover_heads_no_section_and_annexes_are_top_level() -> None:
    levels = {b.text: b.level for b in read(UNFPA).blocks if b.kind == "heading"}
    assert levels["Project Services"] >= levels["I. Introduction"]
    unsdg = [b for b in read(UNSDG).blocks if b.kind == "heading"]
    annex = next(b.level for b in unsdg if b.text.startswith("Annex II"))
    assert annex < next(b.level for b in unsdg if b.text.startswith("III. Convening"))


def test_the_brief_opens_with_its_title_and_its_bullets_are_list_items() -> None:
    blocks = read(EOF_BRIEF).blocks
    assert (blocks[0].kind, blocks[0].text) == ("heading", "Outcomes Funds for Education")
    items = [b.text for b in blocks if b.kind == "list_item"]
    assert any(t.startswith("Government leadership") for t in items)
    assert not any(re.match(r"f [A-Z]", b.text) for b in blocks)
    assert not any(re.fullmatch(r"[A-Z]{1,2}", b.text) for b in blocks)  # the sideways label


def test_table_note_letters_and_bold_words_leave_sentences_whole() -> None:
    assert not any("leadershipa" in t for t in body(UNSDG))
    assert any("training nearly 168,000 schoolteachers" in t for t in body(UNICEF_EDUCATION))
