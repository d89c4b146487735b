"""Read a Word document (.docx) into blocks with python-docx.

Headings come from paragraph styles ("Title", "Heading 1", ...), list paragraphs (a list
style or numbering) become list items, and tables become rows, all in document order.
The core properties' title is metadata and, when set, the document's title.
"""

import io
import re
import zipfile

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from app.errors import UnreadableFileError
from app.ingest.blocks import ParsedDocument, SourceBlock
from app.ingest.sections import split_off_title
from app.ingest.tables import table_row_text
from app.ingest.text import squash

_HEADING_STYLE = re.compile(r"heading\s*(\d)", re.IGNORECASE)


def read_docx(data: bytes) -> ParsedDocument:
    """Read a .docx file; a broken or non-Word ZIP archive is unreadable."""
    try:
        document = open_docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFileError(f"not a readable Word document ({exc})") from exc

    blocks: list[SourceBlock] = []
    explicit_title = ""
    tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            block = _paragraph_block(item)
            if block is None:
                continue
            if block.kind == "heading" and block.level == 0:
                explicit_title = explicit_title or block.text
                continue
            blocks.append(block)
        elif isinstance(item, Table):
            tables += 1
            blocks.extend(_table_blocks(item))
    properties = document.core_properties
    metadata = {
        key: squash(str(value))
        for key, value in (
            ("title", properties.title),
            ("author", properties.author),
            ("subject", properties.subject),
        )
        if value
    }
    title, body = split_off_title(blocks) if not explicit_title else ("", blocks)
    return ParsedDocument(
        tuple(body),
        title=metadata.get("title") or explicit_title or title,
        metadata=metadata,
        dropped={"tables": tables} if tables else {},
    )


def _paragraph_block(paragraph: Paragraph) -> SourceBlock | None:
    """Return a heading (level 0 for the Title style), list item or paragraph block."""
    text = squash(paragraph.text)
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower() == "title":
        return SourceBlock("heading", text, 0)
    if match := _HEADING_STYLE.match(style):
        return SourceBlock("heading", text, max(1, int(match.group(1))))
    properties = paragraph._p.pPr
    numbered = properties is not None and properties.numPr is not None
    if numbered or "list" in style.lower():
        return SourceBlock("list_item", text)
    return SourceBlock("paragraph", text)


def _table_blocks(table: Table) -> list[SourceBlock]:
    """Return one block per body row, its cells labelled by the first row's headers."""
    rows = [[squash(cell.text) for cell in row.cells] for row in table.rows]
    if not rows:
        return []
    header, body = (rows[0], rows[1:]) if len(rows) > 1 else ([], rows)
    blocks = []
    for row in body:
        cells = [c for i, c in enumerate(row) if i == 0 or c != row[i - 1]]  # merged cells
        labels = header if len(cells) == len(row) else []
        if text := table_row_text(labels, cells):
            blocks.append(SourceBlock("table_row", text))
    return blocks
