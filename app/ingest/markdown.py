"""Read Markdown (CommonMark, with YAML front matter and GitHub tables) into blocks.

Front matter becomes metadata (its `title` is the document's title); links keep their
text; images, badges, inline HTML and code blocks are not content (they are counted); a
raw HTML block gives its text (a GitBook table, a `<details>` summary) as blocks, through
`html.fragment_blocks`; list items stay separate blocks; each table row becomes one "Header: cell; ..." block; a lone
top-level '#' heading that opens the document gives its title.
"""

import re
from dataclasses import replace
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from app.ingest.blocks import ParsedDocument, SourceBlock
from app.ingest.decoding import decode_text
from app.ingest.html import fragment_blocks
from app.ingest.sections import split_off_title
from app.ingest.tables import table_row_text
from app.ingest.text import squash

_DROPPED = {"fence": "code blocks", "code_block": "code blocks"}
# A site generator's template tag (GitBook, Jekyll): `{% hint style="warning" %}`.
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}")
# A link CommonMark does not read as one, its target holding a space ("[Land](themes/Land
# Data.md)"), which MkDocs and GitHub Pages render as a link all the same: its text stays.
_LOOSE_LINK = re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)")


def read_markdown(data: bytes) -> ParsedDocument:
    """Read a Markdown file in any common encoding."""
    parser = MarkdownIt("commonmark").use(front_matter_plugin).enable("table")
    tokens = parser.parse(decode_text(data))
    metadata: dict[str, str] = {}
    dropped: dict[str, int] = {}
    blocks: list[SourceBlock] = []
    containers: list[str] = []
    row: list[str] = []
    header: list[str] = []
    row_opener = tokens[0] if tokens else None
    for i, token in enumerate(tokens):
        if token.type == "front_matter":
            metadata = _front_matter(token.content)
        elif token.type in _DROPPED:
            dropped[_DROPPED[token.type]] = dropped.get(_DROPPED[token.type], 0) + 1
        elif token.type == "html_block":
            first, last = _lines(token)
            found = fragment_blocks(token.content)
            blocks.extend(replace(b, first_line=first, last_line=last) for b in found)
            if not found:
                dropped["raw HTML blocks"] = dropped.get("raw HTML blocks", 0) + 1
        elif token.type.endswith("_open") and token.type not in ("paragraph_open",):
            containers.append(token.type)
            if token.type == "tr_open":
                row, row_opener = [], token
        elif token.type.endswith("_close") and token.type != "paragraph_close":
            if containers:
                containers.pop()
            if token.type == "tr_close" and row_opener is not None:
                if "thead_open" in containers:
                    header = row
                    dropped["tables"] = dropped.get("tables", 0) + 1
                else:
                    blocks.append(_row_block(header, row, row_opener))
        elif token.type == "inline":
            text = _inline_text(token)
            if containers and containers[-1] in ("th_open", "td_open"):
                row.append(text)
            elif text:
                blocks.append(_text_block(text, containers, tokens[i - 1]))
    title, body = split_off_title(blocks)
    return ParsedDocument(
        tuple(body), title=metadata.get("title") or title, metadata=metadata, dropped=dropped
    )


def _text_block(text: str, containers: list[str], opener: Token) -> SourceBlock:
    first, last = _lines(opener)
    if containers and containers[-1] == "heading_open":
        level = int(opener.tag[1:]) if opener.tag[1:].isdigit() else 1
        return SourceBlock("heading", text, level, first_line=first, last_line=last)
    if "list_item_open" in containers:
        return SourceBlock("list_item", text, first_line=first, last_line=last)
    return SourceBlock("paragraph", text, first_line=first, last_line=last)


def _row_block(header: list[str], row: list[str], opener: Token) -> SourceBlock:
    first, last = _lines(opener)
    return SourceBlock("table_row", table_row_text(header, row), first_line=first, last_line=last)


def _lines(token: Token) -> tuple[int, int]:
    if token.map is None:
        return 0, 0
    return token.map[0] + 1, max(token.map[0] + 1, token.map[1])


def _inline_text(token: Token) -> str:
    """Return the words of an inline run: link text kept, images, raw HTML and the template
    tags of site generators (`{% hint style="warning" %}` in GitBook and Jekyll) gone."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return squash(_LOOSE_LINK.sub(r"\1", _TEMPLATE_TAG.sub(" ", "".join(parts))))


def _front_matter(content: str) -> dict[str, str]:
    """Read YAML front matter into flat string metadata; unreadable YAML gives none."""
    import yaml  # type: ignore[import-untyped]  # no stubs installed

    try:
        loaded: Any = yaml.safe_load(content)
    except yaml.YAMLError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {
        str(key): squash(str(value))
        for key, value in loaded.items()
        if isinstance(value, str | int | float)
    }
