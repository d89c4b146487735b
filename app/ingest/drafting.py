"""Recognise the scaffolding of documents written as drafting notes.

Such a document gives each section a "Deconstruct the Request" block of writing
instructions (role, style, word-count target), then brainstorming and
"Drafting - Paragraph by Paragraph" bullets that carry the content, and sometimes a
"Final Review" checklist. The instruction blocks and checklists are not content; their
"Subsections" lists still name the subsections the content bullets refer to ("8.2").

This handling is for such documents only: `has_drafting_notes` asks for several
"Deconstruct the Request" blocks, or the catalogue says so, because an ordinary
procedure may well have a step called "Drafting of the agreement" or "Final review".
"""

import re

_PHASE = re.compile(
    r"^\s*\d+\.\s+[*_\s]*(?P<name>Deconstruct the Request|Initial Brainstorming|"
    r"Brainstorming|Drafting\b|Final Review)",
    re.IGNORECASE,
)
_DECONSTRUCT = re.compile(r"^\s*\d+\.\s+[*_\s]*Deconstruct the Request", re.IGNORECASE)
_MIN_DECONSTRUCT = 2
_INSTRUCTION_PHASES = ("deconstruct", "final review")
_SUBSECTION_ENTRY = re.compile(r"^[\s*\-•`]*(\d+\.\d+)\s+([A-Z].*?)\s*$")
_LABEL = re.compile(r"^\*\*(?P<bold>.+?)\*\*|^(?P<para>Paragraph \d+\s*\([^)]*\):?)")
_SUBSECTION_NUMBER = re.compile(r"(?<![\w.\-])(\d+\.\d+)(?![\d.])")
_SCAFFOLD_LABEL = re.compile(r"^[*_\s]*Paragraph \d+\s*(\([^)]*\))?\s*:?[*_\s]*:?\s*")


def has_drafting_notes(lines: list[str]) -> bool:
    """Tell whether a text is written as drafting notes: several request-deconstruction
    blocks, each a numbered marker line."""
    markers = sum(1 for line in lines if _DECONSTRUCT.match(line))
    return markers >= _MIN_DECONSTRUCT


def phase(line: str) -> str | None:
    """Return 'instructions' or 'notes' for a drafting phase marker line, else None."""
    match = _PHASE.match(line)
    if match is None:
        return None
    name = match.group("name").lower()
    return "instructions" if name.startswith(_INSTRUCTION_PHASES) else "notes"


def subsection_entry(line: str) -> tuple[str, str] | None:
    """Return (number, title) for an entry like '*    8.2 The EITI' of a subsections list."""
    match = _SUBSECTION_ENTRY.match(line.replace("*", " "))
    return (match.group(1), match.group(2).strip()) if match else None


def label_of(bullet_text: str) -> str | None:
    """Return the bold or 'Paragraph N (...)' label opening a bullet, if any."""
    match = _LABEL.match(bullet_text.strip())
    if match is None:
        return None
    return str(match.group("bold") or match.group("para"))


def subsection_in(label: str, known: dict[str, str]) -> str | None:
    """Return the number of a known subsection that a label names ('Paragraph 2 (8.2 - EITI)')."""
    numbers: list[str] = _SUBSECTION_NUMBER.findall(label)
    return next((number for number in numbers if number in known), None)


def is_scaffold(label: str) -> bool:
    """Tell whether a label is drafting scaffolding ('Paragraph 3 (...)') rather than content."""
    return bool(_SCAFFOLD_LABEL.match(label))


def strip_scaffold(text: str) -> str:
    """Remove a leading 'Paragraph N (...):' label from a bullet's text."""
    return _SCAFFOLD_LABEL.sub("", text, count=1) if _SCAFFOLD_LABEL.match(text) else text
