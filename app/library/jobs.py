"""Library jobs and their persistence: one JSON file per job under `<index>/jobs/`, written atomically.

A job's `state` says how far it got, and so what a restart must do with it:

    queued        nothing changed yet: run it
    applying      the corpus and catalogue may be half changed: roll back from the backup
    ingesting     the corpus and catalogue are fully changed: finish (ingest and reload)
    rolling_back  a rollback was under way: roll back again (restoring is idempotent)
    done | failed | rolled_back   final
"""

import json
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from app.library.catalog_edit import write_atomically

JOBS_DIR = "jobs"
FINAL_STATES = frozenset({"done", "failed", "rolled_back"})


@dataclass(frozen=True)
class Progress:
    """How far the ingest of a job is: files read and texts embedded, each of a total."""

    files_read: int = 0
    files_total: int = 0
    texts_embedded: int = 0
    texts_total: int = 0


@dataclass(frozen=True)
class FileOutcome:
    """What the ingest did with one corpus file the job touched."""

    path: str
    document_id: str = ""
    passages: int = 0
    refused: str = ""


@dataclass(frozen=True)
class Job:
    """One change to the library: add, replace, edit or delete a document."""

    id: str
    action: str
    state: str = "queued"
    created: float = 0.0
    finished: float = 0.0
    document_id: str = ""
    path: str = ""
    old_path: str = ""
    original_name: str = ""
    name: str = ""
    details: dict[str, str] = field(default_factory=dict)
    progress: Progress = field(default_factory=Progress)
    files: tuple[FileOutcome, ...] = ()
    message: str = ""
    seconds: dict[str, float] = field(default_factory=dict)
    touched: tuple[str, ...] = ()
    backed_up: bool = False

    @property
    def final(self) -> bool:
        """Tell whether the job has ended, one way or the other."""
        return self.state in FINAL_STATES


def new_job(action: str, **fields: Any) -> Job:
    """Return a queued job with a fresh id."""
    return Job(id=uuid.uuid4().hex[:12], action=action, created=time.time(), **fields)


class JobStore:
    """The jobs folder: each job's state file, its staged upload and its backup."""

    def __init__(self, index_dir: Path, keep: int = 200) -> None:
        self.folder = index_dir / JOBS_DIR
        self.keep = keep
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}

    def save(self, job: Job) -> Job:
        """Write the job's state in one rename and remember it."""
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            data = json.dumps(asdict(job), indent=1).encode("utf-8")
            write_atomically(self.folder / f"{job.id}.json", data)
            self._jobs[job.id] = job
        return job

    def update(self, job_id: str, **changes: Any) -> Job:
        """Save the job with `changes` applied and return it."""
        return self.save(replace(self.get(job_id), **changes))

    def get(self, job_id: str) -> Job:
        """Return the job, or raise KeyError."""
        return self._jobs[job_id]

    def find(self, job_id: str) -> Job | None:
        """Return the job, or None."""
        return self._jobs.get(job_id)

    def all(self) -> list[Job]:
        """Return every known job, newest first."""
        return sorted(self._jobs.values(), key=lambda j: j.created, reverse=True)

    def load(self) -> list[Job]:
        """Read every job file of the folder (at start-up), oldest first."""
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                job = _job_from(json.loads(path.read_text(encoding="utf-8")))
            except (ValueError, TypeError, KeyError):
                continue  # a foreign or damaged file: never written whole by save()
            self._jobs[job.id] = job
        return sorted(self._jobs.values(), key=lambda j: j.created)

    def upload_path(self, job_id: str) -> Path:
        """Return where the job's uploaded file waits until it is stored in the corpus."""
        return self.folder / f"{job_id}.upload"

    def backup_dir(self, job_id: str) -> Path:
        """Return the folder holding what the job's change replaced."""
        return self.folder / f"{job_id}.backup"

    def prune(self) -> None:
        """Forget the oldest finished jobs past the number kept."""
        finished = [j for j in self.all() if j.final][self.keep :]
        with self._lock:
            for job in finished:
                (self.folder / f"{job.id}.json").unlink(missing_ok=True)
                self._jobs.pop(job.id, None)


def _job_from(data: dict[str, Any]) -> Job:
    data["progress"] = Progress(**data.get("progress", {}))
    data["files"] = tuple(FileOutcome(**f) for f in data.get("files", []))
    data["touched"] = tuple(data.get("touched", []))
    return Job(**data)
