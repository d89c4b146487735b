"""Pick the reader for a corpus file by its suffix and read it into a `ParsedDocument`."""

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from app.errors import UnreadableFileError
from app.ingest.blocks import ParsedDocument
from app.ingest.decoding import describe_binary
from app.ingest.html import read_html
from app.ingest.markdown import read_markdown
from app.ingest.pdf import read_pdf
from app.ingest.plaintext import read_text
from app.ingest.text import mend_surrogates
from app.ingest.word import read_docx

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".html", ".htm", ".docx")
# Bump when a reader's output changes: it keys the parse cache and is part of the index's
# fingerprint, so an existing index is rebuilt from freshly read files.
READERS_VERSION = 61


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
    document = _mended(_read(suffix, data, formats))
    if not any(block.text.strip() for block in document.blocks):
        raise UnreadableFileError("no text could be extracted")
    return document


def _read(suffix: str, data: bytes, formats: Collection[str]) -> ParsedDocument:
    if suffix == ".txt":
        return read_text(data, formats)
    if suffix == ".pdf":
        # The PDF header may follow a little junk; readers accept it within the first 1 KB.
        _expect(b"%PDF" in data[:1024], suffix, data)
        return read_pdf(data)
    if suffix == ".docx":
        _expect(data.startswith(b"PK\x03\x04"), suffix, data)
        return read_docx(data)
    if suffix in (".md", ".markdown"):
        return read_markdown(data)
    return read_html(data)


def _mended(document: ParsedDocument) -> ParsedDocument:
    """The document with every text's surrogate halves joined or dropped (`mend_surrogates`),
    whichever reader left them."""
    blocks = tuple(
        replace(
            b,
            text=mend_surrogates(b.text),
            cells=tuple(mend_surrogates(c) for c in b.cells),
            header=tuple(mend_surrogates(h) for h in b.header),
        )
        for b in document.blocks
    )
    metadata = {k: mend_surrogates(v) for k, v in document.metadata.items()}
    return replace(
        document, blocks=blocks, title=mend_surrogates(document.title), metadata=metadata
    )


def _expect(looks_right: bool, suffix: str, data: bytes) -> None:
    if not looks_right:
        found = describe_binary(data) or "text"
        raise UnreadableFileError(f"not a {suffix} file (looks like {found})")
