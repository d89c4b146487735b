"""The structure every format reader produces: a document's blocks in reading order.

Each reader (PDF, Word, Markdown, HTML, text) turns a file into a `ParsedDocument`, so
that cleaning, sectioning and splitting work on one shape and never on a format's quirks
(the idea of Unstructured's `partition_*` elements and Docling's document model).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

# The `dropped` count of tables a reader could not read into sensible rows.
TABLES_LEFT_OUT = "tables left out"
# The `dropped` count of lines of titles scattered across boxes of prose set side by side.
BOX_TITLE_LINES = "box title lines"
BlockKind = Literal["heading", "paragraph", "list_item", "table_row", "quote", "note"]


@dataclass(frozen=True)
class SourceBlock:
    """One heading, paragraph, list item, table row, quote or note (a footnote, set apart
    from the body, without its number), with where it came from.

    `level` is a heading's depth (1 = top) and 0 for other kinds; `page` is set for paged
    formats; `first_line`/`last_line` are 1-based source lines for line-based formats
    (0 when the format has none). A table row read from a layout keeps its `cells`, one
    per column, and its columns' names in `header` (its `text` names each cell by its
    column); the ingest measure compares the row as the page sets it.
    """

    kind: BlockKind
    text: str
    level: int = 0
    page: int | None = None
    first_line: int = 0
    last_line: int = 0
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedDocument:
    """A file read into blocks, with the title and metadata the document itself declares.

    `dropped` counts what the reader removed as not content (e.g. "furniture" lines,
    "toc" entries, "footnotes", "tables", `TABLES_LEFT_OUT`), for the ingest summary.
    """

    blocks: tuple[SourceBlock, ...]
    title: str = ""
    metadata: Mapping[str, str] = field(default_factory=dict)
    dropped: Mapping[str, int] = field(default_factory=dict)
