"""Appends on SQLite: the write transaction (BEGIN IMMEDIATE) holds the whole database, so the
head is read, checked and extended row by row, with the seals, in that transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from . import _sql as sql
from ._batch import already_stored, prepare, recorded
from ._chain import GENESIS_HASH, format_time
from ._db import Connection, Database, UniqueViolation
from ._errors import ConcurrencyError, EventIdConflictError
from ._model import AppendResult, NewEvent, RowWrite
from ._recorder import StoreRules
from ._rows import to_entry


class SqliteRecorder:
    feed = sql.SQLITE_FEED
    served_feed = sql.SQLITE_FEED  # served as stored: SQLite keeps the JSON text as written
    remaining = sql.SQLITE_REMAINING
    feed_head = sql.SQLITE_FEED_HEAD
    served_row = staticmethod(to_entry)
    own_append_commits = False

    async def restored_elsewhere(self, conn: Connection) -> bool:
        return False  # transaction ids are positions here: nothing to run ahead of

    def time_param(self, moment: datetime) -> Any:
        return format_time(moment)

    async def has_unsettled(self, db: Database) -> bool:
        return False  # writers are serial: nothing committed waits behind another

    async def append(self, store: StoreRules, stream_id: str, stream_type: str,
                     expected: int, events: Sequence[NewEvent], conn: Connection | None,
                     when: datetime, row_write: RowWrite | None = None) -> AppendResult:
        async with store._use(conn, write=True) as c:
            head = await c.fetchrow(sql.STREAM_HEAD, stream_id)
            actual = head["version"] if head else 0
            if actual != expected:
                stored = await c.fetch(sql.sqlite_by_ids(len(events)),
                                       *[str(e.event_id) for e in events])
                if stored:
                    return already_stored(stream_id, events, stored, store.types)
                raise ConcurrencyError(stream_id, expected, actual)
            batch = prepare(stream_id, stream_type, expected,
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
            key = store.ledger_key
            if key is not None:
                for row, version, hash_ in zip(rows, batch.versions, batch.hashes, strict=True):
                    await c.execute(sql.SEAL_ROW, row["position"], row["tx_id"], key.key_id,
                                    key.seal(row["position"], row["tx_id"], stream_id, version,
                                             hash_), stream_id, version)
            if row_write is not None:  # writers are serial: a statement of its own is as safe
                await c.execute(row_write.statement(), *row_write.values)
            store._after_write(c, own=conn is None)
        store._remember_head(batch.stream_id, batch.versions[-1], batch.hashes[-1])
        return recorded(batch, rows, events)
