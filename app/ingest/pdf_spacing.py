"""Deciding the spaces pdfium guessed across gaps narrower than a word space.

pdfium infers a space where a PDF moves its text right without writing one (kerning in a
TJ array, a run placed anew); in real reports it guesses wrong inside words ("Unit ed
Nations", "ea rly") and compounds ("long -term", "2022 -2025"). `pdf_chars` marks each such
guess over a narrow gap with `DOUBTFUL_SPACE`; the document's own words then decide it.
"""

import re
from collections.abc import Mapping, Sequence

from app.ingest.pdf_text import vocabulary

DOUBTFUL_SPACE = "\u200b"  # a zero-width space stands for a guess until the words decide
_HEAD = re.compile(r"([^\W\d_]*)([-–]?)$")
_TAIL = re.compile(r"([-–]?)([^\W\d_]*)")
_PUNCTUATION = (" ", ".", ",", ";", ":", ")")


def decide_spaces(texts: Sequence[str]) -> tuple[list[str], dict[str, int]]:
    """Return the texts with each doubtful space decided: none inside a word the document
    uses elsewhere ("Unit ed" -> "United"), before punctuation, inside a hyphenated
    compound or range ("long -term", "2022 -2025") or a web address ("http: //"); a space
    anywhere else ("of the").

    Also return the document's words as decided (`vocabulary` of the returned texts), for
    the rest of the reader: counted once, with the guesses as spaces, then corrected in the
    few texts where a space was decided otherwise."""
    words = vocabulary(text.replace(DOUBTFUL_SPACE, " ") for text in texts)
    decided = [_decide(text, words) if DOUBTFUL_SPACE in text else text for text in texts]
    counts = dict(words)
    for text, done in zip(texts, decided, strict=True):
        guessed = text.replace(DOUBTFUL_SPACE, " ")
        if done != guessed:
            for word, n in vocabulary([guessed]).items():
                counts[word] -= n
            for word, n in vocabulary([done]).items():
                counts[word] = counts.get(word, 0) + n
    return decided, {word: n for word, n in counts.items() if n > 0}


def _decide(text: str, words: Mapping[str, int]) -> str:
    pieces = text.split(DOUBTFUL_SPACE)
    out = pieces[0]
    for piece in pieces[1:]:
        head, tail = _HEAD.search(out), _TAIL.match(piece)
        assert head is not None and tail is not None  # both patterns match an empty string
        whole = (head.group(1) + tail.group(2)).lower()
        attached = out[-1:].isalnum() or (bool(head.group(2)) and out[-2:-1].isalnum())
        joined = (
            not out
            or not piece
            or out.endswith(" ")
            or piece.startswith(_PUNCTUATION)
            or (out.endswith(":") and piece.startswith("//"))  # a web address ("http://")
            or (attached and bool(head.group(2) or tail.group(1)))
            or (bool(head.group(1) and tail.group(2)) and words.get(whole, 0) > 0)
        )
        out += piece if joined else f" {piece}"
    return " ".join(out.split())
