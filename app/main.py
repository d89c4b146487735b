"""The FastAPI application: `create_app()` wires settings, the model and the index once."""

import logging
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi_offline import FastAPIOffline
from spacy.language import Language

from app.api import admin, ask, corpus, documents, health, library, search, web
from app.api.handlers import install_handlers
from app.api.middleware import install_middleware
from app.api.schemas import error_responses
from app.api.security import require_api_key
from app.config import Settings, get_settings
from app.corpus import load_corpus_profile
from app.errors import DocQAError
from app.language.pipeline import load_pipeline
from app.library.queue import running_library
from app.logs import configure_logging
from app.ops.metrics import Metrics, install_metrics
from app.ops.reload import record_startup, reloading
from app.retrieval.embedder import Embedder
from app.retrieval.encoders import load_service_embedder
from app.retrieval.index import Index
from app.serving import IndexHolder, load_served_index

logger = logging.getLogger("app")


def _load(
    settings: Settings, embedder: Embedder | None, index: Index | None, language: Language | None
) -> dict[str, Any]:
    """Load what was not injected; a failure becomes a reason to answer 503, not a crash."""
    holder = IndexHolder(current=index)
    started = time.perf_counter()
    if language is None:
        try:
            language = load_pipeline()
        except Exception as exc:  # a missing pipeline must not stop the service either
            logger.exception("Could not load the language pipeline")
            holder.reason = f"The language pipeline could not be loaded ({exc})."
    if embedder is None:
        try:
            embedder = load_service_embedder(settings)
        except Exception as exc:  # a missing or broken model must not stop the service
            logger.exception("Could not load the embedding model %s", settings.model)
            holder.reason = f"The embedding model {settings.model!r} could not be loaded ({exc})."
    model_load_seconds = time.perf_counter() - started
    if holder.current is None and embedder is not None:
        try:
            served = load_served_index(settings.index_dir, embedder.name)
            holder.current, holder.fallback = served.index, served.fallback
        except DocQAError as exc:
            logger.warning("%s", exc)
            holder.reason = str(exc)
    return {
        "settings": settings,
        "holder": holder,
        "embedder": embedder,
        "language": language,
        "model_load_seconds": model_load_seconds,
    }


def create_app(
    settings: Settings | None = None,
    index: Index | None = None,
    embedder: Embedder | None = None,
    language: Language | None = None,
) -> FastAPI:
    """Build the app; heavy loading (model, index, spaCy pipeline) happens in the lifespan,
    once, unless injected."""
    settings = settings or get_settings()
    metrics = Metrics()
    profile = load_corpus_profile(settings.corpus_dir)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[dict[str, Any]]:
        configure_logging(settings.log_level, settings.log_format)
        state = _load(settings, embedder, index, language)
        record_startup(state, metrics, index_injected=index is not None)
        # Threads that embed a question while the request's own thread parses it.
        workers = ThreadPoolExecutor(settings.embed_workers, thread_name_prefix="embed")
        async with (
            reloading(state, metrics) as reloader,
            running_library(state, reloader.reload) as library,
        ):
            yield {
                **state,
                "reloader": reloader,
                "library": library,
                "corpus": profile,
                "workers": workers,
            }
        workers.shutdown(wait=False, cancel_futures=True)

    # FastAPIOffline serves Swagger UI and ReDoc from the package, not a CDN: no internet here.
    app = FastAPIOffline(
        title=f"DocQA · {profile.title}",
        description=profile.description,
        version="0.1.0",
        lifespan=lifespan,
    )
    install_handlers(app)
    # The public API may require a key; the security scheme is declared only when it does.
    guarded = [Depends(require_api_key)] if settings.api_keys else []
    refusals = (401,) if settings.api_keys else ()
    for module, errors in (
        (ask, (400, 404, 413, 429, 503)),
        (search, (400, 404, 413, 429, 503)),
        (documents, (404, 429, 503)),
    ):
        app.include_router(
            module.router, dependencies=guarded, responses=error_responses(*refusals, *errors)
        )
    for module in (health, web, admin, library, corpus):
        app.include_router(module.router)
    install_middleware(app, settings)
    install_metrics(app, metrics, guarded)
    return app


app = create_app()
