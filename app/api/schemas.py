"""The public JSON contract of the HTTP API."""

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

# The limits apply to the text as sent, as the OpenAPI schema says; the pattern (one character
# besides spaces, tabs and line breaks) is declared there too, so blank questions are 422.
_BLANKS = " \t\r\n"
Question = Annotated[
    str,
    StringConstraints(min_length=1, max_length=1000, pattern=r"[^ \t\r\n]"),
    AfterValidator(lambda value: value.strip(_BLANKS)),
]
DocumentId = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class SearchRequest(BaseModel):
    """A passage search."""

    query: Question
    top_k: int = Field(10, ge=1, le=50)
    document: DocumentId | None = None
    section: Annotated[str, StringConstraints(max_length=300)] | None = None


class AskRequest(BaseModel):
    """A question to answer from the sources."""

    question: Question
    top_k: int = Field(5, ge=1, le=50)
    document: DocumentId | None = None


class PassageOut(BaseModel):
    """A passage as returned by search and browsing."""

    passage_id: str
    document_id: str
    title: str
    section: str
    text: str
    location: str
    kind: str = "body"  # "table": rows of a table; "quote", "note": set apart from the body
    score: float | None = None


class SearchResponse(BaseModel):
    """Ranked passages, best first."""

    results: list[PassageOut]


class QuoteSpan(BaseModel):
    """A span of a passage's text quoted in the answer: `text[start:end]`."""

    start: int
    end: int


class CitationOut(PassageOut):
    """A numbered source of an answer: its passage and the exact spans quoted from it.

    `quotes` lists every quoted span in reading order; `quote_start`/`quote_end` run from the
    first to the last of them and `quote` is that stretch (empty for further reading).
    """

    marker: int
    quote: str
    quote_start: int
    quote_end: int
    quotes: list[QuoteSpan]
    score: float


class SegmentOut(BaseModel):
    """One quoted piece of the answer, in answer order: its verbatim text, the marker of its
    citation, and where it lies in that passage (`text == passage.text[start:end]`).
    `cut` is true when words before it in its sentence were left out (shown as "…")."""

    text: str
    marker: int
    passage_id: str
    start: int
    end: int
    cut: bool


class AskResponse(BaseModel):
    """An answer built from verbatim sentences, or a decline.

    `answer` is plain text with `[n]` markers; `segments` is the same answer as structure.
    When `abstained`, `reason` says what the sources lack and `citations` are the nearest
    passages, for further reading. `confidence` is the estimated probability that the
    response (answer or decline) is right.
    """

    answer: str
    abstained: bool
    confidence: float
    reason: str
    segments: list[SegmentOut]
    citations: list[CitationOut]


class DocumentOut(BaseModel):
    """A document of the corpus."""

    id: str
    title: str
    description: str
    date: str
    source: str
    passages: int


class DocumentList(BaseModel):
    """All documents of the corpus."""

    documents: list[DocumentOut]


class DocumentDetail(DocumentOut):
    """A document with its section paths in reading order."""

    sections: list[str]


class PassagePage(BaseModel):
    """A page of a document's passages in reading order."""

    passages: list[PassageOut]
    total: int


class PassageContext(BaseModel):
    """A passage with the passages just before and after it."""

    passage: PassageOut
    previous: list[PassageOut]
    next: list[PassageOut]


class Health(BaseModel):
    """Liveness or readiness."""

    status: str
    detail: str = ""


class ErrorOut(BaseModel):
    """An error, explained in one sentence."""

    detail: str


class ReloadResult(BaseModel):
    """The index a reload swapped in."""

    status: str
    build: str
    passages: int
    seconds: float


class JobProgress(BaseModel):
    """How far a library job's ingest is."""

    files_read: int
    files_total: int
    texts_embedded: int
    texts_total: int


class JobFile(BaseModel):
    """What the ingest did with one file the job touched; `refused` says why it was not indexed."""

    path: str
    document_id: str
    passages: int
    refused: str


class JobOut(BaseModel):
    """A change to the document library and how far it got.

    `state` is queued, applying, ingesting, rolling_back, then done, failed or rolled_back.
    """

    id: str
    action: str
    state: str
    created: float
    finished: float
    document_id: str
    path: str
    original_name: str
    progress: JobProgress
    files: list[JobFile]
    message: str
    seconds: dict[str, float] = Field(
        default_factory=dict, description="Seconds each step took: apply, ingest, embed, reload."
    )


class JobList(BaseModel):
    """Library jobs, newest first."""

    jobs: list[JobOut]


_ERRORS = {
    400: "The body could not be parsed (for example invalid UTF-8, or JSON nested too deeply).",
    401: "A key is required (X-API-Key or Authorization: Bearer) and was missing or wrong.",
    403: "The endpoint is disabled.",
    404: "The document or passage does not exist.",
    409: "The index on disk could not be loaded (the index served before is kept), or a "
    "replacement would overwrite another document's file.",
    413: "The request body is over the size limit.",
    415: "The uploaded file is not a PDF, Word (DOCX), HTML, Markdown or text document.",
    429: "The client sent too many requests; see Retry-After.",
    503: "No index is loaded, or the answer took too long; see the detail and Retry-After.",
}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """Declare the error answers `codes` in the OpenAPI schema, each a {"detail": ...} body."""
    return {code: {"model": ErrorOut, "description": _ERRORS[code]} for code in codes}


class ExampleOut(BaseModel):
    """An example question for the chat page."""

    question: str
    kind: str = Field("", description="What kind of question it is, e.g. 'Theme'; may be empty.")


class CorpusOut(BaseModel):
    """What the corpus says about itself, from the `[corpus]` table of its catalogue."""

    title: str
    description: str
    examples: list[ExampleOut]
