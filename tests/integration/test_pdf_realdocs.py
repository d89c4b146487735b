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


def test_footnotes_are_blocks_of_their_own() -> None:
    assert any(
        t.startswith("5 The average duration of a multi-year agreement") for t in body(UNFPA)
    )


def test_a_real_compound_keeps_its_hyphen_across_a_line_end() -> None:
    assert any(
        "outcomes funds pay only if pre-specified outcomes are achieved" in t
        for t in body(EOF_BRIEF)
    )


def test_table_rows_are_short_readable_rows() -> None:
    rows = [b.text for b in read(UNFPA).blocks if b.kind == "table_row"]
    assert rows and all(" | " in row and len(row.split()) < 120 for row in rows)


def test_the_brief_headings_come_from_its_layout() -> None:
    assert {"Why choose an outcomes fund?", "About the Education Outcomes Fund"} <= set(
        headings(EOF_BRIEF)
    )
