"""Which PDF lines are headings, and at what level.

With an outline (bookmarks), the outline is the table of headings: a line is a heading
when it opens one of the outline's titles. Without one, headings are told by their look:
text set larger than the body (by `HEADING_RATIO`), or bold at the body's size on a line
of its own that is not a numbered paragraph ("28. The Office…" is body text; "I. Introduction"
and "A. Funding architecture" are headings; so is a bold title labelled with a small letter
set above the body's size, "a) Audit override"). Levels rank the heading styles in use: larger
first, bold before regular, and at one style an annex or appendix before a Roman numeral
before a capital letter. A lone "C.", "D.", "I.", "V." or "X." is read as a letter or a
Roman numeral by its siblings: the one that follows the last label of its style in that
scheme ("C." after "B." is a letter, "V." after "IV." a numeral). A style that only a
document's cover uses (its masthead and title, on the first page and on any page before the
first line of prose, such as a title page) heads no part of the document: its headings are
top-level, beside the sections.
"""

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

from app.ingest.pdf_chars import BOLD_NAMES, BULLET_GLYPHS, Fragment
from app.ingest.pdf_layout import small_caps_titles
from app.ingest.pdf_text import LINE_REACH, PROSE_LINE_WORDS

HEADING_RATIO = 1.15
MAX_HEADING_WORDS = 20
_NUMBERED_PARAGRAPH = re.compile(r"^(\(?\d{1,3}[.)]|\(?[a-z][.)]|\([ivx]+\))\s")
_PART = re.compile(r"^(Annex|Annexe|Appendix|Part|Chapter)\s+([IVXLC]+|\d{1,2}|[A-Z])\b")
_ROMAN = re.compile(r"^[IVXLC]+\.\s")
_LABEL = re.compile(r"^([A-Z]|[IVXLC]+)\.\s")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# A document shorter than this has no cover page.
COVER_MIN_PAGES = 3
_LETTER = re.compile(r"^[A-Z]\.\s")
_WORDY = re.compile(r"[^\W\d_]{2,}")
_NUMBERED_HEADING = re.compile(r"^\d{1,2}(\.\d{1,2})*\.?\s+[A-Z]")
_NOT_OPENING = f"“\"‘'({BULLET_GLYPHS}*.…–—"
_NOT_CLOSING = (",", ";", "-", "–")
# Words a title does not end on: a line ending so runs on into the next.
_LEADING_ON = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "into",
        "and",
        "or",
        "but",
        "nor",
        "as",
        "that",
        "which",
        "who",
        "whose",
        "is",
        "are",
        "was",
        "were",
        "be",
        "their",
        "its",
        "our",
        "your",
        "this",
        "these",
        "those",
    ]
)


# A heading's numbering, ranked: Roman numerals above capital letters above small ones.
_NUMERAL, _LETTERED, _SMALL_LETTERED = 0, 2, 3
# "a) Audit override": a small letter labelling a title, which only its weight and a size
# above the body's tell from a lettered list item ("(a) population and housing census;").
_SMALL_LETTER_TITLE = re.compile(r"^\(?[a-z]\)\s+[A-Z]")
_SMALL_LETTER_SIZE = 1.05
# A title set apart by its typeface: the face's lines are this short at the median, and the
# title opens with a capital or a number, after a small letter's label perhaps ("a. Data").
_FACE_LINE_WORDS = 8
_FACE_LONGEST_WORDS = 12
_CAPTION_WORD = re.compile(r"^(Figure|Table|Chart|Graph|Box|Map|Exhibit|Source|Note)s?\b", re.I)
_TITLE_OPENING = re.compile(r"^(\(?[a-z][.)]\s+)?[A-Z0-9]")
# The share of lines of the body's face set a size larger that must read as titles.
_SIZE_TITLE_SHARE = 0.8
_DIGITS = re.compile(r"\d+")
_SECTION_NUMBER = re.compile(r"^\d{1,2}(\.\d{1,2})+\.?\s+(?=[A-Z])")  # "1.1 ", "2.4.1 "
# A figure's caption, however large: it names a picture, and heads none of the text after it.
_FIGURE_CAPTION = re.compile(r"^(Figure|Fig\.|Chart|Graph|Map|Diagram|Exhibit)\s+[\dIVX]+\b")
_SLANTED = re.compile(r"italic|oblique", re.IGNORECASE)


class HeadingRule(Protocol):
    """Tells a heading line's level (0 for any other line) and where a heading ends."""

    def level(self, fragment: Fragment) -> int:
        """Return the heading level of the line, 0 when it is not a heading."""
        ...

    def continues(self, group: Sequence[Fragment], fragment: Fragment) -> bool:
        """Whether `fragment` is the next line of the heading `group` has begun."""
        ...


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


# A section or appendix number before a title: "2.4.1. Travel Time", "A. Summary", "G.10. Step 8".
_TITLE_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-Z](?:\.\d{1,2}){0,3}\.)\s+(?=\S)")


class OutlineHeadings:
    """Headings are the lines that open the titles of the PDF's outline. A page may number a
    title its outline gives bare ("1.1. Setting" for "Setting", as LaTeX writes them). An
    outline of chapters alone leaves the headings inside them to the page's styles
    (`beneath`), one level under the chapters."""

    def __init__(
        self, outline: Sequence[tuple[int, str]], beneath: HeadingRule | None = None
    ) -> None:
        self._titles = [(level, _normal(title)) for level, title in outline if _normal(title)]
        # The first level of each title, to find a title a line gives whole.
        self._exact = {title: level for level, title in reversed(self._titles)}
        self._beneath = beneath
        self._deepest = max((level for level, _ in self._titles), default=0)

    def level(self, fragment: Fragment) -> int:
        """Return the outline level of the title this line opens, else the level of a heading
        beneath the outline's, else 0."""
        text = _normal(fragment.text)
        if len(text) < 3:
            return 0
        # A title the line gives whole first: "G.11. Summary" is "Summary", not "Summary Statistics".
        level = self._exact.get(text) or self._exact.get(
            _normal(_TITLE_NUMBER.sub("", fragment.text, count=1)), 0
        )
        level = level or next(
            (level for level, title in self._titles if _opens(title, fragment.text)), 0
        )
        if level or self._beneath is None:
            return level
        inner = self._beneath.level(fragment)
        return self._deepest + inner if inner else 0

    def continues(self, group: Sequence[Fragment], fragment: Fragment) -> bool:
        """Whether the heading's text with this line still opens an outline title (or, for a
        heading beneath the outline's, goes on in its style)."""
        joined = " ".join(f.text for f in group)
        # A word broken over the heading's lines at a hyphen reads whole ("Fac-" + "tors").
        text = joined[:-1] if joined.endswith("-") else f"{joined} "
        text += fragment.text
        if any(_opens(title, group[0].text) for _, title in self._titles):
            return fragment.page == group[-1].page and any(_opens(t, text) for _, t in self._titles)
        return self._beneath is not None and self._beneath.continues(group, fragment)


def _opens(title: str, text: str) -> bool:
    """Whether a line opens an outline title (normalised), with or without the section number
    the page sets before it."""
    whole, bare = _normal(text), _normal(_TITLE_NUMBER.sub("", text, count=1))
    if title in (whole, bare):
        return True
    # A line closed like a sentence ("(Step 5).") does not open a longer title.
    return not _CLOSED.search(text) and (
        title.startswith(whole) or (bool(bare) and title.startswith(bare))
    )


_CLOSED = re.compile(r"[.,;)]\s*$")


class StyleHeadings:
    """Headings told by font size and weight against the body text's size."""

    def __init__(self, fragments: Sequence[Fragment], body_size: float) -> None:
        self._body = body_size
        self._lead_lines = _lead_lines(fragments)
        self._run_in = _run_in_leads(fragments)
        self._numbered_titles = _numbered_titles(fragments, body_size)
        self._face_titles = _face_titles(fragments, body_size)
        # Bold capitals a little smaller than the body over its text ("SOURCES AND METHODOLOGY").
        self._caps_titles = small_caps_titles(fragments, body_size)
        # Capitals at the body's size and weight, on lines of their own over it ("GEORGIA").
        self._plain_caps = _plain_caps_titles(fragments, body_size)
        headings = [f for f in fragments if self._looks_like_heading(f)]
        self._schemes = _label_schemes(headings)
        first = self._front_pages(fragments)
        cover = max((f.page for f in fragments), default=1) - first + 1 >= COVER_MIN_PAGES
        styles = {self._key(f) for f in headings if not cover or f.page > first}
        ranked = sorted(styles, key=lambda s: (-s[0], not s[1], s[2]))
        self._levels = {style: rank + 1 for rank, style in enumerate(ranked)}
        # A cover's own styles sit at the level of the first heading after the cover.
        after = next((f for f in headings if f.page > first), None)
        beside = self._levels[self._key(after)] if cover and after is not None else 1
        for f in headings:
            self._levels.setdefault(self._key(f), beside)

    def _front_pages(self, fragments: Sequence[Fragment]) -> int:
        """The last page of the cover: the first page, and the pages after it up to the
        first that holds a line of prose (a title page, a page of logos)."""
        first = min((f.page for f in fragments), default=1)
        prose = (
            f.page
            for f in fragments
            if len(f.text.split()) >= PROSE_LINE_WORDS
            and f.size < HEADING_RATIO * self._body
            and not self._looks_like_heading(f)
        )
        return max(first, next(prose, first) - 1)

    def _key(self, fragment: Fragment) -> tuple[float, bool, int]:
        text = fragment.text
        numbering = (
            -1
            if _PART.match(text)
            else self._schemes[fragment]
            if fragment in self._schemes
            else _NUMERAL
            if _ROMAN.match(text)
            else _LETTERED
            if _LETTER.match(text)
            else _SMALL_LETTERED
            if _SMALL_LETTER_TITLE.match(text)
            else 1
        )
        return (_style(fragment)[0], fragment.bold, numbering)

    def _looks_like_heading(self, fragment: Fragment) -> bool:
        text = fragment.text
        if not _WORDY.search(text) or len(text.split()) > MAX_HEADING_WORDS:
            return False
        if fragment in self._numbered_titles:
            return True
        if fragment in self._lead_lines:
            return False
        if self._small_letter_title(fragment) or fragment in self._face_titles:
            return True
        if text[:1] in _NOT_OPENING or text[:1].islower():
            return False
        if text.endswith(_NOT_CLOSING) and not (
            text.endswith(",") and _NUMBERED_HEADING.match(text)
        ):
            return False  # a numbered heading's first line may end in a comma, it runs on
        if _is_figure(text) or _FIGURE_CAPTION.match(text):
            return False
        if fragment.size >= HEADING_RATIO * self._body:
            return True
        if fragment in self._caps_titles or fragment in self._plain_caps:
            return True
        return (
            fragment.bold
            and fragment.size >= 0.95 * self._body
            and not _NUMBERED_PARAGRAPH.match(text)
            and fragment not in self._run_in
        )

    def _small_letter_title(self, fragment: Fragment) -> bool:
        return (
            bool(_SMALL_LETTER_TITLE.match(fragment.text))
            and fragment.bold
            and fragment.size >= _SMALL_LETTER_SIZE * self._body
            and not fragment.text.endswith((".", *_NOT_CLOSING))
        )

    def level(self, fragment: Fragment) -> int:
        """Return the rank of the line's heading style, 0 when it is not a heading."""
        if not self._looks_like_heading(fragment):
            return 0
        return self._levels.get(self._key(fragment), 0)

    def continues(self, group: Sequence[Fragment], fragment: Fragment) -> bool:
        """A heading runs on over lines of its style just below it, up to a length."""
        last = group[-1]
        if fragment.page != last.page or self._key(fragment)[:2] != self._key(group[0])[:2]:
            return False
        if not self._looks_like_heading(fragment) and fragment.bold != group[0].bold:
            return False
        if group[0] in self._plain_caps and not fragment.text.isupper():
            return False  # the body's own text under a title in its capitals
        words = sum(len(f.text.split()) for f in group) + len(fragment.text.split())
        step = fragment.top - last.top
        # A title set in capitals may run long ("4.4. HOW CAN GOVERNMENT AND … IN ARMENIA?").
        capitals = all(f.text.isupper() for f in [*group, fragment])
        longest = MAX_HEADING_WORDS * (2 if capitals else 1)
        return words <= longest and 0 < step <= LINE_REACH * fragment.size


_PLAIN_CAPS_LEAST = 2  # titles in the body's capitals a document sets, to be a scheme


def _plain_caps_titles(fragments: Sequence[Fragment], body: float) -> frozenset[Fragment]:
    """Titles set in capitals at the body's size and weight ("ANTI-CORRUPTION AGENCIES AND
    COMMISSIONS", "GEORGIA"): lines alone on their baseline, after a finished sentence or a
    gap, over the body's own (not capital) text at their left edge; a document that sets
    two such titles at least. A run of capitals over capitals (a notice) is none."""
    pages: dict[int, list[Fragment]] = {}
    for f in fragments:
        pages.setdefault(f.page, []).append(f)
    found = []
    for f in fragments:
        text = f.text
        if f.bold or abs(f.size - body) >= 0.5 or not text.isupper():
            continue
        if sum(c.isalpha() for c in text) < 4 or text.endswith((".", ",", ";", ":")):
            continue
        column = [g for g in pages[f.page] if g is not f and abs(g.x0 - f.x0) < body]
        if any(abs(g.top - f.top) < 0.3 * body for g in pages[f.page] if g is not f):
            continue  # a cell of a row
        # The title's lines, then the first line of its text.
        lines = [f]
        while True:
            below = [g for g in column if 0 < g.top - lines[-1].top <= LINE_REACH * body]
            nxt = min(below, key=lambda g: g.top, default=None)
            if nxt is None or not nxt.text.isupper() or len(lines) == 3:
                break
            lines.append(nxt)
        if nxt is None or nxt.text.isupper() or abs(nxt.size - body) >= 0.5 or nxt.bold:
            continue
        above = [g for g in column if 0 < f.top - g.top <= LINE_REACH * body]
        last = max(above, key=lambda g: g.top, default=None)
        if last is not None and (last.text.isupper() or not _FINISHED.search(last.text)):
            continue
        found.append(f)
    return frozenset(found) if len(found) >= _PLAIN_CAPS_LEAST else frozenset()


_FINISHED = re.compile(r"[.!?:;”\"’)]$")


def _face_titles(fragments: Sequence[Fragment], body: float) -> frozenset[Fragment]:
    """Titles set apart by their typeface or a slightly larger size alone, below the size
    that makes a heading by itself (Word's "Calibri Light" headings over "Calibri" text, "a.
    Automatic data fetching"; Times at 12 points over Times at 11): a line alone on its
    baseline and followed by the body's text, in a regular style (face and size) other than
    the body's that the document sets only in short lines (not a narrow box's), opening as a
    title does (after a letter's label or a heading's number, perhaps, "1.1 Aim"; not a
    caption's "Figure 2" nor a figure's "77 per cent") and ending without a stop."""
    prose = Counter(_face(f) for f in fragments if len(f.text.split()) >= PROSE_LINE_WORDS)
    if not prose:
        return frozenset()
    body_style = prose.most_common(1)[0][0]
    body_face = body_style[0]
    lines: dict[tuple[str, float], list[int]] = {}
    for f in fragments:
        lines.setdefault(_face(f), []).append(len(f.text.split()))
    short = {
        style
        for style, n in lines.items()
        if sorted(n)[len(n) // 2] <= _FACE_LINE_WORDS and max(n) <= _FACE_LONGEST_WORDS
    }
    baselines = Counter((f.page, round(f.top)) for f in fragments)

    def title_like(f: Fragment) -> bool:
        return (
            baselines[(f.page, round(f.top))] == 1
            and bool(_TITLE_OPENING.match(f.text))
            and not f.text.endswith((".", ":", *_NOT_CLOSING))
        )

    # The body's face a size larger titles only where nearly all its lines read as titles;
    # a box of text set a size larger has lines that open or end mid-sentence.
    sized: dict[tuple[str, float], list[bool]] = {}
    for f in fragments:
        if f.font == body_face and _face(f) != body_style:
            sized.setdefault(_face(f), []).append(title_like(f))
    titling = {style for style, t in sized.items() if sum(t) >= _SIZE_TITLE_SHARE * len(t)}
    return frozenset(
        f
        for f, after in pairwise(fragments)
        if f.font
        and after.font == body_face
        and not any(b in f.font.lower() for b in BOLD_NAMES)
        and (f.font != body_face or (f.size > body_style[1] and _face(f) in titling))
        and _face(f) in short
        and not f.bold
        and not _SLANTED.search(f.font)
        and not _CAPTION_WORD.match(f.text)
        and not _is_figure(f.text)
        and HEADING_RATIO * body > f.size >= 0.95 * body
        and title_like(f)
        and len(_DIGITS.findall(_SECTION_NUMBER.sub("", f.text))) <= 1
        and len(f.text.split()) <= MAX_HEADING_WORDS
    )


def _run_in_leads(fragments: Sequence[Fragment]) -> frozenset[Fragment]:
    """Bold lines that open a paragraph, not a title: a sentence ("DHIMS is the primary
    medium.") or words breaking off after one that leads on ("…strong demand for"), with
    the paragraph's regular text on the next line."""
    return frozenset(
        f
        for f, after in pairwise(fragments)
        if f.bold
        and not after.bold
        and after.page == f.page
        and 0 < after.top - f.top <= LINE_REACH * f.size
        and (f.text.endswith(".") or f.text.split()[-1].lower() in _LEADING_ON)
    )


def _numbered_titles(fragments: Sequence[Fragment], body: float) -> frozenset[Fragment]:
    """Numbered titles in bold at the body's size over regular text ("1. Reconstitute
    USA.gov as the Front Door to the U.S. Government"): the first of one or two bold lines,
    just above a regular one, of a title's length, ending as a title does."""
    titles = set()
    for i, f in enumerate(fragments):
        if not (f.bold and _NUMBERED_HEADING.match(f.text) and f.size >= 0.95 * body):
            continue
        run = [f]
        for after in fragments[i + 1 : i + 3]:
            close = after.page == f.page and 0 < after.top - run[-1].top <= LINE_REACH * f.size
            if not close or not after.bold:
                break
            run.append(after)
        after_run = fragments[i + len(run)] if i + len(run) < len(fragments) else None
        below = (
            after_run is not None
            and not after_run.bold
            and after_run.page == f.page
            and 0 < after_run.top - run[-1].top <= LINE_REACH * f.size
        )
        last = run[-1].text
        ends = not last.endswith((".", ":", *_NOT_CLOSING))
        ends = ends and last.split()[-1].lower() not in _LEADING_ON
        words = sum(len(g.text.split()) for g in run)
        if below and ends and len(run) <= 2 and words <= MAX_HEADING_WORDS:
            titles.add(f)
    return frozenset(titles)


def _lead_lines(fragments: Sequence[Fragment]) -> frozenset[Fragment]:
    """The lines of a paragraph set apart in size (a lead paragraph, a story in a box, a
    pull quote), words in bold among them perhaps: from the first of two or more lines as
    long as prose lines, to the end of a run of lines of one size, each just below the last.
    Long lines all in bold are a title that runs over them."""
    runs: list[list[Fragment]] = []
    for f in fragments:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and f.page == last.page
            and _style(f)[0] == _style(last)[0]
            and 0 < f.top - last.top <= LINE_REACH * f.size
        ):
            runs[-1].append(f)
        else:
            runs.append([f])
    lead: set[Fragment] = set()
    for run in runs:
        long = [i for i, f in enumerate(run) if len(f.text.split()) >= PROSE_LINE_WORDS]
        if len(long) >= 2 and not all(f.bold for f in run[long[0] :]):
            lead.update(run[long[0] :])
    return frozenset(lead)


def _face(fragment: Fragment) -> tuple[str, float]:
    """A line's typeface and size, to the half point."""
    return (fragment.font, _style(fragment)[0])


def _is_figure(text: str) -> bool:
    """A line that opens with a number other than a heading's ("77 per cent")."""
    return text[:1].isdigit() and not _NUMBERED_HEADING.match(text)


def _style(fragment: Fragment) -> tuple[float, bool]:
    return (round(fragment.size * 2) / 2, fragment.bold)


def _roman(label: str) -> int:
    """The value of a Roman numeral up to 399 ("IV" is 4), 0 when `label` is none."""
    values = [_ROMAN_VALUES.get(c, 0) for c in label]
    if not all(values):
        return 0
    total = sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))
    return total if _to_roman(total) == label else 0


def _to_roman(value: int) -> str:
    out = ""
    for numeral, step in (("C", 100), ("XC", 90), ("L", 50), ("XL", 40), ("X", 10)):
        count, value = divmod(value, step)
        out += numeral * count
    return out + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[value]


def _label_schemes(headings: Sequence[Fragment]) -> dict[Fragment, int]:
    """Read each heading labelled "X." as a Roman numeral or a letter: a label that can be
    both is the one that follows the last label of its style in that scheme."""
    last: dict[tuple[float, bool], dict[int, int]] = {}  # style -> scheme -> last value
    schemes: dict[Fragment, int] = {}
    for fragment in headings:
        match = _LABEL.match(fragment.text)
        if not match:
            continue
        label = match.group(1)
        seen = last.setdefault(_style(fragment), {})
        numeral = _roman(label)
        letter = ord(label) - ord("A") + 1 if len(label) == 1 else 0
        if numeral and letter:
            follows_letter = seen.get(_LETTERED, 0) == letter - 1
            follows_numeral = seen.get(_NUMERAL, 0) == numeral - 1
            # Without a sibling to go by, I, V and X count and C and L are letters.
            scheme = (
                _LETTERED if follows_letter or (not follows_numeral and numeral > 10) else _NUMERAL
            )
        else:
            scheme = _NUMERAL if numeral else _LETTERED
        seen[scheme] = numeral if scheme == _NUMERAL else letter
        schemes[fragment] = scheme
    return schemes
