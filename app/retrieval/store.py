"""The index on disk: builds of plain files, checksummed and fsynced, and the `current` link.

    index/
      current -> builds/20260101T120000.123456-ab12cd  the live build, swapped in one rename
      builds/<id>/                                     manifest, checksums, documents,
                                                       passages, vectors, dense.faiss, bm25/
      builds/.tmp-<id>/                                a build being written (removed if abandoned)

A build is written into a temporary folder, every file and the folder are fsynced, the
folder is renamed into place, and the link is replaced; the folders holding the renamed
entries are fsynced after each step, so a power cut leaves either the old build or the new
one live, never a half-written one. Only this module knows these names.
"""

import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from app.errors import REBUILD_HINT, IndexUnavailableError
from app.language.facts import SentenceFacts
from app.passages import Document, Passage
from app.retrieval.embedder import Vectors

FORMAT_VERSION = 2  # 2: sentence facts (role, leaning, trim, entities) stored per passage
MANIFEST_FILE = "manifest.json"
DOCUMENTS_FILE = "documents.json"
PASSAGES_FILE = "passages.jsonl"
PASSAGE_VECTORS_FILE = "passage_vectors.npy"
SENTENCE_VECTORS_FILE = "sentence_vectors.npy"
SENTENCE_KEYS_FILE = "sentence_keys.json"
SENTENCE_FACTS_FILE = "sentence_facts.jsonl"
CHECKSUMS_FILE = "checksums.json"
CURRENT_LINK = "current"
BUILDS_DIR = "builds"
TEMPORARY_PREFIX = ".tmp-"
# The live build and the one before it: the fallback when the live one is found damaged.
KEEP_BUILDS = 2
# `docqa ingest` alone keeps a build whose inputs have not changed, damaged or not.
DAMAGED_HINT = "Rebuild it with `docqa ingest --rebuild`."


def current_build(index_dir: Path) -> Path | None:
    """Return the folder of the live build: `current` link, or a plain index folder."""
    link = index_dir / CURRENT_LINK
    if link.exists():
        return link.resolve()
    if link.is_symlink():
        raise IndexUnavailableError(f"{link} points to a build that does not exist. {DAMAGED_HINT}")
    if (index_dir / MANIFEST_FILE).exists():
        return index_dir
    return None


def older_builds(index_dir: Path) -> list[Path]:
    """Return the finished builds made before the one `current` names, newest first."""
    builds, link = index_dir / BUILDS_DIR, index_dir / CURRENT_LINK
    if not builds.is_dir() or not link.is_symlink():
        return []
    live = Path(os.readlink(link)).name
    return [p for p in _finished(builds) if p.name < live]


def write_build(index_dir: Path, write: Callable[[Path], None], manifest: dict[str, Any]) -> Path:
    """Write a build durably and make it live; return its folder.

    `write` puts the build's data files into the folder it is given; checksums and the
    manifest are added after it, then everything is fsynced before `current` is swapped.
    """
    builds = index_dir / BUILDS_DIR
    builds.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(builds)
    build_id = _new_build_id()
    temporary = builds / f"{TEMPORARY_PREFIX}{build_id}"
    temporary.mkdir()
    write(temporary)
    write_checksums(temporary)
    write_json(temporary / MANIFEST_FILE, manifest)
    sync_tree(temporary)
    final = builds / build_id
    temporary.rename(final)
    sync_folder(builds)
    link = index_dir / f".{CURRENT_LINK}-{build_id}"
    link.symlink_to(Path(BUILDS_DIR) / build_id)
    os.replace(link, index_dir / CURRENT_LINK)
    sync_folder(index_dir)
    prune(index_dir)
    return final


def prune(index_dir: Path) -> None:
    """Delete finished builds beyond the newest KEEP_BUILDS, never the one `current` names.

    A damaged live build is kept for inspection until a new build replaces it.
    """
    builds = index_dir / BUILDS_DIR
    link = index_dir / CURRENT_LINK
    live = link.resolve() if link.is_symlink() else None
    for old in _finished(builds)[KEEP_BUILDS:]:
        if old.resolve() != live:
            shutil.rmtree(old, ignore_errors=True)


def sync_tree(folder: Path) -> None:
    """Flush every file under `folder`, then every folder from the deepest up, to disk."""
    folders = [folder]
    for path in sorted(folder.rglob("*")):
        if path.is_dir():
            folders.append(path)
        else:
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    for path in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        sync_folder(path)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (names created, renamed or removed in it) to disk."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _new_build_id() -> str:
    """Name a build by its start time to the microsecond, so that names sort by age."""
    now = time.time()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(now))
    return f"{stamp}.{int(now % 1 * 1_000_000):06d}-{uuid.uuid4().hex[:6]}"


def _finished(builds: Path) -> list[Path]:
    """Finished builds, newest first (build ids start with their time)."""
    return sorted((p for p in builds.iterdir() if not p.name.startswith(".")), reverse=True)


def _remove_abandoned(builds: Path) -> None:
    """Remove temporary folders left by a killed build."""
    for stale in builds.glob(f"{TEMPORARY_PREFIX}*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """Turn any failure while reading `path` into an IndexUnavailableError that names the file."""
    try:
        yield
    except IndexUnavailableError:
        raise
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"[:300]
        raise IndexUnavailableError(
            f"The index file {path} is damaged ({reason}). {DAMAGED_HINT}"
        ) from exc


def read_manifest(folder: Path) -> dict[str, Any]:
    """Read a build's manifest."""
    path = folder / MANIFEST_FILE
    if not path.exists():
        raise IndexUnavailableError(f"{path} is missing. {REBUILD_HINT}")
    with reading(path):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    return data


def write_json(path: Path, data: Any) -> None:
    """Write JSON (flushed to disk with the rest of the build by `sync_tree`)."""
    with path.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)


def write_store(
    folder: Path,
    documents: list[Document],
    passages: list[Passage],
    passage_vectors: Vectors,
    sentence_keys: list[str],
    sentence_vectors: Vectors,
    sentence_facts: list[tuple[SentenceFacts, ...]],
) -> None:
    """Write documents, passages, their sentence facts and vectors into a build folder."""
    write_json(folder / DOCUMENTS_FILE, [asdict(d) for d in documents])
    with (folder / PASSAGES_FILE).open("w", encoding="utf-8") as handle:
        for passage in passages:
            handle.write(json.dumps(asdict(passage), ensure_ascii=False) + "\n")
    with (folder / SENTENCE_FACTS_FILE).open("w", encoding="utf-8") as handle:
        for passage, facts in zip(passages, sentence_facts, strict=True):
            line = {"passage": passage.id, "sentences": [f.to_json() for f in facts]}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    np.save(folder / PASSAGE_VECTORS_FILE, passage_vectors)
    np.save(folder / SENTENCE_VECTORS_FILE, sentence_vectors)
    write_json(folder / SENTENCE_KEYS_FILE, sentence_keys)


def write_checksums(folder: Path) -> None:
    """Record the SHA-256 of every file in the build, so that damage is found at load time.

    It runs in `write_build` after every data file is written; only the manifest, written
    after it, is left out (a damaged manifest fails to parse or to match).
    """
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.name not in (MANIFEST_FILE, CHECKSUMS_FILE)
    )
    write_json(
        folder / CHECKSUMS_FILE, {p.relative_to(folder).as_posix(): _sha256(p) for p in files}
    )


def verify_files(folder: Path, *names: str) -> None:
    """Check the named files (or every file under a named folder) against their recorded checksums.

    Builds made before checksums were recorded have no checksum file and pass unchecked.

    Raises:
        IndexUnavailableError: naming the first file that is missing or differs.
    """
    path = folder / CHECKSUMS_FILE
    if not path.exists():
        return
    with reading(path):
        recorded: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    for name, digest in recorded.items():
        if not any(name == n or name.startswith(f"{n}/") for n in names):
            continue
        file = folder / name
        if not file.is_file():
            raise IndexUnavailableError(f"The index file {file} is missing. {DAMAGED_HINT}")
        if _sha256(file) != digest:
            raise IndexUnavailableError(
                f"The index file {file} is damaged (its checksum differs from the one recorded "
                f"when it was built). {DAMAGED_HINT}"
            )


def read_documents(folder: Path) -> list[Document]:
    """Read the documents of a build."""
    path = folder / DOCUMENTS_FILE
    verify_files(folder, DOCUMENTS_FILE)
    with reading(path):
        return [Document(**d) for d in json.loads(path.read_text(encoding="utf-8"))]


def read_passages(folder: Path) -> list[Passage]:
    """Read the passages of a build in reading order."""
    path = folder / PASSAGES_FILE
    verify_files(folder, PASSAGES_FILE)
    passages = []
    with reading(path), path.open(encoding="utf-8") as handle:
        for line in handle:
            data = json.loads(line)
            data["sentences"] = tuple(tuple(span) for span in data["sentences"])
            passages.append(Passage(**data))
    return passages


def read_sentence_facts(folder: Path, passages: list[Passage]) -> list[tuple[SentenceFacts, ...]]:
    """Read the facts of every passage's sentences, in the passages' order.

    Raises:
        IndexUnavailableError: when the file is missing, damaged, or does not match the
            passages. (Builds older than format 2 never get here: their format is refused.)
    """
    path = folder / SENTENCE_FACTS_FILE
    if not path.exists():
        raise IndexUnavailableError(f"The index file {path} is missing. {DAMAGED_HINT}")
    verify_files(folder, SENTENCE_FACTS_FILE)
    with reading(path):
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        if [line["passage"] for line in lines] != [p.id for p in passages]:
            raise ValueError(f"its passages differ from those of {PASSAGES_FILE}")
        facts = [tuple(SentenceFacts.from_json(s) for s in line["sentences"]) for line in lines]
        for passage, sentences in zip(passages, facts, strict=True):
            if tuple((f.start, f.end) for f in sentences) != passage.sentences:
                raise ValueError(f"its sentences differ from those of passage {passage.id}")
    return facts


def read_vectors(folder: Path) -> tuple[Vectors, list[str], Vectors]:
    """Read passage vectors, sentence keys and sentence vectors of a build.

    Checked against their checksums, so that an incremental ingest never reuses damaged vectors.
    """
    verify_files(folder, PASSAGE_VECTORS_FILE, SENTENCE_KEYS_FILE, SENTENCE_VECTORS_FILE)
    with reading(folder / PASSAGE_VECTORS_FILE):
        passage_vectors = np.load(folder / PASSAGE_VECTORS_FILE)
    with reading(folder / SENTENCE_KEYS_FILE):
        keys = json.loads((folder / SENTENCE_KEYS_FILE).read_text(encoding="utf-8"))
    with reading(folder / SENTENCE_VECTORS_FILE):
        sentence_vectors = np.load(folder / SENTENCE_VECTORS_FILE)
    return passage_vectors, keys, sentence_vectors


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
