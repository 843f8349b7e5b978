"""The event store: append with optimistic concurrency, read streams, serve the global feed.

``EventStore`` holds the rules every engine shares — the checks on what is appended, the hash
chain (``_batch.py``), the head cache, wake-ups — and delegates the engine's SQL to one
recorder (``_recorder_pg.py``, ``_recorder_sqlite.py``).  Serving the feed (read-ahead, long
polls) is ``_feed_serving.py``; checking a stream is ``_verify.py``."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from . import _sql as sql
from ._db import Connection, Database
from ._errors import StoreMisconfiguredError
from ._feed_serving import FeedServing
from ._ledger_key import LedgerKey
from ._model import AppendResult, FeedCursor, FeedEntry, FeedHead, FeedPage, NewEvent, RowWrite
from ._model import RecordedEvent, VerifyResult
from ._recorder import Recorder
from ._recorder_pg import PostgresRecorder
from ._recorder_sqlite import SqliteRecorder
from ._rows import as_datetime, to_recorded
from ._types import EventTypes
from ._verify import verify_stream
from ._wakeup import PgNotifier, Wakeup

Clock = Callable[[], datetime]


class EventStore:
    """One database's append-only ``events`` table.

    ``conn`` arguments let a caller run an append or a read inside its own transaction (for
    example together with the rows of an inline projection); without one the store uses a
    connection of its own.

    With a ``ledger_key`` every appended event is sealed (``event_seals``, in the same
    transaction) and ``verify_stream`` checks the seals; without one events are stored unsealed
    (tools and tests; the services always pass their key).
    """

    def __init__(self, db: Database, types: EventTypes, *, clock: Clock | None = None,
                 poll_interval: float = 0.5, head_cache_size: int = 10_000,
                 ledger_key: LedgerKey | None = None) -> None:
        self.db = db
        self.types = types
        self.ledger_key = ledger_key
        self.wakeup = Wakeup()
        self.poll_interval = poll_interval
        self._clock = clock or (lambda: datetime.now(UTC))
        # Last (version, hash) seen per stream: lets an append skip reading the head.  It is
        # only a guess: the append statement checks it, so a stale entry costs a retry.
        self._heads: OrderedDict[str, tuple[int, str]] = OrderedDict()
        self._head_cache_size = head_cache_size
        postgres = db.dialect == "postgresql"  # the one choice of engine the store makes
        self.recorder: Recorder = PostgresRecorder() if postgres else SqliteRecorder()
        self._notifier = PgNotifier(db.dsn, self.wakeup) if postgres else None
        self.serving = FeedServing(self)

    # --- lifecycle --------------------------------------------------------------------

    async def start(self) -> None:
        """Refuse to run on a store we cannot read or serve safely; start wake-ups."""
        async with self.db.connection() as conn:
            stored = [(r[0], r[1]) for r in await conn.fetch(sql.STORED_TYPES)]
            self.types.check_readable(stored)
            if await self.recorder.restored_elsewhere(conn):
                raise StoreMisconfiguredError(
                    "events.tx_id holds transaction ids at or beyond this cluster's next one "
                    "(restored into another cluster?); see docs/event-store.md, Restores")
        if self._notifier:
            self._notifier.start()

    async def stop(self) -> None:
        self.serving.drop_reads_ahead()
        if self._notifier:
            await self._notifier.stop()

    @property
    def notifications_connected(self) -> bool | None:
        return None if self._notifier is None else self._notifier.connected

    # --- append -----------------------------------------------------------------------

    async def append(self, stream_id: str, stream_type: str, expected_version: int,
                     events: Sequence[NewEvent], *, conn: Connection | None = None,
                     recorded_at: datetime | None = None,
                     row: tuple[str, Sequence[Any], str] | None = None) -> AppendResult:
        """Append ``events`` after ``expected_version`` (0 for a new stream), all or nothing.

        ``recorded_at`` (default: the store's clock) lets a caller that has already folded the
        events into a read model stamp them with the very time it used.

        ``row`` (in the caller's transaction only), ``(into, values, tail)`` as ``RowWrite``
        describes: a read-model row written with the events, by the same statement where the
        engine allows.

        Raises ``ConcurrencyError`` when the stream is elsewhere (nothing written; inside a
        caller's transaction, that transaction must be rolled back).  A batch whose event ids
        are all stored already is a retry: nothing is written and the stored events return.
        """
        if not events:
            raise ValueError("append needs at least one event")
        if expected_version < 0:
            raise ValueError("expected_version must be 0 or more")
        for event in events:
            if event.schema_version != self.types.current_version(event.type):
                raise ValueError(f"{event.type} must be written at schema version "
                                 f"{self.types.current_version(event.type)}")
        when = recorded_at or self._clock()
        if when.tzinfo is None:
            raise ValueError("recorded_at needs a time zone")
        if row is not None and conn is None:
            raise ValueError("a row is written with the events only in the caller's transaction")
        return await self.recorder.append(self, stream_id, stream_type, expected_version,
                                          events, conn, when,
                                          None if row is None else RowWrite(*row))

    def _after_write(self, conn: Connection, *, own: bool) -> None:
        if own and self.recorder.own_append_commits:
            self._committed()  # our single statement has committed already
        else:
            conn.after_commit(self._committed)

    def _committed(self) -> None:
        self.wakeup.poke()
        if self._notifier:
            self._notifier.committed()

    def _remember_head(self, stream_id: str, version: int, hash_: str) -> None:
        self._heads[stream_id] = (version, hash_)
        self._heads.move_to_end(stream_id)
        if len(self._heads) > self._head_cache_size:
            self._heads.popitem(last=False)

    @asynccontextmanager
    async def _use(self, conn: Connection | None, *, write: bool = False):
        if conn is not None:
            yield conn
        elif write:
            async with self.db.transaction() as own:
                yield own
        else:
            async with self.db.connection() as own:
                yield own

    # --- reads ------------------------------------------------------------------------

    async def read_stream(self, stream_id: str, *, to_version: int | None = None,
                          as_of: datetime | None = None,
                          conn: Connection | None = None) -> list[RecordedEvent]:
        """The stream's events in order: all, up to ``to_version``, or recorded by ``as_of``."""
        if to_version is not None:
            query, args = sql.STREAM_TO_VERSION, (stream_id, to_version)
        elif as_of is not None:
            query, args = sql.STREAM_AS_OF, (stream_id, self.recorder.time_param(as_of))
        else:
            query, args = sql.STREAM, (stream_id,)
        async with self._use(conn) as c:
            rows = await c.fetch(query, *args)
        events = [to_recorded(r, self.types) for r in rows]
        if events and to_version is None and as_of is None:
            self._remember_head(stream_id, events[-1].version, events[-1].hash)
        return events

    async def read_feed(self, after: FeedCursor, limit: int = 100) -> FeedPage[RecordedEvent]:
        """Up to ``limit`` events after ``after`` in feed order, and the feed's head."""
        return await self._read_feed(after, limit, self.recorder.feed, to_recorded)

    async def read_served_feed(self, after: FeedCursor, limit: int = 100) -> FeedPage[FeedEntry]:
        """The same page as ``read_feed``, each event in the form the feed serves (its JSON
        as UTF-8; on PostgreSQL the database writes it).

        After a full page the next one is read ahead, so a reader catching up finds it read
        when it asks (the page is served, and the next read, while this one is sent and
        applied).  A page read ahead is a valid answer later too: the feed's order never
        changes once served, and what becomes servable meanwhile sorts after it."""
        return await self.serving.read_served_feed(after, limit)

    async def _read_feed(self, after: FeedCursor, limit: int, query: str,
                         convert: Callable[[Any, EventTypes], Any]) -> FeedPage[Any]:
        async with self.db.connection() as c:
            rows = await c.fetch(query, after.tx_id, after.position, limit)
            head = await self._head(c)
            next_cursor = FeedCursor(rows[-1]["tx_id"], rows[-1]["position"]) if rows else after
            remaining = 0
            if len(rows) == limit:  # a short page reached the end of what is servable
                remaining = await c.fetchval(self.recorder.remaining, next_cursor.tx_id,
                                             next_cursor.position)
        events = tuple(convert(r, self.types) for r in rows)
        return FeedPage(events, next_cursor, head, remaining)

    async def head(self) -> FeedHead | None:
        """The newest event the feed serves now, if any."""
        async with self.db.connection() as c:
            return await self._head(c)

    async def _head(self, c: Connection) -> FeedHead | None:
        row = await c.fetchrow(self.recorder.feed_head)
        if row is None:
            return None
        return FeedHead(FeedCursor(row["tx_id"], row["position"]), row["position"],
                        as_datetime(row["recorded_at"]))

    async def wait_for_feed(self, after: FeedCursor, limit: int, wait: float, *,
                            served: bool = False) -> FeedPage[Any]:
        """Like ``read_feed`` (``read_served_feed`` if ``served``), but holds up to ``wait``
        seconds for an event to arrive."""
        return await self.serving.wait_for_feed(after, limit, wait, served=served)

    def end_waits(self) -> None:
        """The server is stopping: held feed calls answer now with what they have (an empty
        page, 200) instead of holding the shutdown for their full wait."""
        self.serving.end_waits()

    # --- integrity --------------------------------------------------------------------

    async def stream_ids(self) -> list[str]:
        """Every stream stored, in order: what a whole-store verification walks."""
        async with self.db.connection() as c:
            return [row[0] for row in await c.fetch(sql.STREAM_IDS)]

    async def verify_stream(self, stream_id: str) -> VerifyResult:
        """Recompute the stream's hash chain from the stored bytes and, with the ledger key,
        check each event's seal and that no sealed event of the stream is missing; name the
        first bad event."""
        return await verify_stream(self.db, stream_id, self.ledger_key)
