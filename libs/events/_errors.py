"""Every exception the event store raises, in one tree.

    EventStoreError
    ├── ConcurrencyError        the stream is not at the expected version; nothing was written
    ├── EventIdConflictError    some (not all) event ids of a batch are already stored elsewhere
    ├── UnknownEventTypeError   stored events whose type or schema version no code knows
    ├── InvalidCursorError      a feed cursor that this store did not issue
    ├── StoreMisconfiguredError the database cannot serve a safe feed (see the message)
    └── DatabaseUnavailable     the database cannot be reached now; retrying later may succeed
"""

from __future__ import annotations


class EventStoreError(Exception):
    """Base class of every error raised by ``jingkang_events``."""


class ConcurrencyError(EventStoreError):
    """The stream moved on since the caller read it; the append wrote nothing."""

    def __init__(self, stream_id: str, expected_version: int, actual_version: int | None) -> None:
        self.stream_id = stream_id
        self.expected_version = expected_version
        self.actual_version = actual_version
        actual = "unknown" if actual_version is None else str(actual_version)
        super().__init__(
            f"stream {stream_id!r} expected at version {expected_version}, found {actual}"
        )


class EventIdConflictError(EventStoreError):
    """Part of a batch reuses event ids that are stored already: a caller bug, not a retry."""

    def __init__(self, stream_id: str, event_ids: list[str]) -> None:
        self.stream_id = stream_id
        self.event_ids = event_ids
        super().__init__(f"event ids already stored, batch for {stream_id!r} refused: {event_ids}")


class UnknownEventTypeError(EventStoreError):
    """The store holds events that the registered event types cannot read."""

    def __init__(self, unknown: list[tuple[str, int]]) -> None:
        self.unknown = unknown
        listed = ", ".join(f"{t} v{v}" for t, v in unknown)
        super().__init__(f"stored events that no registered type or upcaster can read: {listed}")


class InvalidCursorError(EventStoreError, ValueError):
    """A feed cursor that is malformed."""


class StoreMisconfiguredError(EventStoreError):
    """The database is in a state where the store refuses to run rather than risk the feed."""


class DatabaseUnavailable(EventStoreError):
    """The database refused or lost the connection (an outage, a restart, a failover): the
    statement may or may not have run, as with any lost connection, and a later try may
    succeed.  The connection it failed on is discarded, never reused."""
