"""Logs for machines and for people: JSON lines, or short readable lines at a terminal.

Each record carries the request it belongs to. `DOCQA_LOG_FORMAT` chooses the form: `auto`
(readable when stderr is a terminal, JSON otherwise), `human` or `json`.
"""

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

LogFormat = Literal["auto", "human", "json"]

# Set by the request middleware; every record logged while serving a request carries it,
# including records from route code that runs in the threadpool (anyio copies the context).
request_id: ContextVar[str] = ContextVar("request_id", default="")

# Attributes every LogRecord has; anything else was passed through `extra=` and is kept.
# uvicorn's `color_message` repeats the message with terminal escape codes: never written.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "color_message",
}
# Already said by an access line's message ("POST /ask 200").
_SAID_BY_ACCESS_MESSAGE = {"method", "path", "status"}


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items() if k not in _STANDARD}


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
        entry.update(_extras(record))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class HumanFormatter(logging.Formatter):
    """Format a record for a person: local time, level, message, extras, short request id."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as one readable line (plus its traceback, if any)."""
        clock = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        extras = {k: v for k, v in _extras(record).items() if k not in _SAID_BY_ACCESS_MESSAGE}
        parts = [f"{clock} {record.levelname:<7} {record.getMessage()}"]
        parts += [f"{key}={value}" for key, value in extras.items()]
        current = request_id.get()
        if current:
            parts.append(f"[{current[:8]}]")
        line = "  ".join(parts)
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def formatter_for(log_format: LogFormat, stream: TextIO) -> logging.Formatter:
    """Return the formatter `log_format` asks for; `auto` is human at a terminal, JSON elsewhere."""
    if log_format == "auto":
        log_format = "human" if stream.isatty() else "json"
    return HumanFormatter() if log_format == "human" else JsonFormatter()


def configure_logging(level: str = "INFO", log_format: LogFormat = "auto") -> None:
    """Send log lines to stderr, unless the process has configured logging already.

    Like `logging.basicConfig`, this leaves a root logger that has handlers alone: `docqa
    serve` configures it through uvicorn's `log_config`, and pytest's log capture owns it
    during tests. uvicorn's own access lines are silenced in every case: the app writes one
    line per request itself, with its id and duration.
    """
    logging.getLogger("app").setLevel(level.upper())
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter_for(log_format, sys.stderr))
    root.addHandler(handler)


def uvicorn_log_config(level: str = "INFO", log_format: LogFormat = "auto") -> dict[str, Any]:
    """Return a `logging.config.dictConfig` for uvicorn that writes every line in one format."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"lines": {"()": lambda: formatter_for(log_format, sys.stderr)}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "lines",
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
