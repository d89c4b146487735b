"""Separate pull-quotes and sidebars that PDF extraction interleaved with the body text.

Only for documents that have them: `has_pull_quotes` asks for an attributed quote (a
"--Name" line after fragments that repeat nearby body text), or the catalogue says so.

A pull-quote repeats words of the body, so a short line whose text also stands elsewhere
nearby is a sidebar fragment; a line opened by a dash ("--Kris Balderston") attributes
the fragments before it, and short title-like lines after it complete the attribution.
Fragments glued to the start of a body line are cut off at the longest repeated prefix.
"""

import re
from collections import Counter
from dataclasses import dataclass

from app.ingest.lines import Line
from app.ingest.text import BULLET, OPENING_QUOTES, is_title, squash

_WINDOW = 150
_MIN_FRAGMENT = 16
_MAX_FRAGMENT = 60
_MIN_GLUED = 12
_RUN_ON = frozenset(["for", "of", "and", "the", "to", "in", "on", "at"])
_QUOTE_REACH = 8
_ATTRIBUTION = re.compile(r"^\s*(?:--|—|–|―)\s*(\S.*)$")


@dataclass(frozen=True)
class PullQuote:
    """A quote set apart from the body, with who said it and where it stood."""

    text: str
    attribution: str
    first_line: int
    last_line: int


def extract_pull_quotes(lines: list[Line]) -> tuple[list[Line], list[PullQuote]]:
    """Return the body lines without sidebar fragments, and the quotes rebuilt from them."""
    roles = _find_attributions(lines)
    for _ in range(2):  # a second pass finds fragments whose source had a fragment inside
        _mark_fragments(lines, roles)
    _mark_short_fragments(lines, roles)
    body: list[Line] = []
    quotes: list[PullQuote] = []
    pending: list[Line] = []
    attribution: list[Line] = []
    for line in lines:
        role = roles.get(line.number)
        if role == "fragment":
            if attribution:
                quotes.append(_quote(pending, attribution))
                pending, attribution = [], []
            pending.append(line)
        elif role in ("attribution", "attribution-more"):
            attribution.append(line)
        else:
            glued = _glued_prefix(line, lines, roles) if not attribution else None
            if glued:
                pending.append(Line(glued, line.number, line.page))
                line = Line(line.text.strip()[len(glued) :].lstrip(), line.number, line.page)
            body.append(line)
    if pending or attribution:
        quotes.append(_quote(pending, attribution))
    return body, [q for q in quotes if q.text]


def has_pull_quotes(lines: list[Line]) -> bool:
    """Tell whether an attributed pull-quote stands in the text: a '--Name' line right
    after lines that repeat nearby body text."""
    roles = _find_attributions(lines)
    if not roles:
        return False
    _mark_fragments(lines, roles)
    content = [ln for ln in lines if ln.text.strip()]
    for i, line in enumerate(content):
        if roles.get(line.number) == "attribution":
            before = content[max(0, i - _QUOTE_REACH) : i]
            if any(roles.get(ln.number) == "fragment" for ln in before):
                return True
    return False


def _find_attributions(lines: list[Line]) -> dict[int, str]:
    roles: dict[int, str] = {}
    for i, line in enumerate(lines):
        match = _ATTRIBUTION.match(line.text)
        if not match or len(line.text.strip()) > _MAX_FRAGMENT:
            continue
        if not is_title(match.group(1), max_words=6):
            continue
        roles[line.number] = "attribution"
        for follower in lines[i + 1 : i + 5]:
            text = follower.text.strip()
            if not text:
                break
            if len(text) <= 50 and is_title(text, max_words=8):
                roles[follower.number] = "attribution-more"
    return roles


def _window_text(lines: list[Line], index: int, roles: dict[int, str]) -> str:
    lo, hi = max(0, index - _WINDOW), min(len(lines), index + _WINDOW)
    keep = [
        ln.text
        for j, ln in enumerate(lines[lo:hi], start=lo)
        if j != index and ln.number not in roles
    ]
    return squash(" ".join(keep))


def _mark_fragments(lines: list[Line], roles: dict[int, str]) -> None:
    # A line repeated whole (a recurring marker or heading) is structure, not a fragment.
    whole = Counter(squash(line.text) for line in lines)
    for i, line in enumerate(lines):
        text = squash(line.text)
        if line.number in roles or not _MIN_FRAGMENT <= len(text) <= _MAX_FRAGMENT:
            continue
        if whole[text] > 1:
            continue
        if BULLET.match(line.text) or is_title(text) or text.startswith("#"):
            continue
        if text in _window_text(lines, i, roles):
            roles[line.number] = "fragment"


def _mark_short_fragments(lines: list[Line], roles: dict[int, str]) -> None:
    """Mark short repeated lines ('problems.”') that sit between fragments or attributions."""
    content = [i for i, line in enumerate(lines) if line.text.strip()]
    for before, i, after in zip(content, content[1:], content[2:], strict=False):
        line = lines[i]
        if line.number in roles or not 4 <= len(squash(line.text)) < _MIN_FRAGMENT:
            continue
        between = roles.get(lines[before].number) == "fragment" and lines[after].number in roles
        if between and squash(line.text) in _window_text(lines, i, roles):
            roles[line.number] = "fragment"


def _glued_prefix(line: Line, lines: list[Line], roles: dict[int, str]) -> str | None:
    """Return the repeated quote fragment glued to the start of a body line, if any."""
    text = line.text.strip()
    if not text or text[0] not in OPENING_QUOTES or BULLET.match(text):
        return None
    index = next(i for i, ln in enumerate(lines) if ln.number == line.number)
    window = _window_text(lines, index, roles)
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix that also stands elsewhere
        mid = (lo + hi + 1) // 2
        if text[:mid] in window:
            lo = mid
        else:
            hi = mid - 1
    glued_word = lo < len(text) and text[lo - 1 : lo].isalnum() and text[lo].isalnum()
    return text[:lo] if lo >= _MIN_GLUED and glued_word else None


def _quote(fragments: list[Line], attribution: list[Line]) -> PullQuote:
    text = ""
    for fragment in fragments:
        piece = fragment.text.strip()
        text = f"{text}{piece}" if text.endswith("-") else f"{text} {piece}".strip()
    who = ""
    for i, line in enumerate(attribution):
        piece = _ATTRIBUTION.sub(r"\1", line.text).strip()
        # "Institute for Corporate" + "Responsibility" is one name; "Director" + "Institute" two.
        run_on = i > 1 and (who.split()[-1].lower() in _RUN_ON or len(piece.split()) == 1)
        who = f"{who} {piece}" if run_on else f"{who}, {piece}".lstrip(", ")
    numbers = [ln.number for ln in fragments + attribution]
    return PullQuote(text, who, min(numbers), max(numbers))
