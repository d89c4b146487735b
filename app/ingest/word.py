"""Read a Word document (.docx) into blocks with python-docx.

Headings come from paragraph styles ("Title", "Heading 1", ...), list paragraphs (a list
style or numbering) become list items, and tables become rows, all in document order.
A paragraph's text is what the reader of the final document sees: tracked insertions and
content controls in, tracked deletions out. Text boxes (a report's "Box 1. ..." panels)
follow the paragraph they are anchored to, read once: Word stores each box twice, as
DrawingML and as a VML fallback for old readers.
Word's automatic numbers ("2.", "1.1", "a)"), which are not in a paragraph's text, are set
before the text of the numbered paragraphs and table cells as Word shows them.
The core properties' title is metadata and, when set, the document's title.
"""

import io
import re
import zipfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from app.errors import UnreadableFileError
from app.ingest.blocks import ParsedDocument, SourceBlock, names_its_text
from app.ingest.sections import split_off_title
from app.ingest.tables import table_row_text
from app.ingest.text import squash
from app.ingest.word_numbering import OUTSIDE_FLOW, TEXT_BOX, list_labels

_HEADING_STYLE = re.compile(r"heading\s*(\d)", re.IGNORECASE)
_TEXT = qn("w:t")
_SPACES = frozenset({qn("w:tab"), qn("w:br"), qn("w:cr")})
_HYPHEN = qn("w:noBreakHyphen")
_PARAGRAPH = qn("w:p")
# What the final document does not show, or shows elsewhere: deleted and moved-away text,
# and what is outside the body's flow (the second copy of a drawing kept for old readers,
# the inside of a text box).
_NOT_INLINE = frozenset({qn("w:del"), qn("w:moveFrom")}) | OUTSIDE_FLOW


def read_docx(data: bytes) -> ParsedDocument:
    """Read a .docx file; a broken or non-Word ZIP archive is unreadable."""
    try:
        document = open_docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFileError(f"not a readable Word document ({exc})") from exc

    blocks: list[SourceBlock] = []
    explicit_title = ""
    tables = 0
    emphasised: dict[int, str] = {}  # index in blocks -> how the whole paragraph is set off
    outline: dict[int, tuple[str, int]] = {}  # index in blocks -> its list and level
    numbers: dict[int, str] = {}  # index in blocks -> the number Word sets before it
    labels = list_labels(document)
    body_size = _body_size(document)
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            block = _paragraph_block(item)
            if block is not None and block.kind == "heading" and block.level == 0:
                explicit_title = explicit_title or block.text
            elif block is not None:
                if block.kind != "heading" and (kind := _emphasis(item, block.text, body_size)):
                    emphasised[len(blocks)] = kind
                if (place := _numbering(item)) is not None:
                    outline[len(blocks)] = place
                if label := labels.get(item._p):
                    numbers[len(blocks)] = label
                blocks.append(block)
            blocks.extend(_box_blocks(item))
        elif isinstance(item, Table):
            tables += 1
            blocks.extend(_table_blocks(item, labels))
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
    # What makes a heading or a contents page is judged on the text without its number.
    blocks = _with_emphasised_headings(blocks, emphasised, outline)
    contents = _contents(blocks)
    blocks = [
        replace(block, text=_with_number(numbers.get(i, ""), block.text))
        for i, block in enumerate(blocks)
        if i not in contents
    ]
    title, body = split_off_title(blocks) if not explicit_title else ("", blocks)
    return ParsedDocument(
        tuple(body),
        # Else a heading that opens it names it (a document set in Normal paragraphs has
        # several top-level ones, none of them taken as its title; one after a cover's text
        # names a part); else its file name, later.
        title=(
            metadata.get("title", "") if names_its_text(metadata.get("title", ""), blocks) else ""
        )
        or explicit_title
        or title
        or (body[0].text if body and body[0].kind == "heading" else ""),
        metadata=metadata,
        dropped={k: v for k, v in (("tables", tables), ("toc", len(contents))) if v},
    )


def _paragraph_block(paragraph: Paragraph) -> SourceBlock | None:
    """Return a heading (level 0 for the Title style), list item or paragraph block."""
    text = squash(visible_text(paragraph._p))
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


# A paragraph set off as a title: a few words, no sentence's end (a colon may close it).
_TITLE_LIKE = re.compile(r"^[\w“\"‘'(].{0,120}(?<![.!?;,])$")
_TITLE_WORDS = 14


def _emphasis(paragraph: Paragraph, text: str, body_size: int | None) -> str:
    """ "large" (set a size above the body's), "bold" or "underline" when every run of a
    short, title-like paragraph is set so, else ""."""
    if len(text.split()) > _TITLE_WORDS or not _TITLE_LIKE.match(text):
        return ""
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return ""
    sizes = [_size(r) for r in runs]
    if body_size and all(size and size >= _LARGER * body_size for size in sizes):
        return "large"
    style_font = paragraph.style.font if paragraph.style is not None else None
    bold = style_font is not None and bool(style_font.bold)
    if all(r.bold or (r.bold is None and bold) for r in runs):
        return "bold"
    if all(r.underline for r in runs):
        return "underline"
    return ""


_LARGER = 1.15  # a title's size over the body's
_HALF_POINT = 6350  # EMU


def _size(run: Any, default: int | None = None) -> int | None:
    """A run's type size in EMU: its own, its paragraph style's, else the document's."""
    size = run.font.size
    if size is None and run._parent is not None and hasattr(run._parent, "style"):
        style = run._parent.style
        size = style.font.size if style is not None else None
    return int(size) if size is not None else default


def _body_size(document: Any) -> int | None:
    """The type size most of the body's characters are set in, the document's default size
    (its styles' defaults) for runs that name none."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    half_points = defaults.find(f".//{qn('w:sz')}") if defaults is not None else None
    default = int(half_points.get(qn("w:val"))) * _HALF_POINT if half_points is not None else None
    sizes: Counter[int] = Counter()
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if (size := _size(run, default)) is not None:
                sizes[size] += len(run.text)
    return sizes.most_common(1)[0][0] if sizes else None


_SUBNUMBERED = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s")
_CONTENTS_TITLE = re.compile(r"^(table\s+of\s+)?contents$", re.IGNORECASE)
_PAGE_NUMBER_END = re.compile(r"\s\d{1,3}$")


def _contents(blocks: list[SourceBlock]) -> set[int]:
    """The indexes of the blocks of a table of contents typed out by hand (a "Contents"
    line, then entries ending in their page numbers)."""
    contents: set[int] = set()
    at = 0
    while at < len(blocks):
        end = at + 1
        if _CONTENTS_TITLE.match(blocks[at].text):
            while end < len(blocks) and _PAGE_NUMBER_END.search(blocks[end].text):
                end += 1
        if end > at + 1:
            contents.update(range(at, end))
        at = end
    return contents


def _with_number(label: str, text: str) -> str:
    """`text` after the number Word sets before it, unless the writer typed that number too
    ("2. Partnerships" numbered "2.")."""
    if not label or not text:
        return text
    typed = text.split(maxsplit=1)[0]
    marks = ".):"
    if typed.strip(marks) == label.strip(marks) and (
        typed != typed.strip(marks) or any(c.isdigit() for c in typed)
    ):
        return text
    return f"{label} {text}"


def _numbering(paragraph: Paragraph) -> tuple[str, int] | None:
    """The list a numbered paragraph belongs to and its level in it."""
    numbered = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    number = numbered.find(qn("w:numId")) if numbered is not None else None
    if numbered is None or number is None:
        return None
    level = numbered.find(qn("w:ilvl"))
    return str(number.get(qn("w:val"))), int(level.get(qn("w:val"), 0) if level is not None else 0)


def _with_emphasised_headings(
    blocks: list[SourceBlock], emphasised: dict[int, str], outline: dict[int, tuple[str, int]]
) -> list[SourceBlock]:
    """In a document whose writer styled no headings, a paragraph set off whole, larger
    than the body, in bold or underlined, with text after it and no neighbour set off the
    same way, is one: larger ranks first, then bold or underline, whichever the document
    uses first. So is an item of a
    numbered outline set off so, over items a level deeper ("1 Introduction" over "1.1
    Slavery is…"), ranked by its level."""
    if any(b.kind == "heading" for b in blocks):
        return blocks
    # Set larger ranks first; bold and underline by which the document uses first.
    order = sorted(dict.fromkeys(emphasised.values()), key=lambda kind: kind != "large")
    ranks = {kind: rank for rank, kind in enumerate(order, 1)}
    out = list(blocks)
    for i, kind in emphasised.items():
        place, below = outline.get(i), outline.get(i + 1)
        if place is not None:
            # Word may number the items below in a list of their own, or by hand ("4.1 ").
            deeper = (
                below[1] > place[1]
                if below is not None
                else _SUBNUMBERED.match(blocks[i + 1].text if i + 1 < len(blocks) else "")
            )
            if deeper:
                out[i] = SourceBlock("heading", blocks[i].text, ranks[kind] + place[1])
            continue
        # Paragraphs in a row set off the same way are emphasised text, not titles (but a
        # title set large over a subtitle set so).
        alone = kind == "large" or kind not in (emphasised.get(i - 1), emphasised.get(i + 1))
        if alone and i + 1 < len(blocks):
            out[i] = SourceBlock("heading", blocks[i].text, ranks[kind])
    return out


def visible_text(element: Any, labels: Mapping[Any, str] | None = None) -> str:
    """The text a reader sees in a paragraph or table cell, in order, without its text boxes;
    the paragraphs inside it after their numbers in `labels`, if given."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag in _NOT_INLINE:
                continue
            if tag == _TEXT:
                parts.append(child.text or "")
            elif tag == _PARAGRAPH and labels is not None:
                parts.append(_with_number(labels.get(child, ""), squash(visible_text(child))))
                parts.append(" ")
            elif tag == _PARAGRAPH:
                walk(child)
                parts.append(" ")
            elif tag in _SPACES:
                parts.append(" ")
            elif tag == _HYPHEN:
                parts.append("-")
            else:
                walk(child)

    walk(element)
    return "".join(parts)


def _box_blocks(paragraph: Paragraph) -> list[SourceBlock]:
    """The paragraphs of the text boxes anchored in `paragraph`, each box read once."""
    blocks = []
    for box in paragraph._p.iter(TEXT_BOX):
        if any(ancestor.tag in _NOT_INLINE for ancestor in box.iterancestors()):
            continue  # the fallback copy, or a box inside a box (read with its parent)
        for element in box.iter(_PARAGRAPH):
            if _hidden_within(element, box):
                continue
            block = _paragraph_block(Paragraph(element, paragraph._parent))
            if block is not None and block.kind == "heading":
                # A box's styles say how it looks (a cover's quotation set as a heading),
                # not where it stands in the document's outline.
                block = SourceBlock("paragraph", block.text)
            if block is not None:
                blocks.append(block)
    return blocks


def _hidden_within(element: Any, box: Any) -> bool:
    """Whether `element` lies in something between it and `box` that is not shown inline."""
    for ancestor in element.iterancestors():
        if ancestor is box:
            return False
        if ancestor.tag in _NOT_INLINE and ancestor.tag != TEXT_BOX:
            return True
    return False


def _table_blocks(table: Table, numbers: Mapping[Any, str]) -> list[SourceBlock]:
    """Return one block per body row, its cells labelled by the first row's headers (a title
    merged across the table above them is a paragraph); a table of one column (a cover's or
    a box's frame) gives paragraphs. A numbered paragraph in a cell keeps its number."""
    rows = [[squash(visible_text(cell._tc, numbers)) for cell in row.cells] for row in table.rows]
    if not rows:
        return []
    if all(len(set(row)) == 1 for row in rows):
        # One column (merged cells repeat): a box set as a table, each paragraph of its
        # cells a paragraph ("…we intend to verify that:" over the items it announces).
        cells = [row.cells[0]._tc for row in table.rows]
        return [
            SourceBlock("paragraph", text)
            for cell in dict.fromkeys(cells)
            for paragraph in cell.iter(_PARAGRAPH)
            if (text := _with_number(numbers.get(paragraph, ""), squash(visible_text(paragraph))))
        ]
    blocks = []
    while len(rows) > 2 and len(set(rows[0])) == 1:
        # A title set across the table (one merged cell) over its header row.
        blocks.append(SourceBlock("paragraph", rows[0][0]))
        rows = rows[1:]
    header, body = (rows[0], rows[1:]) if len(rows) > 1 else ([], rows)
    for row in body:
        cells = [c for i, c in enumerate(row) if i == 0 or c != row[i - 1]]  # merged cells
        labels = header if len(cells) == len(row) else []
        if text := table_row_text(labels, cells):
            blocks.append(SourceBlock("table_row", text))
    return blocks
