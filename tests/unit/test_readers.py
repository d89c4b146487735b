"""Readers: every supported format yields numbered lines; unreadable files say why."""

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter

from app.errors import UnreadableFileError
from app.ingest.readers import read_lines


def make_pdf(lines: list[str]) -> bytes:
    """Return a minimal one-page PDF showing `lines` in Helvetica."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({t}) Tj T*" for t in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


SAMPLES = {
    "notes.txt": b"Trust matters in every partnership.\n",
    "notes.md": b"# Title\n\nTrust matters in every partnership.\n",
    "notes.html": b"<html><body><h1>Title</h1><p>Trust matters in every partnership.</p>"
    b"<script>alert(1)</script></body></html>",
    "notes.pdf": make_pdf(["Trust matters in every partnership."]),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_reader_returns_the_text_with_line_numbers(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(SAMPLES[name])
    lines = read_lines(path)
    assert any("Trust matters in every partnership." in line.text for line in lines)
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))


def test_pdf_lines_carry_their_page(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(make_pdf(["Hello partners."]))
    assert {line.page for line in read_lines(path) if line.text.strip()} == {1}


def test_html_headings_become_markdown_and_scripts_vanish(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(SAMPLES["notes.html"])
    texts = [line.text for line in read_lines(path)]
    assert "# Title" in texts
    assert not any("alert" in t for t in texts)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"  \n", "empty"),
        ("binary.txt", b"\x00\x01\x02abc", "binary"),
        ("latin1.txt", "café".encode("latin-1"), "UTF-8"),
        ("broken.pdf", b"%PDF-1.4 this is not a pdf", "PDF"),
        ("image.png", b"\x89PNG", "unsupported"),
    ],
)
def test_unreadable_file_says_why(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableFileError, match=reason):
        read_lines(path)


def test_encrypted_pdf_is_unreadable(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(UnreadableFileError, match="encrypted"):
        read_lines(path)
