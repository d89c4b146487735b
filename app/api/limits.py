"""Limits that keep one client from starving the others: request rate, body size, time per answer."""

import asyncio
import logging
import math
import time
from collections.abc import Iterable

from fastapi import HTTPException
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("app")

# Probes and scrapes come from infrastructure on a schedule and must never be refused.
UNLIMITED_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


class RateLimit:
    """Answer 429 with Retry-After once a client (by address) exceeds its budget across the API.

    One budget per client for all routes together, in a moving window (the `limits` library,
    which slowapi also builds on): slowapi's middleware keeps a separate budget per URL, so
    a client could spread its calls over `/passages/{id}` to get around it. Behind a reverse
    proxy, run uvicorn with `--forwarded-allow-ips` so the client address is the caller's.
    """

    def __init__(self, app: ASGIApp, rate: str) -> None:
        self.app = app
        self.items: list[RateLimitItem] = parse_many(rate) if rate else []
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Count the request against its client's budget, or refuse it."""
        if scope["type"] != "http" or not self.items or scope["path"] in UNLIMITED_PATHS:
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        for item in self.items:
            if not self.limiter.hit(item, client):
                reset = self.limiter.get_window_stats(item, client).reset_time
                retry = max(1, math.ceil(reset - time.time()))
                logger.warning("Rate limit %s reached by client %s", item, client)
                detail = f"Too many requests: the limit is {item} per client. Retry in {retry} s."
                response = JSONResponse(
                    {"detail": detail}, status_code=429, headers={"Retry-After": str(retry)}
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class BodyTooLargeError(HTTPException):
    """A request body went past the size limit (413); raised while the body is being read."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"The request body is larger than the limit of {max_bytes} bytes.")


class BodyLimit:
    """Refuse bodies over `max_bytes` with 413, counting chunks as they arrive.

    A declared Content-Length over the limit is refused before anything is read; a chunked
    body is cut off at the first chunk past it, so memory never holds more than the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, larger: dict[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # Paths (by prefix) that take larger bodies: document uploads.
        self.larger = larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared length, then pass the request on with a counting `receive`."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = next(
            (size for prefix, size in self.larger.items() if scope["path"].startswith(prefix)),
            self.max_bytes,
        )
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, receive, send, limit)
            return
        received = 0

        async def counting() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # FastAPI re-raises HTTPExceptions met while reading a body, and its
                    # exception middleware answers them with {"detail": ...}.
                    raise BodyTooLargeError(limit)
            return message

        await self.app(scope, counting, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        error = BodyTooLargeError(limit)
        # The unread body makes the connection unusable for a next request: close it.
        response = JSONResponse(
            {"detail": error.detail}, status_code=413, headers={"Connection": "close"}
        )
        await response(scope, receive, send)


class RequestTimeout:
    """Answer 503 when a request to `paths` takes longer than `seconds`.

    The routes are plain functions in the threadpool, and a thread cannot be stopped: the
    work runs on in the background, but its late answer is dropped and the caller is told
    at once, with Retry-After.
    """

    def __init__(self, app: ASGIApp, seconds: float, paths: Iterable[str]) -> None:
        self.app = app
        self.seconds = seconds
        self.paths = frozenset(paths)
        self._abandoned: set[asyncio.Task[None]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request in a task and stop waiting for it after `seconds`."""
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        started = abandoned = False

        async def guarded(message: Message) -> None:
            nonlocal started
            if abandoned:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded))
        try:
            done, _ = await asyncio.wait({task}, timeout=self.seconds)
        except asyncio.CancelledError:
            task.cancel()
            raise
        if done or started:  # finished, or already answering: let it complete
            await task
            return
        abandoned = True
        self._abandoned.add(task)
        task.add_done_callback(self._forget)
        logger.warning("%s took over %s s; answered 503", scope["path"], self.seconds)
        detail = (
            f"The request took longer than {self.seconds:g} s and was stopped. Try again shortly."
        )
        response = JSONResponse({"detail": detail}, status_code=503, headers={"Retry-After": "5"})
        await response(scope, receive, send)

    def _forget(self, task: asyncio.Task[None]) -> None:
        self._abandoned.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("An abandoned request failed", exc_info=task.exception())
