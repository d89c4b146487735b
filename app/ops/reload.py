"""Reload the index without downtime: load the new build in a worker thread, swap it in at once."""

import asyncio
import contextlib
import logging
import signal
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import anyio

from app.config import Settings
from app.errors import DocQAError, IndexUnavailableError
from app.ops.metrics import Metrics
from app.retrieval.embedder import Embedder
from app.retrieval.index import load_index
from app.serving import IndexHolder, Served, load_served_index

logger = logging.getLogger("app")


@dataclass(frozen=True)
class Reloaded:
    """A reload that succeeded: the build now served, its size and the load time."""

    build: str
    passages: int
    seconds: float


class Reloader:
    """Load the live build from disk and swap it into the holder; on failure keep the old one."""

    def __init__(
        self, settings: Settings, holder: IndexHolder, embedder: Embedder | None, metrics: Metrics
    ) -> None:
        self.settings = settings
        self.holder = holder
        self.embedder = embedder
        self.metrics = metrics
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[Any]] = set()

    async def reload(self, trigger: str) -> Reloaded:
        """Load the index in a worker thread and swap it in, or raise IndexUnavailableError saying why.

        Requests keep being answered meanwhile: each took `holder.current` once, and the
        swap is one assignment of a fully loaded index. Reloads run one at a time.
        """
        async with self._lock:
            started = time.perf_counter()
            try:
                if self.embedder is None:
                    raise IndexUnavailableError(
                        self.holder.reason or "The embedding model is not loaded."
                    )
                served = await anyio.to_thread.run_sync(self._load, self.embedder.name)
            except DocQAError as exc:
                self.metrics.index_loads.labels(trigger, "failed").inc()
                if self.holder.current is None:
                    self.holder.reason = str(exc)
                logger.warning(
                    "Reload (%s) failed, the served index is unchanged: %s", trigger, exc
                )
                raise IndexUnavailableError(str(exc)) from exc
            seconds = time.perf_counter() - started
            index = served.index
            self.holder.current, self.holder.reason = index, ""
            self.holder.fallback = served.fallback
            self.metrics.index_loads.labels(trigger, "loaded").inc()
            self.metrics.index_load_seconds.set(seconds)
            logger.info(
                "Reload (%s) now serves %s (%d passages)",
                trigger,
                index.path.name,
                len(index.passages),
            )
            return Reloaded(index.path.name, len(index.passages), round(seconds, 3))

    def _load(self, model: str) -> Served:
        """Load the live build; fall back to an older one only when nothing is served yet.

        While an index is served, a damaged live build fails the reload and the served index
        stays, as any other failed reload would leave it.
        """
        if self.holder.current is None:
            return load_served_index(self.settings.index_dir, model)
        return Served(load_index(self.settings.index_dir, model))

    def reload_soon(self, trigger: str) -> None:
        """Start a reload in the background (for signals); its outcome is logged."""
        task = asyncio.ensure_future(self._reload_quietly(trigger))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _reload_quietly(self, trigger: str) -> None:
        with contextlib.suppress(IndexUnavailableError):  # already logged with its reason
            await self.reload(trigger)


def record_startup(state: dict[str, Any], metrics: Metrics, index_injected: bool) -> None:
    """Record what the lifespan loaded: model load time, the first index load, the index size."""
    holder: IndexHolder = state["holder"]
    metrics.model_load_seconds.set(state.get("model_load_seconds", 0.0))
    metrics.watch_index(
        lambda: len(holder.current.passages) if holder.current else 0,
        lambda: bool(holder.fallback),
    )
    if not index_injected and state["embedder"] is not None:
        outcome = "loaded" if holder.current is not None else "failed"
        metrics.index_loads.labels("startup", outcome).inc()


@asynccontextmanager
async def reloading(state: dict[str, Any], metrics: Metrics) -> AsyncIterator[Reloader]:
    """Provide a Reloader for the app's lifetime, reloading on SIGHUP where signals can be caught."""
    reloader = Reloader(state["settings"], state["holder"], state["embedder"], metrics)
    loop = asyncio.get_running_loop()
    # Signal handlers can only be set from the main thread: true under uvicorn, not under TestClient.
    on_signals = threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGHUP")
    if on_signals:
        loop.add_signal_handler(signal.SIGHUP, reloader.reload_soon, "signal")
    try:
        yield reloader
    finally:
        if on_signals:
            loop.remove_signal_handler(signal.SIGHUP)
