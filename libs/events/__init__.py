"""jingkang_events: an append-only event store with a hash chain and a gap-free global feed.

Runs on PostgreSQL (asyncpg) and SQLite (aiosqlite).  Knows nothing of referrals or
institutions; the services build on it.  See docs/event-store.md.
"""

from ._audit import Finding, check_against, check_checkpoints, check_seals, seal_legacy
from ._chain import GENESIS_HASH, canonical_json
from ._consumer import FeedConsumer
from ._consumer_status import ConsumerStatus, CursorMovedError, StuckEvent
from ._connect import connect
from ._db import Connection, Database, UniqueViolation
from ._errors import (
    ConcurrencyError,
    DatabaseUnavailable,
    EventIdConflictError,
    EventStoreError,
    InvalidCursorError,
    StoreMisconfiguredError,
    UnknownEventTypeError,
)
from ._ledger import Checkpoint, InclusionProof, Leaf, Ledger, ProofUnavailable
from ._ledger_api import ledger_router
from ._ledger_key import LedgerKey, PublicKey
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
    "Checkpoint",
    "ConcurrencyError",
    "Connection",
    "ConsumerStatus",
    "CursorMovedError",
    "Database",
    "DatabaseUnavailable",
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
    "Finding",
    "InclusionProof",
    "InvalidCursorError",
    "Leaf",
    "Ledger",
    "LedgerKey",
    "Metadata",
    "NewEvent",
    "PageView",
    "ProofUnavailable",
    "PublicKey",
    "RecordedEvent",
    "StoreMisconfiguredError",
    "StuckEvent",
    "UniqueViolation",
    "UnknownEventTypeError",
    "Upcaster",
    "VerifyResult",
    "add_event_tables",
    "canonical_json",
    "check_against",
    "check_checkpoints",
    "check_seals",
    "connect",
    "feed_router",
    "ledger_router",
    "seal_legacy",
]
