"""A loaded index: passages, documents, FAISS, BM25 and sentence vectors, checked on load."""

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bm25s
import faiss
import numpy as np

from app.errors import REBUILD_HINT, IncompatibleIndexError, IndexUnavailableError
from app.language.facts import SentenceFacts
from app.passages import Document, Passage, embedding_text, text_key
from app.retrieval import store
from app.retrieval.dense import DENSE_FILE, load_dense
from app.retrieval.embedder import Vectors
from app.retrieval.lexical import (
    LEXICAL_DIR,
    load_lexical,
    passages_with_all,
    query_tokens,
    term_weights,
    tokens_of,
)

# An acronym inside a name ("UN" in "UN Country Coordination Fund"), and how many of its
# spellings in the passages a name is tried with.
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_SPELLINGS = 3
# A document is about an organisation its passages name this often.
_SUBJECT_SHARE = 1 / 3
# A document is about a name it gives in this share of its passages, and in three at least
# ("the Dry Corridor" in an anticipatory action plan for it, whatever its title says).
_THROUGHOUT_SHARE = 1 / 4
_THROUGHOUT_LEAST = 3


@dataclass
class Index:
    """Everything a query needs, loaded once and shared read-only between requests."""

    path: Path
    manifest: dict[str, Any]
    documents: dict[str, Document]
    passages: list[Passage]
    dense: faiss.Index
    lexical: bm25s.BM25
    sentence_vectors: Vectors
    sentence_rows: dict[str, int]
    # Per passage row, the facts of its sentences learned at ingest (role, entities...).
    sentence_facts: list[tuple[SentenceFacts, ...]] = field(default_factory=list)
    rows: dict[str, int] = field(init=False)
    by_document: dict[str, list[int]] = field(init=False)
    sentence_passages: list[list[int]] = field(init=False)
    passage_sentences: list[list[int]] = field(init=False)
    term_weights: dict[str, float] = field(init=False)  # BM25 token -> its IDF
    rarest_weight: float = field(init=False)  # the highest IDF, a word in one passage
    # The BM25 tokens of each document's title and of its authors, and per passage row its
    # tokens in order, made when a name is first looked up in it.
    _name_tokens: list[list[str]] = field(init=False)
    _tokens: dict[int, list[str]] = field(init=False, default_factory=dict)
    # Per acronym, how the passages spell it out, found when a name first needs it.
    _spellings: dict[str, list[str]] = field(init=False, default_factory=dict)
    # Per name's stems, the documents that give it throughout: see `names_throughout`.
    _throughout: dict[frozenset[str], frozenset[str]] = field(init=False, default_factory=dict)
    # Per document, the organisation it is about ("" when none is): see `subject`.
    subjects: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.rows = {p.id: i for i, p in enumerate(self.passages)}
        self.term_weights = term_weights(self.lexical)
        self.rarest_weight = max(self.term_weights.values(), default=1.0)
        self._name_tokens = tokens_of(
            [d.title for d in self.documents.values()]
            + [d.author for d in self.documents.values() if d.author]
        )
        self.by_document = {doc_id: [] for doc_id in self.documents}
        self.sentence_passages = [[] for _ in self.sentence_rows]
        self.passage_sentences = []
        for i, passage in enumerate(self.passages):
            self.by_document.setdefault(passage.document_id, []).append(i)
            # Every sentence of a build is embedded; a missing one means a broken index.
            rows = [self.sentence_rows[text_key(s)] for s in passage.sentence_texts()]
            self.passage_sentences.append(rows)
            for row in rows:
                self.sentence_passages[row].append(i)
        self.subjects = {
            document: self._named_most(rows) for document, rows in self.by_document.items()
        }

    def mentions(self, name: str) -> bool:
        """Whether a passage, a document title or its authors name `name`: all of its words close
        together ("the Department of State" names "State Department"), not scattered over a
        passage ("Asian", "infrastructure", "investment" and "bank" apart). An acronym in the
        name may be spelled out: "the UN Country Coordination Fund" is named by "the United
        Nations Country Coordination Fund"."""
        if self._names_close_together(name):
            return True
        return any(
            self._names_close_together(name.replace(acronym, spelled))
            for acronym in dict.fromkeys(_ACRONYM.findall(name))
            for spelled in self._spelled_out(acronym)
        )

    def _names_close_together(self, name: str) -> bool:
        words = list(dict.fromkeys(query_tokens(name)))
        if len(words) < 2:
            return True  # one word: whether it occurs at all is `unknown_terms`' question
        if any(_close_together(name, words) for name in self._name_tokens):
            return True
        for row in passages_with_all(self.lexical, words):
            if row not in self._tokens:
                passage = self.passages[row]
                self._tokens[row] = query_tokens(embedding_text(passage.section, passage.text))
            if _close_together(self._tokens[row], words):
                return True
        return False

    def _spelled_out(self, acronym: str) -> list[str]:
        """The runs of capitalised words whose initials spell `acronym` in the passages."""
        if acronym not in self._spellings:
            run = r"\s+".join([r"[A-Z][a-z]+"] * len(acronym))
            found = re.findall(rf"\b{run}\b", " ".join(p.text for p in self.passages))
            self._spellings[acronym] = list(
                dict.fromkeys(r for r in found if "".join(w[0] for w in r.split()) == acronym)
            )[:_SPELLINGS]
        return self._spellings[acronym]

    def names_throughout(self, passage: Passage, stems: frozenset[str]) -> bool:
        """Whether the document a passage is from gives a name (its BM25 stems) all through:
        in a quarter of its passages, three at least."""
        if stems not in self._throughout:
            by_document = Counter(
                self.passages[row].document_id
                for row in passages_with_all(self.lexical, sorted(stems))
            )
            self._throughout[stems] = frozenset(
                document
                for document, count in by_document.items()
                if count
                >= max(_THROUGHOUT_LEAST, _THROUGHOUT_SHARE * len(self.by_document[document]))
            )
        return passage.document_id in self._throughout[stems]

    def byline(self, passage: Passage) -> str:
        """Who wrote the document a passage is from ("" when unknown)."""
        document = self.documents.get(passage.document_id)
        return document.author if document else ""

    def publisher(self, passage: Passage) -> str:
        """Who published the document a passage is from, as its catalogue entry names its
        source ("" when unknown, or when the source is a web address)."""
        document = self.documents.get(passage.document_id)
        return document.source if document and "://" not in document.source else ""

    def _named_most(self, rows: list[int]) -> str:
        """The organisation named in at least `_SUBJECT_SHARE` of these passages, else ""."""
        named: Counter[str] = Counter()
        for row in rows:
            if row < len(self.sentence_facts):  # an index built without sentence facts
                # Each name once per passage, in reading order: a tie goes to the first named
                # (a set's order changes from one process to the next).
                named.update(
                    list(
                        dict.fromkeys(
                            e.text
                            for f in self.sentence_facts[row]
                            for e in f.entities
                            if e.label == "ORG"
                        )
                    )
                )
        top = named.most_common(1)
        return top[0][0] if top and top[0][1] >= _SUBJECT_SHARE * len(rows) else ""

    def subject(self, passage: Passage) -> str:
        """The organisation the document a passage is from is about: the one named in at
        least a third of its passages ("UNFPA" in a report whose title does not name it), ""
        when none is."""
        return self.subjects.get(passage.document_id, "")

    def facts_of(self, passage_id: str) -> tuple[SentenceFacts, ...]:
        """Return the stored facts of a passage's sentences, in order."""
        return self.sentence_facts[self.rows[passage_id]]

    def sentence_vectors_of(self, passage_id: str) -> Vectors:
        """Return the stored vectors of a passage's sentences, in order."""
        vectors: Vectors = self.sentence_vectors[self.passage_sentences[self.rows[passage_id]]]
        return vectors


def _close_together(tokens: list[str], words: list[str]) -> bool:
    """Whether every one of `words` occurs within a stretch of `tokens` one longer than them."""
    width, wanted = len(words) + 1, set(words)
    return any(wanted <= set(tokens[i : i + width]) for i in range(max(1, len(tokens) - width + 1)))


def check_manifest(manifest: dict[str, Any], model: str, folder: Path) -> None:
    """Refuse an index built with another format or model, saying how to rebuild."""
    if manifest.get("format_version") != store.FORMAT_VERSION:
        raise IncompatibleIndexError(
            f"The index at {folder} has format {manifest.get('format_version')!r}; this "
            f"version reads format {store.FORMAT_VERSION}. Rebuild it with `docqa ingest --rebuild`."
        )
    if manifest.get("model") != model:
        raise IncompatibleIndexError(
            f"The index at {folder} was built with model {manifest.get('model')!r}, but the "
            f"service uses {model!r}. Rebuild it with `docqa ingest --rebuild`, or set "
            f"DOCQA_MODEL={manifest.get('model')}."
        )


def load_index(index_dir: Path, model: str) -> Index:
    """Load the live build under `index_dir`, or raise IndexUnavailableError saying why.

    Each file is checked against the checksum recorded when it was built, so a damaged
    file is named in the error instead of being served.
    """
    folder = store.current_build(index_dir)
    if folder is None:
        raise IndexUnavailableError(f"No index found at {index_dir}. {REBUILD_HINT}")
    return load_build(folder, model)


def load_build(folder: Path, model: str) -> Index:
    """Load one build folder, checking every file; raise IndexUnavailableError saying why."""
    manifest = store.read_manifest(folder)
    check_manifest(manifest, model, folder)
    _, keys, sentence_vectors = store.read_vectors(folder)
    documents = store.read_documents(folder)
    passages = store.read_passages(folder)
    sentence_facts = store.read_sentence_facts(folder, passages)
    store.verify_files(folder, DENSE_FILE, LEXICAL_DIR)
    with store.reading(folder / DENSE_FILE):
        dense = load_dense(folder)
    with store.reading(folder / LEXICAL_DIR):
        lexical = load_lexical(folder)
    with store.reading(folder):  # a file that parsed but does not fit the others
        index = Index(
            path=folder,
            manifest=manifest,
            documents={d.id: d for d in documents},
            passages=passages,
            dense=dense,
            lexical=lexical,
            sentence_vectors=sentence_vectors,
            sentence_rows={key: i for i, key in enumerate(keys)},
            sentence_facts=sentence_facts,
        )
    if dense.ntotal != len(passages):
        raise IndexUnavailableError(
            f"The index at {folder} is inconsistent: {DENSE_FILE} holds {dense.ntotal} vectors but "
            f"{store.PASSAGES_FILE} {len(passages)} passages. {store.DAMAGED_HINT}"
        )
    if len(sentence_vectors) != len(keys):
        raise IndexUnavailableError(
            f"The index at {folder} is inconsistent: {store.SENTENCE_VECTORS_FILE} holds "
            f"{len(sentence_vectors)} vectors but {store.SENTENCE_KEYS_FILE} {len(keys)} keys. {store.DAMAGED_HINT}"
        )
    if not np.isfinite(sentence_vectors).all():
        raise IndexUnavailableError(
            f"The index at {folder} holds invalid vectors. {store.DAMAGED_HINT}"
        )
    return index
