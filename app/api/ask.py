"""POST /ask: an answer quoted from the sources, with numbered citations."""

from fastapi import APIRouter

from app.answer.respond import answer_question
from app.api.convert import answer_out
from app.api.deps import EmbedderDep, IndexDep, SettingsDep
from app.api.schemas import AskRequest, AskResponse
from app.retrieval.search import search

router = APIRouter(tags=["ask"])


@router.post("/ask")
def ask(
    body: AskRequest, index: IndexDep, embedder: EmbedderDep, settings: SettingsDep
) -> AskResponse:
    """Answer with verbatim sentences of the `top_k` best passages, or abstain."""
    vector = embedder.embed_query(body.question)
    hits = search(index, settings, body.question, vector, body.top_k, body.document)
    answer = answer_question(index, settings, body.question, vector, hits)
    return answer_out(answer)
