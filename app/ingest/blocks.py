"""The structure every format reader produces: a document's blocks in reading order.

Each reader (PDF, Word, Markdown, HTML, text) turns a file into a `ParsedDocument`, so
that cleaning, sectioning and splitting work on one shape and never on a format's quirks
(the idea of Unstructured's `partition_*` elements and Docling's document model).
"""

import re
from collections.abc import Mapping, Sequence
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


_TITLE_WORD = re.compile(r"[^\W_]{3,}")
_JOINING = frozenset({"the", "and", "for", "with", "from", "our", "its", "into"})


def names_its_text(title: str, blocks: Sequence[SourceBlock]) -> bool:
    """Whether a title a file declares names the text it heads: more than half of its words
    stand in that text. A template's title left in a file's properties ("HL7 Project Scope
    Statement" on a PHUSE project request) does not."""
    words = set(_TITLE_WORD.findall(title.lower())) - _JOINING
    if not words:
        return True
    text = set(_TITLE_WORD.findall(" ".join(b.text for b in blocks).lower()))
    return 2 * len(words & text) > len(words)
