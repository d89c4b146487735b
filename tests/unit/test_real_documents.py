"""Real public Markdown, HTML and generated Word documents: headings found, no markup or
furniture in passages, every body sentence kept, no passage over the model's window."""

import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from app.ingest.blocks import ParsedDocument, SourceBlock
from app.ingest.build import discover
from app.ingest.readers import read_document
from app.ingest.sections import section_blocks
from app.ingest.splitting import split_document
from app.passages import Document, Passage, embedding_text
from tests.fakes import HashingEmbedder

# The real documents of eval/realdocs/ (sources and licences in its SOURCES.md).
DATA = Path(__file__).resolve().parents[2] / "eval" / "realdocs"
EMBEDDER = HashingEmbedder(max_tokens=254)
MARKUP = ("](", "![", "<div", "<a ", "{{", "{%", "redirect_from", "¶", "**", "| ---")


def _passages(path: Path, max_tokens: int = 160) -> list[Passage]:
    document = Document("doc", "Doc", path.name, "0")
    blocks = section_blocks(read_document(path))
    return split_document(document, blocks, EMBEDDER.count_tokens, max_tokens, EMBEDDER.max_tokens)


def _words(text: str) -> list[str]:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.findall(r"[a-z0-9]+", text.lower())


def _shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def _markdown_prose(path: Path) -> list[str]:
    """The file's prose lines and table cells by plain regular expressions: front matter
    and heading lines out; images, link targets and emphasis stripped."""
    text = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]", "", text)
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    return [cell for line in lines for cell in line.split("|") if len(_words(cell)) >= 8]


def _html_paragraphs(path: Path) -> list[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main") or soup.find(class_="section") or soup
    return [p.get_text(" ") for p in main.find_all("p") if len(p.get_text()) > 80]


@pytest.mark.parametrize("name", ["dpg-standard.md", "open-data-handbook-what-is-open-data.md"])
def test_markdown_prose_is_kept_whole(name: str) -> None:
    kept = set().union(*(_shingles(p.text) for p in _passages(DATA / name)))
    source = set().union(*(_shingles(cell) for cell in _markdown_prose(DATA / name)))
    assert len(source & kept) / len(source) >= 0.97


@pytest.mark.parametrize(
    "name",
    ["open-data-handbook-why-open-data.html", "ogrx-multi-stakeholder-initiatives-evidence.html"],
)
def test_html_body_paragraphs_are_kept_whole(name: str) -> None:
    kept = set().union(*(_shingles(p.text) for p in _passages(DATA / name)))
    for paragraph in _html_paragraphs(DATA / name):
        assert _shingles(paragraph) <= kept, paragraph[:80]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.html")))
def test_html_has_no_markup_and_no_page_chrome(name: str) -> None:
    text = " ".join(p.text for p in _passages(DATA / name))
    assert not [m for m in MARKUP if m in text]
    assert "Donate" not in text and "Skip to" not in text


@pytest.mark.parametrize(
    "name", sorted(p.name for p in DATA.glob("*.md") if p.name != "SOURCES.md")
)
def test_markdown_has_no_markup_or_front_matter(name: str) -> None:
    text = " ".join(p.text for p in _passages(DATA / name))
    assert not [m for m in MARKUP if m in text]
    assert "lang: en" not in text and "section: guide" not in text


def test_front_matter_title_and_headings_make_the_structure() -> None:
    document = read_document(DATA / "open-data-handbook-what-is-open-data.md")
    assert document.title == "What is Open Data?"
    assert document.metadata["lang"] == "en"
    sections = {p.section for p in _passages(DATA / "open-data-handbook-what-is-open-data.md")}
    assert "What is Open?" in sections


def test_a_lone_top_heading_gives_the_title_and_table_rows_stay_rows() -> None:
    document = read_document(DATA / "dpg-standard.md")
    assert document.title == "Digital Public Goods Standard"
    rows = [b.text for b in document.blocks if b.kind == "table_row"]
    assert len(rows) == 12
    assert rows[2].startswith("Indicator: 3. Clear Ownership; Requirement: Ownership of assets")


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("dpg-standard.md", "Digital Public Goods Standard"),
        ("open-data-handbook-why-open-data.html", "Why Open Data?"),
    ],
)
def test_the_text_under_a_lone_top_heading_has_it_as_its_section(name: str, title: str) -> None:
    passages = _passages(DATA / name)
    assert passages and {p.section for p in passages} == {title}


def test_text_before_the_first_heading_sits_under_the_title_and_the_heading_replaces_it() -> None:
    document = ParsedDocument(
        (
            SourceBlock("paragraph", "An opening paragraph before any heading."),
            SourceBlock("heading", "Funding", 2),
            SourceBlock("paragraph", "Partners pooled their money."),
        ),
        title="Partnership Review",
    )
    assert [b.section for b in section_blocks(document)] == [("Partnership Review",), ("Funding",)]


def test_list_items_stay_separate_blocks() -> None:
    blocks = read_document(DATA / "open-data-handbook-what-is-open-data.md").blocks
    items = [b.text for b in blocks if b.kind == "list_item"]
    assert items[0].startswith("Availability and Access: the data must be available")
    assert items[1].startswith("Re-use and Redistribution:")


def test_html_title_is_metadata_and_headings_are_sections() -> None:
    path = DATA / "ogrx-multi-stakeholder-initiatives-evidence.html"
    document = read_document(path)
    assert document.title.startswith("Assessing the Evidence")
    assert any(p.section.endswith("Abstract") for p in _passages(path))
    assert not any(p.text.startswith("Assessing the Evidence") for p in _passages(path))


def test_html_authors_are_searchable_under_the_title() -> None:
    path = DATA / "ogrx-multi-stakeholder-initiatives-evidence.html"
    first = _passages(path)[0]
    assert first.section.startswith("Assessing the Evidence")
    assert "Brandon Brockmyer" in first.text and "Jonathan A. Fox" in first.text


@pytest.mark.parametrize("name", sorted(p.name for p in discover(DATA)))
def test_no_passage_is_longer_than_the_model_window(name: str) -> None:
    for passage in _passages(DATA / name, max_tokens=40):
        embedded = embedding_text(passage.section, passage.text)
        assert EMBEDDER.count_tokens([embedded])[0] <= EMBEDDER.max_tokens


def test_a_table_row_longer_than_the_budget_is_cut_into_pieces_that_fit() -> None:
    passages = _passages(DATA / "dpg-standard.md", max_tokens=24)
    for passage in passages:
        assert sum(EMBEDDER.count_tokens(passage.sentence_texts())) <= 24
    text = " ".join(p.text for p in passages)
    assert "Creative Commons license" in text


@pytest.fixture
def word_file(tmp_path: Path) -> Path:
    """A Word report with a title, two heading levels, lists and a table."""
    from docx import Document as new_docx

    document = new_docx()
    document.add_heading("Partnership Review 2024", 0)
    document.add_heading("Funding", 1)
    document.add_paragraph("Partners pooled their money in one fund. The fund paid for schools.")
    document.add_paragraph("Agree the goals.", style="List Number")
    document.add_paragraph("Sign the agreement.", style="List Number")
    document.add_heading("Donors", 2)
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate([("Donor", "Amount"), ("Sweden", "10 million"), ("Norway", "8")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_heading("Lessons", 1)
    document.add_paragraph("Trust took two years to build.")
    path = tmp_path / "review.docx"
    out = io.BytesIO()
    document.save(out)
    path.write_bytes(out.getvalue())
    return path


def test_word_headings_lists_and_tables_come_from_styles(word_file: Path) -> None:
    document = read_document(word_file)
    assert document.title == "Partnership Review 2024"
    headings = [(b.level, b.text) for b in document.blocks if b.kind == "heading"]
    assert headings == [(1, "Funding"), (2, "Donors"), (1, "Lessons")]
    # "List Number" numbers its paragraphs, as Word shows them.
    assert [b.text for b in document.blocks if b.kind == "list_item"] == [
        "1. Agree the goals.",
        "2. Sign the agreement.",
    ]
    rows = [b.text for b in document.blocks if b.kind == "table_row"]
    assert rows == ["Donor: Sweden; Amount: 10 million", "Donor: Norway; Amount: 8"]
    sections = {p.section: p.text for p in _passages(word_file)}
    assert sections["Funding > Donors"].startswith("Donor: Sweden")
    assert sections["Lessons"] == "Trust took two years to build."
