"""The chat page and its static assets, served from app/web with a strict Content-Security-Policy."""

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

WEB_DIR = Path(__file__).resolve().parent.parent / "web"

# Only our own origin: no inline script or style, no third-party fetches, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
    "object-src 'none'"
)

# A fixed list rather than a folder mount: nothing else under app/ can be reached by name.
ASSETS = {
    "app.js": "text/javascript",
    "api.js": "text/javascript",
    "cards.js": "text/javascript",
    "corpus.js": "text/javascript",
    "elements.js": "text/javascript",
    "auth.js": "text/javascript",
    "library.js": "text/javascript",
    "library.css": "text/css",
    "style.css": "text/css",
}

router = APIRouter(include_in_schema=False)


def _file(name: str, media_type: str) -> FileResponse:
    # no-cache still lets the browser reuse its copy after a cheap ETag check, and an
    # upgraded server never runs a stale app.js against a changed API.
    headers = {"Content-Security-Policy": CONTENT_SECURITY_POLICY, "Cache-Control": "no-cache"}
    return FileResponse(WEB_DIR / name, media_type=media_type, headers=headers)


@router.api_route("/", methods=["GET", "HEAD"])
def chat_page() -> FileResponse:
    """Serve the chat page."""
    return _file("index.html", "text/html")


@router.api_route("/static/{name}", methods=["GET", "HEAD"])
def asset(name: str) -> FileResponse:
    """Serve one of the page's scripts or style sheets."""
    media_type = ASSETS.get(name)
    if media_type is None:
        raise HTTPException(status_code=404, detail=f"No asset named {name!r}.")
    return _file(name, media_type)
