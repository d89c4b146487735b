"""Readers: every supported format yields blocks of text; unreadable files say why."""

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter

from app.errors import UnreadableFileError
from app.ingest.blocks import SourceBlock
from app.ingest.readers import read_document
from tests.pdfs import lines, make_pdf


def one_page_pdf(texts: list[str]) -> bytes:
    """Return a one-page PDF showing `texts` as lines of body text."""
    return make_pdf([lines(72, 720, texts)])


def make_docx() -> bytes:
    """Return a small Word document with a title, a heading and a paragraph."""
    from docx import Document

    document = Document()
    document.add_heading("Notes", 0)
    document.add_heading("Trust", 1)
    document.add_paragraph("Trust matters in every partnership.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


SAMPLES = {
    "notes.txt": b"Trust matters in every partnership.\n",
    "notes.md": b"# Title\n\nTrust matters in every partnership.\n",
    "notes.html": b"<html><body><h1>Title</h1><p>Trust matters in every partnership.</p>"
    b"<script>alert(1)</script></body></html>",
    "notes.pdf": one_page_pdf(["Trust matters in every partnership."]),
    "notes.docx": make_docx(),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_reader_returns_the_text_as_blocks(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(SAMPLES[name])
    blocks = read_document(path).blocks
    assert any(b.text == "Trust matters in every partnership." for b in blocks)


def test_text_blocks_carry_their_lines_and_pdf_blocks_their_page(tmp_path: Path) -> None:
    text, pdf = tmp_path / "a.txt", tmp_path / "a.pdf"
    text.write_bytes(b"First paragraph here.\n\nSecond one,\nwrapped.\n")
    pdf.write_bytes(one_page_pdf(["Hello partners."]))
    assert [(b.first_line, b.last_line) for b in read_document(text).blocks] == [(1, 1), (3, 4)]
    assert {b.page for b in read_document(pdf).blocks} == {1}


def test_html_headings_are_kept_and_scripts_vanish(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(SAMPLES["notes.html"])
    document = read_document(path)
    assert document.title == "Title"
    assert not any("alert" in b.text for b in document.blocks)


PROSE = "".join(
    f"<p>Partners in the {n}th district pooled their budgets and met every month to review "
    f"what the shared fund had paid for and what it had achieved.</p>"
    for n in range(12)
)


def _page(head: str, top: str) -> bytes:
    return (
        f"<html><head><title>Pooled Funds</title>{head}</head><body><main>"
        f"<h1>Pooled Funds</h1>{top}<h2>Findings</h2>{PROSE}</main></body></html>"
    ).encode()


def test_an_html_byline_becomes_the_first_paragraph_and_no_section(tmp_path: Path) -> None:
    path = tmp_path / "paper.html"
    path.write_bytes(
        _page(
            '<meta name="author" content="Ada Lovelace; Grace B. Hopper">',
            "<h3>Ada Lovelace, Grace B. Hopper</h3><h4>9/2015</h4>",
        )
    )
    blocks = read_document(path).blocks
    assert blocks[0] == SourceBlock("paragraph", "By Ada Lovelace, Grace B. Hopper, 9/2015.")
    assert [b.text for b in blocks if b.kind == "heading"] == ["Findings"]


def test_html_author_meta_without_a_byline_is_written_as_one(tmp_path: Path) -> None:
    path = tmp_path / "post.html"
    path.write_bytes(_page('<meta name="author" content="Ada Lovelace">', ""))
    assert read_document(path).blocks[0] == SourceBlock("paragraph", "By Ada Lovelace.")


def test_a_page_that_names_its_authors_in_its_text_gets_no_second_byline(tmp_path: Path) -> None:
    path = tmp_path / "post.html"
    path.write_bytes(
        _page('<meta name="author" content="Ada Lovelace">', "<p>Written by Ada Lovelace.</p>")
    )
    texts = [b.text for b in read_document(path).blocks]
    assert sum("Ada Lovelace" in t for t in texts) == 1


def test_an_html_page_without_authors_gets_no_byline(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(_page("", "<h3>2015</h3>"))
    blocks = read_document(path).blocks
    assert not any(b.text.startswith("By ") for b in blocks)
    assert [b.text for b in blocks if b.kind == "heading"] == ["2015", "Findings"]


def _sections(sides: str) -> bytes:
    """A case study whose sections sit in containers a main-content filter takes for chrome
    (class "e-expandable"), each titled by a side column and sub-headed by styled paragraphs."""
    return (
        "<html><head><title>Case</title></head><body><nav><a href='/'>Home</a></nav><main>"
        "<h1>Battling a Crisis</h1>"
        + "".join(
            f"<section><aside><h3>{side}</h3></aside><div class='e-expandable'>"
            f"<p class='e-h2'>{side} in detail</p>{PROSE}</div></section>"
            for side in sides.split(",")
        )
        + "<div class='b-footnotes'><h4>References</h4>"
        + "".join(
            f"<p>{n} Author, A. Report on pooled funds, volume {n}. 2015.</p>" for n in range(30)
        )
        + "</div></main></body></html>"
    ).encode()


def test_an_article_in_containers_named_like_chrome_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "case.html"
    path.write_bytes(_sections("Background,Impact"))
    texts = [b.text for b in read_document(path).blocks if b.kind == "paragraph"]
    assert sum("pooled their budgets" in t for t in texts) == 24
    assert not any("Home" in t for t in texts)


def test_side_heads_and_styled_headings_give_the_sections(tmp_path: Path) -> None:
    path = tmp_path / "case.html"
    path.write_bytes(_sections("Background,Impact"))
    blocks = read_document(path).blocks
    assert [(b.text, b.level) for b in blocks if b.kind == "heading"] == [
        ("Background", 3),
        ("Background in detail", 6),
        ("Impact", 3),
        ("Impact in detail", 6),
        ("References", 4),
    ]


def test_an_aside_with_more_than_a_heading_stays_a_sidebar(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    page = _page("", "<aside><h3>Donate</h3><p>Give to our campaign today.</p></aside>")
    path.write_bytes(page)
    assert not any("Donate" in b.text for b in read_document(path).blocks)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"  \n", "empty"),
        ("binary.txt", b"\x00\x01\x02abc", "binary"),
        ("archive.txt", b"PK\x03\x04" + bytes(range(256)), "binary file \\(looks like a ZIP"),
        ("report.pdf", b"PK\x03\x04" + bytes(range(256)), "looks like a ZIP archive"),
        ("notes.docx", b"plain words, not a Word file", "not a .docx file"),
        ("broken.pdf", b"%PDF-1.4 this is not a pdf", "PDF"),
        ("image.png", b"\x89PNG", "unsupported"),
    ],
)
def test_unreadable_file_says_why(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableFileError, match=reason):
        read_document(path)


def test_encrypted_pdf_is_unreadable(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(UnreadableFileError, match="encrypted"):
        read_document(path)
