"""Run library jobs one at a time, in order: change the corpus, ingest, swap the new build in.

Questions keep being answered throughout: the ingest runs in a worker thread and writes a
new build beside the live one, and the reload swaps it in with one assignment. A job that
fails is rolled back (corpus, catalogue, then the index rebuilt from them, which reuses every
vector), and its upload goes to quarantine with the reason.
"""

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

import anyio

from app.config import Settings
from app.errors import DocQAError, IngestError
from app.ingest.build import BuildReport, build_index
from app.ingest.progress import Listener
from app.library.changes import apply_change, clean_up, quarantine, roll_back
from app.library.jobs import FileOutcome, Job, JobStore, Progress
from app.retrieval.embedder import Embedder

logger = logging.getLogger("app")
Reload = Callable[[str], Coroutine[Any, Any, Any]]
_PROGRESS_EVERY = 0.25  # seconds between two saves of a job's progress


class JobFailedError(DocQAError):
    """A job could not be completed; its change is rolled back."""


class _JobListener(Listener):
    """Save the ingest's progress into the job, at most a few times a second."""

    def __init__(self, store: JobStore, job_id: str) -> None:
        self.store, self.job_id = store, job_id
        self.progress = Progress()
        self.saved = 0.0

    def reading(self, path: str, done: int, total: int) -> None:  # noqa: ARG002 (a job counts files)
        # Called before the `done`-th file is read: the ones before it are read.
        self._set(replace(self.progress, files_read=done - 1, files_total=total), done == 1)

    def embedding(self, total: int) -> None:
        read_all = self.progress.files_total
        self._set(replace(self.progress, files_read=read_all, texts_total=total), True)

    def advance(self, done: int) -> None:
        embedded = self.progress.texts_embedded + done
        finished = embedded >= self.progress.texts_total
        self._set(replace(self.progress, texts_embedded=embedded), finished)

    def _set(self, progress: Progress, force: bool) -> None:
        self.progress = progress
        if force or time.monotonic() - self.saved > _PROGRESS_EVERY:
            self.saved = time.monotonic()
            self.store.update(self.job_id, progress=progress)


class Library:
    """The job queue of the document library, with recovery of jobs a restart interrupted."""

    def __init__(
        self, settings: Settings, embedder: Embedder | None, reload: Reload, store: JobStore
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.reload = reload
        self.store = store
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Recover the jobs a stopped server left, then start working through the queue."""
        for job in await anyio.to_thread.run_sync(self.store.load):
            if job.final:
                continue
            if job.state == "applying":
                await anyio.to_thread.run_sync(self._roll_back_interrupted, job)
            else:
                logger.info("Library job %s resumes from state %s", job.id, job.state)
                self._queue.put_nowait(job.id)
        self._task = asyncio.create_task(self._work())

    async def stop(self) -> None:
        """Stop taking jobs; one under way is recovered at the next start."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def submit(self, job: Job, data: bytes | None = None) -> Job:
        """Stage the job's upload, save the job and queue it."""
        job = await anyio.to_thread.run_sync(self._stage, job, data)
        self._queue.put_nowait(job.id)
        return job

    def _stage(self, job: Job, data: bytes | None) -> Job:
        if data is not None:
            self.store.folder.mkdir(parents=True, exist_ok=True)
            self.store.upload_path(job.id).write_bytes(data)
        return self.store.save(job)

    async def _work(self) -> None:
        while True:
            job_id = await self._queue.get()
            try:
                await self._process(self.store.get(job_id))
            except Exception:  # one broken job must not stop the queue
                logger.exception("Library job %s failed unexpectedly", job_id)

    async def _process(self, job: Job) -> None:
        if job.state == "rolling_back":
            await anyio.to_thread.run_sync(self._undo, job, job.message)
            return
        clock = _Clock()
        try:
            if job.state == "queued":
                job = await anyio.to_thread.run_sync(apply_change, self.settings, self.store, job)
            clock.lap("apply")
            listener = _JobListener(self.store, job.id)
            report = await anyio.to_thread.run_sync(self._ingest, listener)
            clock.lap("ingest")
            clock.laps.update(report.stages)  # read, embed, annotate, write: parts of "ingest"
            files = _outcomes(report, job)
            if job.path and not any(f.path == job.path and f.document_id for f in files):
                reason = next((f.refused for f in files if f.path == job.path), "")
                raise JobFailedError(f"The document could not be indexed: {reason or 'no text'}.")
            await self.reload("library")
            clock.lap("reload")
        except (DocQAError, OSError) as exc:
            await anyio.to_thread.run_sync(self._undo, job, str(exc))
            return
        document = next((f.document_id for f in files if f.path == job.path), job.document_id)
        self._finish(job, "done", "", files=tuple(files), document_id=document, seconds=clock.laps)

    def _ingest(self, listener: Listener) -> BuildReport:
        if self.embedder is None:
            raise JobFailedError("The embedding model is not loaded.")
        embedder = self.embedder
        return build_index(self.settings, lambda: embedder, listener=listener)

    def _undo(self, job: Job, reason: str) -> None:
        """Roll the change back, rebuild the index from the restored corpus, quarantine the file."""
        logger.warning("Library job %s failed, rolling back: %s", job.id, reason)
        job = self.store.update(job.id, state="rolling_back", message=reason)
        roll_back(self.settings, self.store, job)
        upload = self.store.upload_path(job.id)
        if upload.exists():
            name = job.path.rsplit("/", 1)[-1] or job.id
            quarantine(self.settings, name, upload.read_bytes(), reason)
        if job.backed_up:
            try:  # the failed build may have been swapped in: build the restored corpus again
                build_index(self.settings, lambda: self._embedder_or_fail())
                anyio.from_thread.run(self.reload, "library-rollback")
            except (DocQAError, OSError):
                logger.exception("Rebuilding after the rollback of job %s failed", job.id)
        self._finish(job, "failed", reason)

    def _embedder_or_fail(self) -> Embedder:
        if self.embedder is None:
            raise IngestError("The embedding model is not loaded.")
        return self.embedder

    def _roll_back_interrupted(self, job: Job) -> None:
        roll_back(self.settings, self.store, job)
        self._finish(
            job,
            "rolled_back",
            "The server stopped while this change was being applied; it was rolled back.",
        )

    def _finish(self, job: Job, state: str, message: str, **changes: Any) -> None:
        self.store.update(job.id, state=state, message=message, finished=time.time(), **changes)
        clean_up(self.store, job)
        self.store.prune()


class _Clock:
    """Seconds each step of a job took."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.laps[step], self.last = round(now - self.last, 3), now


def _outcomes(report: BuildReport, job: Job) -> list[FileOutcome]:
    """Return what the build did with the files this job touched."""
    wanted = {p for p in (job.path, job.old_path) if p}
    return [
        FileOutcome(f.path, f.document_id, f.passages, f.skipped)
        for f in report.files
        if f.path in wanted
    ]


@asynccontextmanager
async def running_library(state: dict[str, Any], reload: Reload) -> AsyncIterator[Library]:
    """Run the library's job queue for the app's lifetime."""
    settings: Settings = state["settings"]
    store = JobStore(settings.index_dir, settings.jobs_kept)
    library = Library(settings, state["embedder"], reload, store)
    await library.start()
    try:
        yield library
    finally:
        await library.stop()
