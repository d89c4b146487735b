"""Find the headings and paragraphs of plain text, line by line, as source blocks.

Headings come from a table of contents when the document has one (so "1.4 Scale and
Scope Today" inside a bullet never collides with the top-level "1.4"), otherwise from
Markdown-style '#' lines, ALL-CAPS lines and short numbered title lines ("2. Identify
Internal Champions", or a bare "5." followed by its title). A numbered line that runs on
into the next line, or is as long as the text's wrapped lines, is a paragraph's first line,
not a heading. A block is a paragraph or a bullet; a blank line inside a sentence (a page
break before a lower-case word) does not end it. Drafting notes are handled only when the caller says the document
is one (see `drafting.py`).
"""

import re
from dataclasses import dataclass, field

from app.ingest import drafting
from app.ingest.blocks import BlockKind, SourceBlock
from app.ingest.lines import Line
from app.ingest.text import BULLET, is_all_caps_heading, is_title, squash, title_case

_TOC_ENTRY = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+(.+?)\s+(\d+)\s*$")
_NUMBERED = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+(.+?)\s*$")
_BARE_NUMBER = re.compile(r"^\s*\d+\.\s*$")
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SENTENCE_OPEN = tuple('.!?:;”"’)')
# A numbered title is shorter than this share of the text's wrapped line length.
_TITLE_SHARE_OF_WRAP = 0.6


@dataclass
class _Unit:
    kind: str
    pieces: list[str]
    lines: list[Line]


@dataclass
class _State:
    levels: list[tuple[int, str]] = field(default_factory=list)
    subsections: dict[str, str] = field(default_factory=dict)
    subsection: str | None = None
    skipping: bool = False


def strip_front_matter(lines: list[Line]) -> tuple[list[Line], dict[str, str]]:
    """Drop everything up to the end of a table of contents; return the TOC entries."""
    toc: dict[str, str] = {}
    end = -1
    run = 0
    for i, line in enumerate(lines):
        match = _TOC_ENTRY.match(line.text)
        if (match and "\t" in line.text) or (match and run):
            run += 1
            toc[match.group(1)] = squash(match.group(2))
            end = i if run >= 3 else end
        elif line.text.strip():
            if run >= 3:
                break
            run = 0
    if end < 0:
        return lines, {}
    return lines[end + 1 :], toc


def find_headings(lines: list[Line], toc: dict[str, str]) -> dict[int, tuple[int, str]]:
    """Map line indexes to (level, title) for every heading line."""
    has_caps = any(is_all_caps_heading(ln.text) for ln in lines)
    longest = _wrap_width(lines)
    headings: dict[int, tuple[int, str]] = {}
    pending_number = False
    for i, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        runs_on = i + 1 < len(lines) and lines[i + 1].text.strip()[:1].islower()
        found = None if runs_on else _heading(text, toc, has_caps, longest)
        if found is None and pending_number and is_title(text) and not runs_on:
            found = (2 if has_caps else 1, text)
        pending_number = bool(_BARE_NUMBER.match(text))
        if found:
            headings[i] = found
    return headings


def _wrap_width(lines: list[Line]) -> int:
    """Return the length of the text's long lines (its wrap width when hard-wrapped)."""
    lengths = sorted(len(ln.text.strip()) for ln in lines if ln.text.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def _heading(text: str, toc: dict[str, str], has_caps: bool, wrap: int) -> tuple[int, str] | None:
    if match := _MD_HEADING.match(text):
        return len(match.group(1)), _inline(match.group(2))
    numbered = _NUMBERED.match(text)
    if toc:
        if numbered and squash(numbered.group(2)).lower() == toc.get(numbered.group(1), "").lower():
            return numbered.group(1).count(".") + 1, numbered.group(2)
        return None
    if is_all_caps_heading(text):
        return 1, title_case(text)
    short = len(text) <= _TITLE_SHARE_OF_WRAP * wrap or wrap < 60
    if numbered and "." not in numbered.group(1) and short and is_title(numbered.group(2)):
        return (2 if has_caps else 1), numbered.group(2)
    return None


def parse_lines(
    lines: list[Line], toc: dict[str, str], drafting_notes: bool = False
) -> list[SourceBlock]:
    """Cut lines into headings, paragraphs and list items; drop drafting instructions
    and give drafting bullets the subsection they name when `drafting_notes` is set."""
    headings = find_headings(lines, toc)
    vocabulary = set(re.findall(r"[a-z]+", " ".join(ln.text for ln in lines).lower()))
    state = _State()
    blocks: list[SourceBlock] = []
    unit: _Unit | None = None
    gap = False

    def flush() -> None:
        nonlocal unit
        if unit is not None and (text := _join(unit.pieces, vocabulary)):
            first, last = unit.lines[0], unit.lines[-1]
            kind: BlockKind = "list_item" if unit.kind == "list_item" else "paragraph"
            blocks.append(SourceBlock(kind, text, 0, first.page, first.number, last.number))
        unit = None

    def heading(level: int, title: str, line: Line) -> None:
        while state.levels and state.levels[-1][0] >= level:
            state.levels.pop()
        state.levels.append((level, title))
        blocks.append(SourceBlock("heading", title, level, line.page, line.number, line.number))

    def enter_subsection(number: str | None, line: Line) -> None:
        if number == state.subsection:
            return
        if state.subsection is not None:
            state.levels.pop()
        state.subsection = number
        if number is not None:
            level = state.levels[-1][0] + 1 if state.levels else 1
            heading(level, state.subsections[number], line)
        elif state.levels:
            heading(*state.levels[-1], line)

    for i, line in enumerate(lines):
        raw = line.text
        if i in headings:
            flush()
            heading(*headings[i], line)
            state.subsections, state.subsection, state.skipping = {}, None, False
            continue
        if not raw.strip() or _FENCE.match(raw) or _BARE_NUMBER.match(raw):
            gap = gap or not raw.strip()
            continue
        if drafting_notes and (kind := drafting.phase(raw)) is not None:
            flush()
            state.skipping = kind == "instructions"
            enter_subsection(None, line)
            continue
        if state.skipping:
            if entry := drafting.subsection_entry(raw):
                state.subsections[entry[0]] = _inline(entry[1])
            continue
        bullet = BULLET.match(raw)
        if bullet:
            flush()
            body = raw[bullet.end() :]
            if drafting_notes and (label := drafting.label_of(body)) is not None:
                number = drafting.subsection_in(label, state.subsections)
                if number or drafting.is_scaffold(label):
                    enter_subsection(number, line)
                body = drafting.strip_scaffold(body)
            text = _inline(body)
            unit = _Unit("list_item", [text], [line]) if text else None
        elif unit is not None and (not gap or _continues(unit.pieces[-1], raw)):
            unit.pieces.append(_inline(raw))
            unit.lines.append(line)
        else:
            flush()
            unit = _Unit("paragraph", [_inline(raw)], [line])
        gap = False
    flush()
    return blocks


def _continues(before: str, line: str) -> bool:
    """Tell whether a line after a blank line (a page break) goes on with the sentence
    before it: that one has no closing punctuation and this one starts in lower case."""
    return not before.endswith(_SENTENCE_OPEN) and line.strip()[:1].islower()


def _inline(text: str) -> str:
    """Remove Markdown emphasis and code marks, keeping the words."""
    text = re.sub(r"\*{2,}|_{2,}|`+", "", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])", r"\1", text)
    return squash(text)


def _join(pieces: list[str], vocabulary: set[str]) -> str:
    """Join wrapped lines; a word hyphenated across a break is rejoined if the corpus knows it."""
    text = ""
    for piece in pieces:
        if not piece:
            continue
        hyphen = re.search(r"([A-Za-z]+)-$", text)
        head = re.match(r"[a-z]+", piece)
        if hyphen and head:
            joined = (hyphen.group(1) + head.group(0)).lower()
            text = text[:-1] + piece if joined in vocabulary else text + piece
        else:
            text = f"{text} {piece}" if text else piece
    return text.strip()
