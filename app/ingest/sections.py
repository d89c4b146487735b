"""Turn a parsed document's blocks into sectioned blocks: each block carries the path of
the headings above it, which is what splitting packs into passages."""

from dataclasses import dataclass, replace
from typing import Literal

from app.ingest.blocks import ParsedDocument, SourceBlock

BlockUse = Literal["body", "table", "quote", "note"]
_SENTENCE_END = tuple('.!?:;"”’)]')
_BELOW_ANY = 99


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, table row or quote of cleaned text inside one section.

    `first_line`/`last_line` count source lines, or blocks when the format has no lines
    (`unit` says which).
    """

    text: str
    section: tuple[str, ...]
    first_line: int
    last_line: int
    pages: tuple[int, int] | None = None
    kind: BlockUse = "body"
    unit: Literal["lines", "paragraphs"] = "lines"


def section_blocks(document: ParsedDocument) -> list[Block]:
    """Give every non-heading block its section path; quotes, then notes, go after the
    body text, so a sidebar or a footnote never cuts a paragraph run in two nor joins a
    passage of it, and a paragraph that only continues the sentence the one before left
    open is joined to it.

    Text before the first heading sits under the document's own title (a lone top heading
    taken as the title still names the text below it)."""
    # The title ranks below any heading, so the first heading takes its place.
    stack: list[tuple[int, str]] = [(_BELOW_ANY, document.title)] if document.title else []
    body: list[Block] = []
    quotes: list[Block] = []
    notes: list[Block] = []
    lined = any(b.first_line for b in document.blocks)
    previous_paragraph = False
    for ordinal, block in enumerate(document.blocks, start=1):
        if block.kind == "heading":
            previous_paragraph = False
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, block.text))
            continue
        first, last = (block.first_line, block.last_line) if lined else (ordinal, ordinal)
        sectioned = Block(
            text=block.text,
            section=tuple(title for _, title in stack),
            first_line=first,
            last_line=max(first, last),
            pages=(block.page, block.page) if block.page is not None else None,
            kind=_use(block.kind),
            unit="lines" if lined else "paragraphs",
        )
        if block.kind == "quote":
            quotes.append(sectioned)
        elif block.kind == "note":
            notes.append(sectioned)
        elif block.kind == "paragraph" and previous_paragraph and _continues(body[-1], sectioned):
            body[-1] = _merge(body[-1], sectioned)
        else:
            body.append(sectioned)
        previous_paragraph = block.kind == "paragraph"
    return body + quotes + notes


# How a block is read: a table's rows apart from the prose around them (a row is a record,
# not a sentence), a quote or a note apart, everything else as body text.
_USES: dict[str, BlockUse] = {"table_row": "table", "quote": "quote", "note": "note"}


def _use(kind: str) -> BlockUse:
    return _USES.get(kind, "body")


def _continues(before: Block, after: Block) -> bool:
    """Tell whether a paragraph is the rest of the sentence the one before left open (a
    reader broke it at a line, column or page): no closing punctuation, then lower case."""
    return (
        before.section == after.section
        and not before.text.endswith(_SENTENCE_END)
        and after.text[:1].islower()
    )


def _merge(before: Block, after: Block) -> Block:
    pages = [p for b in (before, after) if b.pages for p in b.pages]
    return replace(
        before,
        text=f"{before.text} {after.text}",
        last_line=max(before.last_line, after.last_line),
        pages=(min(pages), max(pages)) if pages else None,
    )


def split_off_title(
    blocks: list[SourceBlock], keep: frozenset[int] = frozenset()
) -> tuple[str, list[SourceBlock]]:
    """Take a lone top-level heading that opens the document (no text before it) as its title.

    Returns the title ('' when there is none) and the blocks without that heading;
    `keep` holds indexes of headings that stay sections even when alone.
    """
    headings = [i for i, b in enumerate(blocks) if b.kind == "heading"]
    top = {blocks[i].text for i in headings if blocks[i].level == 1}
    if not headings or len(top) != 1:
        return "", blocks
    first = headings[0]
    if blocks[first].level != 1 or first in keep:
        return "", blocks
    if any(b.kind != "heading" for b in blocks[:first]):
        return "", blocks
    title = blocks[first].text
    rest = [b for b in blocks if not (b.kind == "heading" and b.level == 1 and b.text == title)]
    return title, rest
