"""POST /search: ranked passages for a query."""

from fastapi import APIRouter

from app.api.convert import passage_out
from app.api.deps import EmbedderDep, IndexDep, SettingsDep
from app.api.schemas import SearchRequest, SearchResponse
from app.retrieval.search import search

router = APIRouter(tags=["search"])


@router.post("/search")
def search_passages(
    body: SearchRequest, index: IndexDep, embedder: EmbedderDep, settings: SettingsDep
) -> SearchResponse:
    """Return the passages that best match the query, best first."""
    vector = embedder.embed_query(body.query)
    hits = search(index, settings, body.query, vector, body.top_k, body.document, body.section)
    return SearchResponse(results=[passage_out(h.passage, h.score) for h in hits])
