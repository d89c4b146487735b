"""Read a PDF's text lines with pypdf: the stop-gap until the layout-aware reader lands."""

import io

from app.errors import UnreadableFileError
from app.ingest.blocks import ParsedDocument
from app.ingest.lines import Line
from app.ingest.plaintext import parse_text_lines


def read_pdf(data: bytes) -> ParsedDocument:
    """Read a PDF page by page; encrypted or broken PDFs are unreadable."""
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
    return parse_text_lines(lines)
