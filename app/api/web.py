"""The chat page and its static assets, served from app/web."""

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

WEB_DIR = Path(__file__).resolve().parent.parent / "web"

router = APIRouter(include_in_schema=False)


@router.get("/")
def chat_page() -> FileResponse:
    """Serve the chat page."""
    return FileResponse(WEB_DIR / "index.html", media_type="text/html")
