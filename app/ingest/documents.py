"""Read the corpus files into documents and passages, with what happened to each file.

The title of a document is the catalogue's, else the one the document declares (its
metadata or lone top heading), else one made from the file name; two documents that end
up with the same title are told apart by their folder.
"""

from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from app.errors import IngestError, UnreadableFileError
from app.ingest.blocks import TABLES_LEFT_OUT, ParsedDocument
from app.ingest.catalog import (
    CatalogEntry,
    document_ids,
    load_catalog,
    match_entries,
    title_from_file,
)
from app.ingest.readers import read_document
from app.ingest.sections import section_blocks
from app.ingest.splitting import split_document
from app.passages import Document, Passage
from app.retrieval.embedder import Embedder

# Reader counts that are tables, not page furniture, in the summary.
_TABLE_COUNTS = ("tables", "table rows", TABLES_LEFT_OUT)


@dataclass
class FileReport:
    """What happened to one corpus file: passages made, what was left out and why."""

    path: str
    document_id: str = ""
    passages: int = 0
    skipped: str = ""
    dropped: dict[str, int] = field(default_factory=dict)
    tables: int = 0
    table_rows: int = 0
    oversize: int = 0

    def tables_left_out(self) -> int:
        """Tables the reader could not read into sensible rows, left out of the index."""
        return self.dropped.get(TABLES_LEFT_OUT, 0)

    def furniture(self) -> int:
        """Lines or blocks the reader dropped as not content (headers, footers, TOC...)."""
        return sum(n for key, n in self.dropped.items() if key not in _TABLE_COUNTS)


def parse_corpus(
    corpus_dir: Path,
    relative_paths: list[str],
    hashes: dict[str, str],
    embedder: Embedder,
    max_passage_tokens: int,
    strict: bool = False,
    reading: Callable[[str, int, int], None] | None = None,
    read: Callable[[Path, Collection[str]], ParsedDocument] = read_document,
) -> tuple[list[Document], list[Passage], list[FileReport]]:
    """Read, section and split every file; unreadable files are skipped with a reason.

    `reading(path, n, total)` is called before the n-th file is read; `read(path, formats)`
    reads it (the parse cache's `read` in a build).
    """
    entries = match_entries(load_catalog(corpus_dir), relative_paths)
    ids = document_ids(relative_paths)
    reports: list[FileReport] = []
    parsed: dict[str, ParsedDocument] = {}
    for n, name in enumerate(relative_paths, start=1):
        if reading is not None:
            reading(name, n, len(relative_paths))
        report = FileReport(path=name)
        reports.append(report)
        entry = entries.get(name, CatalogEntry())
        try:
            parsed[name] = read(corpus_dir / name, entry.formats)
        except (UnreadableFileError, OSError) as exc:
            if strict:
                raise IngestError(f"{name}: {exc}") from exc
            report.skipped = str(exc)
    titles = _titles({n: (entries.get(n, CatalogEntry()), d) for n, d in parsed.items()})
    documents: list[Document] = []
    passages: list[Passage] = []
    for report in reports:
        if report.path not in parsed:
            continue
        entry, document = entries.get(report.path, CatalogEntry()), parsed[report.path]
        record = Document(
            ids[report.path],
            titles[report.path],
            report.path,
            hashes[report.path],
            entry.description or document.metadata.get("description", ""),
            entry.date or document.metadata.get("date", ""),
            entry.source,
            entry.author or _author(document.metadata),
        )
        counts: Counter[str] = Counter()
        found = split_document(
            record,
            section_blocks(document),
            embedder.count_tokens,
            max_passage_tokens,
            embedder.max_tokens,
            counts,
        )
        report.dropped = dict(document.dropped)
        if counts["label scraps"]:
            report.dropped["label scraps"] = counts["label scraps"]
        report.tables = document.dropped.get("tables", 0)
        report.table_rows = sum(1 for b in document.blocks if b.kind == "table_row")
        report.oversize = counts["oversize"]
        if not found:
            report.skipped = "no text content after cleaning"
            continue
        report.document_id, report.passages = record.id, len(found)
        documents.append(record)
        passages.extend(found)
    return documents, passages, reports


def _titles(found: dict[str, tuple[CatalogEntry, ParsedDocument]]) -> dict[str, str]:
    titles = {
        name: entry.title or document.title or title_from_file(PurePosixPath(name))
        for name, (entry, document) in found.items()
    }
    repeated = Counter(titles.values())
    for name, title in titles.items():
        folder = PurePosixPath(name).parent.as_posix()
        if repeated[title] > 1 and folder != ".":
            titles[name] = f"{title} ({folder})"
    return titles


def _author(metadata: Mapping[str, str]) -> str:
    """Who wrote a document, by its own metadata: HTML, Markdown and Word say "author", PDF
    "Author"."""
    return metadata.get("author") or metadata.get("Author") or ""
