"""Turn a file's raw lines into clean, sectioned blocks: front matter, sidebars and
drafting instructions removed, pull-quotes kept as attributed blocks of their own."""

import bisect

from app.ingest.readers import Line
from app.ingest.sidebars import PullQuote, extract_pull_quotes
from app.ingest.structure import Block, parse_blocks, strip_front_matter


def clean_document(lines: list[Line]) -> list[Block]:
    """Return the document's content blocks in reading order, quotes after the body."""
    body, toc = strip_front_matter(lines)
    body, quotes = extract_pull_quotes(body)
    blocks = parse_blocks(body, toc)
    return blocks + [_quote_block(quote, blocks) for quote in quotes]


def _quote_block(quote: PullQuote, blocks: list[Block]) -> Block:
    """Place a quote in the section of the body text it stood beside."""
    starts = [b.first_line for b in blocks]
    at = bisect.bisect_right(starts, quote.first_line) - 1
    section = blocks[at].section if at >= 0 else ()
    text = f"{quote.text} —{quote.attribution}" if quote.attribution else quote.text
    return Block(text, section, quote.first_line, quote.last_line, kind="quote")
