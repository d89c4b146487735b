"""Read plain text (.txt) into blocks, keeping its line numbers.

The document-specific cleaning runs only where the document calls for it: a table of
contents (three or more numbered entries with page numbers) is dropped and drives the
headings; pull-quotes and drafting notes are handled when the text shows them or the
catalogue's `format` names them ("pull-quotes", "drafting-notes").
"""

from collections.abc import Collection

from app.ingest import drafting
from app.ingest.blocks import ParsedDocument, SourceBlock
from app.ingest.decoding import decode_text
from app.ingest.lines import Line, number_lines
from app.ingest.sections import split_off_title
from app.ingest.sidebars import PullQuote, extract_pull_quotes, has_pull_quotes
from app.ingest.structure import parse_lines, strip_front_matter
from app.ingest.text import is_all_caps_heading

PULL_QUOTES = "pull-quotes"
DRAFTING_NOTES = "drafting-notes"


def read_text(data: bytes, formats: Collection[str] = ()) -> ParsedDocument:
    """Read a plain-text file in any common encoding and line-ending convention."""
    return parse_text_lines(number_lines(decode_text(data)), formats)


def parse_text_lines(lines: list[Line], formats: Collection[str] = ()) -> ParsedDocument:
    """Turn numbered lines into a document: headings, paragraphs, list items, quotes."""
    body, toc = strip_front_matter(lines)
    dropped = {"table of contents lines": len(lines) - len(body)} if toc else {}
    quotes: list[PullQuote] = []
    if PULL_QUOTES in formats or has_pull_quotes(body):
        body, quotes = extract_pull_quotes(body)
    notes = DRAFTING_NOTES in formats or drafting.has_drafting_notes([ln.text for ln in body])
    blocks = parse_lines(body, toc, drafting_notes=notes)
    blocks = sorted(blocks + [_quote_block(q) for q in quotes], key=lambda b: b.first_line)
    by_number = {line.number: line.text for line in lines}
    caps = frozenset(
        i
        for i, b in enumerate(blocks)
        if b.kind == "heading" and is_all_caps_heading(by_number.get(b.first_line, ""))
    )
    title, blocks = split_off_title(blocks, keep=caps)
    return ParsedDocument(tuple(blocks), title=title, dropped=dropped)


def _quote_block(quote: PullQuote) -> SourceBlock:
    text = f"{quote.text} —{quote.attribution}" if quote.attribution else quote.text
    return SourceBlock("quote", text, first_line=quote.first_line, last_line=quote.last_line)
