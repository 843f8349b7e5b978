"""Appends on PostgreSQL: one statement inserts the batch after checking the expected version
and the head's hash (optimistic concurrency in the statement), and the seals follow in the
same transaction — with its COMMIT when the store owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from . import _sql as sql
from ._batch import Prepared, already_stored, prepare, recorded
from ._chain import GENESIS_HASH
from ._db import Connection, Database, UniqueViolation
from ._errors import ConcurrencyError
from ._model import AppendResult, NewEvent, RowWrite
from ._recorder import StoreRules
from ._rows import to_served_entry


class _StoredMeanwhile(Exception):
    """An event id of the batch collided inside the store's own transaction: once it has
    rolled back, the stored events are read to tell a concurrent retry from a conflict."""


class PostgresRecorder:
    feed = sql.PG_FEED
    served_feed = sql.PG_SERVED_FEED
    remaining = sql.PG_REMAINING
    feed_head = sql.PG_FEED_HEAD
    served_row = staticmethod(to_served_entry)
    own_append_commits = True

    async def restored_elsewhere(self, conn: Connection) -> bool:
        return bool(await conn.fetchval(sql.PG_TX_IDS_AHEAD))

    def time_param(self, moment: datetime) -> Any:
        return moment

    async def has_unsettled(self, db: Database) -> bool:
        async with db.connection() as c:
            return bool(await c.fetchval(sql.PG_UNSETTLED))

    async def append(self, store: StoreRules, stream_id: str, stream_type: str,
                     expected: int, events: Sequence[NewEvent], conn: Connection | None,
                     when: datetime, row_write: RowWrite | None = None) -> AppendResult:
        if conn is not None or store.ledger_key is None:
            # Unsealed, the store's own append is one autocommitted statement.
            async with store._use(conn) as c:
                return await self._append_on(store, c, stream_id, stream_type, expected,
                                             events, when, autocommitted=conn is None,
                                             row_write=row_write)
        # Events and their seals commit together: the store's own append is a transaction,
        # whose COMMIT travels with the seals' statement.
        try:
            async with store.db.transaction() as c:
                return await self._append_on(store, c, stream_id, stream_type, expected,
                                             events, when, autocommitted=False,
                                             collision=_StoredMeanwhile)
        except _StoredMeanwhile as exc:
            async with store.db.connection() as c:
                stored = await c.fetch(sql.PG_BY_IDS, [e.event_id for e in events])
            if stored:
                return already_stored(stream_id, events, stored, store.types)
            raise ConcurrencyError(stream_id, expected, None) from exc.__cause__

    async def _append_on(self, store: StoreRules, c: Connection, stream_id: str,
                         stream_type: str, expected: int, events: Sequence[NewEvent],
                         when: datetime, *, autocommitted: bool,
                         collision: type[Exception] | None = None,
                         row_write: RowWrite | None = None) -> AppendResult:
        """The append on ``c``: the store's own autocommitted statements (``autocommitted``) or
        a transaction; with ``collision`` set, it is the store's own transaction and a
        collision of event ids is raised as that, to be told apart after rollback."""
        cached = store._heads.get(stream_id)
        prev_hash = GENESIS_HASH if expected == 0 else (
            cached[1] if cached and cached[0] == expected else None)
        for _attempt in range(2):
            if prev_hash is None:
                head = await self._read_head(store, c, stream_id, expected, events)
                if isinstance(head, AppendResult):
                    return head
                prev_hash = head
            batch = prepare(stream_id, stream_type, expected, prev_hash, events, when)
            try:
                rows = await c.fetch(*_with_row(_append_args(batch), row_write))
            except UniqueViolation as exc:
                if collision is not None and "uq_events_event_id" in exc.detail:
                    store._heads.pop(stream_id, None)
                    raise collision() from exc
                return await self._unique_violation(store, c, exc, batch, events,
                                                    autocommitted=autocommitted)
            if rows:
                break
            # The WHERE clause refused: a stale head guess, a wrong version or a retry.
            prev_hash = None
        else:
            raise ConcurrencyError(stream_id, expected, None)
        await self._seal(store, c, batch, rows)
        store._after_write(c, own=autocommitted)
        store._remember_head(batch.stream_id, batch.versions[-1], batch.hashes[-1])
        return recorded(batch, rows, events)

    @staticmethod
    async def _seal(store: StoreRules, c: Connection, b: Prepared, rows: Sequence[Any]) -> None:
        key = store.ledger_key
        if key is None:
            return
        positions = [int(r["position"]) for r in rows]
        tx_ids = [int(r["tx_id"]) for r in rows]
        seals = [key.seal(p, t, b.stream_id, v, h)
                 for p, t, v, h in zip(positions, tx_ids, b.versions, b.hashes, strict=True)]
        # Written out in full, so it can travel with the transaction's next statement or its
        # COMMIT: every value is an integer from the database or hex from the key.
        await c.execute_deferred(sql.pg_seals(positions, tx_ids, key.key_id, seals))

    @staticmethod
    async def _read_head(store: StoreRules, c: Connection, stream_id: str, expected: int,
                         events: Sequence[NewEvent]) -> str | AppendResult:
        """The hash to chain from, the stored result of a retry, or a concurrency error."""
        stored = await c.fetch(sql.PG_BY_IDS, [e.event_id for e in events])
        if stored:
            return already_stored(stream_id, events, stored, store.types)
        head = await c.fetchrow(sql.STREAM_HEAD, stream_id)
        actual = head["version"] if head else 0
        if actual != expected:
            raise ConcurrencyError(stream_id, expected, actual)
        return head["hash"] if head else GENESIS_HASH

    @staticmethod
    async def _unique_violation(store: StoreRules, c: Connection, exc: UniqueViolation,
                                batch: Prepared, events: Sequence[NewEvent], *,
                                autocommitted: bool) -> AppendResult:
        store._heads.pop(batch.stream_id, None)
        if not exc.detail.startswith("uq_events_"):
            raise exc  # the row written with the events collided: the caller's to judge
        if "uq_events_event_id" in exc.detail and autocommitted:
            # A concurrent retry of the same batch committed first: report what it stored.
            # (Our own connection runs single statements, so it is still usable.)
            stored = await c.fetch(sql.PG_BY_IDS, [e.event_id for e in events])
            if stored:
                return already_stored(batch.stream_id, events, stored, store.types)
        raise ConcurrencyError(batch.stream_id, batch.expected_version, None) from exc


def _append_args(b: Prepared) -> tuple[Any, ...]:
    if len(b.event_ids) == 1:
        return (sql.PG_APPEND_ONE, b.stream_id, b.stream_type, b.recorded_at,
                b.event_ids[0], b.versions[0], b.types[0], b.schema_versions[0], b.data[0],
                b.metadata[0], b.prev_hashes[0], b.hashes[0], b.expected_version,
                b.prev_hash)
    return (sql.PG_APPEND, b.stream_id, b.stream_type, b.recorded_at, b.event_ids,
            b.versions, b.types, b.schema_versions, b.data, b.metadata, b.prev_hashes,
            b.hashes, b.expected_version, b.prev_hash)


def _with_row(append: tuple[Any, ...], row_write: RowWrite | None) -> tuple[Any, ...]:
    """The append's statement and arguments, writing ``row_write`` too when there is one: the
    insert becomes a data-modifying CTE, and the row is selected only if it returned events
    (so a refused append writes neither)."""
    if row_write is None:
        return append
    statement, args = append[0], append[1:]
    row = row_write.statement(len(args) + 1, gate="EXISTS (SELECT 1 FROM appended)")
    return (f"WITH appended AS ({statement}), written AS ({row}) "
            "SELECT position, version, tx_id FROM appended ORDER BY version",
            *args, *row_write.values)
