"""Map domain errors to HTTP answers in one place; never leak a traceback."""

import logging

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.errors import (
    DocQAError,
    IndexUnavailableError,
    RefusedUploadError,
    UnknownDocumentError,
)

logger = logging.getLogger("app")

_STATUS: dict[type[DocQAError], int] = {UnknownDocumentError: 404, IndexUnavailableError: 503}


def install_handlers(app: FastAPI) -> None:
    """Register the error handlers on `app`."""

    @app.exception_handler(DocQAError)
    async def domain_error(_: Request, exc: DocQAError) -> JSONResponse:
        status = next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 400)
        if isinstance(exc, RefusedUploadError):
            status = exc.status
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405:
            # Starlette names only the first route's methods when several share a path
            # (PUT and DELETE /admin/documents/{id}); Allow must list them all.
            exc.headers = {**(exc.headers or {}), "Allow": _allowed(request)}
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = jsonable_encoder(exc.errors())
        try:
            return JSONResponse({"detail": errors}, status_code=422)
        except ValueError:  # an echoed input (NaN, a lone surrogate) cannot be written as JSON
            bare = [{k: v for k, v in e.items() if k not in ("input", "ctx")} for e in errors]
            return JSONResponse({"detail": bare}, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("Unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse({"detail": "Internal server error."}, status_code=500)


def _allowed(request: Request) -> str:
    """Return every method some route of the app accepts at the request's path."""
    methods: set[str] = set()
    for route in request.app.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match != Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return ", ".join(sorted(methods))
