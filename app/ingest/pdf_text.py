"""Joining the lines of a PDF paragraph, with words hyphenated at a line end made whole and
web addresses broken over two lines made whole, and telling prose from a title.

A hyphen at the end of a line is either the typesetter's (the word was broken to fit:
"pro-" + "gramme") or the writer's ("multi-" + "year"). The document itself is the best
judge: when the joined word occurs elsewhere in it, the hyphen was the typesetter's; when
the hyphenated compound occurs elsewhere, it is the writer's, as is the last hyphen of a
chain ("end-of-" + "year"). Without evidence, a common
compound prefix ("multi", "pre", "non"…) keeps the hyphen and anything else is joined.
"""

import re
from collections.abc import Iterable, Mapping

_COMPOUND_PREFIXES = frozenset(
    {"anti", "counter", "cross", "full", "high", "long", "low", "macro", "micro", "mid"}
    | {"multi", "non", "part", "post", "pre", "quasi", "self", "semi", "short", "ultra"}
    | {"well", "wide", "world"}
)
_BROKEN = re.compile(r"([^\W\d_]+)[-\u00ad\u2010]$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.:;!?…”\"]$")
# Text that ends inside a web address: its line broke in the address, which goes on at the
# next line without a space when the break follows a hyphen, or when the next line opens
# with an address's punctuation ("Brief" + "_RC%20system.pdf") or, after a slash, with a
# piece of path ("stories/" + "weathering-storm").
_IN_ADDRESS = re.compile(r"(https?://|www\.)[^\s()]*[^\s().,;:]$")
_ADDRESS_GOES_ON = re.compile(r"[_%/#?=&~-]")
_PATH_GOES_ON = re.compile(r"\w+[/_%=&#.-][^\s()]*[\w/](\s|[.,;:)]|$)")
# A host name broken after a dot ("www.whitehouse." + "gov/sites/…"): the next line goes on
# with its domain and a path or another part of the name.
_HOST_BROKEN = re.compile(r"(?:https?://|www\.)[\w.-]+\.$")
_DOMAIN_GOES_ON = re.compile(r"(?:org|com|gov|net|int|edu|info|[a-z]{2})(?:/|\.[a-z])")
# A paragraph of this many words is prose, not a cover's line.
PROSE_WORDS = 20
# A line of prose holds at least this many words; a table's cells and a cover's lines fewer.
PROSE_LINE_WORDS = 8
# The next line of a paragraph, a heading or a box lies at most this many font sizes below
# the line before it (a document set wider apart widens it for paragraphs: `pdf.py`).
LINE_REACH = 1.7


def vocabulary(texts: Iterable[str]) -> dict[str, int]:
    """Count the words (and hyphenated compounds) of a document, lower-cased."""
    counts: dict[str, int] = {}
    for text in texts:
        for word in _WORD.findall(text.lower()):
            counts[word] = counts.get(word, 0) + 1
            for part in word.split("-") if "-" in word else ():
                counts[part] = counts.get(part, 0) + 1
    return counts


def join_lines(lines: list[str], words: Mapping[str, int] | None = None) -> str:
    """Join a paragraph's lines into one line of text, rejoining broken words."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
            continue
        if (
            _IN_ADDRESS.search(text)
            and (
                text.endswith("-")
                or _ADDRESS_GOES_ON.match(line)
                or (text.endswith("/") and _PATH_GOES_ON.match(line))
            )
        ) or (_HOST_BROKEN.search(text) and _DOMAIN_GOES_ON.match(line)):
            text += line
            continue
        broken = _BROKEN.search(text)
        if broken and line[:1].islower():
            head = broken.group(1)
            tail = _WORD.match(line)
            chained = text[: broken.start(1)].endswith("-")  # "end-of-" + "year"
            if tail and (chained or _keeps_hyphen(head, tail.group(0).split("-")[0], words or {})):
                text = text[: broken.end(1)] + "-" + line
            else:
                text = text[: broken.end(1)] + line
            continue
        text = f"{text} {line}"
    return text


def _keeps_hyphen(head: str, tail: str, words: Mapping[str, int]) -> bool:
    joined = (head + tail).lower()
    compound = f"{head}-{tail}".lower()
    if words.get(compound, 0) > words.get(joined, 0):
        return True
    if words.get(joined, 0) > 0:
        return False
    return head.lower() in _COMPOUND_PREFIXES


# A heading's label: "a.", "(b)", "iv.", "12)".
_LABEL = re.compile(r"^\(?([a-z]|[ivx]{1,4}|\d{1,3})[.)]\s+")


def reads_as_sentence(text: str) -> bool:
    """Large or bold text that is prose (a sidebar, a lead-in), not a heading; a label that
    opens it ("a. Automatic data fetching") ends no sentence."""
    text = _LABEL.sub("", text, count=1)
    ends = (
        m
        for m in re.finditer(r"(\w*)[a-z)]([.!?])\s+[“\"‘]?[A-Z]", text)
        if not (m.group(2) == "." and _ABBREVIATION.match(text[m.start() : m.start(2)]))
    )
    return next(ends, None) is not None or (text.endswith(".") and len(text.split()) >= 8)


# A point that ends an abbreviation ends no sentence: "Outputs vs. Outcomes".
_ABBREVIATION = re.compile(
    r"^(vs|cf|etc|al|approx|no|nos|vol|st|dr|mr|mrs|ms|jr|sr|inc|ltd|co)$", re.I
)
