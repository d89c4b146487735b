"""How uvicorn runs the app: its log lines and idle-connection timeout."""

from typing import Any

from app.config import Settings
from app.logs import uvicorn_log_config


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Return the keyword arguments `uvicorn.run` serves the app with.

    The HTTP parser stays uvicorn's default (httptools). It does not bound the size of a
    request head (a 20 MB header was read in our tests); h11 does, but under 32 concurrent
    clients it reset about one connection in 3,000, so put a reverse proxy in front of a
    service exposed beyond a trusted network.
    """
    return {
        "log_config": uvicorn_log_config(settings.log_level, settings.log_format),
        "access_log": False,  # the app logs each request itself, with its id
        "timeout_keep_alive": settings.timeout_keep_alive,
    }
