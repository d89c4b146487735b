"""Progress of an ingest run: hooks an interface overrides, and a plain-line reporter for
when the output is a log rather than a terminal."""

from collections.abc import Callable

# A log reporter writes a line at least every this share of the texts to embed.
_LOG_SHARE = 0.1


class Listener:
    """Hooks an interface can override to show progress; the defaults do nothing."""

    def reading(self, path: str, done: int, total: int) -> None:
        """File `path` (the `done`-th of `total`) is being read."""

    def embedding(self, total: int) -> None:
        """Embedding of `total` new texts starts."""

    def advance(self, done: int) -> None:
        """`done` more texts were embedded."""


class LineListener(Listener):
    """Report progress as plain lines (e.g. to a log): each file read, and the embedding
    count every `every` texts (by default a tenth of them)."""

    def __init__(self, write: Callable[[str], None], every: int = 0) -> None:
        self.write = write
        self.every = every
        self.total = 0
        self.done = 0
        self.next_report = 0

    def reading(self, path: str, done: int, total: int) -> None:
        """Write which file is being read."""
        self.write(f"reading {done}/{total}: {path}")

    def embedding(self, total: int) -> None:
        """Write how many texts will be embedded."""
        self.total, self.done = total, 0
        self.every = self.every or max(1, int(total * _LOG_SHARE))
        self.next_report = self.every
        self.write(f"embedding {total} new texts")

    def advance(self, done: int) -> None:
        """Write the count whenever another `every` texts are done, and at the end."""
        self.done += done
        if self.done >= self.next_report or self.done >= self.total:
            self.write(f"embedded {self.done}/{self.total} texts")
            while self.next_report <= self.done:
                self.next_report += self.every
