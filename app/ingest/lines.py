"""Numbered source lines, the unit the plain-text cleaning steps work on."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One line of a source file; `page` is set for paged formats."""

    text: str
    number: int
    page: int | None = None


def number_lines(text: str) -> list[Line]:
    """Split text with '\\n' line endings into lines numbered from 1."""
    return [Line(t, n) for n, t in enumerate(text.split("\n"), start=1)]
