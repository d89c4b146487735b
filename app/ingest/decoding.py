"""Turn a text file's bytes into a string, whatever its encoding and line endings.

UTF-8 (with or without a byte-order mark) and UTF-16/32 with a byte-order mark are read
directly; anything else is handed to charset-normalizer (Latin-1, Windows-1252, ...). A
file that is really binary is refused with a reason naming what it looks like.
"""

import codecs

from app.errors import UnreadableFileError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_COMMONEST_LEGACY = "cp1252"
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)


def decode_text(data: bytes) -> str:
    """Return the text of `data` with '\\n' line endings, or raise UnreadableFileError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalise_newlines(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise UnreadableFileError(f"invalid {encoding.upper()} text") from exc
    if (kind := describe_binary(data)) is not None:
        raise UnreadableFileError(f"binary file (looks like {kind})")
    try:
        return normalise_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise UnreadableFileError("binary file (no text encoding fits its bytes)")
    # Short texts fit several code pages equally well; the commonest one wins the tie.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    chosen = next((m for m in tied if m.encoding == _COMMONEST_LEGACY), best)
    return normalise_newlines(str(chosen))


def describe_binary(data: bytes) -> str | None:
    """Say what a binary file looks like ('a ZIP archive'), or None if it may be text."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    head = data[:8192]
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\x0b\x1b")
    return "binary data (control bytes)" if controls > len(head) * 0.05 else None


def normalise_newlines(text: str) -> str:
    """Turn Windows ('\\r\\n') and old Mac ('\\r') line endings into '\\n'."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
