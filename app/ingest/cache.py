"""Keep each corpus file's parsed blocks beside the index, so a build reads only the files that changed.

    index/parsed/<key>.json    one file's `ParsedDocument`, written in one rename

The key is a hash of the file's bytes, its suffix, the catalogue's format hints and the
readers' own fingerprint (`READERS_VERSION`, the source of the ingest package and the versions
of the parsing libraries), so a changed file, hint or reader misses and is read again. An entry that cannot
be read back whole is ignored and written anew. A build prunes the entries it did not use,
except those written since it started (an upload's check may have just put one there).

This module imports no model library, so the upload check's child process stays light.
"""

import hashlib
import importlib.metadata
import json
import logging
import os
import uuid
from collections.abc import Collection
from dataclasses import asdict, replace
from functools import cache
from pathlib import Path
from typing import Any

from app.ingest import readers
from app.ingest.blocks import ParsedDocument, SourceBlock
from app.ingest.readers import read_document

logger = logging.getLogger(__name__)

PARSED_DIR = "parsed"
# Bump when the entry layout below changes.
CACHE_VERSION = 1
# Libraries whose upgrade may change what a reader extracts.
_PARSING_LIBRARIES = (
    "pdfplumber",
    "pdfminer.six",
    "pypdfium2",
    "pypdf",
    "python-docx",
    "markdown-it-py",
    "mdit-py-plugins",
    "trafilatura",
    "beautifulsoup4",
    "charset-normalizer",
)


def parsed_folder(index_dir: Path) -> Path:
    """Return the folder of the parsed-file cache inside an index folder."""
    return index_dir / PARSED_DIR


@cache
def readers_fingerprint() -> str:
    """Return a hash of the ingest package's source and the parsing libraries' versions."""
    digest = hashlib.sha256(f"cache-v{CACHE_VERSION}".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    for name in _PARSING_LIBRARIES:
        try:
            digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name} absent".encode())
    return digest.hexdigest()


class ParsedCache:
    """Read files through the cache: a hit returns the stored blocks, a miss reads and stores them.

    `parsed` lists the files actually read (misses), in order; `used` the keys a build needs.
    """

    def __init__(self, folder: Path | None, *, refresh: bool = False) -> None:
        """Use the cache in `folder` (None: read every file, keep nothing; `refresh`: read every
        file and keep what was read)."""
        self.folder = folder
        self.refresh = refresh or folder is None
        self.parsed: list[Path] = []
        self.used: set[str] = set()

    def read(self, path: Path, formats: Collection[str] = ()) -> ParsedDocument:
        """Return the file's parsed document, from the cache when an entry matches.

        Raises:
            UnreadableFileError: on a miss, as `read_document` does; failures are not stored.
        """
        key = entry_key(path.read_bytes(), path.suffix, formats)
        self.used.add(key)
        found = None if self.refresh else self._load(key)
        if found is not None:
            return found
        self.parsed.append(path)
        document = read_document(path, formats)
        self._store(key, document)
        return document

    def cached(self, path: Path, formats: Collection[str] = ()) -> ParsedDocument | None:
        """Return the file's entry when the cache holds one for the current readers, else
        None; nothing is read or written."""
        if self.folder is None:
            return None
        return self._load(entry_key(path.read_bytes(), path.suffix, formats))

    def prune(self, since: float) -> None:
        """Delete entries this cache did not use, and files a killed writer left, older than
        `since` (a time.time())."""
        if self.folder is None or not self.folder.is_dir():
            return
        for entry in [*self.folder.glob("*.json"), *self.folder.glob(".*.tmp")]:
            try:
                if entry.stem not in self.used and entry.stat().st_mtime < since:
                    entry.unlink()
            except OSError:
                continue

    def _load(self, key: str) -> ParsedDocument | None:
        assert self.folder is not None  # a cache without a folder never loads (refresh)
        path = self.folder / f"{key}.json"
        try:
            return document_from(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError):
            logger.warning("Ignoring the damaged parse cache entry %s", path)
            return None

    def _store(self, key: str, document: ParsedDocument) -> None:
        """Write the entry in one rename; a full disk only costs the next build a re-read."""
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{key}.{uuid.uuid4().hex[:8]}.tmp"
            temporary.write_text(json.dumps(document_to(document)), encoding="utf-8")
            os.replace(temporary, self.folder / f"{key}.json")
        except OSError:
            logger.warning("Could not write the parse cache entry of %s", key, exc_info=True)


def entry_key(data: bytes, suffix: str, formats: Collection[str]) -> str:
    """Return the cache key of a file's content read with `formats` by the current readers."""
    digest = hashlib.sha256(data)
    digest.update(f"\0{suffix.lower()}\0{','.join(sorted(formats))}\0".encode())
    digest.update(f"readers-v{readers.READERS_VERSION}\0{readers_fingerprint()}".encode())
    return digest.hexdigest()[:40]


def document_to(document: ParsedDocument) -> dict[str, Any]:
    """Return a parsed document as JSON-ready data."""
    return {
        "blocks": [asdict(block) for block in document.blocks],
        "title": document.title,
        "metadata": dict(document.metadata),
        "dropped": dict(document.dropped),
    }


def document_from(data: dict[str, Any]) -> ParsedDocument:
    """Rebuild a parsed document from `document_to`'s data; raise ValueError when it is not one."""
    if not isinstance(data, dict) or not isinstance(data["blocks"], list):
        raise ValueError("not a parsed document")
    blocks = tuple(_block(block) for block in data["blocks"])
    if not blocks or any(not isinstance(b.text, str) for b in blocks):
        raise ValueError("a parsed document without text blocks")
    return ParsedDocument(
        blocks,
        str(data["title"]),
        {str(k): str(v) for k, v in data["metadata"].items()},
        {str(k): int(v) for k, v in data["dropped"].items()},
    )


def _block(data: dict[str, Any]) -> SourceBlock:
    """A block from its JSON data: a table row's cells and header names, JSON lists, are
    tuples again."""
    block = SourceBlock(**data)
    return replace(block, cells=tuple(block.cells), header=tuple(block.header))
