"""Admin endpoints, behind the admin key: reload the index after an ingest."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request

from app.api.schemas import ReloadResult, error_responses
from app.api.security import require_admin
from app.errors import IndexUnavailableError
from app.ops.reload import Reloader

router = APIRouter(
    prefix="/admin",
    tags=["admin"],
    dependencies=[Depends(require_admin)],
    responses=error_responses(401, 403, 429),
)


def get_reloader(request: Request) -> Reloader:
    """Return the app's reloader."""
    reloader: Reloader = request.state.reloader
    return reloader


@router.post("/reload", responses=error_responses(409))
async def reload_index(reloader: Annotated[Reloader, Depends(get_reloader)]) -> ReloadResult:
    """Load the index from disk and serve it; the old one keeps serving if the new one is invalid.

    Run it after `docqa ingest` (sending SIGHUP to the server does the same).
    """
    try:
        reloaded = await reloader.reload("admin")
    except IndexUnavailableError as exc:
        raise HTTPException(409, str(exc)) from exc
    return ReloadResult(
        status="reloaded",
        build=reloaded.build,
        passages=reloaded.passages,
        seconds=reloaded.seconds,
    )
