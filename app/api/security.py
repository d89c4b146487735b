"""API keys: the admin key for /admin, and the optional keys for the public API."""

import hmac
from collections.abc import Iterable
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

from app.config import Settings

# Either header carries a key; auto_error is off so that a missing key gets our own message.
_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key.")
_bearer = HTTPBearer(auto_error=False, description="An API key as a bearer token.")


def presented_key(
    api_key: Annotated[str | None, Depends(_api_key_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str | None:
    """Return the key sent in `X-API-Key` or `Authorization: Bearer`, if any."""
    return api_key or (bearer.credentials if bearer else None)


def key_matches(presented: str, keys: Iterable[SecretStr]) -> bool:
    """Compare `presented` with every key in constant time, so timing tells nothing about them."""
    found = False
    for key in keys:
        found |= hmac.compare_digest(presented.encode(), key.get_secret_value().encode())
    return found


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": 'Bearer realm="docqa"'})


def require_admin(
    request: Request, presented: Annotated[str | None, Depends(presented_key)]
) -> None:
    """Let the request through only with the admin key; refuse every call while none is set."""
    settings: Settings = request.state.settings
    if settings.admin_key is None:
        raise HTTPException(
            403, "Admin endpoints are disabled: set DOCQA_ADMIN_KEY to enable them."
        )
    if presented is None:
        raise _unauthorized(
            "This endpoint needs the admin key in X-API-Key or Authorization: Bearer."
        )
    if not key_matches(presented, [settings.admin_key]):
        raise _unauthorized("The admin key is not valid.")


def require_api_key(
    request: Request, presented: Annotated[str | None, Depends(presented_key)]
) -> None:
    """Let the request through when the API is open or a valid key (or the admin key) is sent."""
    settings: Settings = request.state.settings
    if not settings.api_keys:
        return
    if presented is None:
        raise _unauthorized("This API needs a key in X-API-Key or Authorization: Bearer.")
    keys = [*settings.api_keys, *([settings.admin_key] if settings.admin_key else [])]
    if not key_matches(presented, keys):
        raise _unauthorized("The API key is not valid.")
