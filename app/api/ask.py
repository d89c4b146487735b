"""POST /ask: an answer quoted from the sources, with numbered citations."""

from fastapi import APIRouter

from app.answer.respond import answer_question
from app.api.convert import answer_out
from app.api.deps import EmbedderDep, IndexDep, LanguageDep, SettingsDep, WorkersDep
from app.api.schemas import AskRequest, AskResponse
from app.language.question import analyse_question
from app.retrieval.search import search

router = APIRouter(tags=["ask"])


@router.post("/ask")
def ask(
    body: AskRequest,
    index: IndexDep,
    embedder: EmbedderDep,
    language: LanguageDep,
    settings: SettingsDep,
    workers: WorkersDep,
) -> AskResponse:
    """Answer with verbatim sentences of the `top_k` best passages, or decline saying why."""
    # The model embeds the question on another thread while this one parses it: both take
    # about as long, and the model does not hold Python's lock, so the two overlap.
    embedding = workers.submit(embedder.embed_query, body.question)
    analysis = analyse_question(language, body.question)  # once, read by every later step
    vector = embedding.result()
    hits = search(
        index, settings, body.question, vector, body.top_k, body.document, stems=analysis.stems
    )
    answer = answer_question(index, settings, analysis, vector, hits)
    return answer_out(answer)
