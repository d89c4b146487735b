"""What the service serves: the live index in a holder, loaded with a fallback for damage.

Not tied to HTTP: the API layer reads the holder, and reloads (`app/ops/reload.py`) swap it.
"""

import logging
from dataclasses import dataclass
from pathlib import Path

from app.errors import IncompatibleIndexError, IndexUnavailableError
from app.retrieval import store
from app.retrieval.index import Index, load_build, load_index

logger = logging.getLogger("app")


@dataclass
class IndexHolder:
    """The live index, swapped in one assignment on reload.

    `reason` says why none is loaded; `fallback` says why an older build is served instead
    of the one `current` names (empty when the live build is served).
    """

    current: Index | None = None
    reason: str = ""
    fallback: str = ""


@dataclass(frozen=True)
class Served:
    """An index to serve, and why it is an older build when it is one."""

    index: Index
    fallback: str = ""


def load_served_index(index_dir: Path, model: str) -> Served:
    """Load the live build; if it is damaged, the newest intact older build, saying so.

    A build made with another model or format is not damaged: that error is raised as is.
    The damaged build stays on disk, and `current` still names it, for inspection.

    Raises:
        IndexUnavailableError: the live build's own error, when no older build loads either.
    """
    try:
        return Served(load_index(index_dir, model))
    except IncompatibleIndexError:
        raise
    except IndexUnavailableError as damage:
        for folder in store.older_builds(index_dir):
            try:
                index = load_build(folder, model)
            except IndexUnavailableError:
                continue
            note = f"Serving the older build {folder.name}: the live build is damaged ({damage})"
            logger.warning("%s", note)
            return Served(index, note)
        raise
