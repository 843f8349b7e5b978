"""A read-model row written with an append (``row=``), on SQLite and PostgreSQL: written
exactly when the append writes events, in the caller's transaction."""

from __future__ import annotations

import pytest

from jingkang_events import ConcurrencyError, Database, EventStore, NewEvent

INTO = "INSERT INTO projected (stream_id, version)"
TAIL = "ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version"


def thing(n: int) -> NewEvent:
    return NewEvent("ThingHappened", {"n": n})


@pytest.fixture
async def projected(db: Database) -> Database:
    async with db.transaction() as conn:
        await conn.execute("CREATE TABLE projected (stream_id text PRIMARY KEY, version integer)")
    return db


async def _rows(db: Database) -> list[tuple[str, int]]:
    async with db.connection() as conn:
        return [(r[0], r[1]) for r in await conn.fetch(
            "SELECT stream_id, version FROM projected ORDER BY stream_id")]


async def test_the_row_is_written_with_the_events(store: EventStore, projected: Database) -> None:
    async with projected.transaction() as conn:
        await store.append("s-1", "thing", 0, [thing(1), thing(2)], conn=conn,
                           row=(INTO, ("s-1", 2), TAIL))
    async with projected.transaction() as conn:
        await store.append("s-1", "thing", 2, [thing(3)], conn=conn, row=(INTO, ("s-1", 3), TAIL))
    assert await _rows(projected) == [("s-1", 3)]
    assert [e.version for e in await store.read_stream("s-1")] == [1, 2, 3]


async def test_a_refused_append_writes_no_row(store: EventStore, projected: Database) -> None:
    await store.append("s-2", "thing", 0, [thing(1)])
    async with projected.transaction() as conn:
        with pytest.raises(ConcurrencyError):  # the stream is not new: refused in the statement
            await store.append("s-2", "thing", 0, [thing(9)], conn=conn,
                               row=(INTO, ("s-2", 1), TAIL))
        # The transaction goes on and commits: the row must not be in it.
    assert await _rows(projected) == []


async def test_a_row_needs_the_callers_transaction(store: EventStore) -> None:
    with pytest.raises(ValueError):
        await store.append("s-3", "thing", 0, [thing(1)], row=(INTO, ("s-3", 1), TAIL))
