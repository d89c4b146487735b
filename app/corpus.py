"""What a corpus says about itself: the `[corpus]` table of `corpus/catalog.toml`.

    [corpus]
    title = "Partnership reports"
    description = "Answers quoted from partnership reports, with their sources."
    examples = [
      { question = "Why does trust matter in a partnership?", kind = "Theme" },
      "A question given as a plain string, with no kind",
    ]

Every key is optional; a corpus without the table gets neutral defaults.
"""

import logging
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.ingest.catalog import CATALOG_FILE

logger = logging.getLogger("app")

DEFAULT_TITLE = "Your documents"
DEFAULT_DESCRIPTION = "Answers quoted from your documents, with their sources."


@dataclass(frozen=True)
class Example:
    """An example question the page offers, with the kind of question it is."""

    question: str
    kind: str = ""


@dataclass(frozen=True)
class CorpusProfile:
    """The corpus's title, a one-line description and example questions."""

    title: str = DEFAULT_TITLE
    description: str = DEFAULT_DESCRIPTION
    examples: tuple[Example, ...] = field(default_factory=tuple)


def load_corpus_profile(corpus_dir: Path) -> CorpusProfile:
    """Read the `[corpus]` table of the catalogue; defaults where it or a key is missing.

    A catalogue that cannot be read is logged and the defaults are used: the page must not
    fail because of it (ingest reports the same problem for the document entries).
    """
    path = corpus_dir / CATALOG_FILE
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("corpus", {})
    except FileNotFoundError:
        return CorpusProfile()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        logger.warning("Could not read the [corpus] table of %s: %s", path, exc)
        return CorpusProfile()
    if not isinstance(table, dict):
        return CorpusProfile()
    return CorpusProfile(
        title=_text(table.get("title")) or DEFAULT_TITLE,
        description=_text(table.get("description")) or DEFAULT_DESCRIPTION,
        examples=tuple(e for e in map(_example, table.get("examples", [])) if e is not None),
    )


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _example(value: Any) -> Example | None:
    if isinstance(value, str):
        question, kind = _text(value), ""
    elif isinstance(value, dict):
        question, kind = _text(value.get("question")), _text(value.get("kind"))
    else:
        return None
    return Example(question, kind) if question else None
