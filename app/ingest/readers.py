"""Readers that turn a corpus file (.txt, .md, .pdf, .html, .docx) into numbered lines of text."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.errors import UnreadableFileError

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".html", ".htm", ".docx")


@dataclass(frozen=True)
class Line:
    """One line of a source file; `page` is set for PDFs."""

    text: str
    number: int
    page: int | None = None


def read_lines(path: Path) -> list[Line]:
    """Read a supported file into lines, or raise UnreadableFileError saying why."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableFileError(f"unsupported file type {path.suffix!r}")
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableFileError("file is empty")
    lines = reader(data)
    if not any(line.text.strip() for line in lines):
        raise UnreadableFileError("no text could be extracted")
    return lines


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise UnreadableFileError("binary content (NUL bytes) in a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(f"not valid UTF-8 (byte {exc.start})") from exc


def _numbered(text: str) -> list[Line]:
    return [Line(t, n) for n, t in enumerate(text.replace("\r\n", "\n").split("\n"), start=1)]


def read_text(data: bytes) -> list[Line]:
    """Read plain text or Markdown."""
    return _numbered(_decode(data))


def read_pdf(data: bytes) -> list[Line]:
    """Read a PDF page by page; encrypted or broken PDFs are unreadable."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableFileError("PDF is encrypted")
        lines: list[Line] = []
        for page_number, page in enumerate(reader.pages, start=1):
            for text in (page.extract_text() or "").split("\n"):
                lines.append(Line(text, len(lines) + 1, page_number))
            lines.append(Line("", len(lines) + 1, page_number))
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableFileError(f"PDF could not be parsed ({exc})") from exc
    return lines


_BLOCK_TAGS = ("p", "li", "blockquote", "pre", "td", "th", "dt", "dd", "div", "section")


def read_html(data: bytes) -> list[Line]:
    """Read HTML: headings become Markdown headings, blocks become paragraphs."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(data), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript", "template"]):
        tag.decompose()
    for level in range(1, 7):
        for tag in soup.find_all(f"h{level}"):
            tag.insert_before(f"\n\n{'#' * level} ")
            tag.insert_after("\n\n")
    for tag in soup.find_all("li"):
        tag.insert_before("\n- ")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_after("\n\n")
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    text = soup.get_text()
    text = re.sub(r"[ \t\xa0]+", " ", text)
    text = re.sub(r"\n\s*\n\s*(\n\s*)+", "\n\n", text)
    return _numbered(text.strip())


def read_docx(data: bytes) -> list[Line]:
    """Read a Word document: heading styles become Markdown headings, tables rows of cells."""
    import io
    import zipfile

    from docx import Document as open_docx

    try:
        document = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFileError(f"Word document could not be parsed ({exc})") from exc
    texts: list[str] = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        level = re.fullmatch(r"Heading (\d)", style or "")
        prefix = "#" * int(level.group(1)) + " " if level else "# " if style == "Title" else ""
        texts.extend([prefix + paragraph.text, ""])
    for table in document.tables:
        for row in table.rows:
            texts.append(" | ".join(cell.text.strip() for cell in row.cells))
        texts.append("")
    return [Line(t, n) for n, t in enumerate(texts, start=1)]


_READERS: dict[str, Callable[[bytes], list[Line]]] = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".pdf": read_pdf,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
}
