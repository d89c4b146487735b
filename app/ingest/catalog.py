"""The corpus catalogue (corpus/catalog.toml): titles, descriptions, dates and sources."""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

CATALOG_FILE = "catalog.toml"


@dataclass(frozen=True)
class CatalogEntry:
    """What the catalogue says about one file."""

    title: str
    description: str = ""
    date: str = ""
    source: str = ""


def load_catalog(corpus_dir: Path) -> dict[str, CatalogEntry]:
    """Read the catalogue, keyed by file name; a missing catalogue is empty."""
    path = corpus_dir / CATALOG_FILE
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entries: dict[str, CatalogEntry] = {}
    for name, entry in data.get("documents", {}).items():
        entries[entry.get("file", name)] = CatalogEntry(
            title=entry.get("title", title_from_file(Path(name))),
            description=entry.get("description", ""),
            date=str(entry.get("date", "")),
            source=entry.get("source", ""),
        )
    return entries


def document_id(path: Path) -> str:
    """Return a URL-safe id from a file name: 'Annual Report 2020.pdf' -> 'annual-report-2020'."""
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "document"


def title_from_file(path: Path) -> str:
    """Return a readable title for an uncatalogued file."""
    words = re.sub(r"[-_]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:] if words else path.name
