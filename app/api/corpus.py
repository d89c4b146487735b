"""GET /corpus: the corpus's title, description and example questions, for the chat page."""

from dataclasses import asdict

from fastapi import APIRouter

from app.api.deps import CorpusDep
from app.api.schemas import CorpusOut, ExampleOut

router = APIRouter(tags=["documents"])


@router.get("/corpus")
def corpus(profile: CorpusDep) -> CorpusOut:
    """Describe the corpus being served, as its catalogue does (neutral defaults otherwise)."""
    return CorpusOut(
        title=profile.title,
        description=profile.description,
        examples=[ExampleOut(**asdict(e)) for e in profile.examples],
    )
