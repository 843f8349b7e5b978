"""Small helpers for writing rows the same way on both engines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Table

from jingkang_events import Connection


def when(conn: Connection, moment: datetime | None) -> Any:
    """A time as the engine takes it (SQLite: fixed-width UTC text, which sorts as time)."""
    return None if moment is None else conn.timestamp(moment)


def as_time(value: Any) -> datetime | None:
    """A stored time back as a datetime, whichever engine stored it."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def as_json(value: Any) -> Any:
    """A JSON column's value (asyncpg hands back text, SQLite too)."""
    return json.loads(value) if isinstance(value, str) else value


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def upsert(table: str, columns: tuple[str, ...], keys: tuple[str, ...]) -> str:
    """INSERT … ON CONFLICT (keys) DO UPDATE: both engines speak it."""
    placeholders = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders}) "
            f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}")


def insert(table: str, columns: tuple[str, ...]) -> str:
    placeholders = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"


def number(conn: Connection, value: Any) -> Any:
    """A decimal as the engine takes it (SQLite has no decimal type: exact text)."""
    return value if conn.dialect == "postgresql" else str(value)


def engine_values(conn: Connection, values: Iterable[Any]) -> list[Any]:
    """A row's values as the engine takes them (times through ``when``)."""
    if conn.dialect == "postgresql":
        return list(values)  # asyncpg takes the datetimes as they are
    return [when(conn, v) if isinstance(v, datetime) else v for v in values]


class Bulk:
    """One INSERT (or upsert) for a page of rows on either engine.  PostgreSQL takes appended
    rows by binary COPY, and upserted ones all at once as one JSON text
    (``json_populate_recordset`` over the table's row type): encoding a statement per row, or
    an array per column, cost the writer more than the database spent storing the rows.
    SQLite, in process, runs the row statement for each row."""

    def __init__(self, table: Table, columns: tuple[str, ...], *,
                 keys: tuple[str, ...] = ()) -> None:
        """An INSERT of ``columns``; an upsert on ``keys`` when given (its conflict check
        always uses the key's unique index, whatever the planner knows of the table)."""
        self.table, self.columns, self.keys = table.name, columns, keys
        self._json = frozenset(c for c in columns
                               if table.c[c].type.__visit_name__.lower() == "json")
        self.sqlite = upsert(table.name, columns, keys) if keys else ""
        names = ", ".join(columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
        self._pg_upsert = "" if not keys else (
            f"INSERT INTO {table.name} ({names}) SELECT {names} "
            f"FROM json_populate_recordset(NULL::{table.name}, $1::json) "
            f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}")

    async def run(self, conn: Connection, rows: list[Sequence[Any]]) -> None:
        """Write ``rows``, each the values of ``columns`` in order (JSON columns as text)."""
        if not rows:
            return
        if not self.keys:  # appended rows: PostgreSQL's COPY takes them fastest
            await conn.insert_rows(self.table, self.columns, rows)
        elif conn.dialect != "postgresql":
            await conn.executemany(self.sqlite, rows)
        else:
            objects = [dict(zip(self.columns, row, strict=True)) for row in rows]
            for column in self._json:  # stored JSON text goes in as the value it spells
                for obj in objects:
                    if isinstance(obj[column], str):
                        obj[column] = orjson.Fragment(obj[column])
            await self._upsert_json(conn, objects)

    async def run_objects(self, conn: Connection, objects: Sequence[Any]) -> None:
        """Write dataclass instances with a field per column, as ``run`` writes rows."""
        if not objects:
            return
        if self.keys and conn.dialect == "postgresql":
            await self._upsert_json(conn, objects)  # orjson writes dataclasses as they are
            return
        # getattr, not dataclasses.astuple: that deep-copies every field
        await self.run(conn, [
            engine_values(conn, (getattr(obj, column) for column in self.columns))
            for obj in objects])

    async def _upsert_json(self, conn: Connection, objects: Sequence[Any]) -> None:
        await conn.execute(self._pg_upsert, orjson.dumps(objects).decode())
