"""Build the index from the corpus: incremental, into a temporary folder, swapped in atomically."""

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language

from app.config import Settings
from app.errors import IndexUnavailableError, IngestError
from app.ingest import readers
from app.ingest.cache import ParsedCache, parsed_folder
from app.ingest.catalog import CATALOG_FILE, excluded_files
from app.ingest.documents import FileReport, parse_corpus
from app.ingest.progress import Listener
from app.ingest.readers import SUPPORTED_SUFFIXES
from app.language.annotate import (
    ROLES_VERSION,
    annotate_passages,
    facts_by_sentence,
    sentence_texts,
)
from app.language.facts import SentenceFacts
from app.language.pipeline import PIPELINE_NAME, load_pipeline
from app.passages import Document, Passage, embedding_text, text_key
from app.retrieval import store
from app.retrieval.dense import build_dense, index_kind, save_dense
from app.retrieval.embedder import Embedder, Vectors
from app.retrieval.index import check_manifest
from app.retrieval.lexical import LEXICAL_VERSION, build_lexical, save_lexical

SPLITTER_VERSION = 11


@dataclass
class BuildReport:
    """The outcome of an ingest run."""

    files: list[FileReport] = field(default_factory=list)
    passages: int = 0
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0
    analysis_seconds: float = 0.0
    up_to_date: bool = False
    build: Path | None = None
    parsed: list[str] = field(default_factory=list)
    annotated: int = 0
    stages: dict[str, float] = field(default_factory=dict)

    def lap(self, stage: str, since: float) -> float:
        """Record the seconds `stage` took since `since` (a perf_counter()); return now."""
        now = time.perf_counter()
        self.stages[stage] = round(now - since, 3)
        return now


def discover(corpus_dir: Path) -> list[Path]:
    """List the corpus files to ingest, sorted; hidden files, the catalogue and the files it
    excludes are left out."""
    if not corpus_dir.is_dir():
        raise IngestError(f"Corpus folder {corpus_dir} does not exist.")
    found = {
        p.relative_to(corpus_dir).as_posix(): p
        for p in corpus_dir.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(corpus_dir).parts)
        and p.name != CATALOG_FILE
        and p.suffix.lower() in SUPPORTED_SUFFIXES
    }
    excluded = excluded_files(corpus_dir, found)
    return sorted(p for name, p in found.items() if name not in excluded)


def fingerprint(settings: Settings, files: dict[str, str]) -> dict[str, Any]:
    """Return what decides a build's content: format, model, readers, chunking and file hashes."""
    return {
        "format_version": store.FORMAT_VERSION,
        "model": settings.model,
        "readers": readers.READERS_VERSION,
        "chunking": {
            "max_passage_tokens": settings.max_passage_tokens,
            "splitter": SPLITTER_VERSION,
        },
        "language": {"pipeline": PIPELINE_NAME, "roles": ROLES_VERSION},
        "lexical": LEXICAL_VERSION,
        # What a document record holds: a new field (e.g. `author`) rebuilds the records.
        "document_fields": [f.name for f in fields(Document)],
        "files": files,
    }


def build_index(
    settings: Settings,
    load_embedder: Callable[[], Embedder],
    *,
    strict: bool = False,
    rebuild: bool = False,
    listener: Listener | None = None,
    load_language: Callable[[], Language] = load_pipeline,
) -> BuildReport:
    """Ingest the corpus into a new build and make it live; the old build stays on failure.

    `load_embedder` and `load_language` are called only when a build is needed.
    """
    started, wall_started = time.perf_counter(), time.time()
    listener = listener or Listener()
    paths = discover(settings.corpus_dir)
    catalog_path = settings.corpus_dir / CATALOG_FILE
    hashes = {_relative(p, settings): _sha256(p) for p in paths}
    if catalog_path.exists():
        hashes[CATALOG_FILE] = _sha256(catalog_path)
    wanted = fingerprint(settings, hashes)
    previous = _previous_build(settings)
    if previous is not None and not rebuild and _same_fingerprint(previous[1], wanted):
        report = BuildReport(
            up_to_date=True, build=previous[0], passages=previous[1].get("passages", 0)
        )
        report.files = [FileReport(**f) for f in previous[1].get("file_reports", [])]
        report.seconds = time.perf_counter() - started
        return report

    embedder = load_embedder()
    report = BuildReport()
    lap = report.lap("prepare", started)
    parsed = ParsedCache(
        parsed_folder(settings.index_dir) if settings.parse_cache else None, refresh=rebuild
    )
    documents, passages, report.files = parse_corpus(
        settings.corpus_dir,
        [_relative(p, settings) for p in paths],
        hashes,
        embedder,
        settings.max_passage_tokens,
        strict,
        listener.reading,
        parsed.read,
    )
    report.parsed = [_relative(p, settings) for p in parsed.parsed]
    if not passages:
        raise IngestError("No passages could be made from the corpus; the previous index is kept.")
    lap = report.lap("read", lap)
    reused = previous[0] if previous and not rebuild else None
    cache = _vector_cache(reused, settings)
    passage_vectors, sentence_keys, sentence_vectors = _embed(
        passages, embedder, cache, report, listener
    )
    lap = report.lap("embed", lap)
    known = _facts_cache(reused, wanted["language"])
    report.annotated = sum(1 for t in sentence_texts(passages) if t not in known)
    sentence_facts = annotate_passages(load_language(), passages, known)
    lap = report.lap("annotate", lap)
    report.analysis_seconds = report.stages["annotate"]
    manifest = {
        **wanted,
        "dimension": embedder.dimension,
        "dense_index": "",
        "documents": len(documents),
        "passages": len(passages),
        "sentences": len(sentence_keys),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "file_reports": [vars(f) for f in report.files],
    }
    report.build = _write_build(
        settings,
        manifest,
        documents,
        passages,
        (passage_vectors, sentence_keys, sentence_vectors),
        sentence_facts,
    )
    report.lap("write", lap)
    parsed.prune(since=wall_started)
    report.passages = len(passages)
    report.seconds = time.perf_counter() - started
    return report


def _embed(
    passages: list[Passage],
    embedder: Embedder,
    cache: dict[str, Vectors],
    report: BuildReport,
    listener: Listener,
) -> tuple[Vectors, list[str], Vectors]:
    """Embed passages and their sentences, reusing every vector the last build had."""
    passage_texts = [embedding_text(p.section, p.text) for p in passages]
    sentences = list(dict.fromkeys(s for p in passages for s in p.sentence_texts()))
    texts = list(dict.fromkeys(passage_texts + sentences))
    missing = [t for t in texts if text_key(t) not in cache]
    report.embedded, report.reused = len(missing), len(texts) - len(missing)
    if missing:
        listener.embedding(len(missing))
        fresh = embedder.embed_passages(missing, progress=listener.advance)
        cache.update({text_key(t): v for t, v in zip(missing, fresh, strict=True)})

    def stack(items: list[str]) -> Vectors:
        return np.vstack([cache[text_key(t)] for t in items]).astype(np.float32)

    return stack(passage_texts), [text_key(s) for s in sentences], stack(sentences)


def _vector_cache(folder: Path | None, settings: Settings) -> dict[str, Vectors]:
    """Map text keys to the vectors of the previous build, when it used the same model."""
    if folder is None:
        return {}
    try:
        manifest = store.read_manifest(folder)
        check_manifest(manifest, settings.model, folder)
        passage_vectors, keys, sentence_vectors = store.read_vectors(folder)
        passages = store.read_passages(folder)
    except (IndexUnavailableError, OSError, ValueError):
        return {}
    cache = {
        text_key(embedding_text(p.section, p.text)): v
        for p, v in zip(passages, passage_vectors, strict=False)
    }
    cache.update(zip(keys, sentence_vectors, strict=False))
    return cache


def _facts_cache(folder: Path | None, language: dict[str, Any]) -> dict[str, SentenceFacts]:
    """Map sentence texts to the facts the previous build found, when the same analysis made them."""
    if folder is None:
        return {}
    try:
        if store.read_manifest(folder).get("language") != language:
            return {}
        passages = store.read_passages(folder)
        return facts_by_sentence(passages, store.read_sentence_facts(folder, passages))
    except (IndexUnavailableError, OSError, ValueError):
        return {}


def _write_build(
    settings: Settings,
    manifest: dict[str, Any],
    documents: list[Document],
    passages: list[Passage],
    vectors: tuple[Vectors, list[str], Vectors],
    sentence_facts: list[tuple[SentenceFacts, ...]],
) -> Path:
    """Write the build's files through the store, which makes it durable and live."""
    passage_vectors, sentence_keys, sentence_vectors = vectors
    dense = build_dense(passage_vectors, settings.approximate_from)
    manifest["dense_index"] = index_kind(dense)
    lexical = build_lexical([embedding_text(p.section, p.text) for p in passages])

    def write(folder: Path) -> None:
        save_dense(dense, folder)
        save_lexical(lexical, folder)
        store.write_store(
            folder,
            documents,
            passages,
            passage_vectors,
            sentence_keys,
            sentence_vectors,
            sentence_facts,
        )

    return store.write_build(settings.index_dir, write, manifest)


def _previous_build(settings: Settings) -> tuple[Path, dict[str, Any]] | None:
    folder = store.current_build(settings.index_dir)
    if folder is None:
        return None
    try:
        manifest = store.read_manifest(folder)
    except IndexUnavailableError:
        return None
    return folder, manifest


def _same_fingerprint(manifest: dict[str, Any], wanted: dict[str, Any]) -> bool:
    return all(manifest.get(key) == value for key, value in wanted.items())


def _relative(path: Path, settings: Settings) -> str:
    return path.relative_to(settings.corpus_dir).as_posix()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
