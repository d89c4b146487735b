"""The middleware stack: security headers, request ids with access logs, CORS and the limits.

Each middleware is plain ASGI, so it wraps every response, the limits' own 413, 429 and
503 answers included, and never buffers a body.
"""

import logging
import re
import time
import uuid

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.limits import BodyLimit, RateLimit, RequestTimeout
from app.config import Settings
from app.logs import request_id

access_logger = logging.getLogger("app.access")
logger = logging.getLogger("app")

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

# Nothing may be loaded, framed or sent along: right for JSON, and a page that needs more
# (the chat page) sets its own policy, which wins.
DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# Swagger UI and ReDoc are served from this app (fastapi-offline, no CDN) but start with an
# inline script.
DOCS_PATHS = frozenset({"/docs", "/redoc", "/docs/oauth2-redirect"})
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


class SecurityHeaders:
    """Add security headers to every response, keeping any a route has set itself."""

    def __init__(self, app: ASGIApp, docs_paths: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.docs_paths = docs_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on and decorate the response start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] in self.docs_paths else DEFAULT_CSP

        async def decorated(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in (*SECURITY_HEADERS.items(), ("Content-Security-Policy", csp)):
                    headers.setdefault(name, value)
                if headers.get("content-type", "").startswith("application/json"):
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, decorated)


class RequestContext:
    """Give each request an id (the caller's, when sane), echo it, and log one JSON line for it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request with its id set, then log method, path, status and duration."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
        # Not reset afterwards: each request runs in its own task, whose context ends with it,
        # and the catch-all error handler, which runs outside this middleware, still logs the id.
        request_id.set(given if _SANE_ID.match(given) else uuid.uuid4().hex)
        started = time.perf_counter()
        status = 0

        async def tagged(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id.get()
            await send(message)

        try:
            await self.app(scope, receive, tagged)
        except Exception:
            if not status:  # nothing sent yet: answer here, so the 500 carries the id too
                error = JSONResponse({"detail": "Internal server error."}, status_code=500)
                await error(scope, receive, tagged)
            raise
        finally:
            access_logger.info(
                "%s %s %s",
                scope["method"],
                scope["path"],
                status or 500,
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status or 500,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    "client": (scope.get("client") or ("", 0))[0],
                },
            )


def install_middleware(app: FastAPI, settings: Settings) -> None:
    """Wrap `app` in the stack; the first added is innermost, so the limits sit closest to the routes."""
    app.add_middleware(
        RequestTimeout, seconds=settings.request_timeout, paths=frozenset({"/ask", "/search"})
    )
    # An upload's form fields and multipart framing come on top of the file itself.
    uploads = settings.upload_max_bytes + settings.max_body_bytes
    app.add_middleware(
        BodyLimit, max_bytes=settings.max_body_bytes, larger={"/admin/documents": uploads}
    )
    app.add_middleware(RateLimit, rate=settings.rate_limit)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Content-Type", "Authorization", "X-API-Key", REQUEST_ID_HEADER],
            expose_headers=[REQUEST_ID_HEADER, "Retry-After"],
            max_age=600,
        )
    app.add_middleware(RequestContext)
    app.add_middleware(SecurityHeaders, docs_paths=DOCS_PATHS)
