"""The passage store on disk: manifest, documents, passages and their vectors as plain files."""

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from app.errors import REBUILD_HINT, IndexUnavailableError
from app.passages import Document, Passage
from app.retrieval.embedder import Vectors

FORMAT_VERSION = 1
MANIFEST_FILE = "manifest.json"
DOCUMENTS_FILE = "documents.json"
PASSAGES_FILE = "passages.jsonl"
PASSAGE_VECTORS_FILE = "passage_vectors.npy"
SENTENCE_VECTORS_FILE = "sentence_vectors.npy"
SENTENCE_KEYS_FILE = "sentence_keys.json"
CURRENT_LINK = "current"
BUILDS_DIR = "builds"


def current_build(index_dir: Path) -> Path | None:
    """Return the folder of the live build: `current` link, or a plain index folder."""
    link = index_dir / CURRENT_LINK
    if link.exists():
        return link.resolve()
    if (index_dir / MANIFEST_FILE).exists():
        return index_dir
    return None


def read_manifest(folder: Path) -> dict[str, Any]:
    """Read a build's manifest."""
    try:
        data: dict[str, Any] = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexUnavailableError(
            f"{folder / MANIFEST_FILE} is unreadable ({exc}). {REBUILD_HINT}"
        ) from exc
    return data


def write_json(path: Path, data: Any) -> None:
    """Write JSON and flush it to disk."""
    with path.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())


def write_store(
    folder: Path,
    documents: list[Document],
    passages: list[Passage],
    passage_vectors: Vectors,
    sentence_keys: list[str],
    sentence_vectors: Vectors,
) -> None:
    """Write documents, passages and vectors into a build folder."""
    write_json(folder / DOCUMENTS_FILE, [asdict(d) for d in documents])
    with (folder / PASSAGES_FILE).open("w", encoding="utf-8") as handle:
        for passage in passages:
            handle.write(json.dumps(asdict(passage), ensure_ascii=False) + "\n")
    np.save(folder / PASSAGE_VECTORS_FILE, passage_vectors)
    np.save(folder / SENTENCE_VECTORS_FILE, sentence_vectors)
    write_json(folder / SENTENCE_KEYS_FILE, sentence_keys)


def read_documents(folder: Path) -> list[Document]:
    """Read the documents of a build."""
    return [
        Document(**d) for d in json.loads((folder / DOCUMENTS_FILE).read_text(encoding="utf-8"))
    ]


def read_passages(folder: Path) -> list[Passage]:
    """Read the passages of a build in reading order."""
    passages = []
    with (folder / PASSAGES_FILE).open(encoding="utf-8") as handle:
        for line in handle:
            data = json.loads(line)
            data["sentences"] = tuple(tuple(span) for span in data["sentences"])
            passages.append(Passage(**data))
    return passages


def read_vectors(folder: Path) -> tuple[Vectors, list[str], Vectors]:
    """Read passage vectors, sentence keys and sentence vectors of a build."""
    passage_vectors = np.load(folder / PASSAGE_VECTORS_FILE)
    keys = json.loads((folder / SENTENCE_KEYS_FILE).read_text(encoding="utf-8"))
    sentence_vectors = np.load(folder / SENTENCE_VECTORS_FILE)
    return passage_vectors, keys, sentence_vectors
