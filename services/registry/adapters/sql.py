"""Small helpers for writing rows the same way on both engines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

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


# PostgreSQL array element types by SQLAlchemy type (JSON travels as text, cast on insert).
_PG_TYPES = {"string": "text", "text": "text", "integer": "int", "boolean": "bool",
             "datetime": "timestamptz", "json": "text", "numeric": "numeric"}


class Bulk:
    """One INSERT for a page of rows on either engine.  PostgreSQL takes every row at once,
    one array per column (``unnest``): a statement per row cost the registry's database more
    than the rows themselves.  SQLite, in process, runs the row statement for each row.

    Not for UPDATE … FROM unnest: its join is planned from the table's statistics, and a
    plan made while a rebuild's tables were small (a scan) stays cached as they grow."""

    def __init__(self, table: Table, columns: tuple[str, ...], *,
                 keys: tuple[str, ...] = ()) -> None:
        """An INSERT of ``columns``; an upsert on ``keys`` when given (its conflict check
        always uses the key's unique index, whatever the planner knows of the table)."""
        types = [_PG_TYPES[table.c[c].type.__visit_name__.lower()] for c in columns]
        arrays = ", ".join(f"${i}::{t}[]" for i, t in enumerate(types, start=1))
        picked = ", ".join(f"u.{c}::json" if table.c[c].type.__visit_name__.lower() == "json"
                           else f"u.{c}" for c in columns)
        self.pg = (f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT {picked} "
                   f"FROM unnest({arrays}) AS u({', '.join(columns)})")
        self.sqlite = upsert(table.name, columns, keys) if keys else insert(table.name, columns)
        if keys:
            updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
            self.pg += f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"

    async def run(self, conn: Connection, rows: list[Sequence[Any]]) -> None:
        if not rows:
            return
        if conn.dialect != "postgresql":
            await conn.executemany(self.sqlite, rows)
            return
        await conn.execute(self.pg, *(list(column) for column in zip(*rows, strict=True)))
