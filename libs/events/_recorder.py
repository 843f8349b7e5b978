"""What differs between the engines, behind one protocol: how a batch is appended (and
sealed), and which statements read the feed.  ``EventStore`` keeps the rules (checks, hash
chain, head cache, wake-ups) and picks one recorder at construction: the engine's SQL
lives in ``_recorder_pg.py`` and ``_recorder_sqlite.py`` and nowhere else in the store."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Any, Protocol

from ._db import Connection, Database
from ._ledger_key import LedgerKey
from ._model import AppendResult, NewEvent, RowWrite
from ._types import EventTypes


class StoreRules(Protocol):
    """What a recorder takes from the store: its database and types, its ledger key, the
    head cache, and the steps after a write (``EventStore`` is the one implementation)."""

    db: Database
    types: EventTypes
    ledger_key: LedgerKey | None
    _heads: OrderedDict[str, tuple[int, str]]

    def _remember_head(self, stream_id: str, version: int, hash_: str) -> None: ...

    def _after_write(self, conn: Connection, *, own: bool) -> None: ...

    def _use(self, conn: Connection | None, *,
             write: bool = False) -> AbstractAsyncContextManager[Connection]: ...


class Recorder(Protocol):
    feed: str  # a page of the feed as stored rows
    served_feed: str  # the same page as the feed serves it
    remaining: str  # how many servable events follow a cursor (counted up to a bound)
    feed_head: str  # the newest servable event
    served_row: Callable[..., Any]  # a row of ``served_feed`` as a FeedEntry
    # Whether an append in the store's own transaction has committed when it returns (its
    # last statement carries the COMMIT), rather than when the transaction block ends.
    own_append_commits: bool

    async def append(self, store: StoreRules, stream_id: str, stream_type: str,
                     expected: int, events: Sequence[NewEvent], conn: Connection | None,
                     when: datetime, row_write: RowWrite | None = None) -> AppendResult: ...

    def time_param(self, moment: datetime) -> Any:
        """A time as this engine's statements take it."""
        ...

    async def restored_elsewhere(self, conn: Connection) -> bool:
        """Whether the stored transaction ids run ahead of this database's (a restore into
        another cluster), which would hide new events behind old ones in the feed."""
        ...

    async def has_unsettled(self, db: Database) -> bool:
        """Committed rows held back from the feed behind an open transaction."""
        ...
