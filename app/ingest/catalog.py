"""The corpus catalogue (corpus/catalog.toml): what it says about each document.

Entries live under `[documents."<path relative to corpus/>"]`; a bare file name is still
accepted when only one corpus file has that name. An entry may give a `title`,
`description`, `date`, `source`, `author`, a `format` naming document-specific cleaning
("pull-quotes", "drafting-notes", or a list of both), and `exclude = true` for a file that
sits in the corpus folder but is not a document to index (a list of the others' sources). Corpus-level tables (such as
`[corpus]`) are read by functions of their own.
"""

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
from typing import Any

CATALOG_FILE = "catalog.toml"


@dataclass(frozen=True)
class CatalogEntry:
    """What the catalogue says about one file; an empty title means 'not given'."""

    title: str = ""
    description: str = ""
    date: str = ""
    source: str = ""
    formats: tuple[str, ...] = ()
    exclude: bool = False
    author: str = ""


def read_catalog_data(corpus_dir: Path) -> dict[str, Any]:
    """Return the parsed catalogue file of a corpus folder, or {} when there is none."""
    path = corpus_dir / CATALOG_FILE
    if not path.exists():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def load_catalog(corpus_dir: Path) -> dict[str, CatalogEntry]:
    """Read the catalogue's document entries, keyed as written (a path or a file name)."""
    entries: dict[str, CatalogEntry] = {}
    for key, entry in read_catalog_data(corpus_dir).get("documents", {}).items():
        formats = entry.get("format", ())
        entries[entry.get("file", key)] = CatalogEntry(
            title=entry.get("title", ""),
            description=entry.get("description", ""),
            date=str(entry.get("date", "")),
            source=entry.get("source", ""),
            formats=(formats,) if isinstance(formats, str) else tuple(formats),
            exclude=entry.get("exclude", False) is True,
            author=str(entry.get("author", "")),
        )
    return entries


def match_entries(
    catalog: dict[str, CatalogEntry], relative_paths: Iterable[str]
) -> dict[str, CatalogEntry]:
    """Map each corpus file (path relative to corpus/) to its catalogue entry, if any.

    A key naming the relative path wins; a bare file name matches only when exactly one
    corpus file has that name.
    """
    paths = list(relative_paths)
    names = Counter(PurePosixPath(p).name for p in paths)
    found: dict[str, CatalogEntry] = {}
    for path in paths:
        name = PurePosixPath(path).name
        if path in catalog:
            found[path] = catalog[path]
        elif names[name] == 1 and name in catalog:
            found[path] = catalog[name]
    return found


def excluded_files(corpus_dir: Path, relative_paths: Iterable[str]) -> set[str]:
    """Return the corpus files (paths relative to corpus/) whose catalogue entry excludes them.

    A catalogue that cannot be read excludes nothing here; reading the documents reports it.
    """
    try:
        catalog = load_catalog(corpus_dir)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, AttributeError):
        return set()
    return {path for path, entry in match_entries(catalog, relative_paths).items() if entry.exclude}


def document_ids(relative_paths: Iterable[str]) -> dict[str, str]:
    """Give each file a URL-safe id from its name ('Annual Report.pdf' -> 'annual-report'),
    from its whole relative path when another file shares the name, unique in any case."""
    paths = list(relative_paths)
    stems = Counter(_slug(PurePosixPath(p).stem) for p in paths)
    ids: dict[str, str] = {}
    used: set[str] = set()
    for path in paths:
        pure = PurePosixPath(path)
        candidate = _slug(pure.stem)
        if stems[candidate] > 1:
            candidate = _slug(str(pure.with_suffix("")))
        unique, n = candidate, 2
        while unique in used:
            unique, n = f"{candidate}-{n}", n + 1
        used.add(unique)
        ids[path] = unique
    return ids


def document_id(path: PurePath) -> str:
    """Return a URL-safe id from a file name: 'Annual Report 2020.pdf' -> 'annual-report-2020'."""
    return _slug(path.stem)


def title_from_file(path: PurePath) -> str:
    """Return a readable title for a file whose catalogue entry and content name none."""
    words = re.sub(r"[-_]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:] if words else path.name


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "document"
