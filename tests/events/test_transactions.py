"""``Database.transaction()`` on both engines: all or nothing, whichever statement its BEGIN and
COMMIT travel with on PostgreSQL (a statement written out in full, a deferred one), and
``after_commit`` only after the commit."""

from __future__ import annotations

import pytest

from jingkang_events import Database


class Boom(Exception):
    pass


async def _table(db: Database) -> None:
    async with db.transaction() as conn:
        await conn.execute("CREATE TABLE IF NOT EXISTS tx_probe (n integer NOT NULL)")


async def _stored(db: Database) -> list[int]:
    async with db.connection() as conn:
        return [r[0] for r in await conn.fetch("SELECT n FROM tx_probe ORDER BY n")]


async def test_a_first_statement_written_out_in_full_is_inside_the_transaction(
        db: Database) -> None:
    await _table(db)
    with pytest.raises(Boom):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO tx_probe (n) VALUES (1)")  # BEGIN travels with it
            raise Boom
    assert await _stored(db) == []


async def test_a_deferred_statement_commits_with_the_transaction(db: Database) -> None:
    await _table(db)
    committed: list[str] = []
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO tx_probe (n) VALUES ($1)", 1)
        await conn.execute_deferred("INSERT INTO tx_probe (n) VALUES (2)")
        conn.after_commit(lambda: committed.append("yes"))
        await conn.execute("INSERT INTO tx_probe (n) VALUES ($1)", 3)  # a deferred one waits
    assert await _stored(db) == [1, 2, 3]
    assert committed == ["yes"]


async def test_a_deferred_statement_goes_with_the_next_one_written_out(db: Database) -> None:
    await _table(db)
    async with db.transaction() as conn:
        await conn.execute_deferred("INSERT INTO tx_probe (n) VALUES (1)")
        await conn.execute("INSERT INTO tx_probe (n) VALUES (2)")
        assert [r[0] for r in await conn.fetch("SELECT n FROM tx_probe ORDER BY n")] == [1, 2]
    assert await _stored(db) == [1, 2]


async def test_a_deferred_statement_that_fails_rolls_everything_back(db: Database) -> None:
    await _table(db)
    committed: list[str] = []
    with pytest.raises(Exception, match="no_such_table"):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO tx_probe (n) VALUES ($1)", 1)
            conn.after_commit(lambda: committed.append("yes"))
            await conn.execute_deferred("INSERT INTO no_such_table (n) VALUES (2)")
    assert await _stored(db) == []
    assert committed == []
    async with db.transaction() as conn:  # the connection went back to the pool usable
        await conn.execute("INSERT INTO tx_probe (n) VALUES (4)")
    assert await _stored(db) == [4]


async def test_a_deferred_statement_is_dropped_when_the_block_fails(db: Database) -> None:
    await _table(db)
    with pytest.raises(Boom):
        async with db.transaction() as conn:
            await conn.execute_deferred("INSERT INTO tx_probe (n) VALUES (1)")
            raise Boom
    assert await _stored(db) == []


async def test_a_transaction_that_only_reads_or_does_nothing_ends_cleanly(db: Database) -> None:
    await _table(db)
    async with db.transaction():
        pass
    async with db.transaction() as conn:
        assert await conn.fetchval("SELECT count(*) FROM tx_probe") == 0
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO tx_probe (n) VALUES (5)")
    assert await _stored(db) == [5]
