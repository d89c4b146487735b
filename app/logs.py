"""Structured logs: one JSON object per line, each tagged with the request it belongs to."""

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

# Set by the request middleware; every record logged while serving a request carries it,
# including records from route code that runs in the threadpool (anyio copies the context).
request_id: ContextVar[str] = ContextVar("request_id", default="")

# Attributes every LogRecord has; anything else was passed through `extra=` and is kept.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON line: time, level, logger, message, request_id and extras."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as a JSON object on one line."""
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = request_id.get()
        if current:
            entry["request_id"] = current
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str = "INFO") -> None:
    """Send JSON lines to stderr, unless the process has configured logging already.

    Like `logging.basicConfig`, this leaves a root logger that has handlers alone: `docqa
    serve` configures it through uvicorn's `log_config`, and pytest's log capture owns it
    during tests.
    """
    logging.getLogger("app").setLevel(level.upper())
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)


def uvicorn_log_config(level: str = "INFO") -> dict[str, Any]:
    """Return a `logging.config.dictConfig` for uvicorn that writes everything as JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["stderr"], "level": "WARNING"},
        "loggers": {
            "app": {"level": level.upper()},
            "uvicorn": {"level": level.upper()},
            # The app logs each request itself, with its id and duration.
            "uvicorn.access": {"level": "WARNING"},
        },
    }
