"""What a PDF sets apart from its sections' text: the masthead above the title on the first
page (a UN document's symbol, distribution, date and session lines) and small print
(captions, photo credits, notes under a figure or table).

Short lines that are not sentences above the title heading are the document's metadata. The
small print the layout set apart (`Layout.asides`) becomes a quote block of its own after
its page's text when it reads as whole sentences, so it never runs into a body paragraph;
small print that finishes in lower case a sentence the page's last paragraph left open joins
it; the rest (credits, labels, broken-off lines) is dropped and counted.
"""

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from app.ingest.blocks import SourceBlock
from app.ingest.pdf_chars import BULLET_GLYPHS, Fragment
from app.ingest.pdf_text import PROSE_WORDS, SENTENCE_END, join_lines, reads_as_sentence

# A masthead line above the title is short; a longer line is a subtitle or prose.
_MASTHEAD_WORDS = 15
# Small print shorter than this is a label or a credit, not a caption to keep.
_SENTENCE_WORDS = 4
_BULLET = re.compile(rf"^[{BULLET_GLYPHS}]\s*")
# A note's marker under a table or figure: "a", "b", "1" then a space and the note's text,
# or asterisks, set close or not ("*Based on…").
_NOTE_MARKER = re.compile(r"^(\*{1,3}\s*|[a-z]\s+|\d{1,2}\s+)(?=[A-Z“\"(])")


def without_masthead(
    blocks: Sequence[SourceBlock], title: str
) -> tuple[list[SourceBlock], list[SourceBlock]]:
    """Take out the short lines that are not sentences set above the title heading on the
    first page (document symbol, distribution, date, session); return the rest and them."""
    page = blocks[0].page if blocks else None
    at = next(
        (
            i
            for i, b in enumerate(blocks)
            if b.page == page and b.kind == "heading" and title and b.text == title
        ),
        None,
    )
    if at is None:
        return list(blocks), []
    masthead = [
        b
        for b in blocks[:at]
        if b.kind != "heading"
        and len(b.text.split()) <= _MASTHEAD_WORDS
        and not reads_as_sentence(b.text)
        and not b.text.endswith(".")
    ]
    return [b for b in blocks if b not in masthead], masthead


def with_small_print(
    blocks: list[SourceBlock],
    asides: Mapping[int, list[list[Fragment]]],
    dropped: Counter[str],
    words: Mapping[str, int],
) -> list[SourceBlock]:
    """Put each page's small print that reads as whole sentences after the page's text, as
    quote blocks; count the rest (credits, labels, broken-off lines) as dropped. `words`
    counts the document's words, to rejoin a word hyphenated at a line end."""
    by_page: dict[int, list[SourceBlock]] = {}
    blocks = list(blocks)
    for page, boxes in asides.items():
        for box in boxes:
            for lines in _split_notes(box):
                text = _NOTE_MARKER.sub("", join_lines([f.text for f in lines], words), count=1)
                text = _BULLET.sub("", text, count=1)  # "• 1 in 4 people are projected…"
                if _whole_sentences(text):
                    by_page.setdefault(page, []).append(SourceBlock("quote", text, page=page))
                elif (at := _left_open(blocks, page, text)) is not None:
                    blocks[at] = replace(blocks[at], text=f"{blocks[at].text} {text}")
                else:
                    dropped["small print lines"] += len(lines)
    out: list[SourceBlock] = []
    for block in blocks:
        for page in sorted(p for p in by_page if block.page is not None and p < block.page):
            out.extend(by_page.pop(page))
        out.append(block)
    for page in sorted(by_page):
        out.extend(by_page[page])
    return out


def _left_open(blocks: Sequence[SourceBlock], page: int, text: str) -> int | None:
    """The paragraph of the page whose sentence small print set in lower case finishes
    (a box's bold lead line at the body's size, its rest in small type): the page's last
    paragraph when it ends without a stop; None otherwise."""
    if not text[:1].islower() or not SENTENCE_END.search(text):
        return None
    on_page = [i for i, b in enumerate(blocks) if b.page == page and b.kind == "paragraph"]
    if not on_page:
        return None
    last = blocks[on_page[-1]].text
    if SENTENCE_END.search(last) or "/" in last.split()[-1]:
        return None  # finished, or a source's address: no sentence runs on from it
    return on_page[-1]


def _split_notes(box: list[Fragment]) -> list[list[Fragment]]:
    """Cut a box of notes under a table at each line that opens with a note's marker."""
    notes: list[list[Fragment]] = []
    for line in box:
        if not notes or _NOTE_MARKER.match(line.text) or line.lead_marker:
            notes.append([line])
        else:
            notes[-1].append(line)
    return notes


def _whole_sentences(text: str) -> bool:
    """Text that opens as a sentence does and ends as one (a long one may lack its full
    stop, as a map's disclaimer does): a caption or note to keep."""
    words = len(text.split())
    return (
        words >= _SENTENCE_WORDS
        and bool(re.match(r"[“\"‘(]?[A-Z0-9]", text))
        and (bool(SENTENCE_END.search(text)) or words >= PROSE_WORDS)
    )
