"""Check an uploaded file before it goes near the corpus: its type from its content, its size, its name.

Nothing here trusts the file name or the Content-Type header: the type comes from the bytes,
the stored name is rebuilt from safe characters with the suffix of the sniffed type, and the
text is extracted once in a child process that is killed past a time limit.
"""

import io
import json
import re
import subprocess
import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.config import Settings
from app.errors import RefusedUploadError

# A DOCX is a ZIP holding this part; any other ZIP (or Office format) is refused.
DOCX_PART = "word/document.xml"
MAX_ZIP_MEMBERS = 5_000
# Magic numbers of common binary formats, named in the refusal so the admin sees what was sent.
_BINARY_MAGIC = {
    b"MZ": "a Windows executable",
    b"\x7fELF": "an ELF executable",
    b"\xcf\xfa\xed\xfe": "a Mach-O executable",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
}
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_MARKDOWN_LINE = re.compile(r"^(#{1,6} \S|\s*[-*+] \S|\s*\d+\. \S|```)", re.M)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Upload:
    """An upload that passed the checks: its safe file stem and the suffix of its sniffed type."""

    stem: str
    suffix: str
    size: int
    original_name: str

    @property
    def name(self) -> str:
        """Return the file name the document is stored under (before any de-duplication)."""
        return self.stem + self.suffix


def safe_stem(original: str) -> str:
    """Return a file stem made of safe characters: no folders, no hidden files, no control codes."""
    base = re.split(r"[\\/]", original)[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    base = "".join(c for c in base if c.isprintable())
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    stem = _UNSAFE.sub("-", stem).strip(".-_")
    return stem[:80].strip(".-_").lower() or "document"


def sniff_suffix(data: bytes, original_name: str = "") -> str:
    """Return the suffix for the content's type (.pdf, .docx, .html, .md, .txt), or refuse it (415)."""
    head = data[:2048]
    if head.lstrip()[:5] == b"%PDF-":
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return ".docx"  # confirmed, or refused, by check_docx
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise RefusedUploadError(f"The file is {what}, not a document.", 415)
    if b"\x00" in data[:8192]:
        raise RefusedUploadError("The file is binary, not a PDF, DOCX, HTML or text file.", 415)
    text = _as_text(data)
    if _HTML_START.match(head):
        return ".html"
    if original_name.lower().endswith((".md", ".markdown")) or _MARKDOWN_LINE.search(text[:20000]):
        return ".md"
    return ".txt"


def _as_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
        if best is None:
            raise RefusedUploadError(
                "The file is neither a document nor readable text.", 415
            ) from None
        return str(best)


def check_upload(data: bytes, original_name: str, settings: Settings) -> Upload:
    """Check size, type and container of an upload; raise RefusedUploadError saying what is wrong."""
    if len(data) > settings.upload_max_bytes:
        raise RefusedUploadError(
            f"The file is larger than the limit of {settings.upload_max_bytes} bytes.", 413
        )
    if not data.strip():
        raise RefusedUploadError("The file is empty.", 422)
    suffix = sniff_suffix(data, original_name)
    if suffix == ".pdf":
        check_pdf(data, settings.upload_max_pages)
    elif suffix == ".docx":
        check_docx(data, settings.upload_max_unpacked_bytes)
    return Upload(safe_stem(original_name), suffix, len(data), original_name)


def check_pdf(data: bytes, max_pages: int) -> None:
    """Refuse an encrypted or unparsable PDF, or one with more than `max_pages` pages.

    Scripts, attachments and forms are never run or read: only page text is extracted.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise RefusedUploadError("The PDF is encrypted; upload an unprotected copy.", 422)
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RefusedUploadError(f"The PDF could not be parsed ({exc}).", 422) from exc
    if pages > max_pages:
        raise RefusedUploadError(f"The PDF has {pages} pages; the limit is {max_pages}.", 422)
    if pages == 0:
        raise RefusedUploadError("The PDF has no pages.", 422)


def check_docx(data: bytes, max_unpacked: int) -> None:
    """Refuse a ZIP that is not a DOCX, or one that would unpack past `max_unpacked` bytes.

    The sizes are the ones the archive declares; reading a member never yields more than
    its declared size, so the sum bounds what extraction can produce.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
    except (zipfile.BadZipFile, ValueError) as exc:
        raise RefusedUploadError(f"The ZIP container is broken ({exc}).", 422) from exc
    if DOCX_PART not in names:
        raise RefusedUploadError("The file is a ZIP archive but not a Word document.", 415)
    if len(members) > MAX_ZIP_MEMBERS:
        raise RefusedUploadError(f"The document holds over {MAX_ZIP_MEMBERS} parts.", 422)
    unpacked = sum(m.file_size for m in members)
    if unpacked > max_unpacked:
        raise RefusedUploadError(
            f"The document would unpack to {unpacked} bytes, over the limit of {max_unpacked} "
            "(a decompression bomb?).",
            422,
        )


def check_extraction(path: Path, seconds: float, cache_folder: Path | None = None) -> int:
    """Extract `path`'s text in a child process killed after `seconds`; return its line count.

    A thread cannot be stopped, so a hostile file that makes a parser spin is read in a
    process of its own. With `cache_folder`, the child keeps what it read in the parse cache.
    """
    package_root = str(Path(__file__).resolve().parents[2])
    command = [sys.executable, "-m", "app.library.extraction", str(path)]
    command += [str(cache_folder)] if cache_folder is not None else []
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=seconds, cwd=package_root, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise RefusedUploadError(
            f"Reading the text took longer than {seconds:g} s; the file was refused.", 422
        ) from exc
    try:
        outcome = json.loads(done.stdout.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError) as exc:
        raise RefusedUploadError("The file's text could not be read.", 422) from exc
    if "error" in outcome:
        raise RefusedUploadError(f"The file's text could not be read: {outcome['error']}.", 422)
    return int(outcome["blocks"])
