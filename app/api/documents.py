"""Browse the corpus: documents, their passages in reading order, a passage in context."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.api.convert import passage_out
from app.api.deps import IndexDep
from app.api.schemas import DocumentDetail, DocumentList, DocumentOut, PassageContext, PassagePage
from app.errors import UnknownDocumentError
from app.passages import Document
from app.retrieval.index import Index

router = APIRouter(tags=["documents"])
Identifier = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9._-]+$")]


def _document(index: Index, document_id: str) -> Document:
    document = index.documents.get(document_id)
    if document is None:
        raise UnknownDocumentError(
            f"Unknown document {document_id!r}. See GET /documents for the ids."
        )
    return document


def _document_out(index: Index, document: Document) -> DocumentOut:
    return DocumentOut(
        id=document.id,
        title=document.title,
        description=document.description,
        date=document.date,
        source=document.source,
        passages=len(index.by_document.get(document.id, [])),
    )


@router.get("/documents")
def list_documents(index: IndexDep) -> DocumentList:
    """List the documents of the corpus."""
    return DocumentList(documents=[_document_out(index, d) for d in index.documents.values()])


@router.get("/documents/{document_id}")
def get_document(document_id: Identifier, index: IndexDep) -> DocumentDetail:
    """Describe one document and list its sections in reading order."""
    document = _document(index, document_id)
    sections = [index.passages[r].section for r in index.by_document.get(document.id, [])]
    return DocumentDetail(
        **_document_out(index, document).model_dump(),
        sections=list(dict.fromkeys(s for s in sections if s)),
    )


@router.get("/documents/{document_id}/passages")
def list_passages(
    document_id: Identifier,
    index: IndexDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> PassagePage:
    """Return a page of a document's passages in reading order."""
    rows = index.by_document.get(_document(index, document_id).id, [])
    return PassagePage(
        passages=[passage_out(index.passages[r]) for r in rows[offset : offset + limit]],
        total=len(rows),
    )


@router.get("/passages/{passage_id}")
def get_passage(
    passage_id: Identifier, index: IndexDep, around: Annotated[int, Query(ge=0, le=5)] = 1
) -> PassageContext:
    """Return a passage with its neighbours in the same document, for more context."""
    row = index.rows.get(passage_id)
    if row is None:
        raise UnknownDocumentError(f"Unknown passage {passage_id!r}.")
    passage = index.passages[row]
    rows = index.by_document[passage.document_id]
    at = rows.index(row)
    return PassageContext(
        passage=passage_out(passage),
        previous=[passage_out(index.passages[r]) for r in rows[max(0, at - around) : at]],
        next=[passage_out(index.passages[r]) for r in rows[at + 1 : at + 1 + around]],
    )
