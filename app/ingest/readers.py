"""Pick the reader for a corpus file by its suffix and read it into a `ParsedDocument`."""

from collections.abc import Callable, Collection
from pathlib import Path

from app.errors import UnreadableFileError
from app.ingest.blocks import ParsedDocument
from app.ingest.decoding import describe_binary
from app.ingest.html import read_html
from app.ingest.markdown import read_markdown
from app.ingest.pdf import read_pdf
from app.ingest.plaintext import read_text
from app.ingest.word import read_docx

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".html", ".htm", ".docx")


def read_document(path: Path, formats: Collection[str] = ()) -> ParsedDocument:
    """Read a supported file, or raise UnreadableFileError saying why.

    `formats` are the catalogue's document-format hints (e.g. "pull-quotes").
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFileError(f"unsupported file type {path.suffix!r}")
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableFileError("file is empty")
    document = _read(suffix, data, formats)
    if not any(block.text.strip() for block in document.blocks):
        raise UnreadableFileError("no text could be extracted")
    return document


def _read(suffix: str, data: bytes, formats: Collection[str]) -> ParsedDocument:
    if suffix == ".txt":
        return read_text(data, formats)
    binary_readers: dict[str, tuple[str, Callable[[bytes], ParsedDocument]]] = {
        ".pdf": ("a PDF document", read_pdf),
        ".docx": ("a ZIP archive", read_docx),
    }
    if suffix in binary_readers:
        expected, reader = binary_readers[suffix]
        found = describe_binary(data)
        if found != expected:
            raise UnreadableFileError(f"not a {suffix} file (looks like {found or 'text'})")
        return reader(data)
    if suffix in (".md", ".markdown"):
        return read_markdown(data)
    return read_html(data)
