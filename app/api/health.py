"""Liveness and readiness probes."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app.api.deps import HolderDep
from app.api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> Health:
    """Answer as long as the process serves requests."""
    return Health(status="ok")


@router.get("/readyz", response_model=Health, responses={503: {"model": Health}})
def readyz(holder: HolderDep) -> Health | JSONResponse:
    """Answer 200 once an index is loaded, 503 with the reason otherwise.

    When an older build is served because the live one is damaged, the detail says so.
    """
    if holder.current is None:
        return JSONResponse(
            Health(status="unavailable", detail=holder.reason).model_dump(), status_code=503
        )
    detail = f"{len(holder.current.passages)} passages"
    return Health(
        status="ready", detail=f"{detail}. {holder.fallback}" if holder.fallback else detail
    )
