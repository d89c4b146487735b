"""Upload checks: names made safe, types sniffed from content, containers bounded."""

import pytest

from app.config import Settings
from app.errors import RefusedUploadError
from app.library.uploads import check_upload, safe_stem, sniff_suffix
from tests.library.files import HTML, MARKDOWN, PDF, WINDOWS_EXECUTABLE, docx_bytes, zip_bomb


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Annual Report 2020.pdf", "annual-report-2020"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot"),
        (".bashrc", "bashrc"),
        ("re\x00po\x1brt\n.md", "report"),
        ("Évaluation finale.docx", "evaluation-finale"),
        ("....", "document"),
        ("", "document"),
        ("a" * 300 + ".md", "a" * 80),
    ],
)
def test_safe_stem_keeps_only_a_plain_name(name: str, stem: str) -> None:
    assert safe_stem(name) == stem


@pytest.mark.parametrize(
    ("data", "suffix"),
    [
        (PDF.read_bytes(), ".pdf"),
        (HTML.read_bytes(), ".html"),
        (MARKDOWN.read_bytes(), ".md"),
        (docx_bytes(), ".docx"),
        (b"Plain notes.\nNothing marked up.\n", ".txt"),
    ],
)
def test_type_comes_from_the_content_not_the_name(data: bytes, suffix: str) -> None:
    assert sniff_suffix(data, "misleading.exe") == suffix


@pytest.mark.parametrize(
    "data", [WINDOWS_EXECUTABLE, b"\x7fELF\x02\x01", b"\x89PNG\r\n", b"abc\x00def" * 10]
)
def test_binary_content_is_refused_with_415(data: bytes) -> None:
    with pytest.raises(RefusedUploadError) as refused:
        sniff_suffix(data, "report.pdf")
    assert refused.value.status == 415


def test_docx_past_the_unpacked_limit_is_a_bomb(settings: Settings) -> None:
    bounded = settings.model_copy(update={"upload_max_unpacked_bytes": 100_000})
    with pytest.raises(RefusedUploadError, match="decompression bomb"):
        check_upload(zip_bomb(1_000_000), "a.docx", bounded)
    assert check_upload(docx_bytes(), "a.docx", settings).suffix == ".docx"


def test_broken_pdf_is_refused_with_422(settings: Settings) -> None:
    with pytest.raises(RefusedUploadError) as refused:
        check_upload(b"%PDF-1.7\n garbage", "a.pdf", settings)
    assert refused.value.status == 422
