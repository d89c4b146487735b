"""Find a document's headings and cut its cleaned text into blocks, each in one section.

Headings come from a table of contents when the document has one (so "1.4 Scale and
Scope Today" inside a bullet never collides with the top-level "1.4"), otherwise from
Markdown '#' lines, ALL-CAPS lines and numbered title lines ("2. Identify Internal
Champions", or a bare "5." followed by its title). A block is a paragraph or a bullet;
blank lines inside a sentence (page breaks) do not end it.
"""

import re
from dataclasses import dataclass, field

from app.ingest import drafting
from app.ingest.readers import Line
from app.ingest.text import BULLET, is_all_caps_heading, is_title, squash, title_case

_TOC_ENTRY = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+(.+?)\s+(\d+)\s*$")
_NUMBERED = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+(.+?)\s*$")
_BARE_NUMBER = re.compile(r"^\s*\d+\.\s*$")
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SENTENCE_OPEN = tuple('.!?:;”"’)')


@dataclass(frozen=True)
class Block:
    """A paragraph or bullet of cleaned text inside one section."""

    text: str
    section: tuple[str, ...]
    first_line: int
    last_line: int
    pages: tuple[int, int] | None = None
    kind: str = "body"


@dataclass
class _Unit:
    pieces: list[str]
    section: tuple[str, ...]
    lines: list[Line]


@dataclass
class _State:
    stack: list[tuple[int, str]] = field(default_factory=list)
    subsections: dict[str, str] = field(default_factory=dict)
    subsection: str | None = None
    skipping: bool = False

    def section(self, title_heading: str | None) -> tuple[str, ...]:
        path = [t for _, t in self.stack if t != title_heading]
        if self.subsection:
            path.append(self.subsections[self.subsection])
        return tuple(path)


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
    headings: dict[int, tuple[int, str]] = {}
    pending_number = False
    for i, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        found = _heading(text, toc, has_caps)
        if found is None and pending_number and is_title(text):
            found = (2 if has_caps else 1, text)
        pending_number = bool(_BARE_NUMBER.match(text))
        if found:
            headings[i] = found
    return headings


def _heading(text: str, toc: dict[str, str], has_caps: bool) -> tuple[int, str] | None:
    if match := _MD_HEADING.match(text):
        return len(match.group(1)), _inline(match.group(2))
    numbered = _NUMBERED.match(text)
    if toc:
        if numbered and squash(numbered.group(2)).lower() == toc.get(numbered.group(1), "").lower():
            return numbered.group(1).count(".") + 1, numbered.group(2)
        return None
    if is_all_caps_heading(text):
        return 1, title_case(text)
    if numbered and "." not in numbered.group(1) and is_title(numbered.group(2)):
        return (2 if has_caps else 1), numbered.group(2)
    return None


def parse_blocks(lines: list[Line], toc: dict[str, str]) -> list[Block]:
    """Cut lines into blocks with section paths, dropping drafting instructions."""
    headings = find_headings(lines, toc)
    top = [t for lvl, t in headings.values() if lvl == 1]
    first = min(headings) if headings else None
    # A lone top-level heading that opens the document is its title, not a section; an
    # ALL-CAPS line is a section heading even when it is the only one.
    is_title_heading = (
        len(top) == 1
        and first is not None
        and headings[first][0] == 1
        and not is_all_caps_heading(lines[first].text)
    )
    title_heading = top[0] if is_title_heading else None
    vocabulary = set(re.findall(r"[a-z]+", " ".join(ln.text for ln in lines).lower()))
    state = _State()
    blocks: list[Block] = []
    unit: _Unit | None = None
    gap = False

    def flush() -> None:
        nonlocal unit
        if unit is not None:
            text = _join(unit.pieces, vocabulary)
            if text:
                blocks.append(_block(text, unit))
        unit = None

    for i, line in enumerate(lines):
        raw = line.text
        if i in headings:
            flush()
            level, title = headings[i]
            while state.stack and state.stack[-1][0] >= level:
                state.stack.pop()
            state.stack.append((level, title))
            state.subsections, state.subsection, state.skipping = {}, None, False
            continue
        if not raw.strip() or _FENCE.match(raw) or _BARE_NUMBER.match(raw):
            gap = gap or not raw.strip()
            continue
        if (kind := drafting.phase(raw)) is not None:
            flush()
            state.skipping, state.subsection = kind == "instructions", None
            continue
        if state.skipping:
            if entry := drafting.subsection_entry(raw):
                state.subsections[entry[0]] = _inline(entry[1])
            continue
        bullet = BULLET.match(raw)
        if bullet:
            flush()
            body = raw[bullet.end() :]
            label = drafting.label_of(body)
            if label is not None:
                number = drafting.subsection_in(label, state.subsections)
                if number or drafting.is_scaffold(label):
                    state.subsection = number
            text = _inline(drafting.strip_scaffold(body))
            unit = _Unit([text], state.section(title_heading), [line]) if text else None
        elif unit is not None and (not gap or not unit.pieces[-1].endswith(_SENTENCE_OPEN)):
            unit.pieces.append(_inline(raw))
            unit.lines.append(line)
        else:
            flush()
            unit = _Unit([_inline(raw)], state.section(title_heading), [line])
        gap = False
    flush()
    return blocks


def _block(text: str, unit: _Unit) -> Block:
    pages = [ln.page for ln in unit.lines if ln.page is not None]
    return Block(
        text=text,
        section=unit.section,
        first_line=unit.lines[0].number,
        last_line=unit.lines[-1].number,
        pages=(min(pages), max(pages)) if pages else None,
    )


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
