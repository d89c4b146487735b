"""Sentence boundaries with character offsets, aware of abbreviations and quotes."""

import re

# Abbreviations whose period does not end a sentence even before a capital. Not "etc.": it
# closes a list, and before a capital a new sentence starts ("…, etc. This is…").
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "vs",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "inc",
        "ltd",
        "co",
        "corp",
        "st",
        "no",
        "nos",
        "fig",
        "para",
        "paras",
        "vol",
        "pp",
        "approx",
        "cf",
        "al",
        "jr",
        "sr",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "ca",
    ]
)
# A boundary: terminal punctuation, optional closing quotes/brackets, whitespace, then
# something that can open a sentence.
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_LAST_TOKEN = re.compile(r"(\S+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of `text`, whitespace excluded."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if end <= start or _is_abbreviation(text[start : match.start() + 1]):
            continue
        spans.append((start, end))
        start = _skip_space(text, end)
    tail = text[start:].rstrip()
    if tail:
        spans.append((start, start + len(tail)))
    return spans


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _is_abbreviation(sentence: str) -> bool:
    """Tell whether the period ending `sentence` belongs to an abbreviation or initial."""
    if not sentence.endswith("."):
        return False
    found = _LAST_TOKEN.search(sentence[:-1])
    if found is None:
        return False
    token = found.group(1).lstrip("(\"“‘'").lower()
    if token in _ABBREVIATIONS:
        return True
    # The number of an item after a label's colon ("Indicator: 4. Platform Independence"):
    # it opens what follows rather than ending a sentence. (A paragraph number opening a
    # line, "30. The Partnership…", stays apart, as a number no answer quotes.)
    if token.isdigit() and len(token) <= 3 and sentence[: found.start()].rstrip().endswith(":"):
        return True
    # Single-letter initials ("J. Smith") and dotted acronyms ("U.S.A.").
    return bool(re.fullmatch(r"[a-z]|([a-z]\.)+[a-z]", token))
