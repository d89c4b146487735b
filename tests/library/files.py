"""Files for library tests: real documents from eval/realdocs, and ones built here (DOCX, hostile)."""

import io
import zipfile
from pathlib import Path

from tests.conftest import ROOT

REALDOCS = ROOT / "eval" / "realdocs"
MARKDOWN = REALDOCS / "dpg-standard.md"
HTML = REALDOCS / "ogrx-multi-stakeholder-initiatives-evidence.html"
PDF = REALDOCS / "eof-information-brief-outcomes-funds.pdf"

DOCX_PARAGRAPHS = (
    "The cooperative of beekeepers shared extractors and a bottling line across three villages.",
    "Honey yields rose by a fifth once hives were moved to the orchards in spring.",
    "Members agreed that disputes over prices go to an elected panel of five growers.",
)


def docx_bytes(heading: str = "Beekeepers cooperative review") -> bytes:
    """Return a small Word document written with python-docx."""
    from docx import Document

    document = Document()
    document.add_heading(heading, level=1)
    for text in DOCX_PARAGRAPHS:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb(unpacked: int) -> bytes:
    """Return a ZIP laid out like a DOCX whose document part unpacks to `unpacked` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * unpacked)
    return buffer.getvalue()


def pdf_with_script_and_attachment(source: Path = PDF) -> bytes:
    """Return `source` with a document-level JavaScript action and an embedded file added."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.actions import JavaScript

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.add_open_action(JavaScript("app.alert('zanzibarscript');"))
    writer.add_attachment("payload.txt", b"zanzibarattachment secret text")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


WINDOWS_EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
