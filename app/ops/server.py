"""How uvicorn runs the app: JSON logs, connection timeouts, bounded request heads."""

from typing import Any

from app.config import Settings
from app.logs import uvicorn_log_config

# h11 refuses a request head that keeps growing past this many bytes; httptools, uvicorn's
# default parser, accepted a 20 MB header in our tests.
MAX_REQUEST_HEAD_BYTES = 64 * 1024


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Return the keyword arguments `uvicorn.run` serves the app with."""
    return {
        "log_config": uvicorn_log_config(settings.log_level),
        "access_log": False,  # the app logs each request as JSON, with its id
        "timeout_keep_alive": settings.timeout_keep_alive,
        "http": "h11",
        "h11_max_incomplete_event_size": MAX_REQUEST_HEAD_BYTES,
    }
