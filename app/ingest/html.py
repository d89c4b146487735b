"""Read a web page's main content into blocks with trafilatura, keeping its headings.

Navigation, sidebars, forms, donation boxes and footers are left out by trafilatura's
main-content extraction; the page's `<title>` and meta tags become metadata. The authors
(author meta or byline) open the text as a byline paragraph, so a question naming them finds
the page; a heading that only repeats the byline or holds no word (a date) is not a section.
A small page (whose blocks trafilatura would merge) is read whole, without scripts,
navigation, the page's header (an article's or a section's own header holds its heading),
footers, sidebars and forms. Note references (a link within the page
whose text is a note's number) are taken out, so their numbers never join a word.
"""

import re

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed
from lxml import html as lxml_html

from app.errors import UnreadableFileError
from app.ingest.blocks import BlockKind, ParsedDocument, SourceBlock
from app.ingest.decoding import decode_text
from app.ingest.sections import split_off_title
from app.ingest.tables import table_row_text
from app.ingest.text import squash

_HEADING_REND = re.compile(r"h([1-6])")
# Marks a site generator appends to headings as anchors ('Why Open Data?¶').
_ANCHOR_MARKS = "¶#§🔗"
# Below this many characters of text a page has no boilerplate worth extracting around.
_SMALL_PAGE = 1500
# A paragraph of this many words is prose; a page with this many such paragraphs is checked
# for prose its main-content extraction left out.
_PROSE = 20
_PROSE_PARAGRAPHS = 5
# A class that styles an element as a heading of a level: "h2", "e-h2", "title-h3".
_HEADING_CLASS = re.compile(r"^(?:.*[-_])?h[1-6]$")
_HEADING_WORDS = 15
# Words a byline may hold besides the names.
_BY = frozenset({"by", "and", "written", "author", "authors"})
_METADATA = ("title", "author", "date", "description", "sitename")
_NOT_CONTENT = ("script", "style", "nav", "header", "footer", "form", "aside", "noscript")
# A page's own header is chrome, but one that holds a paragraph of prose and no navigation
# (a page's title over its introduction); so is an article's or a section's, its heading.
_CHROME = "|".join(f".//{tag}" for tag in _NOT_CONTENT if tag != "header")
# A note reference: a link to a place in a page ("#fn12", "ch4.html#fnref12") whose text is only a
# note's mark ("12", "[3]", "*", pandoc's "↩︎" back to the text), raised or not. Left in, its
# number runs into the word before it ("questions.166").
_NOTE_MARK = r"\[?(?:\d{1,3}|[*†‡])\]?|↩\ufe0e?"
_NOTE_REFERENCE = re.compile(
    r"(<sup\b[^>]*>\s*)?<a\b[^>]*\bhref\s*=\s*[\"'][^\"'#]*#[^\"']*[\"'][^>]*>\s*"
    rf"(?:<sup\b[^>]*>\s*)?(?:{_NOTE_MARK})\s*(?:</sup>\s*)?</a>(?(1)\s*</sup>)",
    re.IGNORECASE,
)


def read_html(data: bytes) -> ParsedDocument:
    """Read an HTML page in any common encoding."""
    page = _with_styled_headings(_NOTE_REFERENCE.sub("", decode_text(data)))
    plain = _fallback_blocks(page)
    root = _main_content(page, plain) if sum(len(b.text) for b in plain) >= _SMALL_PAGE else None
    if root is not None:
        metadata = {k: _strip_anchor(squash(v)) for k, v in root.attrib.items() if k in _METADATA}
        main = root.find("main")
        blocks = _blocks(main if main is not None else root)
    else:
        metadata, blocks = {}, plain
    metadata = metadata or _page_metadata(page)
    title, body = split_off_title(blocks)
    body = with_byline(body, metadata.get("author", ""))
    return ParsedDocument(tuple(body), title=metadata.get("title") or title, metadata=metadata)


def _with_styled_headings(page: str) -> str:
    """The page with its headings in heading tags: a short paragraph styled as a heading by a
    class ("h2", "e-h2", Bootstrap's convention) becomes one, ranked below every heading the
    markup names (its class tells its look, not its place in the outline), and a side column
    (`<aside>`) that holds nothing but a heading is that heading, the title of the section
    beside it."""
    try:
        tree = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return page
    changed = False
    for element in tree.iter("p", "div", "span"):
        styled = any(_HEADING_CLASS.match(c) for c in element.classes)
        short = len(element.text_content().split()) <= _HEADING_WORDS
        if styled and short and not any(child.tag in ("p", "div", "ul", "ol") for child in element):
            element.tag, changed = "h6", True
    for aside in list(tree.iter("aside")):
        headings = aside.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6")
        if len(headings) == 1 and _words(aside.text_content()) == _words(
            headings[0].text_content()
        ):
            headings[0].tail = None
            aside.getparent().replace(aside, headings[0])
            changed = True
    return str(lxml_html.tostring(tree, encoding="unicode")) if changed else page


def _main_content(page: str, plain: list[SourceBlock]) -> etree._Element | None:
    """trafilatura's main content of a page, as its XML tree. When that holds under half of
    the words of the page's paragraphs of prose, a class or id word its filters take for
    chrome marked the article's own container ("e-expandable" for "expand"): the page is
    read again with the class and id of every container of prose left out. When that too
    keeps under half (an article of several `<section>`s, each folded away), there is none:
    the page is read whole, as a small page is."""
    root = _extract(page)
    prose = [b.text for b in plain if b.kind == "paragraph" and len(b.text.split()) >= _PROSE]
    if len(prose) < _PROSE_PARAGRAPHS or _share_kept(prose, root) >= 0.5:
        return root
    again = _extract(_unmarked(page))
    best = again if _share_kept(prose, again) > _share_kept(prose, root) else root
    return best if _share_kept(prose, best) >= 0.5 else None


def _extract(page: str) -> etree._Element | None:
    import trafilatura

    extracted = trafilatura.extract(
        page,
        output_format="xml",
        include_formatting=True,
        include_tables=True,
        include_links=False,
        include_images=False,
        include_comments=False,
        favor_recall=True,
        with_metadata=True,
    )
    return etree.fromstring(extracted.encode("utf-8")) if extracted else None


def _share_kept(paragraphs: list[str], root: etree._Element | None) -> float:
    """The share of the words of `paragraphs` in those whose opening words are in the
    extracted tree's text."""
    if root is None:
        return 0.0
    text = squash("".join(root.itertext()))
    kept = sum(len(p.split()) for p in paragraphs if " ".join(p.split()[:_PROSE]) in text)
    return kept / sum(len(p.split()) for p in paragraphs)


def _unmarked(page: str) -> str:
    """The page with no class or id on any element that holds a paragraph (or list item) of
    prose."""
    tree = lxml_html.document_fromstring(page)
    for paragraph in tree.iter("p", "li"):
        if len(paragraph.text_content().split()) >= _PROSE:
            for element in (paragraph, *paragraph.iterancestors()):
                element.attrib.pop("class", None)
                element.attrib.pop("id", None)
    return str(lxml_html.tostring(tree, encoding="unicode"))


def with_byline(blocks: list[SourceBlock], author: str) -> list[SourceBlock]:
    """Open the text with a byline paragraph naming the authors, unless a paragraph near the
    top already names them; headings before any text that are the byline (and a date under
    it) become that paragraph."""
    names = _words(author)
    if not names:
        return blocks
    byline: list[str] = []
    at = 0
    while at < len(blocks) and blocks[at].kind == "heading":
        words = _words(blocks[at].text)
        if words and words <= names | _BY:
            byline.append(blocks[at].text)
        elif byline and not words:
            byline.append(blocks[at].text)  # the date set under the byline
        else:
            break
        at += 1
    rest = blocks[at:] if byline else blocks
    if not byline and any(names <= _words(b.text) for b in rest[:5] if b.kind != "heading"):
        return rest
    text = ", ".join(byline) if byline else ", ".join(a.strip() for a in author.split(";"))
    if not re.match(r"(?i)by\b", text):
        text = f"By {text}"
    return [SourceBlock("paragraph", text.rstrip(".,") + "."), *rest]


def _words(text: str) -> frozenset[str]:
    """The words of two letters or more (initials and digits left out), lower-cased."""
    return frozenset(w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 1)


def _blocks(main: etree._Element) -> list[SourceBlock]:
    blocks: list[SourceBlock] = []
    headers: dict[etree._Element | None, list[str]] = {}
    for element in main.iter("head", "p", "item", "row", "quote", "code"):
        if element.tag == "head":
            match = _HEADING_REND.fullmatch(element.get("rend", ""))
            text = _strip_anchor(_text(element))
            if text:
                blocks.append(SourceBlock("heading", text, int(match.group(1)) if match else 2))
        elif element.tag == "row":
            cells = [_text(cell) for cell in element.iter("cell")]
            if element.find("cell[@role='head']") is not None:
                headers[element.getparent()] = cells
            elif any(cells):
                header = headers.get(element.getparent(), [])
                blocks.append(SourceBlock("table_row", table_row_text(header, cells)))
        elif element.tag == "code" or _inside(element, ("row", "quote", "item")):
            continue
        elif text := _text(element):
            kind: BlockKind = "list_item" if element.tag == "item" else "paragraph"
            blocks.append(SourceBlock(kind, text))
    return blocks


# Elements that part words: line breaks, and paragraphs, headings, items and quotes set
# inside another element (trafilatura's names and HTML's).
_BREAKS = frozenset({"lb", "br", "p", "head", "item", "quote", "li", "div", "blockquote"})


def _inside(element: etree._Element, tags: tuple[str, ...]) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _text(element: etree._Element) -> str:
    """Return an element's words, without those of a list nested inside it; a line break
    or a paragraph parts the words on either side ("development.<br>Missing Maps", two
    paragraphs of one table cell)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in _BREAKS:
            parts.append(" ")
        if child.tag != "list":
            parts.append(_text(child))
        if child.tag in _BREAKS:
            parts.append(" ")
        parts.append(child.tail or "")
    return squash("".join(parts))


def _strip_anchor(text: str) -> str:
    return text.rstrip(_ANCHOR_MARKS + " ").strip()


def _drop_chrome(root: etree._Element) -> None:
    """Take out what is not content (`_CHROME`), and the page's own headers."""
    headers = [
        h
        for h in root.xpath(".//header[not(ancestor::article or ancestor::section)]")
        if h.xpath(".//nav")
        or not any(len(p.text_content().split()) >= _PROSE for p in h.iter("p"))
    ]
    for bad in [*root.xpath(_CHROME), *headers]:
        if bad.getparent() is not None:
            bad.drop_tree()


# What an item, a cell or a quotation holds when it is a container of the page's parts.
_SECTIONED = ".//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//section|.//article"


def _fallback_blocks(page: str) -> list[SourceBlock]:
    try:
        tree = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFileError(f"HTML could not be parsed ({exc})") from exc
    _drop_chrome(tree)
    blocks: list[SourceBlock] = []
    for element in tree.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "blockquote"):
        if element.xpath(_SECTIONED):
            continue  # an item holding a whole part of the page: its blocks are read
        if text := _strip_anchor(_text(element)):
            tag = str(element.tag)
            if tag.startswith("h"):
                blocks.append(SourceBlock("heading", text, int(tag[1])))
            else:
                blocks.append(SourceBlock("list_item" if tag == "li" else "paragraph", text))
    return blocks


def fragment_blocks(markup: str) -> list[SourceBlock]:
    """The text of a piece of HTML set inside another format (a Markdown file's raw HTML
    block): headings, paragraphs, list items, a `<details>` box's summary, and a table's
    rows named by its header row when that holds words. Scripts, styles and images give
    nothing."""
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    _drop_chrome(root)
    blocks: list[SourceBlock] = []
    for element in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "summary", "tr"):
        tag = str(element.tag)
        if tag == "tr":
            blocks.extend(_row(element))
        elif not _inside(element, ("tr",)) and (text := _strip_anchor(_text(element))):
            heading = tag.startswith("h") and tag[1:].isdigit()
            kind: BlockKind = "heading" if heading else "list_item" if tag == "li" else "paragraph"
            blocks.append(SourceBlock(kind, text, int(tag[1]) if heading else 0))
    return blocks


def _row(row: etree._Element) -> list[SourceBlock]:
    """A table row as a block named by its table's header row (a row in `<thead>`, or of
    `<th>` cells), none for the header itself or a row without text."""
    table = next((a for a in row.iterancestors("table")), None)
    first = table.find(".//tr") if table is not None else None
    header: list[str] = []
    if first is not None and (first.getparent().tag == "thead" or first.find("th") is not None):
        header = [_text(cell) for cell in first if cell.tag in ("th", "td")]
        if row is first:
            return []
    cells = [_text(cell) for cell in row if cell.tag in ("th", "td")]
    text = table_row_text(header, cells)
    return [SourceBlock("table_row", text)] if text else []


def _page_metadata(page: str) -> dict[str, str]:
    try:
        tree = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return {}
    found = {
        "title": squash(tree.findtext(".//title") or ""),
        "author": squash(" ".join(tree.xpath("//meta[@name='author']/@content"))),
    }
    return {key: value for key, value in found.items() if value}
