"""Read a table drawn on a PDF page row by row, each row's cells named by its header's
columns, never as cells in column order.

A table starts at its header: a line of three or more short cells side by side in one type
size, with a line of short cells just above it (a year over "results") and the lines of short
cells set close below it (units under a spanning heading) taken into it: the header is one
row, each column's words joined. A cell belongs to the column of the header cell it overlaps
most, else the one it starts under (columns part at the middle of the gaps between header
cells, as numbers sit right-aligned under theirs); row labels left of every header cell are
a column of their own. Tables are read before small print is set apart, so a table set in
small type keeps its wrapped cells; a line alone set smaller than the rows (a note) ends
it. The lines below belong
to the table until a line of prose starts at its left edge and runs across its columns, a
line alone after a gap is set as a heading, or a gap opens wider than a few lines; a line of short cells
inside it is a row, not a new header. A row starts after a gap wider than the spacing of a
wrapped cell's lines (cells are set top-aligned) or at a line of three cells or more, and
each of its cells joins the lines of its column. A header over fewer than two rows is not taken for a table, unless it has five
columns or more.
"""

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from app.ingest.pdf_chars import Fragment, Rule, by_baseline
from app.ingest.pdf_text import LINE_REACH, join_lines

HEADER_CELLS = 3
# Every header cell holds a word or number of two characters or more: letters strewn one
# by one (text set sideways) make no header.
_WORD = re.compile(r"\w{2,}")
_CELL_WORDS = 4  # a header's cells are this short
_PROSE_WORDS = 8  # a line this long that crosses the columns is prose, not a cell
_ROW_GAP = 1.45  # a wrapped cell's lines are closer than this many font sizes
_TABLE_GAP = 3.0  # a gap of this many font sizes ends a table
_MIN_ROWS = 2  # rows under the header
_WIDE_HEADER = 5  # a header this wide is a table even over a single row
_SLACK = 2.0  # points right of the table's left edge a line of prose may start
_NOTE = 0.92  # a line alone set below this share of the rows' size is a note under a table
# A figure in a cell (an amount, a share), which a header holds none of; a year may head one.
_FIGURE = re.compile(r"^(?!(19|20)\d\d([-–]\d{2,4})?$)[\d\s.,%$€£()–-]+$")
# One figure, its thousands perhaps set apart by spaces or commas ("4 663.6", "(1,423.9)").
_ONE_FIGURE = re.compile(r"^[(–-]?[$€£]?(\d{1,3}([ ,]\d{3})+|\d+)(\.\d+)?%?\)?$")
# A figure or a dash standing for none, as a token.
_FIGURE_TOKEN = re.compile(r"^([(–-]?[$€£]?\d[\d.,]*%?\)?|[–—-])$")
_EMPTY_SHARE = 0.5  # a table with more of its cells empty is not read into rows
_SCATTERED_SHARE = 1 / 3  # nor one with this share of its cells holding several figures


def tables_as_rows(
    fragments: Sequence[Fragment],
    body_size: float,
    words: Mapping[str, int] | None = None,
    rules: Sequence[Rule] = (),
) -> tuple[list[Fragment], int]:
    """Return a page's fragments with each table's lines replaced by one fragment per row
    under its header (`row` set, `cells` one per column, `header` the columns' names);
    `words` counts the document's words, to make whole a word a narrow cell broke over two
    lines; a table that does not read as rows (`readable`) is left out: return the
    fragments and how many tables were left out."""
    lines = by_baseline(fragments, 0.3)
    left_out = 0
    taken: set[int] = set()
    rows: dict[int, list[Fragment]] = {}  # the id of a table's first fragment drawn -> rows
    order = {id(f): n for n, f in enumerate(fragments)}
    at = 0
    while at < len(lines):
        if not _is_header(lines[at]):
            at += 1
            continue
        header = [lines[at]]
        if at and _above(lines[at - 1], lines[at]) and id(lines[at - 1][0]) not in taken:
            header.insert(0, lines[at - 1])
        below = _header_continued(lines, at)
        header.extend(below)
        end, table = _table(lines, at + len(below), header, body_size, (words or {}, rules))
        under = len(table) - 1  # the header is the first row
        if under >= _MIN_ROWS or (under and len(max(header, key=len)) >= _WIDE_HEADER):
            ids = [id(f) for _, parts in table for f in parts]
            taken.update(ids)
            # The rows, top to bottom, stand where the table's first line was drawn; each
            # carries the header's names, which is not a row of its own.
            names = table[0][0].cells
            if readable([row.cells for row, _ in table[1:]]):
                rows[min(ids, key=order.__getitem__)] = [
                    replace(row, header=names) for row, _ in table[1:]
                ]
            else:
                left_out += 1
        at = max(end, at + 1)
    out: list[Fragment] = []
    for f in fragments:
        if id(f) in rows:
            out.extend(rows[id(f)])
        elif id(f) not in taken:
            out.append(f)
    return out, left_out


def readable(rows: Sequence[Sequence[str]]) -> bool:
    """Whether a table's rows (its header aside), each a list of cells by column, read as
    rows. A table of ticks reads (its rows labelled in words, most of its other cells one
    and the same mark, "X" or "✓": an empty cell says no). Others do not when most cells
    are empty; when every row fills one cell only (a
    column holding everything); when most cells are a single character; when a third of
    the cells right of the first column, in two rows or more, hold several figures ("5 3",
    "– 1": columns the layout did not part); or when a cell's word is broken with a hyphen and goes on, in
    lower case, in the next row's cell of that column (labels of a chart, read down)."""
    cells = [cell for row in rows for cell in row]
    filled = [cell for cell in cells if cell]
    data = [cell for row in rows for cell in row[1:] if cell]
    if _ticked(rows, data):
        return True
    scattered = [cell for cell in data if _several_figures(cell)]
    scattered_rows = sum(any(_several_figures(cell) for cell in row[1:]) for row in rows)
    return not (
        len(filled) <= _EMPTY_SHARE * len(cells)
        or all(sum(bool(cell) for cell in row) <= 1 for row in rows)
        or sum(len(cell) == 1 and not cell.isdigit() for cell in filled) * 2 > len(filled)
        or (scattered_rows >= _MIN_ROWS and len(scattered) > _SCATTERED_SHARE * len(data))
        or any(
            re.search(r"[^\W\d_]-$", cell) and below[:1].islower()
            for row, next_row in pairwise(rows)
            for cell, below in zip(row, next_row, strict=False)
        )
    )


_TICK_SHARE = 0.75  # of the filled cells right of the labels


def _ticked(rows: Sequence[Sequence[str]], data: Sequence[str]) -> bool:
    marks = Counter(data).most_common(1)
    return (
        len(rows) >= _MIN_ROWS
        and bool(marks)
        and len(marks[0][0]) == 1
        and not marks[0][0].isdigit()
        and marks[0][1] >= _TICK_SHARE * len(data)
        and all(_WORD.search(row[0]) for row in rows)
    )


_PROSE_CELL_WORDS = 4  # a wrapped line of prose holds this many words or more
_PROSE_SHARE = 0.5  # of the filled cells
_PROSE_TOTAL = 40  # words in all


def prose_in_columns(rows: Sequence[Sequence[str]]) -> bool:
    """Whether an unreadable "table" is boxes of prose set side by side (a designed page's
    pillars or columns, one wrapped line per "row"), not a chart's labels: most of its
    cells are lines of several words, and they hold a paragraph's worth in all."""
    filled = [cell for row in rows for cell in row if cell]
    wordy = [cell for cell in filled if len(_WORD.findall(cell)) >= _PROSE_CELL_WORDS]
    total = sum(len(cell.split()) for cell in filled)
    return bool(filled) and len(wordy) >= _PROSE_SHARE * len(filled) and total >= _PROSE_TOTAL


def _several_figures(cell: str) -> bool:
    tokens = cell.split()
    return (
        len(tokens) >= 2
        and all(_FIGURE_TOKEN.match(t) for t in tokens)
        and not _ONE_FIGURE.match(cell)
    )


def _is_header(line: Sequence[Fragment]) -> bool:
    """Three or more short cells side by side in one type size, most of them words, and
    most not closed by a sentence's stop (the last lines of columns of prose: "titles.")."""
    sizes = [f.size for f in line]
    return (
        len(line) >= HEADER_CELLS
        and max(sizes) <= 1.15 * min(sizes)
        and all(len(f.text.split()) <= _CELL_WORDS and _WORD.search(f.text) for f in line)
        and sum(any(c.isalpha() for c in f.text) for f in line) * 2 >= len(line)
        and sum(bool(_STOPPED.search(f.text)) for f in line) * 2 < len(line)
    )


_STOPPED = re.compile(r"[a-z)”’\"*]\.\W*$")


def _above(upper: Sequence[Fragment], line: Sequence[Fragment]) -> bool:
    """A line of short cells set just above a header: part of it."""
    step = line[0].top - upper[0].top
    return (
        len(upper) >= 2
        and 0 < step <= LINE_REACH * line[0].size
        and all(len(f.text.split()) <= _CELL_WORDS for f in upper)
    )


def _header_continued(lines: list[list[Fragment]], at: int) -> list[list[Fragment]]:
    """The lines of a header set over several lines below its first: each close under the
    one before, all of short cells and none a figure (years aside), as a header's words are."""
    more: list[list[Fragment]] = []
    for line in lines[at + 1 :]:
        step = line[0].top - (more or [lines[at]])[-1][0].top
        if not 0 < step <= _ROW_GAP * max(f.size for f in line):
            break
        if any(len(f.text.split()) > _CELL_WORDS or _FIGURE.match(f.text) for f in line):
            break
        more.append(line)
    return more


def _table(
    lines: list[list[Fragment]],
    at: int,
    header: list[list[Fragment]],
    body_size: float,
    known: tuple[Mapping[str, int], Sequence[Rule]],
) -> tuple[int, list[tuple[Fragment, list[Fragment]]]]:
    """Read the rows under the header whose last line is at `at`, given the document's
    words and the page's rules; return where the table ends and its rows, each with the
    fragments it was read from."""
    words, rules = known
    lined = [rule for rule in rules if not rule.edge]  # a shape's edge may be a figure's
    cells = max(header, key=len)
    rows: list[list[list[Fragment]]] = [header]
    previous = header[-1]
    end = at + 1
    while end < len(lines):
        line = lines[end]
        step = line[0].top - previous[0].top
        size = max(f.size for f in line)
        # A new row opens after a gap, below a rule, or at a line of cells side by side
        # with a figure under a figure of the row (a sub-row set tight under its row);
        # other lines set close are the row's wrapped cells.
        ruled = _ruled_between(previous, line, rules)
        opens_row = (
            step > _ROW_GAP * size
            or ruled
            or (len(line) >= HEADER_CELLS and _figure_under_figure(line, rows[-1], cells))
        )
        # A line of cells below a rule, or with its cells where the row's start, is in the
        # table's grid past a gap.
        in_grid = (
            step <= 2 * _TABLE_GAP * size
            and len(line) >= HEADER_CELLS
            and (ruled or _cells_aligned(line, rows[-1]))
        )
        gap = step > _TABLE_GAP * max(size, *(f.size for f in previous))
        if (gap and not in_grid) or _is_prose(line, cells):
            break
        # A line with a line drawn under it is a title row in the table's grid, not a
        # heading (a shape below may be a figure's).
        ruled_below = end + 1 < len(lines) and _ruled_between(line, lines[end + 1], lined)
        title = opens_row and not ruled_below and _is_title(line, rows[1:])
        if title or _is_note(line, rows[1:]):
            break
        if len(rows) == 1 or opens_row:
            rows.append([])
        rows[-1].append(line)
        previous = line
        end += 1
    bounds = _bounds(cells, [f for row in rows[1:] for line in row for f in line])
    return end, [
        (_row(row, (cells, bounds), body_size, words), [f for ln in row for f in ln])
        for row in rows
    ]


def _ruled_between(
    above: Sequence[Fragment], line: Sequence[Fragment], rules: Sequence[Rule]
) -> bool:
    """Whether a rule is drawn between two lines, from left of the lower line's start across
    it (a cell's border; an underline starts where its words do)."""
    first = line[0]
    return any(
        above[0].top < rule.top < first.top - 0.5 * first.size
        and rule.x0 <= first.x0 - 1 < first.x0 < rule.x1
        for rule in rules
    )


def _cells_aligned(line: Sequence[Fragment], row: Sequence[Sequence[Fragment]]) -> bool:
    """Whether each of the line's cells starts at the left edge of one on the row's first
    line: the next row of a table whose rows are boxes taller than their text."""
    edges = [f.x0 for f in row[0]] if row else []
    return all(any(abs(f.x0 - edge) < 1 for edge in edges) for f in line)


def _figure_under_figure(
    line: Sequence[Fragment], row: Sequence[Sequence[Fragment]], header: Sequence[Fragment]
) -> bool:
    """Whether the line puts a figure in a column where the row has one: figures do not
    wrap, so the line is a row of its own."""
    bounds = _bounds(header, [])
    taken = {_column(f, header, bounds) for ln in row for f in ln if _FIGURE.match(f.text)}
    return any(_column(f, header, bounds) in taken for f in line if _FIGURE.match(f.text))


def _bounds(header: Sequence[Fragment], body: Sequence[Fragment]) -> list[float]:
    """Where columns part: a cell belongs to the column whose header it starts under, between
    the midpoints of the gaps that separate the header's cells (numbers sit right-aligned
    under theirs), or from the left edge of a cell that starts in the gap and reaches under
    the header to its right (cells flush left under a centred header); row labels set wholly
    left of the first header cell are a column of their own (a stub column with no
    header)."""
    bounds = [(a.x1 + b.x0) / 2 for a, b in pairwise(header)]
    for i, (a, b) in enumerate(pairwise(header)):
        # Cells set flush left under a centred header start left of the midpoint.
        lefts = [
            f.x0 for f in body if a.x1 < f.x0 < bounds[i] and min(f.x1, b.x1) > max(f.x0, b.x0)
        ]
        bounds[i] = min([bounds[i], *lefts]) - 0.5 if lefts else bounds[i]
    stub = [f.x1 for f in body if f.x1 < header[0].x0]
    return [(max(stub) + header[0].x0) / 2, *bounds] if stub else bounds


def _column(fragment: Fragment, header: Sequence[Fragment], bounds: Sequence[float]) -> int:
    """The column of the header cell the fragment overlaps most (a figure wider than its
    header juts out to the left), else the column it starts in."""
    overlaps = [min(fragment.x1, h.x1) - max(fragment.x0, h.x0) for h in header]
    best = max(range(len(header)), key=overlaps.__getitem__)
    if overlaps[best] > 0:
        return best + len(bounds) - len(header) + 1  # one more when a stub column leads
    return sum(bound <= fragment.x0 for bound in bounds)


def _is_prose(line: Sequence[Fragment], header: Sequence[Fragment]) -> bool:
    """A line that starts at the table's left edge and runs across its columns."""
    first = line[0]
    return (
        first.x0 <= header[0].x0 + _SLACK
        and first.x1 > header[min(2, len(header) - 1)].x0
        and len(first.text.split()) >= _PROSE_WORDS
    )


def _is_title(line: Sequence[Fragment], rows: Sequence[list[list[Fragment]]]) -> bool:
    """A line alone on its baseline, after a row's gap, set larger or bold among regular
    rows, the cells that start where it does if any: a heading (a bold cell's wrapped line
    follows its row closely; a row label set larger than the figures is no heading)."""
    cells = [f for row in rows for ln in row for f in ln]
    cells = [f for f in cells if line and abs(f.x0 - line[0].x0) < _SLACK] or cells
    if len(line) != 1 or not cells:
        return False
    sizes = sorted(f.size for f in cells)
    bold = sum(f.bold for f in cells) * 2 < len(cells)
    return line[0].size >= 1.15 * sizes[len(sizes) // 2] or (line[0].bold and bold)


def _is_note(line: Sequence[Fragment], rows: Sequence[list[list[Fragment]]]) -> bool:
    """A line alone on its baseline set smaller than the rows: a note under the table."""
    sizes = sorted(f.size for row in rows for ln in row for f in ln)
    return len(line) == 1 and bool(sizes) and line[0].size < _NOTE * sizes[len(sizes) // 2]


def _row(
    lines: list[list[Fragment]],
    columns: tuple[Sequence[Fragment], Sequence[float]],
    body_size: float,
    words: Mapping[str, int],
) -> Fragment:
    found = [f for line in lines for f in line]
    cells = [
        _cell([f.text for f in found if _column(f, *columns) == i], words)
        for i in range(len(columns[1]) + 1)
    ]
    return Fragment(
        text=" | ".join(cell for cell in cells if cell),
        cells=tuple(cells),
        page=found[0].page,
        x0=min(f.x0 for f in found),
        x1=max(f.x1 for f in found),
        top=lines[0][0].top,
        size=body_size,
        bold=False,
        row=True,
    )


def _cell(texts: Sequence[str], words: Mapping[str, int]) -> str:
    """A cell's lines joined: a word hyphenated at a line end rejoined, and a word a narrow
    cell broke without a hyphen ("Percentag" over "e") made whole when the document knows
    the whole word and one of the pieces occurs nowhere else."""
    text = ""
    for line in texts:
        head = re.search(r"([^\W\d_]+)$", text)
        tail = re.match(r"([^\W\d_]+)(?=\W|$)", line)
        if head and tail and line[:1].islower():
            whole = (head.group(1) + tail.group(1)).lower()
            pieces = [head.group(1).lower(), tail.group(1).lower()]
            if words.get(whole, 0) and min(words.get(p, 0) for p in pieces) <= 1:
                text += line
                continue
        text = join_lines([text, line], words)
    return text
