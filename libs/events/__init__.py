"""jingkang_events: an append-only event store with a hash chain and a gap-free global feed.

Runs on PostgreSQL (asyncpg) and SQLite (aiosqlite).  Knows nothing of referrals or
institutions; the services build on it.  See docs/event-store.md.
"""

from ._chain import GENESIS_HASH, canonical_json
from ._consumer import ConsumerStatus, CursorMovedError, FeedConsumer, StuckEvent
from ._db import Connection, Database, UniqueViolation, connect
from ._errors import (
    ConcurrencyError,
    EventIdConflictError,
    EventStoreError,
    InvalidCursorError,
    StoreMisconfiguredError,
    UnknownEventTypeError,
)
from ._feed_api import FeedPageOut, PageView, feed_router
from ._model import (
    AppendResult,
    FeedCursor,
    FeedEntry,
    FeedHead,
    FeedPage,
    Metadata,
    NewEvent,
    RecordedEvent,
    VerifyResult,
)
from ._schema import EventTables, add_event_tables
from ._store import EventStore
from ._types import EventTypes, Upcaster

__all__ = [
    "GENESIS_HASH",
    "AppendResult",
    "ConcurrencyError",
    "Connection",
    "ConsumerStatus",
    "CursorMovedError",
    "Database",
    "EventIdConflictError",
    "EventStore",
    "EventStoreError",
    "EventTables",
    "EventTypes",
    "FeedConsumer",
    "FeedCursor",
    "FeedEntry",
    "FeedHead",
    "FeedPage",
    "FeedPageOut",
    "InvalidCursorError",
    "Metadata",
    "NewEvent",
    "PageView",
    "RecordedEvent",
    "StoreMisconfiguredError",
    "StuckEvent",
    "UniqueViolation",
    "UnknownEventTypeError",
    "Upcaster",
    "VerifyResult",
    "add_event_tables",
    "canonical_json",
    "connect",
    "feed_router",
]
