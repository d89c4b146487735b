"""Domain errors of the service.

DocQAError
├── UnreadableFileError     a corpus file could not be read (ingest skips it)
├── IngestError             an ingest run failed as a whole
├── IndexUnavailableError   no usable index is loaded (HTTP 503)
│   └── IncompatibleIndexError  the index on disk was built differently
├── UnknownDocumentError    a request named a document or passage that does not exist (404)
└── RefusedUploadError      an uploaded file was refused (its `status`: 413, 415 or 422)
"""

REBUILD_HINT = "Build it with `docqa ingest` (or `make index`)."


class DocQAError(Exception):
    """Base class of every error this package raises on purpose."""


class UnreadableFileError(DocQAError):
    """A corpus file could not be read: binary, empty, encrypted or badly encoded."""


class IngestError(DocQAError):
    """An ingest run failed; the previous index is left in place."""


class IndexUnavailableError(DocQAError):
    """No usable index is loaded."""


class IncompatibleIndexError(IndexUnavailableError):
    """The index on disk was built with another model or format version."""


class UnknownDocumentError(DocQAError):
    """A request named a document or passage that does not exist."""


class RefusedUploadError(DocQAError):
    """An uploaded file was refused; `status` is the HTTP status that says why."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status
