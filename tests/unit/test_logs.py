"""Log lines: readable at a terminal, JSON elsewhere, forced by a setting; no escape codes."""

import io
import json
import logging
import logging.config

import pytest

from app.logs import (
    HumanFormatter,
    JsonFormatter,
    configure_logging,
    formatter_for,
    request_id,
    uvicorn_log_config,
)


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _access_record() -> logging.LogRecord:
    record = logging.LogRecord(
        "app.access", logging.INFO, "", 0, "%s %s %s", ("GET", "/ask", 200), None
    )
    record.method, record.path, record.status, record.duration_ms = "GET", "/ask", 200, 12.5
    record.color_message = "\x1b[36mGET\x1b[0m"
    return record


@pytest.mark.parametrize(
    ("log_format", "stream", "expected"),
    [
        ("auto", Terminal(), HumanFormatter),
        ("auto", io.StringIO(), JsonFormatter),
        ("json", Terminal(), JsonFormatter),
        ("human", io.StringIO(), HumanFormatter),
    ],
)
def test_the_format_follows_the_setting_and_the_stream(
    log_format: str, stream: io.StringIO, expected: type
) -> None:
    assert isinstance(formatter_for(log_format, stream), expected)  # type: ignore[arg-type]


def test_a_human_line_reads_as_a_sentence_with_its_extras() -> None:
    token = request_id.set("a64f8b879b9b46a6aef226da8ee273a1")
    try:
        line = HumanFormatter().format(_access_record())
    finally:
        request_id.reset(token)
    assert line.endswith("INFO    GET /ask 200  duration_ms=12.5  [a64f8b87]")
    assert "{" not in line and "\x1b" not in line


def test_a_json_line_carries_no_terminal_escape_codes() -> None:
    entry = json.loads(JsonFormatter().format(_access_record()))
    assert entry["message"] == "GET /ask 200"
    assert entry["duration_ms"] == 12.5
    assert "color_message" not in entry


def test_uvicorn_config_writes_uvicorn_lines_in_the_chosen_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    root, names = logging.getLogger(), ("app", "uvicorn", "uvicorn.access", "uvicorn.error")
    saved = (root.handlers[:], root.level, {n: logging.getLogger(n).level for n in names})
    logging.config.dictConfig(uvicorn_log_config("INFO", "human"))
    try:
        logging.getLogger("uvicorn.error").info("Started server process [%d]", 42)
    finally:
        root.handlers[:], root.level = saved[0], saved[1]
        for name, level in saved[2].items():
            logging.getLogger(name).setLevel(level)
    assert "INFO    Started server process [42]" in capsys.readouterr().err


def test_uvicorn_access_lines_are_silenced_so_each_request_is_logged_once() -> None:
    access = logging.getLogger("uvicorn.access")
    level = access.level
    access.setLevel(logging.INFO)  # as plain `uvicorn app.main:app` configures it
    try:
        configure_logging("INFO", "json")
        assert not access.isEnabledFor(logging.INFO)
    finally:
        access.setLevel(level)
