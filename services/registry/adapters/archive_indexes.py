"""The archive tables' secondary indexes, set aside while a rebuild fills the tables.

Filling a million events' rows into indexed tables cost the registry's PostgreSQL about 10 µs
a row in index upkeep (each key lands on a random leaf); building the same index once over
the filled table is a sort.  A rebuild drops these indexes together with emptying the tables,
and builds them again once the consumer has caught up.  The primary keys stay: the
projection reads and upserts by them.

The definitions are the table metadata's (the migrations create the same ones, which
tests/services/test_migrations.py checks), so what is built again is what was dropped.  An
index missing because a rebuild stopped half-way is built when the registry service starts
(``ensure``): nothing is wrong without it, only slower.
"""

from __future__ import annotations

from sqlalchemy import Index
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateIndex

from jingkang_events import Connection, Database

from . import tables

_DIALECTS = {"postgresql": postgresql.dialect(), "sqlite": sqlite.dialect()}
_PRESENT = {  # the names of the indexes that exist
    "postgresql": "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()",
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index'",
}


def secondary_indexes() -> list[Index]:
    """Every index of the archive tables other than their primary keys."""
    return [index for name in tables.ARCHIVE
            for index in sorted(tables.metadata.tables[name].indexes, key=lambda i: i.name)]


async def drop(conn: Connection) -> None:
    """Drop the secondary indexes (inside the transaction that empties the tables)."""
    for index in secondary_indexes():
        await conn.execute(f"DROP INDEX IF EXISTS {index.name}")  # names from the metadata


async def ensure(db: Database) -> None:
    """Build whichever secondary index is missing, in one transaction (on PostgreSQL a large
    one is sorted by parallel workers).

    The catalog is read first because ``CREATE INDEX IF NOT EXISTS`` locks its table against
    writes before it looks: a standby instance starting would wait for the running consumer's
    transaction (up to a million events) even with nothing to build."""
    dialect = _DIALECTS[db.dialect]
    async with db.transaction() as conn:
        present = {row[0] for row in await conn.fetch(_PRESENT[db.dialect])}
        for index in secondary_indexes():
            if index.name not in present:
                await conn.execute(str(CreateIndex(index).compile(dialect=dialect)))
