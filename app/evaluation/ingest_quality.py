"""How well an index keeps its documents: issue 10's ingestion targets, per document.

For each document of a corpus, against the passages an index holds for it:
- body text kept: the share of 8-word shingles (compared with spaces left out) of an
  independent extraction (a table of contents, with leaders or without, left out) (pypdfium2's
  plain text for PDFs, with ligatures its text layer leaves unmapped read by glyph name, the text of Markdown and HTML with markup stripped, and for HTML the
  page's navigation, header, footer and sidebars left out, by tag, role, class or id) found in the
  passages or their section paths, leaving out running headers and footers and
  contents entries; shingles stay inside a line of the extraction. A table row is indexed
  self-described ("Donor: Norway; Amount: 4,678,581"), which the extraction sets as
  "Norway 4,678,581" under a header line: a row the reader read from a layout (its cells and
  its columns' names are in the parsed document, from the parse cache) is compared as the
  page sets it, its cells and its header's names, when its self-described text is whole in
  the passages; the names it repeats in every row are never parsed out of the text;
- the share of passages holding page furniture (a repeated short line, a page-number
  pattern, a document symbol), and of passages holding markup or dot leaders;
- section paths: the share of passages under one of the document's real headings, and the
  share of its real headings present in some section path (the real headings come from a
  hand-made file for PDFs; for Markdown and HTML, from their heading markup);
- the longest passage in word pieces.
"""

import ctypes
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import UnreadableFileError
from app.ingest.blocks import SourceBlock
from app.ingest.build import discover
from app.ingest.cache import ParsedCache, parsed_folder
from app.ingest.catalog import CatalogEntry, load_catalog, match_entries
from app.ingest.pdf_glyphs import Glyph, unmapped_ligatures
from app.ingest.readers import read_document

SHINGLE = 8
_LEADERS = re.compile(r"(\.\s?){5,}\s*\d*\s*$|…{3,}")
# Bold markup is "**" against a word ("**Note**"); a table's significance stars ("3.042**",
# "** p < 0.05") are no markup.
_MARKUP = re.compile(
    r"\]\(|!\[|</?[a-zA-Z][a-zA-Z0-9]*[\s/>]|^#{1,6}\s|\*\*[^\W\d]|[^\W\d]\*\*(?!\*)|^---$"
    r"|(\.\s?){5,}|…{3,}",
    re.MULTILINE,
)


def has_markup(text: str) -> bool:
    """Whether a passage shows Markdown or HTML markup, or dot leaders."""
    return _MARKUP.search(text) is not None


# A table of contents set without leaders: a "Contents" line, then lines ending in a page
# number; its lines that are not sentences are no body text.
_CONTENTS = re.compile(r"^\s*(table\s+of\s+)?contents\s*$", re.IGNORECASE | re.MULTILINE)
_PAGE_NUMBER_END = re.compile(r"\d{1,3}\s*$")
_SENTENCE = re.compile(r"^\S+(\s+\S+){5,}\.$")
# A note's marker the extraction set against the word before it: "run.5", "CDRs)2",
# "USAID.3", "(MCC).2".
_NOTE_MARKER = re.compile(r"(?:(?<=[A-Za-z)\]”\"’][.,;:])|(?<=[a-z)\]”\"’]))\d{1,3}(?=\s|$)")
# A running footer set among a page's text is short ("May 2016 | 018").
_FOOTER_WORDS = 8


def contents_page(page: str) -> bool:
    """Whether a page's text is a table of contents: a "Contents" line and at least three
    other lines ending in a page number, as many as 40% of them (in whatever order the
    extraction gives them: a designed page may draw its title last)."""
    if _CONTENTS.search(page) is None:
        return False
    others = [line for line in page.splitlines() if line.strip() and not _CONTENTS.match(line)]
    numbered = sum(bool(_PAGE_NUMBER_END.search(line)) for line in others)
    return numbered >= 3 and numbered >= 0.4 * len(others)


@dataclass(frozen=True)
class DocumentQuality:
    """The figures of one document."""

    path: str
    passages: int
    body_kept: float
    furniture_share: float
    markup_share: float
    under_heading_share: float
    headings_found_share: float
    real_headings: int
    longest_tokens: int


def words(text: str) -> list[str]:
    """Lower-cased word tokens; hyphenated words made one, so a line-end break never counts."""
    text = re.sub(r"(?<=\w)[-\u00ad\u2010\ufffe\x02]\s*(?=\w)", "", text.lower())
    return re.findall(r"[a-z0-9]+", text)


def shingles(text: str) -> set[tuple[str, ...]]:
    """The set of 8-word windows of a text."""
    tokens = words(text)
    return {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def reference_pages(path: Path) -> list[str]:
    """An extraction independent of the readers: pdfium's plain text page by page for a
    PDF, the text of Markdown and HTML with their markup stripped (one "page")."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pypdfium2

        data = path.read_bytes()
        document = pypdfium2.PdfDocument(data)
        ligatures = unmapped_ligatures(data)
        return [
            _with_ligatures(document[i].get_textpage(), ligatures.get(i, {}))
            for i in range(len(document))
        ]
    if suffix == ".docx":
        return [docx_text(path)]
    from bs4 import BeautifulSoup

    raw = path.read_bytes().decode("utf-8", errors="replace")
    if suffix in (".md", ".markdown"):
        from markdown_it import MarkdownIt

        raw = re.sub(r"\A---\n.*?\n---\n", "", raw, flags=re.DOTALL)
        raw = MarkdownIt("commonmark").enable("table").render(raw)
    soup = BeautifulSoup(raw, "html.parser")
    for tag in soup(["head", "script", "style", "noscript", "form"]):
        tag.decompose()
    _drop_page_chrome(soup)
    return [soup.get_text("\n")]


def _with_ligatures(textpage: Any, glyphs: dict[str, dict[int, Glyph]]) -> str:
    """pdfium's plain text of a page, with ligatures its text layer leaves unmapped read from
    their glyph names inside words ("bene!cial"), as no extractor reads them otherwise."""
    text = textpage.get_text_range()
    if not glyphs:
        return str(text)
    import pypdfium2.raw as pdfium_c

    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    out = list(text)
    for i, char in enumerate(text[: pdfium_c.FPDFText_CountChars(textpage.raw)]):
        if char.isalnum() or char.isspace():
            continue
        pdfium_c.FPDFText_GetFontInfo(textpage.raw, i, name, len(name), flags)
        glyph = glyphs.get(name.value.decode("latin-1").split("+")[-1], {}).get(ord(char))
        after = text[i + 1 : i + 2]
        if glyph is not None and (text[i - 1 : i].isalpha() or after.islower()):
            out[i] = glyph.text
    return "".join(out)


# Class or id words of a page's chrome (Sphinx's "sphinxsidebar", Bootstrap's "navbar", a
# cookie-consent dialog).
_CHROME = re.compile(
    r"sidebar|navbar|cookie|(^|[-_\s])(nav|menu|footer|copyright|breadcrumbs?|consent)([-_\s]|$)",
    re.IGNORECASE,
)
_CHROME_ROLES = ("navigation", "complementary", "banner", "contentinfo", "search", "dialog")


def _drop_page_chrome(soup: Any) -> None:
    """Remove navigation, headers, footers and sidebars, whether marked by their tag
    (`<nav>`, `<aside>`...), an ARIA role, or a class or id that names them."""
    for tag in soup(["nav", "header", "footer", "aside"]):
        tag.decompose()
    chrome = [
        tag
        for tag in soup.find_all(True)
        if tag.get("role") in _CHROME_ROLES
        or _CHROME.search(" ".join([*tag.get("class", []), tag.get("id", "")]))
    ]
    for tag in chrome:
        if not tag.decomposed:
            tag.decompose()


def repeated_lines(pages: Sequence[str], edge: int = 2) -> set[str]:
    """Running headers and footers: a page's first or last lines that recur on many pages,
    and a short line holding a number, the same on most pages and set once on each,
    anywhere on them ("May 2016 | 018", which the extraction may set among the page's text;
    a caption's "Figure 4" or a note's "Ibid. 12" changes from page to page).

    Lines are compared with their digits ignored ("UNICEF 3", "UNICEF 4"); the lines
    themselves (lower-cased) are returned.
    """
    at_edges: Counter[str] = Counter()
    within: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    seen: list[list[str]] = []
    for page in pages:
        lines = [" ".join(line.split()).lower() for line in page.splitlines() if line.strip()]
        ends = lines[:edge] + lines[-edge:]
        at_edges.update({_masked(line) for line in ends})
        within.update({_masked(line) for line in lines[edge:-edge]})
        once = Counter(
            line for line in lines if re.search(r"\d", line) and len(line.split()) <= _FOOTER_WORDS
        )
        inside.update(key for key, times in once.items() if times == 1)
        seen.append(lines)
    times = max(3, round(0.25 * len(pages)))
    most = max(3, round(0.5 * len(pages)))
    return {
        line
        for lines in seen
        for line in lines
        if (
            at_edges[_masked(line)] >= times
            # a running head is set at the page's edge; a line of text that recurs (an
            # endnote's "Interview, September 18, 2015.") is found inside pages as often
            and at_edges[_masked(line)] > within[_masked(line)]
            and line in lines[:edge] + lines[-edge:]
        )
        or inside[line] >= most
    }


def _masked(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def docx_text(path: Path) -> str:
    """A Word document's text read straight from its XML: every paragraph (those inside
    table cells and text boxes included) on a line of its own, once: a text box's paragraphs
    are not part of the paragraph that anchors it, and the copy Word keeps for old readers
    (a compatibility "Fallback") is skipped."""
    import zipfile

    from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fallback = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    lines = []
    for paragraph in root.iter(f"{namespace}p"):
        if any(a.tag == fallback for a in paragraph.iterancestors()):
            continue
        own = (
            t.text or ""
            for t in paragraph.iter(f"{namespace}t")
            if next(t.iterancestors(f"{namespace}p")) is paragraph
        )
        lines.append("".join(own))
    return "\n".join(lines)


def markup_headings(path: Path) -> list[str]:
    """The headings a Markdown or HTML file declares in its markup (a Markdown page's
    front-matter title first), or a Word document in its paragraph styles ("Heading 1"...)."""
    if path.suffix.lower() == ".docx":
        from docx import Document

        return [
            p.text.strip()
            for p in Document(str(path)).paragraphs
            if p.style is not None
            and (p.style.name or "").lower().startswith("heading")
            and p.text.strip()
        ]
    raw = path.read_bytes().decode("utf-8", errors="replace")
    if path.suffix.lower() in (".md", ".markdown"):
        # A page's front-matter title is the heading its site sets above the text.
        front = re.match(r"\A---\n(.*?)\n---\n", raw, re.DOTALL)
        title = (
            re.search(r"^title:\s*[\"']?(.+?)[\"']?\s*$", front.group(1), re.M) if front else None
        )
        raw = re.sub(r"```.*?```", "", raw, flags=re.DOTALL)
        marked = [m.group(1).strip() for m in re.finditer(r"^#{1,6}\s+(.+?)\s*#*$", raw, re.M)]
        return [title.group(1), *marked] if title else marked
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "html.parser")
    _drop_page_chrome(soup)
    return [h.get_text(" ", strip=True) for h in soup.find_all(re.compile(r"^h[1-6]$"))]


def _norm(text: str) -> str:
    return " ".join(words(text))


def measure_document(
    path: Path,
    name: str,
    passages: Sequence[dict[str, Any]],
    real_headings: Sequence[str],
    count_tokens: Callable[[Sequence[str]], list[int]],
    rows: Sequence[SourceBlock] = (),
) -> DocumentQuality:
    """Measure one document's passages against its source file; `rows` are the table rows
    the reader gave, with their cells and header names."""
    pages = reference_pages(path)
    furniture = repeated_lines(pages) if len(pages) > 1 else set()
    contents = [contents_page(page) for page in pages]
    lines = [
        line
        for page, is_contents in zip(pages, contents, strict=True)
        for line in page.splitlines()
        if " ".join(line.split()).lower() not in furniture
        and not _LEADERS.search(line)
        and not (is_contents and not _SENTENCE.search(line.strip()))
    ]
    wanted = line_shingles(lines)
    texts = [p["text"] for p in passages]
    # A heading is kept as the section path its passages carry (and embed), a title as the
    # document title they carry.
    kept = [f"{p.get('title', '')}\n{p.get('section', '')}\n{p['text']}" for p in passages]
    kept += rows_as_set(rows, kept)
    headings = {_norm(h) for h in real_headings if _norm(h)}
    sections = [_norm(p.get("section", "")) for p in passages]
    under = sum(any(h in s for h in headings) for s in sections)
    present = sum(any(h in s for s in sections) for h in headings)
    marks = furniture_marks(furniture, len(pages))
    return DocumentQuality(
        path=name,
        passages=len(passages),
        body_kept=kept_share(wanted, kept),
        furniture_share=_share(texts, lambda t: has_furniture(t, marks)),
        markup_share=_share(texts, has_markup),
        under_heading_share=under / len(passages) if passages else 0.0,
        headings_found_share=present / len(headings) if headings else 1.0,
        real_headings=len(headings),
        longest_tokens=max(count_tokens(texts), default=0),
    )


def kept_share(wanted: Sequence[str], kept: Sequence[str]) -> float:
    """The share of the reference's shingles found in the kept texts, spaces aside: the
    reference extraction (pdfium's plain text) has the spaces pdfium guesses inside words
    ("Unit ed Nations"), and a reader that mends them keeps those words all the same."""
    found = "".join("".join(words(k)) for k in kept)
    return sum(w.replace(" ", "") in found for w in wanted) / len(wanted) if wanted else 1.0


def rows_as_set(rows: Sequence[SourceBlock], kept: Sequence[str]) -> list[str]:
    """Each table row whose self-described text is whole in the kept texts, as the page
    sets it: its header's names, then its cells, in column order."""
    found = "".join("".join(words(k)) for k in kept)
    return [
        f"{' '.join(row.header)}\n{' '.join(row.cells)}"
        for row in rows
        if row.cells and "".join(words(row.text)) in found
    ]


def line_shingles(lines: Sequence[str]) -> list[str]:
    """The 8-word shingles inside each line (a shorter line of 3+ words is one shingle).

    Shingles never cross a line, so the order in which a reader puts columns, footnotes
    and captions does not count against it; a word broken at a line end is left out, and
    so is a footnote's number (a number of up to three digits opening a line before a
    capitalised word), which the reader keeps out of the note's sentence, and a note's
    marker set against the word it follows ("long run.5", "(2015)1").
    """
    out: list[str] = []
    broken_before = False
    for line in lines:
        # A lone glyph before a capitalised word or a figure is a bullet the extraction read
        # as a letter (a symbol font's "f", Word's "o"), or a table-note letter; a lone number
        # before a capitalised word is a footnote's own number: not a word of the text.
        line = _NOTE_MARKER.sub("", line)
        tokens = words(re.sub(r"^\s*(?:[^\W\d_]\s+(?=[A-Z\d])|\d{1,3}\s+(?=[A-Z]))", "", line))
        broken = bool(re.search(r"[-\u00ad\u2010\ufffe\x02]\s*$", line))
        tokens = tokens[1 if broken_before else 0 : len(tokens) - 1 if broken else None]
        broken_before = broken
        if len(tokens) >= SHINGLE:
            out.extend(" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))
        elif len(tokens) >= 3:
            out.append(" ".join(tokens))
    return out


def furniture_marks(furniture: set[str], pages: int) -> list[re.Pattern[str]]:
    """Patterns of a document's furniture: its repeated header and footer lines, each
    of their parts that holds no word ("25-06741", "DP/FPA/2025/11"), and "n/<pages>". A
    line of one word (a running title, "ACADEMY") is a word of the text too: it counts only
    as a line of its own."""
    marks = {
        re.escape(line) if " " in line else rf"^{re.escape(line)}$"
        for line in furniture
        if len(line) >= 6 and re.search(r"[a-z]", line)
    }
    for line in furniture:
        for part in line.split():
            # a symbol ("25-06741"), not a number that ends a clause ("2015.", "18,")
            if (
                len(part) >= 5
                and not re.search(r"[a-z]{4}", part)
                and not part.rstrip(".,;:").isdigit()
            ):
                marks.add(re.escape(part) if "/" not in part or part.count("/") > 1 else "")
    patterns = [re.compile(rf"(?<![\w/]){m}(?![\w/])") for m in marks if m]
    return [*patterns, re.compile(rf"(?<![\w/])\d{{1,4}}/{pages}(?![\w/])")]


def has_furniture(text: str, marks: Sequence[re.Pattern[str]]) -> bool:
    """Whether a line of a passage (a block of its own) holds one of the furniture marks."""
    lines = [" ".join(line.lower().split()) for line in text.splitlines()]
    return any(mark.search(line) for mark in marks for line in lines)


def _share(texts: Sequence[str], test: Callable[[str], bool]) -> float:
    return sum(test(t) for t in texts) / len(texts) if texts else 0.0


def load_passages(index_dir: Path) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Return document id -> corpus path, and every passage, of the index's current build."""
    from app.retrieval.store import current_build, read_documents, read_passages

    folder = current_build(index_dir)
    if folder is None:
        raise FileNotFoundError(f"no index build under {index_dir}")
    documents = {d.id: d.path for d in read_documents(folder)}
    passages = [
        {"document_id": p.document_id, "section": p.section, "text": p.text}
        for p in read_passages(folder)
    ]
    return documents, passages


def measure_corpus(
    corpus_dir: Path,
    index_dir: Path,
    headings: dict[str, list[str]],
    count_tokens: Callable[[Sequence[str]], list[int]],
) -> list[DocumentQuality]:
    """Measure every file the ingest would read (`discover`: the catalogue's exclusions left
    out); a file with no document in the index keeps 0 of its text.

    `headings` maps a file's path relative to the corpus to its real headings; files not in
    it that are Markdown, HTML or Word take the headings of their markup or styles (a PDF
    without an entry has no real headings: its heading figures are not measured).
    """
    documents, passages = load_passages(index_dir)
    names = [p.relative_to(corpus_dir).as_posix() for p in discover(corpus_dir)]
    entries = match_entries(load_catalog(corpus_dir), names)
    cache = ParsedCache(parsed_folder(index_dir))
    by_path: dict[str, list[dict[str, Any]]] = {}
    for passage in passages:
        by_path.setdefault(documents.get(passage["document_id"], ""), []).append(passage)
    results = []
    for path in discover(corpus_dir):
        name = path.relative_to(corpus_dir).as_posix()
        if path.suffix.lower() not in (
            ".pdf",
            ".md",
            ".markdown",
            ".html",
            ".htm",
            ".txt",
            ".docx",
        ):
            continue
        real = headings.get(name)
        if real is None:
            real = markup_headings(path) if path.suffix.lower() != ".pdf" else []
        formats = entries.get(name, CatalogEntry()).formats
        rows = [b for b in parsed_blocks(cache, path, formats) if b.kind == "table_row"]
        found = by_path.get(name, [])
        results.append(measure_document(path, name, found, real, count_tokens, rows))
    return results


def parsed_blocks(
    cache: ParsedCache, path: Path, formats: Collection[str]
) -> tuple[SourceBlock, ...]:
    """The blocks the ingest read from a file: its parse cache entry in the index, else the
    file read again (no blocks when it cannot be read)."""
    document = cache.cached(path, formats)
    if document is None:
        try:
            document = read_document(path, formats)
        except UnreadableFileError:
            return ()
    return document.blocks
