"""The event store: append with optimistic concurrency, read streams, serve the global feed."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from . import _sql as sql
from ._chain import GENESIS_HASH, canonical_json, chain_hash, format_time
from ._db import Connection, Database, PostgresDatabase, UniqueViolation
from ._errors import ConcurrencyError, EventIdConflictError, StoreMisconfiguredError
from ._ledger_key import LedgerKey
from ._model import (
    AppendResult, FeedCursor, FeedEntry, FeedHead, FeedPage, NewEvent, RecordedEvent,
    VerifyResult,
)
from ._rows import (
    as_datetime, as_uuid, recompute_hash, to_entry, to_recorded, to_served_entry,
)
from ._types import EventTypes
from ._wakeup import PgNotifier, Wakeup

Clock = Callable[[], datetime]

# A reader catching up asks for the page after a full one within moments; a page read ahead
# for it is served only this fresh (its head and remaining are as of when it was read).
READ_AHEAD_SECONDS = 2.0
READS_AHEAD = 8  # readers followed at once; the oldest read ahead is dropped beyond that


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A batch with versions, canonical JSON and chain hashes computed, ready to insert."""

    stream_id: str
    stream_type: str
    expected_version: int
    prev_hash: str
    recorded_at: datetime
    event_ids: list[str]
    versions: list[int]
    types: list[str]
    schema_versions: list[int]
    data: list[str]
    metadata: list[str]
    prev_hashes: list[str]
    hashes: list[str]


class _StoredMeanwhile(Exception):
    """An event id of the batch collided inside the store's own transaction: once it has
    rolled back, the stored events are read to tell a concurrent retry from a conflict."""


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
        self._waits_ended = False
        self.poll_interval = poll_interval
        self._clock = clock or (lambda: datetime.now(UTC))
        # Last (version, hash) seen per stream: lets an append skip reading the head.  It is
        # only a guess: the append statement checks it, so a stale entry costs a retry.
        self._heads: OrderedDict[str, tuple[int, str]] = OrderedDict()
        self._head_cache_size = head_cache_size
        self._notifier = (
            PgNotifier(db.dsn, self.wakeup) if isinstance(db, PostgresDatabase) else None
        )
        # Served pages read ahead, by the (after, limit) that will ask for them
        self._ahead: OrderedDict[tuple[FeedCursor, int],
                                 tuple[float, asyncio.Task[FeedPage[FeedEntry]]]] = OrderedDict()

    # --- lifecycle --------------------------------------------------------------------

    async def start(self) -> None:
        """Refuse to run on a store we cannot read or serve safely; start wake-ups."""
        async with self.db.connection() as conn:
            stored = [(r[0], r[1]) for r in await conn.fetch(sql.STORED_TYPES)]
            self.types.check_readable(stored)
            if self.db.dialect == "postgresql" and await conn.fetchval(sql.PG_TX_IDS_AHEAD):
                raise StoreMisconfiguredError(
                    "events.tx_id holds transaction ids at or beyond this cluster's next one "
                    "(restored into another cluster?); see docs/event-store.md, Restores")
        if self._notifier:
            self._notifier.start()

    async def stop(self) -> None:
        self._drop_reads_ahead()
        if self._notifier:
            await self._notifier.stop()

    @property
    def notifications_connected(self) -> bool | None:
        return None if self._notifier is None else self._notifier.connected

    # --- append -----------------------------------------------------------------------

    async def append(self, stream_id: str, stream_type: str, expected_version: int,
                     events: Sequence[NewEvent], *, conn: Connection | None = None,
                     recorded_at: datetime | None = None) -> AppendResult:
        """Append ``events`` after ``expected_version`` (0 for a new stream), all or nothing.

        ``recorded_at`` (default: the store's clock) lets a caller that has already folded the
        events into a read model stamp them with the very time it used.

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
        if self.db.dialect == "postgresql":
            return await self._append_pg(stream_id, stream_type, expected_version, events, conn,
                                         when)
        return await self._append_sqlite(stream_id, stream_type, expected_version, events, conn,
                                         when)

    async def _append_pg(self, stream_id: str, stream_type: str, expected: int,
                         events: Sequence[NewEvent], conn: Connection | None,
                         when: datetime) -> AppendResult:
        if conn is not None or self.ledger_key is None:
            async with self._use(conn) as c:
                return await self._append_pg_on(c, stream_id, stream_type, expected, events,
                                                when, own=conn is None)
        # Events and their seals commit together: the store's own append is a transaction,
        # committed by the statement that writes the seals.
        try:
            async with self.db.begun() as c:
                return await self._append_pg_on(c, stream_id, stream_type, expected, events,
                                                when, own=True, collision=_StoredMeanwhile)
        except _StoredMeanwhile as exc:
            async with self.db.connection() as c:
                stored = await c.fetch(sql.PG_BY_IDS, [e.event_id for e in events])
            if stored:
                return self._retry_result(stream_id, events, stored)
            raise ConcurrencyError(stream_id, expected, None) from exc.__cause__

    async def _append_pg_on(self, c: Connection, stream_id: str, stream_type: str,
                            expected: int, events: Sequence[NewEvent], when: datetime, *,
                            own: bool, collision: type[Exception] | None = None
                            ) -> AppendResult:
        """The append on ``c``; with ``collision`` set, ``c`` is the store's own transaction
        (``db.begun()``), which the seals' statement commits."""
        cached = self._heads.get(stream_id)
        prev_hash = GENESIS_HASH if expected == 0 else (
            cached[1] if cached and cached[0] == expected else None)
        for _attempt in range(2):
            if prev_hash is None:
                head = await self._pg_read_head(c, stream_id, expected, events)
                if isinstance(head, AppendResult):
                    return head
                prev_hash = head
            batch = self._prepare(stream_id, stream_type, expected, prev_hash, events, when)
            try:
                rows = await c.fetch(*self._pg_append_args(batch))
            except UniqueViolation as exc:
                if collision is not None and "uq_events_event_id" in exc.detail:
                    self._heads.pop(stream_id, None)
                    raise collision() from exc
                return await self._pg_unique_violation(c, exc, batch, events, own=own)
            if rows:
                break
            # The WHERE clause refused: a stale head guess, a wrong version or a retry.
            prev_hash = None
        else:
            raise ConcurrencyError(stream_id, expected, None)
        await self._seal_pg(c, batch, rows, commit=collision is not None)
        self._after_write(c, own=own)
        return self._result(batch, rows, events)

    async def _seal_pg(self, c: Connection, b: _Prepared, rows: Sequence[Any], *,
                       commit: bool) -> None:
        key = self.ledger_key
        if key is None:
            return
        positions = [int(r["position"]) for r in rows]
        tx_ids = [int(r["tx_id"]) for r in rows]
        seals = [key.seal(p, t, b.stream_id, v, h)
                 for p, t, v, h in zip(positions, tx_ids, b.versions, b.hashes, strict=True)]
        if commit:
            # One simple query, so it can carry the COMMIT: every value is an integer from
            # the database or hex from the key, written out by this code.
            await c.execute(sql.pg_seal_and_commit(positions, tx_ids, key.key_id, seals))
        elif len(rows) == 1:
            await c.execute(sql.PG_SEAL_ONE, positions[0], tx_ids[0], key.key_id, seals[0],
                            b.stream_id, b.versions[0])
        else:
            await c.execute(sql.PG_SEAL_BATCH, positions, tx_ids, key.key_id, seals, b.stream_id,
                            b.versions)

    async def _pg_read_head(self, c: Connection, stream_id: str, expected: int,
                            events: Sequence[NewEvent]) -> str | AppendResult:
        """The hash to chain from, the stored result of a retry, or a concurrency error."""
        stored = await c.fetch(sql.PG_BY_IDS, [e.event_id for e in events])
        if stored:
            return self._retry_result(stream_id, events, stored)
        head = await c.fetchrow(sql.STREAM_HEAD, stream_id)
        actual = head["version"] if head else 0
        if actual != expected:
            raise ConcurrencyError(stream_id, expected, actual)
        return head["hash"] if head else GENESIS_HASH

    async def _pg_unique_violation(self, c: Connection, exc: UniqueViolation, batch: _Prepared,
                                   events: Sequence[NewEvent], *, own: bool) -> AppendResult:
        self._heads.pop(batch.stream_id, None)
        if "uq_events_event_id" in exc.detail and own:
            # A concurrent retry of the same batch committed first: report what it stored.
            # (Our own connection runs single statements, so it is still usable.)
            stored = await c.fetch(sql.PG_BY_IDS, [e.event_id for e in events])
            if stored:
                return self._retry_result(batch.stream_id, events, stored)
        raise ConcurrencyError(batch.stream_id, batch.expected_version, None) from exc

    @staticmethod
    def _pg_append_args(b: _Prepared) -> tuple[Any, ...]:
        if len(b.event_ids) == 1:
            return (sql.PG_APPEND_ONE, b.stream_id, b.stream_type, b.recorded_at,
                    b.event_ids[0], b.versions[0], b.types[0], b.schema_versions[0], b.data[0],
                    b.metadata[0], b.prev_hashes[0], b.hashes[0], b.expected_version,
                    b.prev_hash)
        return (sql.PG_APPEND, b.stream_id, b.stream_type, b.recorded_at, b.event_ids,
                b.versions, b.types, b.schema_versions, b.data, b.metadata, b.prev_hashes,
                b.hashes, b.expected_version, b.prev_hash)

    async def _append_sqlite(self, stream_id: str, stream_type: str, expected: int,
                             events: Sequence[NewEvent], conn: Connection | None,
                             when: datetime) -> AppendResult:
        async with self._use(conn, write=True) as c:
            head = await c.fetchrow(sql.STREAM_HEAD, stream_id)
            actual = head["version"] if head else 0
            if actual != expected:
                stored = await c.fetch(sql.sqlite_by_ids(len(events)),
                                       *[str(e.event_id) for e in events])
                if stored:
                    return self._retry_result(stream_id, events, stored)
                raise ConcurrencyError(stream_id, expected, actual)
            batch = self._prepare(stream_id, stream_type, expected,
                                  head["hash"] if head else GENESIS_HASH, events, when)
            rows = []
            try:
                for i in range(len(events)):
                    rows += await c.fetch(
                        sql.SQLITE_INSERT_ROW, batch.event_ids[i], stream_id, stream_type,
                        batch.versions[i], batch.types[i], batch.schema_versions[i],
                        batch.data[i], batch.metadata[i], format_time(batch.recorded_at),
                        batch.prev_hashes[i], batch.hashes[i])
            except UniqueViolation as exc:
                raise EventIdConflictError(stream_id, batch.event_ids) from exc
            if self.ledger_key is not None:
                key = self.ledger_key
                for row, version, hash_ in zip(rows, batch.versions, batch.hashes, strict=True):
                    await c.execute(sql.SEAL_ROW, row["position"], row["tx_id"], key.key_id,
                                    key.seal(row["position"], row["tx_id"], stream_id, version,
                                             hash_), stream_id, version)
            self._after_write(c, own=conn is None)
        return self._result(batch, rows, events)

    def _prepare(self, stream_id: str, stream_type: str, expected: int, prev_hash: str,
                 events: Sequence[NewEvent], recorded_at: datetime) -> _Prepared:
        when = format_time(recorded_at)
        b = _Prepared(stream_id, stream_type, expected, prev_hash, recorded_at,
                      event_ids=[], versions=[], types=[], schema_versions=[], data=[],
                      metadata=[], prev_hashes=[], hashes=[])
        previous = prev_hash
        for offset, event in enumerate(events, start=1):
            event_id, version = str(event.event_id), expected + offset
            data, metadata = canonical_json(event.data), canonical_json(event.metadata.to_dict())
            digest = chain_hash(previous, event_id=event_id, stream_id=stream_id,
                                stream_type=stream_type, version=version, type=event.type,
                                schema_version=event.schema_version, recorded_at=when,
                                data_json=data, metadata_json=metadata)
            b.event_ids.append(event_id)
            b.versions.append(version)
            b.types.append(event.type)
            b.schema_versions.append(event.schema_version)
            b.data.append(data)
            b.metadata.append(metadata)
            b.prev_hashes.append(previous)
            b.hashes.append(digest)
            previous = digest
        return b

    def _result(self, b: _Prepared, rows: Sequence[Any],
                events: Sequence[NewEvent]) -> AppendResult:
        self._remember_head(b.stream_id, b.versions[-1], b.hashes[-1])
        recorded = tuple(
            RecordedEvent(
                position=row["position"], event_id=event.event_id, stream_id=b.stream_id,
                stream_type=b.stream_type, version=b.versions[i], type=event.type,
                schema_version=event.schema_version, data=event.data,
                metadata=event.metadata.to_dict(), recorded_at=b.recorded_at,
                prev_hash=b.prev_hashes[i], hash=b.hashes[i],
                cursor=FeedCursor(row["tx_id"], row["position"]),
            )
            for i, (row, event) in enumerate(zip(rows, events, strict=True))
        )
        return AppendResult(b.stream_id, recorded)

    def _retry_result(self, stream_id: str, events: Sequence[NewEvent],
                      stored_rows: Sequence[Any]) -> AppendResult:
        stored = [to_recorded(r, self.types) for r in stored_rows]
        wanted = [e.event_id for e in events]
        if [e.event_id for e in stored] != wanted or any(e.stream_id != stream_id for e in stored):
            raise EventIdConflictError(stream_id, [str(e.event_id) for e in stored])
        return AppendResult(stream_id, tuple(stored), already_stored=True)

    def _after_write(self, conn: Connection, *, own: bool) -> None:
        if own and self.db.dialect == "postgresql":
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
            when = as_of if self.db.dialect == "postgresql" else format_time(as_of)
            query, args = sql.STREAM_AS_OF, (stream_id, when)
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
        pg = self.db.dialect == "postgresql"
        return await self._read_feed(after, limit, sql.PG_FEED if pg else sql.SQLITE_FEED,
                                     to_recorded)

    async def read_served_feed(self, after: FeedCursor, limit: int = 100) -> FeedPage[FeedEntry]:
        """The same page as ``read_feed``, each event in the form the feed serves (its JSON
        as UTF-8; on PostgreSQL the database writes it).

        After a full page the next one is read ahead, so a reader catching up finds it read
        when it asks (the page is served, and the next read, while this one is sent and
        applied).  A page read ahead is a valid answer later too: the feed's order never
        changes once served, and what becomes servable meanwhile sorts after it."""
        page = await self._read_ahead_page(after, limit)
        if page is None or not page.events:  # an empty one may be out of date already
            page = await self._read_served(after, limit)
        if len(page.events) == limit and not self._waits_ended:
            self._read_ahead(page.next, limit)
        return page

    async def _read_served(self, after: FeedCursor, limit: int) -> FeedPage[FeedEntry]:
        if self.db.dialect == "postgresql":
            return await self._read_feed(after, limit, sql.PG_SERVED_FEED, to_served_entry)
        return await self._read_feed(after, limit, sql.SQLITE_FEED, to_entry)

    def _read_ahead(self, after: FeedCursor, limit: int) -> None:
        key = (after, limit)
        if key in self._ahead:
            return
        task = asyncio.create_task(self._read_served(after, limit))
        task.add_done_callback(_retrieved)  # a failed read ahead is read again when asked for
        self._ahead[key] = (time.monotonic(), task)
        while len(self._ahead) > READS_AHEAD:
            _, (_, dropped) = self._ahead.popitem(last=False)
            dropped.cancel()

    async def _read_ahead_page(self, after: FeedCursor,
                               limit: int) -> FeedPage[FeedEntry] | None:
        """The page read ahead for ``(after, limit)``, if there is a fresh one that was read."""
        started, task = self._ahead.pop((after, limit), (0.0, None))
        if task is None:
            return None
        if time.monotonic() - started > READ_AHEAD_SECONDS:
            task.cancel()
            return None
        try:
            return await task
        except Exception:
            return None  # read again, where a failure that lasts is raised
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise  # this call itself is being cancelled
            return None  # dropped: the server is stopping

    def _drop_reads_ahead(self) -> None:
        for _, task in self._ahead.values():
            task.cancel()
        self._ahead.clear()

    async def _read_feed(self, after: FeedCursor, limit: int, query: str,
                         convert: Callable[[Any, EventTypes], Any]) -> FeedPage[Any]:
        pg = self.db.dialect == "postgresql"
        async with self.db.connection() as c:
            rows = await c.fetch(query, after.tx_id, after.position, limit)
            head = await self._head(c)
            next_cursor = FeedCursor(rows[-1]["tx_id"], rows[-1]["position"]) if rows else after
            remaining = 0
            if len(rows) == limit:  # a short page reached the end of what is servable
                remaining = await c.fetchval(sql.PG_REMAINING if pg else sql.SQLITE_REMAINING,
                                             next_cursor.tx_id, next_cursor.position)
        events = tuple(convert(r, self.types) for r in rows)
        return FeedPage(events, next_cursor, head, remaining)

    async def head(self) -> FeedHead | None:
        """The newest event the feed serves now, if any."""
        async with self.db.connection() as c:
            return await self._head(c)

    async def _head(self, c: Connection) -> FeedHead | None:
        row = await c.fetchrow(sql.PG_FEED_HEAD if self.db.dialect == "postgresql"
                               else sql.SQLITE_FEED_HEAD)
        if row is None:
            return None
        return FeedHead(FeedCursor(row["tx_id"], row["position"]), row["position"],
                        as_datetime(row["recorded_at"]))

    async def wait_for_feed(self, after: FeedCursor, limit: int, wait: float, *,
                            served: bool = False) -> FeedPage[Any]:
        """Like ``read_feed`` (``read_served_feed`` if ``served``), but holds up to ``wait``
        seconds for an event to arrive."""
        deadline = time.monotonic() + wait
        read = self.read_served_feed if served else self.read_feed
        while True:
            seen = self.wakeup.generation
            page = await read(after, limit)
            remaining = deadline - time.monotonic()
            if page.events or remaining <= 0 or self._waits_ended:
                return page
            # Committed rows held back behind an open transaction settle within moments.
            interval = 0.01 if await self._has_unsettled() else self.poll_interval
            await self.wakeup.wait(seen, min(remaining, interval))

    def end_waits(self) -> None:
        """The server is stopping: held feed calls answer now with what they have (an empty
        page, 200) instead of holding the shutdown for their full wait."""
        self._waits_ended = True
        self._drop_reads_ahead()
        self.wakeup.poke()

    async def _has_unsettled(self) -> bool:
        if self.db.dialect != "postgresql":
            return False
        async with self.db.connection() as c:
            return bool(await c.fetchval(sql.PG_UNSETTLED))

    # --- integrity --------------------------------------------------------------------

    async def stream_ids(self) -> list[str]:
        """Every stream stored, in order: what a whole-store verification walks."""
        async with self.db.connection() as c:
            return [row[0] for row in await c.fetch(sql.STREAM_IDS)]

    async def verify_stream(self, stream_id: str) -> VerifyResult:
        """Recompute the stream's hash chain from the stored bytes and, with the ledger key,
        check each event's seal and that no sealed event of the stream is missing; name the
        first bad event."""
        async with self.db.connection() as c:
            rows = await c.fetch(sql.STREAM, stream_id)
        previous = GENESIS_HASH
        for expected_version, row in enumerate(rows, start=1):
            reason = _chain_fault(row, expected_version, previous)
            if reason:
                return VerifyResult(stream_id, False, expected_version, row["position"],
                                    str(as_uuid(row["event_id"])), row["version"], reason)
            previous = row["hash"]
        if self.ledger_key is None:
            return VerifyResult(stream_id, True, len(rows))
        return await self._verify_seals(stream_id, rows, self.ledger_key)

    async def _verify_seals(self, stream_id: str, rows: Sequence[Any],
                            key: LedgerKey) -> VerifyResult:
        from ._audit import seal_fault  # the audit module builds on the store's rows
        from ._ledger import Leaf

        async with self.db.connection() as c:
            leaves = [Leaf(r["position"], r["tx_id"], r["stream_id"], r["version"], r["hash"],
                           r["seal"], r["key_id"], r["sealed_tx_id"])
                      for r in await c.fetch(sql.SEALED_STREAM, stream_id)]
            orphans = await c.fetch(sql.STREAM_ORPHAN_SEALS, stream_id)
            first = await c.fetchrow(sql.FIRST_SEAL)
        began = None if first is None else (first["tx_id"], first["position"])
        ids = {row["position"]: str(as_uuid(row["event_id"])) for row in rows}
        faults: list[tuple[int, int | None, str | None, str]] = []
        checked = legacy = 0
        for leaf in leaves:
            if leaf.seal is None:
                if began is None or (leaf.tx_id, leaf.position) < began:
                    legacy += 1
                else:
                    faults.append((leaf.version, leaf.position, ids.get(leaf.position),
                                   "no seal: not appended by the store (inserted directly?)"))
                continue
            checked += 1
            fault = seal_fault(leaf, key)
            if fault:
                faults.append((leaf.version, leaf.position, ids.get(leaf.position), fault))
        for orphan in orphans:
            faults.append((orphan["version"], orphan["position"], None,
                           "sealed event missing (removed, or moved from this position)"))
        if not faults:
            return VerifyResult(stream_id, True, len(rows), seals_checked=checked,
                                unsealed_legacy=legacy)
        version, position, event_id, reason = min(faults, key=lambda f: f[0])
        return VerifyResult(stream_id, False, len(rows), position, event_id, version, reason,
                            seals_checked=checked, unsealed_legacy=legacy)


def _retrieved(task: asyncio.Task[Any]) -> None:
    if not task.cancelled():
        task.exception()


def _chain_fault(row: Any, expected_version: int, previous: str) -> str | None:
    if row["version"] != expected_version:
        return f"version {row['version']} where {expected_version} was expected"
    if row["prev_hash"] != previous:
        return "prev_hash does not match the previous event's hash"
    if recompute_hash(row, previous) != row["hash"]:
        return "content does not match its hash"
    return None

