"""What a feed consumer reports about itself (``/readyz``, metrics): where it is, how far
behind, and the event it cannot apply, if any."""

from __future__ import annotations

import time

from dataclasses import dataclass, replace
from datetime import UTC, datetime

import httpx

from ._model import FeedCursor


class CursorMovedError(Exception):
    """Another instance advanced the cursor first; this page was not applied."""


@dataclass(frozen=True)
class StuckEvent:
    """The event a consumer cannot apply.  It is retried with back-off, never skipped: every
    event after it waits.  ``error`` is the error's class only (its message may quote stored
    values); the service's log has the message."""

    cursor: str
    position: int
    stream_id: str
    stream_type: str
    type: str
    error: str
    since: datetime  # the first failed attempt
    attempts: int


@dataclass(frozen=True)
class ConsumerStatus:
    name: str
    source: str
    cursor: str
    position: int
    head_position: int | None
    lag_events: int
    lag_seconds: float
    active: bool
    caught_up: bool
    # The class of the last failure only: the status is served unauthenticated (/readyz), and a
    # database error's message can quote row values.  The log has the message.
    last_error: str | None
    # standby (another instance holds the lock), following (caught up), catching_up,
    # retrying (the last attempt failed: fetching, or applying an event not named yet) or
    # stuck (``stuck`` names the event that fails alone).
    state: str = "following"
    failures: int = 0  # consecutive failed attempts
    stuck: StuckEvent | None = None


class Progress:
    """A consumer's view of its source and of itself, as ``status()`` reports it."""

    def __init__(self) -> None:
        self.source_recorded_at: datetime | None = None  # of the last event applied
        self.head_position: int | None = None
        self.lag_events = 0
        self.lag_seconds = 0.0
        self.caught_up = False
        self.active = False
        self.last_error: str | None = None
        self.failures = 0
        self.stuck: StuckEvent | None = None

    def failed(self, exc: Exception) -> None:
        self.last_error = f"{type(exc).__name__}: {exc}"
        self.failures += 1
        self.caught_up = False  # whatever the last page said, this attempt read nothing new

    def succeeded(self) -> None:
        self.last_error, self.failures = None, 0

    def note_stuck(self, cursor: str, position: int, stream_id: str, stream_type: str,
                   type_: str, exc: Exception) -> None:
        stuck = self.stuck
        if stuck is not None and stuck.position == position:
            self.stuck = replace(stuck, error=type(exc).__name__, attempts=stuck.attempts + 1)
        else:
            self.stuck = StuckEvent(cursor=cursor, position=position, stream_id=stream_id,
                                    stream_type=stream_type, type=type_,
                                    error=type(exc).__name__, since=datetime.now(UTC),
                                    attempts=1)

    def note_head(self, head_position: int | None, head_recorded_at: datetime | None,
                  remaining: int) -> None:
        self.head_position = head_position
        self.lag_events = remaining
        self.caught_up = self.lag_events == 0
        if self.caught_up or head_recorded_at is None or self.source_recorded_at is None:
            self.lag_seconds = 0.0
        else:
            self.lag_seconds = max(0.0, (head_recorded_at
                                         - self.source_recorded_at).total_seconds())

    def status(self, name: str, source: str, cursor: FeedCursor) -> ConsumerStatus:
        if not self.active:
            state = "standby"
        elif self.stuck is not None:
            state = "stuck"
        elif self.failures:
            state = "retrying"
        else:
            state = "following" if self.caught_up else "catching_up"
        return ConsumerStatus(
            name=name, source=source, cursor=str(cursor), position=cursor.position,
            head_position=self.head_position, lag_events=self.lag_events,
            lag_seconds=self.lag_seconds, active=self.active, caught_up=self.caught_up,
            last_error=self.last_error and self.last_error.split(":", 1)[0], state=state,
            failures=self.failures, stuck=self.stuck)


class StartupGrace:
    """Services start side by side: until the source has answered once, and for this long,
    not reaching it is expected (the peer is still starting) and logged at debug only."""

    def __init__(self, seconds: float) -> None:
        self.seconds, self.started, self.reached = seconds, time.monotonic(), False

    def quiet(self, exc: Exception) -> bool:
        return (not self.reached and isinstance(exc, httpx.TransportError)
                and time.monotonic() - self.started < self.seconds)
