"""The domain objects that flow from ingestion to answers: documents and passages."""

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """A source file of the corpus with its catalogue entry."""

    id: str
    title: str
    path: str
    sha256: str
    description: str = ""
    date: str = ""
    source: str = ""
    author: str = ""  # who wrote it, from the catalogue or the file's own metadata


@dataclass(frozen=True)
class Passage:
    """A retrievable span of a document: whole sentences inside one section."""

    id: str
    document_id: str
    title: str
    section: str
    text: str
    sentences: tuple[tuple[int, int], ...]
    location: str
    order: int = 0
    kind: str = "body"

    def sentence_texts(self) -> list[str]:
        """Return the passage's sentences as strings."""
        return [self.text[start:end] for start, end in self.sentences]


def passage_id(document_id: str, text: str) -> str:
    """Return a stable id from the document id and the passage text."""
    return hashlib.sha256(f"{document_id}\n{text}".encode()).hexdigest()[:16]


def text_key(text: str) -> str:
    """Return the cache key of a text's embedding."""
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def embedding_text(section: str, text: str) -> str:
    """Return what is embedded for a passage: its section path, then its text."""
    return f"{section}\n{text}".strip() if section else text
