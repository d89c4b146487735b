"""Readers: every supported format yields blocks of text; unreadable files say why."""

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter

from app.errors import UnreadableFileError
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
