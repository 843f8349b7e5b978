"""A consumer's cursor row in ``consumer_cursors``: read once, then moved by compare-and-set
in the transaction that applies the pages, so a second instance that raced finds it moved."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ._db import Connection, Database
from ._model import FeedCursor, RecordedEvent

_INIT = ("INSERT INTO consumer_cursors (name, cursor, position, source_recorded_at, updated_at) "
         "VALUES ($1, '', 0, NULL, $2) ON CONFLICT (name) DO NOTHING")
_LOAD = "SELECT cursor, position, source_recorded_at FROM consumer_cursors WHERE name = $1"
_ADVANCE = ("UPDATE consumer_cursors SET cursor = $2, position = $3, source_recorded_at = $4, "
            "updated_at = $5 WHERE name = $1 AND cursor = $6 RETURNING name")


async def load_cursor(db: Database, name: str) -> tuple[FeedCursor, datetime | None]:
    """The cursor (made at the feed's start if new) and the applied event's source time."""
    async with db.transaction() as conn:
        await conn.execute(_INIT, name, conn.timestamp(datetime.now(UTC)))
        row = await conn.fetchrow(_LOAD, name)
    return FeedCursor.parse(row["cursor"]), _as_datetime(row["source_recorded_at"])


async def advance_cursor(conn: Connection, name: str, first: FeedCursor,
                         last: RecordedEvent) -> bool:
    """Move the cursor row from ``first`` to past ``last``; false if it was not at ``first``."""
    moved = await conn.fetchrow(
        _ADVANCE, name, str(last.cursor), last.position, conn.timestamp(last.recorded_at),
        conn.timestamp(datetime.now(UTC)), "" if first == FeedCursor() else str(first))
    return moved is not None


def _as_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)
