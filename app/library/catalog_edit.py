"""Change corpus/catalog.toml atomically: set, move or remove the entry of one file.

Entries written here are keyed by the file's path relative to the corpus folder. The file is
rewritten whole (into a temporary file, then renamed over the old one), keeping the comment
block at its top; comments between entries are not kept.
"""

import json
import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.ingest.catalog import CATALOG_FILE

DETAIL_FIELDS = ("title", "description", "date", "source")
Entries = dict[str, dict[str, Any]]


def find_key(entries: Entries, relative_path: str) -> str | None:
    """Return the key of the entry describing `relative_path`, by key, `file` field or bare name."""
    bare = relative_path.rsplit("/", 1)[-1]
    for key, entry in entries.items():
        if relative_path in (key, entry.get("file")):
            return key
    if "/" not in relative_path and bare in entries:
        return bare
    return None


def set_details(corpus_dir: Path, relative_path: str, details: dict[str, str]) -> None:
    """Create or update the entry of `relative_path` with the non-empty `details`."""

    def change(entries: Entries) -> None:
        key = find_key(entries, relative_path) or relative_path
        entry = entries.setdefault(key, {})
        entry.update({k: v for k, v in details.items() if k in DETAIL_FIELDS and v})

    rewrite_catalog(corpus_dir, change)


def move_entry(corpus_dir: Path, old_path: str, new_path: str) -> None:
    """Key the entry of `old_path` by `new_path` (a replaced file with another suffix)."""

    def change(entries: Entries) -> None:
        key = find_key(entries, old_path)
        if key is not None:
            entry = entries.pop(key)
            entry.pop("file", None)
            entries[new_path] = entry

    rewrite_catalog(corpus_dir, change)


def remove_entry(corpus_dir: Path, relative_path: str) -> None:
    """Remove the entry of `relative_path`, if there is one."""

    def change(entries: Entries) -> None:
        key = find_key(entries, relative_path)
        if key is not None:
            del entries[key]

    rewrite_catalog(corpus_dir, change)


def rewrite_catalog(corpus_dir: Path, change: Callable[[Entries], None]) -> None:
    """Apply `change` to the catalogue's entries and write the result in one rename."""
    path = corpus_dir / CATALOG_FILE
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    data = tomllib.loads(text)
    entries: Entries = data.get("documents", {})
    change(entries)
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    rendered = "\n".join([*header, "", *_render(entries)]).lstrip("\n")
    write_atomically(path, rendered.encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file renamed over it, flushed to disk first."""
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _render(entries: Entries) -> list[str]:
    lines: list[str] = []
    for key, entry in entries.items():
        lines.append(f"[documents.{_string(key)}]")
        lines.extend(f"{field} = {_value(value)}" for field, value in entry.items())
        lines.append("")
    return lines


def _value(value: Any) -> str:
    return _string(value if isinstance(value, str) else str(value))


def _string(value: str) -> str:
    # A JSON string is a valid TOML basic string once non-ASCII stays literal.
    return json.dumps(value, ensure_ascii=False)
