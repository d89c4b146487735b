"""Render a table row as one readable line of text."""

from app.ingest.text import squash


def table_row_text(header: list[str], row: list[str]) -> str:
    """Return 'Header: cell; Header: cell' (or 'cell; cell' without a header); empty
    cells are left out."""
    cells = [squash(cell) for cell in row]
    if len(header) == len(cells) and any(header):
        pairs = [
            f"{squash(h)}: {c}" if squash(h) else c for h, c in zip(header, cells, strict=True)
        ]
        return "; ".join(p for p, c in zip(pairs, cells, strict=True) if c)
    return "; ".join(c for c in cells if c)
