"""Admin endpoints of the document library: add, replace, edit and remove documents as jobs."""

import uuid
from dataclasses import asdict
from pathlib import Path as FilePath
from pathlib import PurePosixPath
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, File, Form, Path, Request, UploadFile

from app.api.deps import HolderDep, SettingsDep
from app.api.schemas import JobList, JobOut, error_responses
from app.api.security import require_admin
from app.config import Settings
from app.errors import IndexUnavailableError, RefusedUploadError, UnknownDocumentError
from app.ingest.cache import parsed_folder
from app.ingest.catalog import title_from_file
from app.library.changes import quarantine
from app.library.jobs import Job, new_job
from app.library.queue import Library
from app.library.uploads import Upload, check_extraction, check_upload, safe_stem

router = APIRouter(
    prefix="/admin",
    tags=["library"],
    dependencies=[Depends(require_admin)],
    responses=error_responses(401, 403, 429),
)
Identifier = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9._-]+$")]
Title = Annotated[str, Form(max_length=300)]
Description = Annotated[str, Form(max_length=4000)]
Date = Annotated[str, Form(max_length=40)]
Source = Annotated[str, Form(max_length=500)]


def get_library(request: Request) -> Library:
    """Return the app's library job queue."""
    library: Library = request.state.library
    return library


LibraryDep = Annotated[Library, Depends(get_library)]


def job_out(job: Job) -> JobOut:
    """Return the public view of a job."""
    data = asdict(job)
    return JobOut.model_validate({k: v for k, v in data.items() if k in JobOut.model_fields})


async def _checked(file: UploadFile, settings: Settings, library: Library) -> tuple[Upload, bytes]:
    """Read and check an upload; a refused one goes to quarantine unless it is empty or too big."""
    data = await file.read(settings.upload_max_bytes + 1)
    original = file.filename or "document"
    try:
        upload = await anyio.to_thread.run_sync(check_upload, data, original, settings)
        staged = library.store.folder / f"check-{uuid.uuid4().hex}{upload.suffix}"
        library.store.folder.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
        try:
            cache = parsed_folder(settings.index_dir) if settings.parse_cache else None
            await anyio.to_thread.run_sync(
                check_extraction, staged, settings.upload_extract_seconds, cache
            )
        finally:
            staged.unlink(missing_ok=True)
    except RefusedUploadError as exc:
        if exc.status != 413 and data.strip():
            name = PurePosixPath(original.replace("\\", "/")).name
            await anyio.to_thread.run_sync(
                quarantine, settings, _quarantine_name(name), data, str(exc)
            )
        raise
    return upload, data


def _quarantine_name(name: str) -> str:
    return safe_stem(name) + ".bin"


def _details(title: str, description: str, date: str, source: str) -> dict[str, str]:
    return {"title": title, "description": description, "date": date, "source": source}


def _document_path(holder: HolderDep, document_id: str) -> str:
    index = holder.current
    if index is None:
        raise IndexUnavailableError(holder.reason or "The index is not loaded.")
    document = index.documents.get(document_id)
    if document is None:
        raise UnknownDocumentError(f"Unknown document {document_id!r}.")
    return document.path


@router.post("/documents", status_code=202, responses=error_responses(400, 413, 415))
async def add_document(
    file: Annotated[UploadFile, File(description="A PDF, DOCX, HTML, Markdown or text file.")],
    settings: SettingsDep,
    library: LibraryDep,
    title: Title = "",
    description: Description = "",
    date: Date = "",
    source: Source = "",
) -> JobOut:
    """Queue the upload of a document; follow the job with GET /admin/jobs/{id}.

    The type is read from the content, never the name; the file is refused with 413, 415
    or 422 (size, type, unreadable or hostile content) before anything is queued.
    """
    upload, data = await _checked(file, settings, library)
    details = _details(title, description, date, source)
    details["title"] = details["title"] or _title_from(upload.original_name)
    job = new_job("add", original_name=upload.original_name, name=upload.name, details=details)
    return job_out(await library.submit(job, data))


@router.put(
    "/documents/{document_id}", status_code=202, responses=error_responses(400, 404, 413, 415)
)
async def replace_document(
    document_id: Identifier,
    settings: SettingsDep,
    library: LibraryDep,
    holder: HolderDep,
    file: Annotated[UploadFile | None, File(description="The document's new file.")] = None,
    title: Title = "",
    description: Description = "",
    date: Date = "",
    source: Source = "",
) -> JobOut:
    """Queue the replacement of a document's file, its catalogue details, or both."""
    old_path = _document_path(holder, document_id)
    details = _details(title, description, date, source)
    if file is None:
        job = new_job("edit", document_id=document_id, path=old_path, details=details)
        return job_out(await library.submit(job))
    upload, data = await _checked(file, settings, library)
    new_path = str(PurePosixPath(old_path).with_suffix(upload.suffix))
    if new_path != old_path and (settings.corpus_dir / new_path).exists():
        raise RefusedUploadError(
            f"Another document's file is {new_path}: replacing would overwrite it.", 409
        )
    job = new_job(
        "replace",
        document_id=document_id,
        path=new_path,
        old_path=old_path,
        original_name=upload.original_name,
        name=upload.name,
        details=details,
    )
    return job_out(await library.submit(job, data))


@router.delete("/documents/{document_id}", status_code=202, responses=error_responses(404))
async def delete_document(
    document_id: Identifier, library: LibraryDep, holder: HolderDep
) -> JobOut:
    """Queue the removal of a document: its file, its catalogue entry and its passages."""
    old_path = _document_path(holder, document_id)
    job = new_job("delete", document_id=document_id, old_path=old_path)
    return job_out(await library.submit(job))


@router.get("/jobs")
def list_jobs(library: LibraryDep) -> JobList:
    """List the library's jobs, newest first."""
    return JobList(jobs=[job_out(j) for j in library.store.all()])


@router.get("/jobs/{job_id}", responses=error_responses(404))
def get_job(job_id: Identifier, library: LibraryDep) -> JobOut:
    """Report a job's state, progress and, per file, what was indexed or why not."""
    job = library.store.find(job_id)
    if job is None:
        raise UnknownDocumentError(f"Unknown job {job_id!r}.")
    return job_out(job)


def _title_from(original_name: str) -> str:
    name = PurePosixPath(original_name.replace("\\", "/")).name
    clean = "".join(c for c in name if c.isprintable()).strip()
    return title_from_file(FilePath(clean)) if clean else "Untitled document"
