"""A table of contents set without dot leaders: a page headed "Contents" whose lines end in
page numbers.

Contents entries that end in dot leaders are dropped line by line (`pdf_layout`). A
designed report often sets its contents as plain lines with the page number at the end
or in a column of its own ("Acronyms  2", "1. Executive Summary 02"); such a page is
found by its title and by how many of its lines end in a number, and is not content.
"""

import re
from collections.abc import Sequence

from app.ingest.pdf_chars import Fragment, by_baseline

_TITLE = re.compile(r"^(table\s+of\s+)?contents$", re.IGNORECASE)
# A line ends in a page number: a number of up to three digits after a word, or alone.
_PAGE_NUMBER = re.compile(r"(^|\s|[^\w\s])\d{1,3}$")
# Fewer numbered lines than this are a list that happens to end in numbers.
_ENTRIES = 3
# The share of the lines under the title that end in a page number (the others are the
# wrapped halves of long entries, or part titles without a number).
_NUMBERED_SHARE = 0.4
# A line that is a sentence of its own: six words or more ending in a full stop.
_SENTENCE = re.compile(r"^\S+(\s+\S+){5,}\.$")


def contents_entries(fragments: Sequence[Fragment]) -> list[Fragment]:
    """The lines of a table-of-contents page other than whole sentences (a note such as "The
    annex is available on the website."), or none when the page is not one."""
    if not is_contents_page(fragments):
        return []
    return [f for f in fragments if not _SENTENCE.search(f.text)]


def is_contents_page(fragments: Sequence[Fragment]) -> bool:
    """Whether a page is a table of contents: titled "Contents" or "Table of contents", with
    most of the lines below the title ending in a page number."""
    titles = [f for f in fragments if _TITLE.match(" ".join(f.text.split()))]
    if not titles:
        return False
    title = min(titles, key=lambda f: f.top)
    lines = by_baseline([f for f in fragments if f.top > title.top + 0.3 * title.size], 0.5)
    numbered = sum(bool(_PAGE_NUMBER.search(line[-1].text.strip())) for line in lines)
    return numbered >= _ENTRIES and numbered >= _NUMBERED_SHARE * len(lines)
