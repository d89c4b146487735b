"""Apply a job's change to the corpus and catalogue, with a backup to roll it back from.

Uploads are stored under `corpus/uploads/`, named from the sanitised upload name and the
sniffed type; a name whose document id is taken gets a numbered suffix, so an upload never
overwrites or renames another document.
"""

import json
import shutil
import time
from dataclasses import replace
from pathlib import Path

from app.config import Settings
from app.ingest.build import discover
from app.ingest.catalog import CATALOG_FILE, document_id
from app.library import catalog_edit
from app.library.jobs import Job, JobStore

UPLOADS_DIR = "uploads"
_ABSENT = ".absent"


def taken_ids(corpus_dir: Path) -> set[str]:
    """Return the document ids the corpus files get, as the ingest assigns them."""
    taken: set[str] = set()
    for path in discover(corpus_dir):
        candidate, n = document_id(path), 2
        unique = candidate
        while unique in taken:
            unique, n = f"{candidate}-{n}", n + 1
        taken.add(unique)
    return taken


def upload_target(corpus_dir: Path, stem: str, suffix: str) -> str:
    """Return a corpus-relative path for a new upload whose document id no file has yet."""
    taken = taken_ids(corpus_dir) if corpus_dir.is_dir() else set()
    candidate, n = stem, 2
    while (
        document_id(Path(candidate)) in taken
        or (corpus_dir / UPLOADS_DIR / f"{candidate}{suffix}").exists()
    ):
        candidate, n = f"{stem}-{n}", n + 1
    return f"{UPLOADS_DIR}/{candidate}{suffix}"


def apply_change(settings: Settings, store: JobStore, job: Job) -> Job:
    """Back up what the job replaces, change the corpus and catalogue, and mark it `ingesting`."""
    corpus = settings.corpus_dir
    if job.action == "add" and not job.path:
        stem, _, suffix = job.name.rpartition(".")
        job = replace(job, path=upload_target(corpus, stem, "." + suffix))
        job = replace(job, document_id=document_id(Path(job.path)))
    touched = tuple(p for p in (job.old_path, job.path) if p)
    job = store.save(replace(job, state="applying", touched=touched))
    _back_up(corpus, store.backup_dir(job.id), touched)
    job = store.update(job.id, backed_up=True)
    if job.old_path and job.old_path != job.path and job.path:
        (corpus / job.old_path).unlink(missing_ok=True)
        catalog_edit.move_entry(corpus, job.old_path, job.path)
    if job.action == "delete":
        (corpus / job.old_path).unlink(missing_ok=True)
        catalog_edit.remove_entry(corpus, job.old_path)
    upload = store.upload_path(job.id)
    if job.path and upload.exists():
        target = corpus / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        catalog_edit.write_atomically(target, upload.read_bytes())
    if job.action != "delete" and any(job.details.values()):
        catalog_edit.set_details(corpus, job.path or job.old_path, job.details)
    return store.update(job.id, state="ingesting")


def roll_back(settings: Settings, store: JobStore, job: Job) -> None:
    """Put back the corpus files and catalogue the job's backup holds (safe to repeat)."""
    if not job.backed_up:
        return  # killed before the backup was complete: the corpus was not touched yet
    backup = store.backup_dir(job.id)
    for relative in (*job.touched, CATALOG_FILE):
        target = settings.corpus_dir / relative
        saved = backup / relative
        if saved.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            catalog_edit.write_atomically(target, saved.read_bytes())
        elif (backup / (relative + _ABSENT)).exists():
            target.unlink(missing_ok=True)


def clean_up(store: JobStore, job: Job) -> None:
    """Remove the job's staged upload and backup once it has ended."""
    store.upload_path(job.id).unlink(missing_ok=True)
    shutil.rmtree(store.backup_dir(job.id), ignore_errors=True)


def quarantine(settings: Settings, name: str, data: bytes, reason: str) -> Path:
    """Keep a refused upload out of the corpus, in the quarantine folder, with its reason."""
    folder = settings.quarantine_folder
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    path = folder / f"{stamp}-{name}"
    n = 2
    while path.exists():
        path, n = folder / f"{stamp}-{n}-{name}", n + 1
    catalog_edit.write_atomically(path, data)
    reason_file = path.with_name(path.name + ".reason.json")
    catalog_edit.write_atomically(reason_file, json.dumps({"reason": reason}).encode("utf-8"))
    return path


def _back_up(corpus: Path, backup: Path, touched: tuple[str, ...]) -> None:
    shutil.rmtree(backup, ignore_errors=True)
    for relative in (*touched, CATALOG_FILE):
        source, saved = corpus / relative, backup / relative
        saved.parent.mkdir(parents=True, exist_ok=True)
        if source.exists():
            shutil.copy2(source, saved)
        else:
            (backup / (relative + _ABSENT)).touch()
