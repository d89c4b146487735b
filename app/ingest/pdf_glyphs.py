"""Ligatures a PDF's text layer leaves unmapped, read from its fonts' glyph names.

Some PDFs (often one re-saved by macOS Preview) set "fi", "ff", "ffi" and "Th" as ligature
glyphs of a font whose encoding names them (`/Differences [33 /f_i /f_f …]`) but whose
ToUnicode map is empty. pdfium cannot map a name like "f_i" and reports the code itself, so
"beneficial" reads "bene!cial" and "This" reads "$is". The glyph name says what the glyph
is: by the Adobe Glyph List's naming rules a name of components joined by "_" ("f_f_i") is
a ligature of them, and "uniXXXX" is that code point.

pdfium names a character's font without its subset prefix, so two subsets of one typeface
on a page cannot be told apart: a code is mapped only where every subset of the typeface
on the page that names it agrees, and is `shared` where another subset of the typeface
draws it as itself (an "!" may be a real one there).
"""

import io
import logging
import re
from typing import Any, NamedTuple

_LOG = logging.getLogger(__name__)
# A component of a glyph name that stands for itself ("f", "T") or names a code point.
_LETTER = re.compile(r"^[A-Za-z]$")
_UNI = re.compile(r"^uni([0-9A-F]{4})$")


class Glyph(NamedTuple):
    """What a ligature glyph reads, and whether another subset of its typeface on the same
    page draws its code as the character itself."""

    text: str
    shared: bool


# page index -> typeface (without subset prefix) -> character code -> glyph
Ligatures = dict[int, dict[str, dict[int, Glyph]]]


def glyph_text(name: str) -> str | None:
    """The text a glyph name stands for when it is a ligature of letters ("f_f_i" -> "ffi")
    or a "uniXXXX" name; None for every other name, which pdfium maps itself."""
    name = name.lstrip("/").split(".", 1)[0]  # "f_i.alt" is still "fi"
    if match := _UNI.match(name):
        return chr(int(match.group(1), 16))
    parts = name.split("_")
    if len(parts) > 1 and all(_LETTER.match(p) for p in parts):
        return "".join(parts)
    return None


def unmapped_ligatures(data: bytes) -> Ligatures:
    """For each page, the codes of its fonts' ligature glyphs that no ToUnicode map covers.
    A PDF pypdf cannot read gives none: the characters are then read as pdfium reports them."""
    import pypdf

    # pypdf warns of every damaged cross-reference it reads past; pdfium has read the file.
    quiet, level = logging.getLogger("pypdf"), logging.getLogger("pypdf").level
    quiet.setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        return {
            index: found
            for index, page in enumerate(reader.pages)
            if (found := _page_ligatures(page.get("/Resources")))
        }
    except Exception as exc:  # a repair, never a reason to refuse a file
        _LOG.debug("glyph names not read: %s", exc)
        return {}
    finally:
        quiet.setLevel(level)


def _page_ligatures(resources: Any) -> dict[str, dict[int, Glyph]]:
    named: dict[str, list[dict[int, str]]] = {}
    for font in _fonts(resources, depth=0):
        face = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
        named.setdefault(face, []).append(_font_ligatures(font))
    found: dict[str, dict[int, Glyph]] = {}
    for face, fonts in named.items():
        codes = {code for glyphs in fonts for code in glyphs}
        for code in codes:
            texts = {glyphs[code] for glyphs in fonts if code in glyphs}
            if len(texts) == 1:  # subsets that disagree leave the code as pdfium reads it
                shared = any(code not in glyphs for glyphs in fonts)
                found.setdefault(face, {})[code] = Glyph(texts.pop(), shared)
    return found


def _fonts(resources: Any, depth: int) -> list[Any]:
    """The font dictionaries of a resource dictionary and of its forms, two levels deep."""
    resources = resources.get_object() if resources is not None else None
    if not hasattr(resources, "get"):
        return []
    fonts = [f.get_object() for f in (resources.get("/Font") or {}).values()]
    if depth < 2:
        for form in (resources.get("/XObject") or {}).values():
            form = form.get_object()
            if form.get("/Subtype") == "/Form":
                fonts += _fonts(form.get("/Resources"), depth + 1)
    return fonts


def _font_ligatures(font: Any) -> dict[int, str]:
    """The ligature glyphs an `/Encoding /Differences` array names. A ToUnicode map that
    covers them makes pdfium report their text, not their code, so they are never touched."""
    encoding: Any = font.get("/Encoding")
    encoding = encoding.get_object() if encoding is not None else None
    if encoding is None or not hasattr(encoding, "get"):
        return {}
    found: dict[int, str] = {}
    code = 0
    for item in encoding.get("/Differences") or []:
        item = item.get_object() if hasattr(item, "get_object") else item
        if isinstance(item, int):
            code = item
            continue
        if (text := glyph_text(str(item))) is not None:
            found[code] = text
        code += 1
    return found
