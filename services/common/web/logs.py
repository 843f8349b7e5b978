"""How both services write their logs: one line per event, with the service's name, the time,
the level and the request's id.

``JINGKANG_LOG_FORMAT=json`` (for a log collector) writes each line as a JSON object;
``console`` (the default, for `make run`, where two services share one terminal) writes
``2026-12-05 13:30:01 referral INFO  message [request id]``.  Feed long-polls, which would be
half of all access lines, are logged at debug."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from jingkang.common.web.request_ids import current_request_id

FEED_PATH = "/v1/events"


class Context(logging.Filter):
    """Adds the service's name and the current request's id to every record."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self.service
        record.request_id = current_request_id.get() or ""
        return True


class FeedPollsAtDebug(logging.Filter):
    """uvicorn's access line of a feed call goes down to debug (and out, unless debug is on)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        if len(args) >= 3 and str(args[2]).startswith(FEED_PATH):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(), "service": getattr(record, "service", ""),
            "logger": record.name, "message": record.getMessage(),
        }
        if getattr(record, "request_id", ""):
            line["request_id"] = record.request_id  # type: ignore[attr-defined]
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class ConsoleLines(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(service)-8s %(levelname)-5s %(message)s",
                         datefmt="%Y-%m-%d %H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        request_id = getattr(record, "request_id", "")
        return f"{text} [{request_id}]" if request_id else text


def log_config(service: str, fmt: str, level: str) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for the service (uvicorn's ``log_config``)."""
    formatter = {"()": JsonLines} if fmt == "json" else {"()": ConsoleLines}
    handler = {"class": "logging.StreamHandler", "formatter": "lines",
               "filters": ["context"], "stream": "ext://sys.stderr"}
    return {
        "version": 1, "disable_existing_loggers": False,
        "filters": {"context": {"()": Context, "service": service},
                    "feed_polls": {"()": FeedPollsAtDebug}},
        "formatters": {"lines": formatter},
        "handlers": {"default": handler,
                     "access": {**handler, "filters": ["context", "feed_polls"]}},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"level": level.upper()},
            "uvicorn.access": {"handlers": ["access"], "level": level.upper(),
                               "propagate": False},
            # The services' own loggers follow the level; libraries say only what is wrong
            # (a driver's debug lines would print statements with their parameters: personal
            # data).
            "jingkang": {"level": level.upper()},
            "jingkang_events": {"level": level.upper()},
        },
        "root": {"handlers": ["default"], "level": "WARNING"},
    }
