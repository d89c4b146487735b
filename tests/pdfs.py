"""Small PDFs drawn for the tests: runs of text placed, sized and styled as a page needs."""

import io
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 612, 792
BODY = 10


@dataclass(frozen=True)
class Text:
    """A run of text drawn at (x, y) from the page's bottom-left corner."""

    x: float
    y: float
    text: str
    size: float = BODY
    bold: bool = False
    rise: float = 0
    font: str = ""  # "F3" draws in Wingdings, a font of pictures; "F4" reads "~" as "Ц";
    # "F5" draws in Times-Roman, a regular face other than the body's; "F6" draws "!" as the
    # ligature "fi" and "$" as "Th", glyphs its empty map to Unicode leaves unread; "F7" is
    # Bodoni Ornaments, another font of pictures
    rotated: bool = False  # drawn a quarter turn, reading upwards
    kern: float = 0  # thousandths of the size moved right at each "|" of the text (TJ)


@dataclass(frozen=True)
class Border:
    """A horizontal line drawn from x0 to x1 at height y (a table's rule), or, with a
    `depth`, a box that deep filled below it (a shaded cell or a frame)."""

    x0: float
    x1: float
    y: float
    depth: float = 0


def make_pdf(pages: Sequence[Sequence[Text | Border]], outline: Sequence[str] = ()) -> bytes:
    """Return a PDF drawing each page's runs in Helvetica (F1), Helvetica-Bold (F2),
    Wingdings (F3), a Helvetica whose map to Unicode reads its "~" as "Ц" (F4), as a
    designed report's bullet glyph can be mapped to a letter it does not draw, Times-Roman
    (F5), or a Helvetica whose encoding names two ligature glyphs ("f_i", "T_h") and whose
    map to Unicode is empty (F6), as in a PDF re-saved by macOS Preview; and each page's
    borders, as lines half a point thick or as boxes filled in light grey; `outline` gives
    the titles of a one-level outline (bookmarks), each pointing at the first page."""
    fonts = "<< /F1 3 0 R /F2 4 0 R /F3 5 0 R /F4 6 0 R /F5 8 0 R /F6 9 0 R /F7 11 0 R >>"
    empty = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        "1 begincodespacerange <00> <FF> endcodespacerange endcmap end end"
    )
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        "1 begincodespacerange <00> <FF> endcodespacerange "
        "1 beginbfrange <20> <7D> <0020> endbfrange "
        "1 beginbfchar <7E> <0426> endbfchar endcmap end end"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "",  # the page tree, filled in once the pages are numbered
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
        "<< /Type /Font /Subtype /TrueType /BaseFont /Wingdings-Regular >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 7 0 R >>",
        f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Helvetica /ToUnicode 10 0 R "
        "/Encoding << /Type /Encoding /Differences [33 /f_i /uni00A0 /.notdef /T_h] >> >>",
        f"<< /Length {len(empty)} >>\nstream\n{empty}\nendstream",
        "<< /Type /Font /Subtype /TrueType /BaseFont /BodoniOrnamentsITCTT "
        "/Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for drawn in pages:
        runs = [r for r in drawn if isinstance(r, Text)]
        stream = " ".join(
            f"{b.x0} {b.y - b.depth} {b.x1 - b.x0} {b.depth} re 0.9 g f 0 g"
            if b.depth
            else f"0.5 w {b.x0} {b.y} m {b.x1} {b.y} l S"
            for b in drawn
            if isinstance(b, Border)
        )
        stream += " " + " ".join(
            f"BT /{r.font or ('F2' if r.bold else 'F1')} {r.size} Tf {r.rise} Ts "
            f"{'0 1 -1 0' if r.rotated else '1 0 0 1'} {r.x} {r.y} Tm "
            f"[({f') {-r.kern:g} ('.join(_escape(t) for t in r.text.split('|'))})] TJ ET"
            for r in runs
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] "
            f"/Contents {len(objects)} 0 R /Resources << /Font {fonts} >> >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    if outline:
        root = len(objects) + 1
        items = range(root + 1, root + 1 + len(outline))
        objects.append(
            f"<< /Type /Outlines /First {items[0]} 0 R /Last {items[-1]} 0 R /Count {len(outline)} >>"
        )
        for n, (title, number) in enumerate(zip(outline, items, strict=True)):
            links = (f" /Prev {number - 1} 0 R" if n else "") + (
                f" /Next {number + 1} 0 R" if n < len(outline) - 1 else ""
            )
            objects.append(
                f"<< /Title ({_escape(title)}) /Parent {root} 0 R{links} "
                f"/Dest [{kids[0]} /XYZ 0 {HEIGHT} 0] >>"
            )
        objects[0] = f"<< /Type /Catalog /Pages 2 0 R /Outlines {root} 0 R >>"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def width(text: str, size: float = BODY) -> float:
    """The width of `text` set in Helvetica at `size`, from the font's standard metrics."""
    from pdfminer.fontmetrics import FONT_METRICS

    widths = FONT_METRICS["Helvetica"][1]
    return sum(widths[c] for c in text) * size / 1000


def lines(x: float, top: float, texts: list[str], size: float = BODY) -> list[Text]:
    """Lines of body text from `top` downwards, 12 points apart."""
    return [Text(x, top - 1.2 * size * i, t, size) for i, t in enumerate(texts)]
