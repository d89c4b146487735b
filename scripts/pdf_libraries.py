"""Compare PDF libraries on a folder of PDFs: CPU seconds to read each file.

CPU time (not wall time) so that figures stay comparable on a busy machine:
pypdf's plain text, pdfium's plain text, pdfminer.six's plain text, pdfplumber's
characters with fonts and positions, and the service's reader (`app.ingest.pdf`,
pdfium's characters with fonts and positions, then layout).

    PYTHONPATH=$PWD python scripts/pdf_libraries.py eval/realdocs
"""

import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.ingest.pdf import read_pdf


def cpu_seconds(work: Callable[[], object]) -> float:
    """CPU time `work` takes."""
    started = time.process_time()
    work()
    return time.process_time() - started


def readers(data: bytes) -> dict[str, Callable[[], object]]:
    """One call per library reading `data` whole."""
    import pdfplumber
    import pypdf
    import pypdfium2
    from pdfminer.high_level import extract_text

    def plumber_chars() -> None:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                _ = page.chars

    return {
        "pypdf text": lambda: [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages],
        "pdfium text": lambda: [
            page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(data)
        ],
        "pdfminer text": lambda: extract_text(io.BytesIO(data)),
        "pdfplumber chars": plumber_chars,
        "read_pdf": lambda: read_pdf(data),
    }


def main() -> None:
    """Print one line per PDF with each library's CPU seconds."""
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "eval/realdocs")
    for path in sorted(folder.glob("*.pdf")):
        data = path.read_bytes()
        times = {name: cpu_seconds(work) for name, work in readers(data).items()}
        print(path.name[:40], "  ".join(f"{k} {v:.2f}s" for k, v in times.items()), flush=True)


if __name__ == "__main__":
    main()
