"""The FastAPI application: `create_app()` wires settings, the model and the index once."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from app.api import ask, documents, health, search, web
from app.api.deps import IndexHolder
from app.api.handlers import install_handlers
from app.config import Settings, get_settings
from app.errors import DocQAError
from app.retrieval.embedder import Embedder
from app.retrieval.encoders import load_service_embedder
from app.retrieval.index import Index, load_index

logger = logging.getLogger("app")


def _load(settings: Settings, embedder: Embedder | None, index: Index | None) -> dict[str, Any]:
    """Load what was not injected; a failure becomes a reason to answer 503, not a crash."""
    holder = IndexHolder(current=index)
    if embedder is None:
        try:
            embedder = load_service_embedder(settings)
        except Exception as exc:  # a missing or broken model must not stop the service
            logger.exception("Could not load the embedding model %s", settings.model)
            holder.reason = f"The embedding model {settings.model!r} could not be loaded ({exc})."
    if holder.current is None and embedder is not None:
        try:
            holder.current = load_index(settings.index_dir, embedder.name)
        except DocQAError as exc:
            logger.warning("%s", exc)
            holder.reason = str(exc)
    return {"settings": settings, "holder": holder, "embedder": embedder}


def create_app(
    settings: Settings | None = None, index: Index | None = None, embedder: Embedder | None = None
) -> FastAPI:
    """Build the app; heavy loading happens in the lifespan, once, unless injected."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[dict[str, Any]]:
        yield _load(settings, embedder, index)

    app = FastAPI(
        title="DocQA: cited answers on multi-stakeholder partnerships",
        version="0.1.0",
        lifespan=lifespan,
    )
    install_handlers(app)
    for module in (ask, search, documents, health, web):
        app.include_router(module.router)
    return app


app = create_app()
