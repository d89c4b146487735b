"""What a reader of a PDF page skips, and the order in which they read the rest.

Page furniture (running headers and footers, page numbers, document symbols and job
numbers) is found by position and repetition: a line in the top or bottom margin that
recurs on many pages, or that holds no word at all; a web or mail address alone on a
line that recurs on many pages, wherever it is. Table-of-contents entries are lines
that end in dot leaders and a page number, and a page titled "Contents" whose lines end in
page numbers is a table of contents (`pdf_contents`). Footnotes are small lines at the foot of a page
that start with a marker. A last page made only of short lines that give an address, a web
or mail address or a copyright (a back cover) is back matter, not the last section's text.
Other lines set smaller than the body and alone on their baseline (captions, credits, notes
under a figure) are set apart as asides, grouped by position, so they never run into a body
paragraph. Two-column pages are read column by column.
"""

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from app.ingest.blocks import TABLES_LEFT_OUT
from app.ingest.pdf_chars import Fragment, Page
from app.ingest.pdf_contents import contents_entries
from app.ingest.pdf_tables import tables_as_rows
from app.ingest.pdf_text import LINE_REACH, PROSE_LINE_WORDS

MARGIN = 0.1  # share of the page height at the top and at the bottom that holds furniture
_PAGE_NUMBER = re.compile(
    r"^(page\s+)?[-–(]?\s*\d{1,4}\s*[-–)]?(\s*(/|of)\s*\d{1,4})?$|^[ivxlc]{1,6}$", re.IGNORECASE
)
_SYMBOL = re.compile(r"^[A-Z]{1,8}(/[A-Z0-9.]+){2,}\*?$")
# A web or mail address; alone on a line it is furniture when many pages repeat it.
_WEB_OR_MAIL = r"(https?://|www\.)\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+"
_ADDRESS = re.compile(rf"^(?:{_WEB_OR_MAIL})$", re.IGNORECASE)
# A back cover's lines: a web or mail address, a copyright line, a telephone number.
_CONTACT = re.compile(
    rf"{_WEB_OR_MAIL}|^©|\bcopyright\b|^(tel|phone|fax)\b|\+\d[\d ()-]{{7,}}",
    re.IGNORECASE,
)
# A back cover's lines are short: a name, a postal line, an address.
_BACK_MATTER_WORDS = 8
# Text set below this share of the body size is small print: a caption, a credit, a note.
SMALL = 0.92
# A line step seen fewer times than this tells nothing of a document's line spacing.
_STEPS_SEEN = 8
# A heading may be set in bold capitals, or in capitals after its section number, down to
# this share of the body size (points of rounding aside).
CAPS_TITLE = 0.8
_SIZE_SLACK = 0.05
_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}|[A-Z])(?:\.\d{1,2})*\.?\s+\S")
# Dot leaders to a page number, which may carry a part's prefix ("App-15", "A-3").
_PAGE = r"(?:[A-Za-z]{1,4}[-–.]?)?\d{0,4}"
_LEADERS = re.compile(
    rf"(\.\s?){{4,}}\s*{_PAGE}\s*$|…{{2,}}\s*{_PAGE}\s*$|(_\s?){{4,}}\s*\d{{1,4}}\s*$"
)


@dataclass(frozen=True)
class Layout:
    """A document's fragments sorted out: body in reading order, footnotes and asides (each
    a list of lines, top to bottom) apart by page, counts."""

    body: tuple[Fragment, ...]
    footnotes: dict[int, list[Fragment]]
    body_size: float
    dropped: dict[str, int]
    asides: dict[int, list[list[Fragment]]] = field(default_factory=dict)
    # The step from one line of a paragraph to the next that the document most uses, in
    # font sizes (1.2 for single spacing; 1.8 for a Google Docs text set at 1.5).
    line_step: float = 1.2


def body_size(pages: Sequence[Page]) -> float:
    """Return the font size most of the document's lines of prose are set in (lines of
    `PROSE_LINE_WORDS` or more; a table's many short cells, set smaller, do not count),
    else the size most of its characters are set in."""
    weights: Counter[float] = Counter()
    prose: Counter[float] = Counter()
    for page in pages:
        for fragment in page.fragments:
            weights[round(fragment.size * 2) / 2] += len(fragment.text)
            if len(fragment.text.split()) >= PROSE_LINE_WORDS:
                prose[round(fragment.size * 2) / 2] += len(fragment.text)
    weights = prose or weights
    return weights.most_common(1)[0][0] if weights else 10.0


def lay_out(pages: Sequence[Page], words: Mapping[str, int]) -> Layout:
    """Drop furniture and contents entries, set footnotes apart, order the body text;
    `words` counts the document's words (`pdf_text.vocabulary`), for its tables' cells."""
    size = body_size(pages)
    furniture = _furniture(pages)
    dropped: Counter[str] = Counter()
    body: list[Fragment] = []
    footnotes: dict[int, list[Fragment]] = {}
    asides: dict[int, list[list[Fragment]]] = {}
    for page in pages:
        dropped["rotated characters"] += page.rotated
        kept: list[Fragment] = []
        for fragment in page.fragments:
            if id(fragment) in furniture:
                dropped["furniture"] += 1
            elif _LEADERS.search(fragment.text):
                dropped["toc"] += 1
            else:
                kept.append(fragment)
        kept = _drop_toc_numbers(kept, page, dropped)
        entries = contents_entries(kept)
        dropped["toc"] += len(entries)
        kept = [f for f in kept if f not in entries]
        if page.number == len(pages) > 1 and is_back_matter(kept):
            dropped["back matter lines"] += len(kept)
            continue
        notes = _footnotes(kept, page, size)
        if notes:
            footnotes[page.number] = notes
            dropped["footnote lines"] += len(notes)
        dropped["footnote markers"] += sum(f.markers for f in kept)
        kept = [f for f in kept if f not in notes]
        # Tables first: a table set small keeps its cells' wrapped lines.
        rows, left_out = tables_as_rows(kept, size, words, page.rules)
        dropped[TABLES_LEFT_OUT] += left_out
        small = small_print([f for f in rows if not f.row], size)
        if small:
            asides[page.number] = group_lines(small)
        # Ordered with the small print in place, so that setting it apart moves no body line.
        body.extend(f for f in reading_order(rows, page.width) if f not in small)
    return Layout(
        tuple(body),
        footnotes,
        size,
        {k: v for k, v in dropped.items() if v},
        asides,
        line_step(body),
    )


def line_step(body: Sequence[Fragment]) -> float:
    """The step between consecutive lines of one size at one left edge that the document
    uses most, in font sizes, to the nearest 0.05; 1.2 when no step is seen often enough to
    tell (a page of a few lines)."""
    steps: Counter[float] = Counter()
    for above, below in pairwise(body):
        step = (below.top - above.top) / below.size
        same_edge = abs(below.x0 - above.x0) < 2 and below.page == above.page
        if same_edge and below.size == above.size and 1.0 <= step <= 3.0:
            steps[round(step * 20) / 20] += 1
    step, count = steps.most_common(1)[0] if steps else (1.2, 0)
    return step if count >= _STEPS_SEEN else 1.2


def is_back_matter(fragments: Sequence[Fragment]) -> bool:
    """A page of short lines only, one of them a web or mail address or a copyright line."""
    return (
        bool(fragments)
        and all(len(f.text.split()) <= _BACK_MATTER_WORDS for f in fragments)
        and any(_CONTACT.search(f.text) for f in fragments)
    )


def small_print(fragments: Sequence[Fragment], size: float) -> list[Fragment]:
    """Lines set smaller than the body that share their baseline with no other small line
    (the cells of a table row in small type stay in the body, to be read as a row)."""
    titles = small_caps_titles(fragments, size)
    small = [f for f in fragments if f.size < SMALL * size and f not in titles]
    rows = [
        f for f in small if any(g is not f and abs(g.top - f.top) < 0.3 * f.size for g in small)
    ]
    # A cell's text wrapped under its row's line stays with the row ("Co-location" beside
    # "Co-locate partners in the same building:" over the rest of that cell's lines).
    for f in sorted(small, key=lambda f: f.top):
        if f not in rows and _wrapped_under(f, rows):
            rows.append(f)
    return [f for f in small if f not in rows]


def _wrapped_under(line: Fragment, rows: Sequence[Fragment]) -> bool:
    """A line of words set just under a row's cell of words, at its left edge and size."""
    return len(line.text.split()) >= _WRAPPED_WORDS and any(
        0 < line.top - g.top <= LINE_REACH * line.size
        and abs(g.x0 - line.x0) < 2
        and g.size == line.size
        and len(g.text.split()) >= _WRAPPED_WORDS
        for g in rows
    )


_WRAPPED_WORDS = 3


def small_caps_titles(fragments: Sequence[Fragment], size: float) -> frozenset[Fragment]:
    """The headings set in capitals smaller than the body among `fragments`: bold, or after
    a section number."""
    pages: dict[int, list[Fragment]] = {}
    for f in fragments:
        pages.setdefault(f.page, []).append(f)
    return frozenset(
        f for f in fragments if f.size < 0.95 * size and _small_caps_title(f, pages[f.page], size)
    )


def _small_caps_title(fragment: Fragment, fragments: Sequence[Fragment], size: float) -> bool:
    """A heading set in bold capitals a little smaller than the body ("SOURCES AND
    METHODOLOGY" over 9-point text): alone on its baseline, with body text as the next line
    below it, within a few of its lines and at its left edge or centred over it."""
    text = fragment.text
    numbered = _SECTION_NUMBER.match(text) is not None  # "1. CONTEXT" in a LaTeX article
    if not (
        (fragment.bold or numbered)
        and text.isupper()
        and fragment.size >= CAPS_TITLE * size - _SIZE_SLACK
    ):
        return False
    if any(f is not fragment and abs(f.top - fragment.top) < 0.3 * size for f in fragments):
        return False  # a cell of a row, a label of a chart
    below = [
        f
        for f in fragments
        if 0 < f.top - fragment.top <= 3 * fragment.size
        and (abs(f.x0 - fragment.x0) < size or abs(_centre(f) - _centre(fragment)) < size)
    ]
    first = min(below, key=lambda f: f.top, default=None)
    return first is not None and abs(first.size - size) < 0.5 and not first.bold


def _centre(fragment: Fragment) -> float:
    return (fragment.x0 + fragment.x1) / 2


def group_lines(fragments: Sequence[Fragment]) -> list[list[Fragment]]:
    """Group lines into the boxes they are set in: a line joins the box whose last line is
    just above it and overlaps it across the page."""
    boxes: list[list[Fragment]] = []
    for f in sorted(fragments, key=lambda f: (f.top, f.x0)):
        for box in reversed(boxes):
            last = box[-1]
            overlap = min(f.x1, last.x1) - max(f.x0, last.x0)
            if 0 < f.top - last.top <= LINE_REACH * max(f.size, last.size) and overlap > 0:
                box.append(f)
                break
        else:
            boxes.append([f])
    return boxes


def _key(fragment: Fragment) -> str:
    return re.sub(r"\d+", "#", fragment.text.lower()).strip(" *")


def _in_margin(fragment: Fragment, page: Page) -> bool:
    return fragment.top < MARGIN * page.height or fragment.top > (1 - MARGIN) * page.height


_RUNNING_CHARS = 15  # a running line this long is told even with more words after it


def _furniture(pages: Sequence[Page]) -> set[int]:
    """Ids of fragments that are running headers, footers, page numbers or symbols."""
    margin_keys: Counter[str] = Counter()
    placed: Counter[tuple[str, int, int]] = Counter()
    texts: Counter[str] = Counter()  # pages each line's text is on, wherever on the page
    for page in pages:
        seen: set[str] = set()
        texts.update({_key(f) for f in page.fragments})
        for f in page.fragments:
            place = (_key(f), round(f.top / 4), round(f.x0 / 8))
            placed[place] += 1
            if _in_margin(f, page) and _key(f) not in seen:
                seen.add(_key(f))
                margin_keys[_key(f)] += 1
    repeated = max(2, round(0.25 * len(pages)))
    counters = _part_counters(pages)
    # A running line's text with more after it on one page (its date on the first page).
    running = tuple(
        key + " "
        for key, n in margin_keys.items()
        if n >= repeated and key not in counters and len(key) >= _RUNNING_CHARS
    )
    found: set[int] = set()
    for page in pages:
        for f in page.fragments:
            place = (_key(f), round(f.top / 4), round(f.x0 / 8))
            marginal = _in_margin(f, page) and (
                (margin_keys[_key(f)] >= repeated and _key(f) not in counters)
                or not re.search(r"[^\W\d_]{2,}", f.text)
                or _PAGE_NUMBER.match(f.text) is not None
                or _SYMBOL.match(f.text.replace(" ", "")) is not None
                or _key(f).startswith(running)
            )
            # Elsewhere on the page, only a short line repeated in place (a side label), or
            # a web or mail address alone on its line that many pages repeat.
            labelled = (
                len(f.text.split()) <= 5
                and placed[place] >= max(3, 0.5 * len(pages))
                and _key(f) not in counters
            )
            address = _ADDRESS.match(f.text) is not None and texts[_key(f)] >= max(3, repeated)
            if marginal or labelled or address:
                found.add(id(f))
    return found


def _part_counters(pages: Sequence[Page]) -> set[str]:
    """Margin lines that count a document's parts ("Theme 1:" … "Theme 6:" atop the pages
    that open them): a number that differs each time and does not follow the page number,
    as a running header's or footer's page number does."""
    numbers: dict[str, list[tuple[int, int]]] = {}
    for page in pages:
        for f in page.fragments:
            if _in_margin(f, page) and (match := re.search(r"\d+", f.text)):
                numbers.setdefault(_key(f), []).append((page.number, int(match.group())))
    return {
        key
        for key, found in numbers.items()
        if len(found) > 1
        and re.search(r"[^\W\d_]{2,}", key)
        and len({n for _, n in found}) == len(found)
        and len({n - page for page, n in found}) > 1
    }


def _drop_toc_numbers(
    fragments: list[Fragment], page: Page, dropped: Counter[str]
) -> list[Fragment]:
    """Drop a lone page number left on the baseline of a contents entry already dropped."""
    if not dropped["toc"]:
        return fragments
    entries = {round(f.top) for f in page.fragments if _LEADERS.search(f.text)}
    kept = []
    for f in fragments:
        if f.text.isdigit() and round(f.top) in entries:
            dropped["toc"] += 1
        else:
            kept.append(f)
    return kept


def _footnotes(fragments: list[Fragment], page: Page, size: float) -> list[Fragment]:
    """The footnotes at the foot of a page (or of a column): small lines from the first that
    opens with a marker."""
    small = 0.92 * size
    starts = [
        f
        for f in fragments
        if f.size < small
        and f.top > 0.5 * page.height
        and (f.lead_marker or re.match(r"^\d{1,3}\s+\S", f.text))
    ]
    if not starts:
        return []
    first = min(f.top for f in starts)
    below = [f for f in fragments if f.top >= first - 1 and f.size < small]
    left, right = min(f.x0 for f in below), max(f.x1 for f in below)
    # Body text after the first footnote line, under the notes (not in a column beside
    # them), means these were not footnotes (e.g. a caption).
    if any(
        f.top > first + 1 and f.size >= small and f.x0 < right and f.x1 > left
        for f in fragments
        if not _is_marker_only(f)
    ):
        return []
    return below


def _is_marker_only(fragment: Fragment) -> bool:
    return fragment.text.isdigit() and len(fragment.text) <= 3


def reading_order(fragments: Sequence[Fragment], width: float) -> list[Fragment]:
    """Read a page column by column when it has a gutter, else in the content stream's order
    with any run the stream draws late but that sits above what came before moved up. Each
    side of a gutter may have one of its own: a landscape page of three columns."""
    gutter = _gutter(fragments, width)
    if gutter is None:
        return [f for flow in _stacked(_flows(fragments)) for f in flow]
    ordered: list[Fragment] = []
    left: list[Fragment] = []
    right: list[Fragment] = []
    for f in sorted(fragments, key=lambda f: (f.top, f.x0)):
        if f.x1 <= gutter:
            left.append(f)
        elif f.x0 >= gutter:
            right.append(f)
        else:
            ordered.extend(_columns(left, right, width))
            left, right = [], []
            ordered.append(f)
    return ordered + _columns(left, right, width)


def _columns(left: list[Fragment], right: list[Fragment], width: float) -> list[Fragment]:
    """The two sides of a gutter, each read in its own order."""
    return [*reading_order(left, width), *reading_order(right, width)] if left or right else []


def _flows(fragments: Sequence[Fragment]) -> list[list[Fragment]]:
    """Cut the content stream where it jumps back up the page: each piece reads downwards."""
    flows: list[list[Fragment]] = []
    for f in fragments:
        if flows and f.top >= flows[-1][-1].top - 0.5 * f.size:
            flows[-1].append(f)
        else:
            flows.append([f])
    return flows


def _stacked(flows: list[list[Fragment]]) -> list[list[Fragment]]:
    """Put a flow before the flows drawn ahead of it that lie wholly below it in the same
    column (a title or lead the producer wrote after the body); side-by-side flows keep
    the stream's order."""
    ordered: list[list[Fragment]] = []
    for flow in flows:
        at = len(ordered)
        while at and _above(flow, ordered[at - 1]):
            at -= 1
        ordered.insert(at, flow)
    return ordered


def _above(flow: list[Fragment], other: list[Fragment]) -> bool:
    bottom = max(f.top for f in flow)
    top = min(f.top - f.size for f in other)
    left, right = min(f.x0 for f in flow), max(f.x1 for f in flow)
    overlap = min(right, max(f.x1 for f in other)) - max(left, min(f.x0 for f in other))
    return bottom < top and overlap > 0.5 * (right - left)


def _gutter(fragments: Sequence[Fragment], width: float) -> float | None:
    """An x position that splits the page's lines into two columns of prose, if there is one."""
    prose = [f for f in fragments if len(f.text.split()) >= 4]
    if len(prose) < 8:
        return None
    best: tuple[int, float] | None = None
    for step in range(30, 71):
        x = width * step / 100
        left = [f for f in prose if f.x1 <= x]
        right = [f for f in prose if f.x0 >= x]
        crossing = len(prose) - len(left) - len(right)
        if len(left) < 4 or len(right) < 4 or crossing > 0.1 * len(prose):
            continue
        if min(_median_width(left), _median_width(right)) < 0.2 * width:
            continue
        if best is None or crossing < best[0]:
            best = (crossing, x)
    return best[1] if best else None


def _median_width(fragments: Sequence[Fragment]) -> float:
    widths = sorted(f.x1 - f.x0 for f in fragments)
    return widths[len(widths) // 2]
