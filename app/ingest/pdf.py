"""Read a PDF as a person reads it: headings, paragraphs, list items, table rows, footnotes.

pypdfium2 (pdfium, BSD/Apache) gives characters with fonts and positions; `pdf_chars`
groups them into line fragments and `pdf_layout` drops page furniture and contents
entries, sets footnotes apart and orders columns. This module rebuilds the blocks:
headings from the outline when the PDF has one, else from font size and weight against
the body text's size (`pdf_headings`); lines of a paragraph joined with words hyphenated
at a line end rejoined; cells on one baseline become one table row, written
self-described ('Header: cell; Header: cell', `tables.table_row_text`) when the table has
a header, and a table that does not read as rows is left out and counted; footnotes become
notes without their number. The document's words are counted once and passed down.
`pdf_matter` takes the masthead above the title out of the text and places the small print
(captions, credits, notes) apart from the body paragraphs.
"""

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import dropwhile, pairwise, takewhile

from app.errors import UnreadableFileError
from app.ingest.blocks import (
    BOX_TITLE_LINES,
    TABLES_LEFT_OUT,
    BlockKind,
    ParsedDocument,
    SourceBlock,
    names_its_text,
)
from app.ingest.pdf_chars import BULLET_GLYPHS, Fragment, read_pages
from app.ingest.pdf_glyphs import unmapped_ligatures
from app.ingest.pdf_headings import HEADING_RATIO, HeadingRule, OutlineHeadings, StyleHeadings
from app.ingest.pdf_layout import Layout, lay_out
from app.ingest.pdf_matter import with_small_print, without_masthead
from app.ingest.pdf_tables import prose_in_columns, readable
from app.ingest.pdf_text import (
    LINE_REACH,
    PROSE_WORDS,
    SENTENCE_END,
    join_lines,
    reads_as_sentence,
)
from app.ingest.tables import table_row_text

# A bullet glyph, or a dash, star or Word's second-level "o" (Courier New) before a capital.
_BULLET = re.compile(rf"^([{BULLET_GLYPHS}]\s*|[-–—*]\s+(?=[A-Z])|o\s+(?=[A-Z0-9]))")
_NUMBERED = re.compile(r"^(\(?\d{1,3}[.)]|\(?[a-z][.)]|\([ivx]+\))\s")
_QUOTES = '“"‘'
_PART_NAME = re.compile(
    r"^([\dIVX]+\.?\s+)?(summary|executive summary|abstract|introduction|contents|"
    r"table of contents|foreword|preface|preamble|overview|key messages|key findings|"
    r"acknowledge?ments|acronyms|abbreviations)$",
    re.IGNORECASE,
)
_FIGURE = re.compile(r"\d")
_LABEL_WORD = re.compile(r"^(section|chapter|part|module|unit|lesson)$", re.IGNORECASE)
_LABEL_NUMBER = re.compile(r"^\d{1,2}$")
# A paragraph's next line lies within `LINE_REACH` font sizes, or within the document's own
# line step with this slack (a text set at 1.5 lines steps 1.8 sizes, its paragraphs 2.3).
_SPACING_SLACK = 1.15
# A part's numbered label closed by a colon, set on a line above its title: "Theme 1:"
# (a caption's "Figure VI:" runs into its caption, not a title).
_RUN_IN_LABEL = re.compile(
    r"^(?!(Figure|Table|Chart|Graph|Box|Map|Exhibit|Panel)\b)[A-Z][a-z]{2,12}\s+"
    r"(\d{1,2}|[IVX]{1,4}|[A-Z]):$"
)
_NOTE_NUMBER = re.compile(r"^\d{1,3}\s+(?=\S)")
_CAPTION = re.compile(r"^(Figure|Table|Chart|Graph|Box|Map|Exhibit)\s+[\w.]{1,6}$", re.IGNORECASE)


def read_pdf(data: bytes) -> ParsedDocument:
    """Read a PDF into blocks; encrypted or broken PDFs raise UnreadableFileError."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        encrypted = "password" in str(exc).lower()
        raise UnreadableFileError(
            "PDF is encrypted" if encrypted else f"PDF could not be parsed ({exc})"
        ) from exc
    try:
        metadata = {
            key: str(value).strip()
            for key, value in document.get_metadata_dict(skip_empty=True).items()
            if str(value).strip()
        }
        outline = [(item.level + 1, item.get_title()) for item in document.get_toc()]
        pages, words = read_pages(document, unmapped_ligatures(data))
    finally:
        document.close()
    # The document's words, counted once as its spaces were decided, decide hyphens at
    # line ends and words a narrow cell broke in the body, its tables and small print alike.
    layout = lay_out(pages, words)
    styles = StyleHeadings(layout.body, layout.body_size)
    # An outline of one level gives the chapters; the headings inside them are the page's.
    flat = len({level for level, _ in outline}) == 1
    rule: HeadingRule = OutlineHeadings(outline, styles if flat else None) if outline else styles
    dropped = Counter(layout.dropped)
    blocks = _without_labels(_named_rows(_blocks(layout, rule, words), dropped), dropped)
    blocks = _with_subtitles(_without_running_heads(blocks, dropped))
    blocks = _without_pull_quotes(_captions_apart(blocks, words), dropped)
    blocks = with_small_print(blocks, layout.asides, dropped, words)
    first = layout.body[0].page if layout.body else 1
    large = tuple(
        f.text
        for f in layout.body
        if f.page == first and styles.level(f) and f.size >= HEADING_RATIO * layout.body_size
    )
    given = metadata.get("Title", "")
    given = given if names_its_text(given, blocks) else ""  # a template's, left in the file
    title = _given_title(given) or first_page_title(blocks, large) or given
    if not title and outline:  # an outline leaves out the title it sits under
        title = _largest_lines(layout, first)
    blocks, masthead = without_masthead(blocks, title)
    if masthead:
        metadata["masthead"] = " / ".join(b.text for b in masthead)
        dropped["masthead blocks"] += len(masthead)
    return ParsedDocument(tuple(blocks), title, metadata, dict(dropped))


def _largest_lines(layout: Layout, page: int) -> str:
    """The first run of lines set in the first page's largest type, when it is larger than
    the body's, without a note's mark ("Inaccessibility and Compliance: …∗")."""
    lines = [f for f in layout.body if f.page == page]
    largest = max((f.size for f in lines), default=0.0)
    if largest < HEADING_RATIO * layout.body_size:
        return ""
    run = list(
        takewhile(lambda f: f.size == largest, dropwhile(lambda f: f.size != largest, lines))
    )
    return join_lines([f.text for f in run]).rstrip("∗*†‡ ")


def _without_labels(blocks: list[SourceBlock], dropped: Counter[str]) -> list[SourceBlock]:
    """Leave out a designed part label set above a heading: the word alone ("Section",
    "Chapter") and its number alone ("03"), which head and hold nothing of their own. A
    numbered label that runs into the title ("Theme 1:" over "Data Quality") opens it."""
    blocks = list(blocks)
    out: list[SourceBlock] = []
    for i, block in enumerate(blocks):
        after = [b for b in blocks[i + 1 : i + 8] if b.kind not in ("note", "quote")][:2]
        label = block.kind == "heading" and _LABEL_WORD.match(block.text)
        number = block.kind == "paragraph" and _LABEL_NUMBER.match(block.text)
        heading_after = any(b.kind == "heading" and b.page == block.page for b in after)
        if (label or number) and heading_after:
            dropped["part labels"] += 1
        elif _RUN_IN_LABEL.match(block.text) and (title := _next_heading(blocks, i)) is not None:
            blocks[title] = replace(blocks[title], text=f"{block.text} {blocks[title].text}")
        else:
            out.append(block)
    return out


def _without_running_heads(blocks: list[SourceBlock], dropped: Counter[str]) -> list[SourceBlock]:
    """Leave out a section's title repeated atop the next page or column inside one of its
    sentences ("…Ensuring the responsible" / "Publish" / "department and agency has a
    budget…"), and join the sentence back together: a running head, not a new section."""
    out: list[SourceBlock] = []
    seen: set[str] = set()
    i = 0
    while i < len(blocks):
        block = blocks[i]
        before = out[-1] if out else None
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            block.kind == "heading"
            and block.text in seen
            and before is not None
            and after is not None
            and before.kind == after.kind == "paragraph"
            and not SENTENCE_END.search(before.text)
            and after.text[:1].islower()
        ):
            out[-1] = replace(before, text=f"{before.text} {after.text}")
            dropped["running heads"] += 1
            i += 2
            continue
        if block.kind == "heading":
            seen.add(block.text)
        out.append(block)
        i += 1
    return out


# A figure's or table's caption that a page sets at its top, read on from the sentence the
# page before broke off: "…corresponding to Figure 2: Locations of World Bank Projects".
_CAPTION_LABEL = r"(?:Figure|Table|Chart|Map|Exhibit|Box)\s+[A-Z]?\.?\d{1,2}(?:\.\d{1,2})?:\s"
_RUN_IN_CAPTION = re.compile(rf"(?<=[^.!?:;”\"])\s+({_CAPTION_LABEL}.*)$")
_OPENS_WITH_CAPTION = re.compile(rf"^{_CAPTION_LABEL}")
_CAPTION_REACH = 4  # blocks after a caption in which the broken sentence may go on
_GOES_ON_WORDS = 4  # words of the paragraph it goes on in (fewer: a chart's label, "p1")


def _captions_apart(blocks: list[SourceBlock], words: Mapping[str, int]) -> list[SourceBlock]:
    """Take a caption out of the paragraph whose broken-off sentence it was read on from,
    and join that sentence to where it goes on (the next paragraph opening in lower case, past
    the figure's own lines); the caption follows as a paragraph of its own."""
    out = list(blocks)
    i = 0
    while i < len(out):
        block = out[i]
        match = _RUN_IN_CAPTION.search(block.text) if block.kind == "paragraph" else None
        if match is None or _OPENS_WITH_CAPTION.match(block.text):
            i += 1  # no caption read on, or captions set one after the other
            continue
        head, caption = block.text[: match.start()], match.group(1)
        # The sentence goes on past the figure's own lines (labels, a source), not past prose.
        rest = None
        for j in range(i + 1, min(i + 1 + _CAPTION_REACH, len(out))):
            if out[j].kind == "paragraph" and len(out[j].text.split()) >= _GOES_ON_WORDS:
                rest = j if out[j].text[:1].islower() else None
                break
        if rest is not None:
            head = join_lines([head, out.pop(rest).text], words)
        out[i : i + 1] = [replace(block, text=head), replace(block, text=caption)]
        i += 2
    return out


_PULL_QUOTE_WORDS = 6


def _words_of(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _without_pull_quotes(blocks: list[SourceBlock], dropped: Counter[str]) -> list[SourceBlock]:
    """Leave out a pull quote: a paragraph of some length, set without a sentence's closing
    stop, that a longer paragraph or list item of its page, or of the pages either side,
    holds word for word ("The best way to continue is…" set large above the text that says
    it). Nothing is lost: the text stays where the body says it. (A sentence a document
    repeats on purpose, in one section after another, closes with its stop and stays.)"""
    bodies: dict[int | None, list[str]] = {}
    for block in blocks:
        if block.kind in ("paragraph", "list_item"):
            bodies.setdefault(block.page, []).append(f" {_words_of(block.text)} ")
    out = []
    for block in blocks:
        words = _words_of(block.text)
        pages = [block.page] if block.page is None else [block.page + s for s in (-1, 0, 1)]
        near = [body for page in pages for body in bodies.get(page, [])]
        if (
            block.kind == "paragraph"
            and not SENTENCE_END.search(block.text)
            and len(words.split()) >= _PULL_QUOTE_WORDS
            and any(len(body) > len(words) + 2 and f" {words} " in body for body in near)
        ):
            dropped["pull quotes"] += 1
            continue
        out.append(block)
    return out


def _with_subtitles(blocks: list[SourceBlock]) -> list[SourceBlock]:
    """On the first page, a heading that ends with a colon goes on in the heading set right
    under it: "Results Data Initiative:" over "Findings from Ghana" is one title. (Further
    on, "Recommendations:" over "For Government" is a part and its first section.)"""
    first = blocks[0].page if blocks else None
    out: list[SourceBlock] = []
    for block in blocks:
        before = out[-1] if out else None
        if (
            block.kind == "heading"
            and before is not None
            and before.kind == "heading"
            and before.text.endswith(":")
            and before.page == block.page == first
        ):
            out[-1] = replace(before, text=f"{before.text} {block.text}")
        else:
            out.append(block)
    return out


def _next_heading(blocks: list[SourceBlock], i: int) -> int | None:
    """The index of the heading right after block `i`, on its page, if there is one."""
    following = i + 1
    if following < len(blocks) and blocks[following].kind == "heading":
        return following if blocks[following].page == blocks[i].page else None
    return None


# A title a program wrote from a file's name ("Microsoft Word - Mapathon guide.docx") or a
# document's tags ("Buying AI guidance #public #webversion"), not the one a reader sees.
# A file's name as its title: a program's prefix, an extension, a tag, or words joined by
# dashes or underscores without a space ("Recommendations-ValuesAlignment-TaskForce").
_FILE_NAME_TITLE = re.compile(
    r"^Microsoft \w+ - |\.(?:docx?|pptx?|xlsx?|odt|rtf|indd|pdf|txt)$|(?:^|\s)#[a-z]"
    r"|^[^\s_-]+(?:[_-][^\s_-]+){2,}$",
    re.IGNORECASE,
)
# A file's reference number a program set before the title ("CC048601_U.S. Multi-Stakeholder…").
_FILE_CODE = re.compile(r"^[A-Z]*\d[A-Z\d-]*_(?=\S)")


def _given_title(title: str) -> str:
    """The title a PDF's metadata gives, without a file's reference number before it; none
    when a program wrote it from a file's name or tags."""
    title = _FILE_CODE.sub("", title)
    return "" if _FILE_NAME_TITLE.search(title) else title


def first_page_title(blocks: Sequence[SourceBlock], large: Sequence[str]) -> str:
    """The title a reader sees on the first page: the last top-level heading set larger than
    the body (its lines open with one of `large`) above the page's first paragraph of prose,
    passing over subtitles and names of a document's parts ("Summary", "1. Introduction",
    "Preamble"); without prose on that page, its first top-level heading."""
    page = next((b.page for b in blocks), None)
    headings: list[SourceBlock] = []
    for block in blocks:
        if block.page != page:
            break
        if block.kind == "heading" and block.text.startswith(tuple(large)):
            headings.append(block)
        elif block.kind == "paragraph" and len(block.text.split()) >= PROSE_WORDS:
            named = [h for h in headings if not _PART_NAME.match(h.text)]
            if named:  # the last of the top-level ones: not a subtitle set under the title
                top = min(h.level for h in named)
                return [h for h in named if h.level == top][-1].text
            break
    top = min((h.level for h in headings), default=0)
    return next((h.text for h in headings if h.level == top), "")


def _blocks(layout: Layout, rule: HeadingRule, words: Mapping[str, int]) -> list[SourceBlock]:
    """Group the body's fragments into blocks; each page's footnotes close the section they
    are read in (the first that has text after them)."""
    footnotes = dict(layout.footnotes)
    blocks: list[SourceBlock] = []
    notes: list[SourceBlock] = []
    noted = 0  # blocks of text read since the pending notes' page began
    group: list[Fragment] = []
    # How far below a line the next line of its paragraph may be, in font sizes: further
    # than the document's usual line step by a paragraph's spacing is another paragraph.
    reach = max(LINE_REACH, _SPACING_SLACK * layout.line_step)
    for fragment in layout.body:
        if group and not _continues(group, fragment, rule, reach):
            block = _block(group, rule, layout.body_size, words)
            if block.kind == "heading" and blocks and _CAPTION.match(blocks[-1].text):
                block = SourceBlock(
                    "paragraph", f"{blocks.pop().text}: {block.text}", page=block.page
                )
            if block.kind == "heading" and notes and noted:
                blocks.extend(notes)
                notes = []
            noted += block.kind != "heading"
            blocks.append(block)
            group = []
        if fragment.page in footnotes:
            noted = noted if notes else 0
            notes.extend(_notes(footnotes.pop(fragment.page), words))
        group.append(fragment)
    if group:
        blocks.append(_block(group, rule, layout.body_size, words))
    for page in sorted(footnotes):
        notes.extend(_notes(footnotes[page], words))
    return [b for b in blocks + notes if b.text]


def _named_rows(blocks: list[SourceBlock], dropped: Counter[str]) -> list[SourceBlock]:
    """Read each run of rows without a header (cells side by side on a baseline, outside
    any table `pdf_tables` found) as a table, unless its cells are boxes of prose wrapped
    side by side (read down, one box after another) or its first cells lone bullets (a
    list): left out and counted when it does not read as rows (`readable`); when its first
    row holds words only, every row has as many cells, and a later row holds a figure, the
    first row names the columns of the others. A run of rows under one header stays a
    table unless it is boxes of prose under their titles (`_boxes_under`)."""
    out: list[SourceBlock] = []
    run: list[SourceBlock] = []
    for block in blocks:
        row = block.kind == "table_row"
        if run and not (row and block.page == run[-1].page and block.header == run[-1].header):
            out.extend(_boxes_under(run, dropped) if run[0].header else _plain_table(run, dropped))
            run = []
        if row:
            run.append(block)
        else:
            out.append(block)
    if run and run[0].header:
        return out + _boxes_under(run, dropped)
    return out + _plain_table(run, dropped)


_BOX_WORDS = 40  # words in boxes of prose side by side, at the least


def _boxes_under(rows: list[SourceBlock], dropped: Counter[str]) -> list[SourceBlock]:
    """A table's rows, or, when they are boxes of prose side by side under their titles
    (the lines of each cell running on in the cell below), each box read down under its
    title."""
    cells = [list(b.cells) for b in rows]
    words = sum(len(cell.split()) for row in cells for cell in row)
    # Narrow boxes wrap after a word or three: their lines running on tell them.
    titled = all(_BOX_TITLE.match(title) for title in rows[0].header if title)
    if len(rows) > 1 and titled and words >= _BOX_WORDS and _runs_on_down(cells):
        titles = replace(rows[0], cells=rows[0].header, header=())
        return _columns_read_down([titles, *rows], dropped)
    return rows


def _plain_table(rows: list[SourceBlock], dropped: Counter[str]) -> list[SourceBlock]:
    if rows and all(len(b.cells) > 1 and _LONE_BULLET.match(b.cells[0]) for b in rows):
        # A bullet set apart from its item's text on the line: a list, not a table.
        return [SourceBlock("list_item", join_lines(list(b.cells[1:])), page=b.page) for b in rows]
    cells = [list(b.cells) for b in rows]
    boxes = bool(rows) and prose_in_columns(cells)
    # Boxes of prose are read down when their lines run on, though they read as rows too.
    if boxes and _runs_on_down(cells):
        return _columns_read_down(rows, dropped)
    if not rows or readable(cells):
        return _with_header(rows)
    if boxes:
        return _columns_read_down(rows, dropped)
    dropped[TABLES_LEFT_OUT] += 1
    return []


def _runs_on_down(cells: list[list[str]]) -> bool:
    """Whether most cells go on, in lower case, in the cell below them: lines of prose
    wrapped in boxes side by side, though they read as rows."""
    below = [
        lower[:1].islower()
        for row, next_row in pairwise(cells)
        for cell, lower in zip(row, next_row, strict=False)
        if cell and lower
    ]
    return bool(below) and sum(below) * 2 >= len(below)


_LONE_BULLET = re.compile(rf"^[{BULLET_GLYPHS}*–-]$")
# A bullet opening a line of a box of prose ("* Create Digital Library: Produce…").
_BOX_BULLET = re.compile(rf"^[*{BULLET_GLYPHS}]\s+")


# A box's title on the first line of boxes set side by side: a few words, no sentence's end.
_BOX_TITLE = re.compile(r"^[A-Z][^.!?:;]{0,60}$")
_BOX_LEVEL = 6


def _columns_read_down(rows: list[SourceBlock], dropped: Counter[str]) -> list[SourceBlock]:
    """Boxes of prose set side by side, read one column after another: each column's lines
    joined into a paragraph, a line opened by a bullet starting a list item, a first line
    of titles heading their boxes. A line across the boxes with another number of cells
    (their titles, broken where the boxes part) has no column to join: it is left out and
    counted."""
    width = Counter(len(row.cells) for row in rows).most_common(1)[0][0]
    body = [row for row in rows if len(row.cells) == width]
    dropped[BOX_TITLE_LINES] += len(rows) - len(body)
    # Titles: short, no sentence's end, and the line under each opens a sentence.
    titled = len(body) > 2 and all(
        _BOX_TITLE.match(cell) and below[:1].isupper()
        for cell, below in zip(body[0].cells, body[1].cells, strict=True)
        if cell
    )
    out: list[SourceBlock] = []
    for column in range(width):
        lines = [row.cells[column] for row in body]
        if titled and lines[0]:
            # Each box's title heads it, below any heading the page has.
            out.append(SourceBlock("heading", lines[0], level=_BOX_LEVEL, page=rows[0].page))
            lines = lines[1:]
        groups: list[tuple[BlockKind, list[str]]] = []
        for line in filter(None, lines):
            if _BOX_BULLET.match(line):
                groups.append(("list_item", [_BOX_BULLET.sub("", line)]))
            elif groups:
                groups[-1][1].append(line)
            else:
                groups.append(("paragraph", [line]))
        out.extend(SourceBlock(kind, join_lines(text), page=rows[0].page) for kind, text in groups)
    return out


def _with_header(rows: list[SourceBlock]) -> list[SourceBlock]:
    if not rows:
        return rows
    first, rest = rows[0], rows[1:]
    named = (
        rest
        and all(len(r.cells) == len(first.cells) for r in rest)
        and not any(_FIGURE.search(cell) for cell in first.cells)
        and any(_FIGURE.search(cell) for r in rest for cell in r.cells)
    )
    if not named:
        return rows
    return [_row_block(first.cells, r.cells, r.page) for r in rest]


def _style(fragment: Fragment) -> tuple[float, bool]:
    return (round(fragment.size * 2) / 2, fragment.bold)


def _continues(
    group: list[Fragment], fragment: Fragment, rule: HeadingRule, reach: float = LINE_REACH
) -> bool:
    """Whether `fragment` is the next line of the block `group` has begun, `reach` font sizes
    below its last line at most."""
    last = group[-1]
    if fragment.row or last.row:
        return False
    step = fragment.top - last.top
    same_line = fragment.page == last.page and abs(step) < 0.3 * max(fragment.size, last.size)
    if same_line and fragment.x0 >= last.x1 - 1 and _similar_size(fragment, last):
        return len(group) == 1 or _is_row(group)
    if _open_quote(group) and _style(fragment) == _style(last):
        return fragment.page == last.page and 0 < step <= LINE_REACH * fragment.size
    if rule.level(group[0]):
        if last.text[-1:] == "-" and rule.continues(group, fragment):
            return True  # a title's word broken at a hyphen goes on in lower case
        if fragment.text[:1].islower() and fragment.page == last.page:
            return 0 < step <= LINE_REACH * fragment.size  # a bold lead-in running on: a paragraph
        return rule.continues(group, fragment)
    if _is_row(group) and _wraps_cell(group, fragment, reach) and not rule.level(fragment):
        return True
    if _is_row(group) or rule.level(fragment):
        return False
    if _style(fragment) != _style(last) and not _emphasis(last, fragment):
        return False
    if _BULLET.match(fragment.text) or _NUMBERED.match(fragment.text):
        return False
    if _RUN_IN_LABEL.match(fragment.text):  # "Theme 3:" opens a part, on any page
        return False
    if fragment.page != last.page:
        return not SENTENCE_END.search(last.text)
    if step < 0 and fragment.x0 > last.x0 + 4 * fragment.size:
        # The top of the next column, carrying on an unfinished sentence.
        return not SENTENCE_END.search(last.text)
    return 0 < step <= reach * max(fragment.size, last.size)


def _emphasis(last: Fragment, fragment: Fragment) -> bool:
    """A change of weight at one size inside an unfinished sentence: words set in bold."""
    return (
        round(last.size * 2) == round(fragment.size * 2)
        and fragment.page == last.page
        and not SENTENCE_END.search(last.text)
    )


def _similar_size(a: Fragment, b: Fragment) -> bool:
    """Cells of one table row share a size; a masthead beside a small date line is no row."""
    return max(a.size, b.size) <= 1.3 * min(a.size, b.size)


def _open_quote(group: Sequence[Fragment]) -> bool:
    text = " ".join(f.text for f in group)
    return text[:1] in _QUOTES and not re.search(r"[”\"]", text[1:])


def _is_row(group: Sequence[Fragment]) -> bool:
    return len(group) > 1 and abs(group[0].top - group[1].top) < 0.3 * group[0].size


def _wraps_cell(row: Sequence[Fragment], fragment: Fragment, reach: float) -> bool:
    """A line set under one of a row's cells but the first, at its left edge, just below
    the cell's last line: the cell's text wrapped ("This is your organisation name as you
    want it to" / "appear in your data."), or, read column by column, the next cell on the
    row's line."""
    top = row[0].top
    if fragment.page != row[0].page or _BULLET.match(fragment.text):
        return False
    if abs(fragment.top - top) < 0.3 * fragment.size:
        return True  # a cell of the row's first line, read after another cell's wrapped lines
    # Not under the first cell: a line there opens the next row.
    first = min(row, key=lambda f: f.x0)
    column = [f for f in row if abs(f.x0 - fragment.x0) < 2 and abs(f.x0 - first.x0) >= 2]
    return bool(column) and 0 < fragment.top - column[-1].top <= reach * fragment.size


def _row_cells(group: Sequence[Fragment], words: Mapping[str, int]) -> tuple[str, ...]:
    """A row's cells, left to right, each with the lines its text wrapped onto."""
    first = sorted(
        (f for f in group if abs(f.top - group[0].top) < 0.3 * group[0].size), key=lambda f: f.x0
    )
    cells = [[f.text] for f in first]
    for f in group:
        if f not in first:
            cells[min(range(len(first)), key=lambda i: abs(first[i].x0 - f.x0))].append(f.text)
    return tuple(join_lines(lines, words) for lines in cells)


def _block(
    group: list[Fragment], rule: HeadingRule, body: float, words: Mapping[str, int]
) -> SourceBlock:
    page = group[0].page
    if group[0].row:
        return _row_block(group[0].header, group[0].cells, page)
    level = rule.level(group[0])
    text = join_lines([f.text for f in group], words)
    same_style = all(_style(f) == _style(group[0]) for f in group)
    if level and same_style and not _is_row(group) and not reads_as_sentence(text):
        return SourceBlock("heading", text, level=level, page=page)
    if _is_row(group):
        return _row_block((), _row_cells(group, words), page)
    kind: BlockKind = "paragraph"
    if group[0].text[:1] in _QUOTES and group[0].size >= 1.15 * body:
        kind = "quote"
    elif _BULLET.match(group[0].text):
        kind, text = "list_item", _BULLET.sub("", text, count=1)
    return SourceBlock(kind, text, page=page)


def _row_block(header: tuple[str, ...], cells: tuple[str, ...], page: int | None) -> SourceBlock:
    """A table row self-described as the other formats write it ('Header: cell; …')."""
    text = table_row_text(list(header), list(cells))
    return SourceBlock("table_row", text, page=page, cells=cells, header=header)


def _notes(fragments: Sequence[Fragment], words: Mapping[str, int]) -> list[SourceBlock]:
    """A page's footnotes as notes of their own, one per marker; the marker (raised, or
    set on the line before a space) is the note's number, not a word of its text."""
    notes: list[list[Fragment]] = []
    for f in fragments:
        if f.lead_marker or _NOTE_NUMBER.match(f.text) or not notes:
            notes.append([f])
        else:
            notes[-1].append(f)
    texts = [join_lines([f.text for f in note], words) for note in notes]
    return [
        SourceBlock(
            "note",
            text if note[0].lead_marker else _NOTE_NUMBER.sub("", text, 1),
            page=note[0].page,
        )
        for note, text in zip(notes, texts, strict=True)
    ]
