"""A PDF page's characters grouped into line fragments that carry their font and position.

pdfium (through pypdfium2) gives every character with its origin, font size and font; this
module turns them into `Fragment`s: runs of text on one baseline, broken where pdfium ends
a line or where a gap is far wider than a word space (table cells, a column gutter).
Superscript digits, single superscript letters and lower-case Roman numerals (smaller and
raised above the baseline) are footnote and table-note markers: they are taken out of the
text and counted, so "in 2023.2 UNFPA" reads "in 2023. UNFPA", "leadershipa at" reads
"leadership at" and "demonstratedii that" reads "demonstrated that". A line's
leading glyph from a picture font (Wingdings, dingbats; pdfium reports its code, e.g.
"f") is a bullet and reads "•". Text drawn at an angle on a page of upright text (a vertical
side label, a rotated page number) is not read; it is counted in `Page.rotated`. A space
pdfium guessed across a gap narrower than a word space is decided by `pdf_spacing`, and a
point inside a number ("40.0") needs a full word space's gap to be followed by a space.
"""

import ctypes
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

import pypdfium2.raw as pdfium_c

from app.ingest.pdf_glyphs import Glyph, Ligatures
from app.ingest.pdf_spacing import DOUBTFUL_SPACE, decide_spaces

# A gap wider than this many font sizes between two characters on one baseline is not
# a word space but a cell or column boundary (table columns set 1.4 font sizes apart,
# "2024 results" beside "Source", ran together at 1.5; no line of prose of the five real
# PDFs has a gap this wide).
CELL_GAP = 1.3
# A wider gap than this between two characters is a space, written or not.
SPACE_GAP = 0.25
# A space pdfium inferred across a gap narrower than this many font sizes may be none: on
# the five real PDFs every such gap split a word ("ea rly", "Unit ed") or a compound.
DOUBTFUL_GAP = 0.23
BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
_FORCE_BOLD = 1 << 18
# The glyphs a list item may open with.
BULLET_GLYPHS = "•▪◦●■►‣∙·○◆◇❖➢➤□▫"
# A list, paragraph or section number set apart from its text by a tab: not a cell of its
# own ("2.1." before its title; "2.1" alone may be a table's figure).
_MARKER = re.compile(
    rf"^(\(?\d{{1,3}}[.)]?|\d{{1,2}}(?:\.\d{{1,2}}){{1,3}}\.|\(?[a-zA-Z][.)]|\(?[ivxlcIVXLC]{{1,6}}[.)]|[{BULLET_GLYPHS}–—-])$"
)
# Fonts whose glyphs are pictures (bullets, arrows, ticks; Bodoni Ornaments' bullet reads
# "’"), not letters; a glyph in the private-use area (Symbol's bullet, U+F0B7) is one too.
_SYMBOL_FONT = re.compile(r"wingding|webding|dingbat|ornament", re.IGNORECASE)
# Control characters no text holds (pdfium's line ends, "\\r" and "\\n", and its mark for a
# hyphen at a line end, "\\x02", are read apart).
_CONTROL = frozenset(set(range(0x20)) - {0x02, 0x09, 0x0A, 0x0D}) | {0x7F}
# Two letters set together are at least this many font sizes wide; "!" and '"' are less.
_LIGATURE_WIDTH = 0.45
# A page whose upright characters are fewer than this share keeps its angled text.
_UPRIGHT_SHARE = 0.5


# FPDFText_GetTextObject returning the object's address as an int, a cheap cache key.
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    int(ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value or 0)
)


@dataclass(frozen=True)
class Fragment:
    """A run of text on one baseline of one page.

    Coordinates are in points from the page's top-left corner: `top` is the baseline's
    distance from the top edge. `size` is the font size most of its characters use,
    `bold` whether most of them are bold. `markers` counts superscript footnote markers
    taken out of `text`; `lead_marker` is the marker a footnote's own text starts with.
    `row` marks a whole table row read by `pdf_tables`: `cells` holds its cells, one per
    column (empty where the row has none), and `header` the names of those columns. `font`
    is the typeface most of its characters use, without a subset's prefix ("Calibri-Light").
    """

    text: str
    page: int
    x0: float
    x1: float
    top: float
    size: float
    bold: bool
    markers: int = 0
    lead_marker: str = ""
    row: bool = False
    font: str = ""
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """A horizontal line drawn on a page (a table's border), `top` from the top edge;
    `edge` when it is the top or bottom of a shape (a shaded cell, a frame, a band)."""

    top: float
    x0: float
    x1: float
    edge: bool = False


@dataclass(frozen=True)
class Page:
    """One page's size, its fragments in pdfium's (content stream) order and the
    horizontal lines drawn on it."""

    number: int
    width: float
    height: float
    fragments: tuple[Fragment, ...]
    rotated: int = 0
    rules: tuple[Rule, ...] = ()


def by_baseline(fragments: Sequence[Fragment], within: float) -> list[list[Fragment]]:
    """The fragments grouped into lines, top to bottom, each left to right: a fragment joins
    the line whose first fragment is less than `within` of its size above or below it."""
    lines: list[list[Fragment]] = []
    for f in sorted(fragments, key=lambda f: (f.top, f.x0)):
        if lines and abs(f.top - lines[-1][0].top) < within * f.size:
            lines[-1].append(f)
        else:
            lines.append([f])
    return [sorted(line, key=lambda f: f.x0) for line in lines]


@dataclass(slots=True)
class _Char:
    text: str
    x: float
    right: float
    y: float
    size: float
    bold: bool
    symbol: bool = False
    upright: bool = True
    generated: bool = False  # a space pdfium inferred, none written
    font: str = ""


@dataclass
class _Run:
    chars: list[_Char] = field(default_factory=list)
    sup: list[bool] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    def base(self) -> _Char | None:
        for char, sup in zip(self.chars, self.sup, strict=True):
            if not sup:
                return char
        return None


def read_pages(
    document: object, ligatures: Ligatures | None = None
) -> tuple[list[Page], dict[str, int]]:
    """Return every page of an open `pypdfium2.PdfDocument` as fragments, and the
    document's words (`pdf_text.vocabulary` of the fragments' text). `ligatures` are the
    glyphs pdfium reports by their code (`pdf_glyphs`), page by page."""
    import pypdfium2

    assert isinstance(document, pypdfium2.PdfDocument)
    pages: list[Page] = []
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        chars = _chars(textpage.raw, height, (ligatures or {}).get(index, {}))
        drawn = [c for c in chars if c is not None and c.text.strip()]
        angled = sum(not c.upright for c in drawn)
        if angled and angled <= (1 - _UPRIGHT_SHARE) * len(drawn):
            chars = [c for c in chars if c is None or c.upright]
        else:
            angled = 0
        runs = _justified(_runs(chars))
        fragments = tuple(f for run in runs if (f := _fragment(run, index + 1)) is not None)
        rules = _rules(page.raw, height)
        pages.append(Page(index + 1, width, height, fragments, angled, rules))
        textpage.close()
        page.close()
    return _with_spaces_decided(pages)


_RULE_THICKNESS = 2.0  # points: a path no taller than this, and
_RULE_LENGTH = 10.0  # no shorter than this, is a rule


def _rules(raw: object, height: float) -> tuple[Rule, ...]:
    """The horizontal lines drawn on the page, and the top and bottom edges of the shapes
    drawn on it (paths outside any form object)."""
    bounds = [ctypes.c_float() for _ in range(4)]
    rules = []
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        path = pdfium_c.FPDFPage_GetObject(raw, i)
        if pdfium_c.FPDFPageObj_GetType(path) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(path, *bounds):
            continue
        left, bottom, right, top = (b.value for b in bounds)
        if right - left < _RULE_LENGTH:
            continue
        if top - bottom <= _RULE_THICKNESS:
            rules.append(Rule(height - (top + bottom) / 2, left, right))
        else:  # a box's top and bottom edges (a bordered or shaded cell, a frame)
            rules.extend(Rule(height - y, left, right, edge=True) for y in (top, bottom))
    return tuple(rules)


def _with_spaces_decided(pages: list[Page]) -> tuple[list[Page], dict[str, int]]:
    texts, words = decide_spaces([f.text for page in pages for f in page.fragments])
    decided, at = [], 0
    for page in pages:
        fragments = []
        for f in page.fragments:
            fragments.append(replace(f, text=texts[at]) if texts[at] != f.text else f)
            at += 1
        decided.append(replace(page, fragments=tuple(fragments)))
    return decided, words


def _chars(
    raw: object, height: float, ligatures: dict[str, dict[int, Glyph]]
) -> list[_Char | None]:
    """Every character of a text page; None marks a line end pdfium generated. A character
    pdfium reports as the code of a ligature glyph of its font ("bene!cial") reads as the
    ligature's letters when a letter stands beside it."""
    count = pdfium_c.FPDFText_CountChars(raw)
    x, y = ctypes.c_double(), ctypes.c_double()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    matrix = pdfium_c.FS_MATRIX()
    # per text object: bold, size, symbol, typeface
    fonts: dict[int | None, tuple[bool, float, bool, str]] = {}
    out: list[_Char | None] = []
    texts = code_points([pdfium_c.FPDFText_GetUnicode(raw, i) for i in range(count)])
    for i in range(count):
        code = ord(texts[i]) if texts[i] else 0
        text = texts[i]
        if text in ("\r", "\n"):
            out.append(None)
            continue
        if text == "\x02":  # pdfium's mark for a hyphen at a line end
            text = "-"
        if pdfium_c.FPDFText_IsGenerated(raw, i) or not text or text == "\ufffe":
            previous = out[-1] if out else None
            if text == " " and previous is not None and previous.text != " ":
                space = _Char(" ", previous.right, previous.right, previous.y, previous.size, False)
                space.generated = True
                out.append(space)
            continue
        obj = _text_object(raw, i)
        if obj not in fonts:
            pdfium_c.FPDFText_GetFontInfo(raw, i, name, len(name), flags)
            weight = pdfium_c.FPDFText_GetFontWeight(raw, i)
            lowered = name.value.decode("latin-1").lower()
            # The font size may be 1 with the real size in the text matrix (InDesign).
            pdfium_c.FPDFText_GetMatrix(raw, i, matrix)
            scale = math.hypot(matrix.c, matrix.d) or 1.0
            size = round(pdfium_c.FPDFText_GetFontSize(raw, i) * scale, 2)
            fonts[obj] = (
                weight >= 600
                or bool(flags.value & _FORCE_BOLD)
                or any(b in lowered for b in BOLD_NAMES),
                size,
                _SYMBOL_FONT.search(lowered) is not None,
                name.value.decode("latin-1").split("+")[-1],
            )
        pdfium_c.FPDFText_GetCharOrigin(raw, i, x, y)
        pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top)
        bold, size, symbol, font = fonts[obj]
        angle = pdfium_c.FPDFText_GetCharAngle(raw, i)
        upright = min(abs(angle), abs(angle - 2 * math.pi)) < 0.05 or angle < 0
        out.append(
            _Char(
                text,
                x.value,
                max(right.value, x.value),
                height - y.value,
                size,
                bold,
                symbol or 0xE000 <= code <= 0xF8FF,
                upright,
                font=font,
            )
        )
    _mark_doubtful_spaces(out)
    _read_ligatures(out, ligatures)
    return _accents_placed(out)


# Accents TeX sets as glyphs of their own over a letter ("Thi´ery"), and the marks that
# combine with the letter into one character ("Thiéry").
_ACCENTS = {
    "´": "\u0301",
    "`": "\u0300",
    "¨": "\u0308",
    "ˆ": "\u0302",
    "^": "\u0302",
    "˜": "\u0303",
    "~": "\u0303",
    "¯": "\u0304",
    "˘": "\u0306",
    "˙": "\u0307",
    "˚": "\u030a",
    "˝": "\u030b",
    "ˇ": "\u030c",
    "¸": "\u0327",
}


def _accents_placed(chars: list[_Char | None]) -> list[_Char | None]:
    """Put each accent drawn as a glyph of its own onto the letter it stands over (the
    letter's box holds the accent's middle, on or just around its baseline): "´" and "e"
    read "é". TeX may draw the accent after the line's last letter, so the whole page is
    searched. An accent over no letter stays as it is."""
    placed: set[int] = set()
    for i, char in enumerate(chars):
        if char is None or char.text not in _ACCENTS:
            continue
        middle = (char.x + char.right) / 2
        under = [
            letter
            for letter in chars
            if letter is not None
            and letter.text not in _ACCENTS  # "ˆ" and "ˇ" are letters to Unicode
            and letter.text.isalpha()
            and len(letter.text) == 1
            and letter.x < middle < letter.right
            and abs(letter.y - char.y) < letter.size
        ]
        if under:
            letter = min(under, key=lambda c: abs(c.y - char.y))
            letter.text = unicodedata.normalize("NFC", letter.text + _ACCENTS[char.text])
            placed.add(i)
    return [c for i, c in enumerate(chars) if i not in placed]


def _read_ligatures(chars: list[_Char | None], ligatures: dict[str, dict[int, Glyph]]) -> None:
    """Read the ligature glyphs pdfium reports by their code: inside a word, opening one
    ("$is" -> "This") or ending one. Where another subset of the typeface draws the code as
    itself, a glyph ending a word must be as wide as two letters ("sta!" -> "staff"), so a
    real "!" or '"' (a third of a font size or less) keeps its mark."""
    if not ligatures:
        return
    for i, char in enumerate(chars):
        if char is None or len(char.text) != 1:
            continue
        glyph = ligatures.get(char.font, {}).get(ord(char.text))
        if glyph is None:
            continue
        before = chars[i - 1] if i else None
        after = chars[i + 1] if i + 1 < len(chars) else None
        letter_before = before is not None and before.text.isalpha()
        letter_after = after is not None and after.text.isalpha()
        opens = not letter_before and after is not None and after.text.islower()
        wide = char.right - char.x >= _LIGATURE_WIDTH * char.size
        if (letter_before and (letter_after or wide or not glyph.shared)) or opens:
            char.text = glyph.text


def code_points(units: list[int]) -> list[str]:
    """The character at each of pdfium's UTF-16 code units: a character outside the Basic
    Multilingual Plane (an emoji, "💵") comes as two units, a surrogate pair, and is set at
    its second unit with "" at its first; a lone surrogate, a null or a control character
    (an icon font's glyph read as "\\x1a") is ""."""
    texts = [
        "" if not 0 < unit < 0x110000 or 0xD800 <= unit < 0xE000 or unit in _CONTROL else chr(unit)
        for unit in units
    ]
    for i in range(1, len(units)):
        if 0xD800 <= units[i - 1] < 0xDC00 and 0xDC00 <= units[i] < 0xE000:
            texts[i] = chr(0x10000 + ((units[i - 1] - 0xD800) << 10) + units[i] - 0xDC00)
    return texts


def _mark_doubtful_spaces(chars: list[_Char | None]) -> None:
    """Mark the spaces pdfium inferred across a gap narrower than a word space (its guesses
    split "Unit ed", "long -term"); the document's words decide them later."""
    for before, space, after in zip(chars, chars[1:], chars[2:], strict=False):
        if space is None or not space.generated or before is None or after is None:
            continue
        same_line = abs(after.y - before.y) < 0.5 * after.size
        address = before.text == ":" and after.text == "/"  # "http: //", a wide slash
        if same_line and (after.x - before.right < DOUBTFUL_GAP * after.size or address):
            space.text = DOUBTFUL_SPACE


def _unwritten_space(last: _Char, char: _Char, gap: float, before: list[_Char]) -> bool:
    """A gap that reads as a space though no space character was written (e.g. a tab);
    `before` holds the character before `last`, if any. A full stop after a closing bracket
    ends a sentence, so a capital set after it with any gap opens the next one ("in
    2023).United" set without its space)."""
    if " " in (last.text, char.text) or DOUBTFUL_SPACE in (last.text, char.text):
        return False
    if last.text == "." and before and before[0].text == ")" and char.text.isupper():
        return gap > 0
    # After punctuation a narrower gap is a space ("2023).United"), but not before a digit:
    # a point or comma inside a number ("40.0", "1,248") has a narrow glyph, a wide gap.
    # Nor inside a web address ("http://").
    after_stop = (
        last.text in ".:;,)"
        and not (last.text in ".," and char.text.isdigit())
        and not (last.text == ":" and char.text == "/")
    )
    return gap > (SPACE_GAP / 2 if after_stop else SPACE_GAP) * char.size


def _runs(chars: list[_Char | None]) -> list[_Run]:
    runs: list[_Run] = []
    current = _Run()
    last: _Char | None = None
    for char in chars:
        if char is None:  # pdfium's line ends: the geometry below decides instead
            continue
        base = current.base()
        sup = False
        if base is not None and last is not None:
            rise = base.y - char.y
            sup = char.size < 0.85 * base.size and 0.1 * base.size < rise < 0.9 * base.size
            new_line = not sup and abs(char.y - base.y) > 0.5 * max(base.size, char.size)
            gap = char.x - last.right
            cell = gap > CELL_GAP * max(base.size, char.size) or gap < -2 * char.size
            if not new_line and cell and _MARKER.match(current.text().strip()):
                current.chars.append(_Char(" ", last.right, last.right, last.y, last.size, False))
                current.sup.append(False)
            elif new_line or cell:
                runs.append(current)
                current = _Run()
                sup = False
            elif _unwritten_space(last, char, gap, current.chars[-2:-1]) and not sup:
                current.chars.append(_Char(" ", last.right, last.right, last.y, last.size, False))
                current.sup.append(False)
        elif last is None and char.text.isdigit():
            sup = False
        current.chars.append(char)
        current.sup.append(sup)
        last = char
    if current.chars:
        runs.append(current)
    return runs


# A justified line of few words stretches its spaces past `CELL_GAP` ("Humanitarian
# OpenStreetMap  Team  (HOT)  to  map  the world's most"): four pieces or more of a word or
# two each, spaced alike, with a lower-case word among them, are one line of prose, not a
# table row. A row's cells are spaced by their columns, and a page's columns hold lines.
_JUSTIFIED_PIECES = 4
_JUSTIFIED_WORDS = 2.5  # at most, on average, in a piece
_JUSTIFIED_SPREAD = 1.6  # the widest gap over the narrowest
_JUSTIFIED_GAP = 3.0  # font sizes: wider is a gutter or a cell, whatever the spread


def _justified(runs: list[_Run]) -> list[_Run]:
    """Join the pieces of a justified line that wide spaces parted (see `_JUSTIFIED_…`)."""
    out: list[_Run] = []
    at = 0
    while at < len(runs):
        end = at + 1
        while end < len(runs) and _beside(runs[end - 1], runs[end]):
            end += 1
        line = runs[at:end]
        if _reads_as_justified(line):
            out.append(_joined(line))
        else:
            out.extend(line)
        at = end
    return out


def _beside(left: _Run, right: _Run) -> bool:
    a, b = left.base(), right.base()
    return (
        a is not None
        and b is not None
        and abs(a.y - b.y) < 0.3 * a.size
        and right.chars[0].x > left.chars[-1].right
    )


def _reads_as_justified(line: list[_Run]) -> bool:
    if len(line) < _JUSTIFIED_PIECES:
        return False
    size = max(c.size for run in line for c in run.chars)
    gaps = [b.chars[0].x - a.chars[-1].right for a, b in pairwise(line)]
    texts = [run.text().strip() for run in line]
    return (
        max(gaps) <= _JUSTIFIED_SPREAD * min(gaps)
        and max(gaps) <= _JUSTIFIED_GAP * size
        and sum(len(t.split()) for t in texts) <= _JUSTIFIED_WORDS * len(texts)
        and any(t.split()[0].isalpha() and t[:1].islower() for t in texts)
        and not any(_FIGURE.fullmatch(t) for t in texts)
    )


_FIGURE = re.compile(r"[\d.,%$€£()+\-–]+")


def _joined(line: list[_Run]) -> _Run:
    joined = _Run(list(line[0].chars), list(line[0].sup))
    for run in line[1:]:
        last = joined.chars[-1]
        joined.chars.append(_Char(" ", last.right, last.right, last.y, last.size, False))
        joined.sup.append(False)
        joined.chars.extend(run.chars)
        joined.sup.extend(run.sup)
    return joined


def _note_letter(run: _Run, i: int) -> bool:
    """A lone raised lower-case letter after a word: a table note ("leadership\u1d43")."""
    char = run.chars[i]
    if not ("a" <= char.text <= "z") or i == 0 or run.sup[i - 1]:
        return False
    after = run.chars[i + 1] if i + 1 < len(run.chars) else None
    return after is None or not (run.sup[i + 1] and after.text.isalpha())


# An endnote numbered in lower-case Roman numerals, raised after a word ("demonstrated ii that").
_ROMAN = re.compile(r"c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")


def _note_numeral(run: _Run, i: int) -> bool:
    """A raised lower-case Roman numeral right after a word: an endnote's marker."""
    if not run.chars[i].text.isalpha():
        return False
    start = i
    while start > 0 and run.sup[start - 1] and run.chars[start - 1].text.isalpha():
        start -= 1
    end = i
    while end < len(run.chars) and run.sup[end] and run.chars[end].text.isalpha():
        end += 1
    numeral = "".join(c.text for c in run.chars[start:end])
    return start > 0 and run.chars[start - 1].text.isalpha() and bool(_ROMAN.fullmatch(numeral))


def _script(char: str) -> str:
    """The script a letter belongs to, from its Unicode name: "LATIN", "CYRILLIC", "GREEK"."""
    return unicodedata.name(char, "").split(" ", 1)[0]


def _stray_letter(parts: list[str]) -> bool:
    """A line opened by a lone letter of another script than the words after it ("Ц We
    recommend…"): a bullet glyph whose font maps it to a letter it does not draw."""
    first, rest = parts[0], "".join(parts[1:])
    if not first.isalpha() or not rest[:1].isspace():
        return False
    script = _script(first)
    letters = [c for c in rest if c.isalpha()]
    return script != "LATIN" and len(letters) >= 3 and all(_script(c) == "LATIN" for c in letters)


def _fragment(run: _Run, page: int) -> Fragment | None:
    text_parts: list[str] = []
    markers = 0
    lead = ""
    chars = run.chars
    # A footnote's own text starts with a raised number: keep it apart as its marker.
    start = 0
    if len(chars) > 1 and chars[0].text.isdigit():
        body = [c for c in chars if c.text.strip()]
        sizes = sorted(c.size for c in body)
        median = sizes[len(sizes) // 2]
        while start < len(chars) and chars[start].text.isdigit():
            start += 1
        if start < len(chars) and chars[0].size < 0.85 * median:
            lead = "".join(c.text for c in chars[:start])
        else:
            start = 0
    previous_sup = False
    for i in range(start, len(chars)):
        char = chars[i]
        if run.sup[i] and (
            char.text.isdigit()
            or char.text in ",*"
            or _note_letter(run, i)
            or _note_numeral(run, i)
        ):
            markers += 0 if previous_sup else 1
            previous_sup = True
            continue
        previous_sup = False
        text_parts.append(char.text)
    if (
        text_parts
        and len(text_parts[0]) == 1
        and (chars[start].symbol or _stray_letter(text_parts))
    ):
        text_parts[0] = "•"  # a bullet drawn from a symbol font, or mapped to a stray letter
    text = " ".join("".join(text_parts).split())
    if not text:
        return None
    weights: dict[float, int] = {}
    faces: Counter[str] = Counter()
    bold = 0
    for char in chars[start:]:
        if char.text.strip():
            weights[round(char.size, 1)] = weights.get(round(char.size, 1), 0) + 1
            faces[char.font] += 1
            bold += char.bold
    size = max(weights, key=lambda s: weights[s]) if weights else chars[0].size
    visible = sum(weights.values()) or 1
    return Fragment(
        text=text,
        page=page,
        x0=chars[start].x if start < len(chars) else chars[0].x,
        x1=max(c.right for c in chars),
        top=max(c.y for c in chars[start:]) if start < len(chars) else chars[0].y,
        size=size,
        bold=bold / visible > 0.6,
        markers=markers,
        lead_marker=lead,
        font=faces.most_common(1)[0][0] if faces else "",
    )
