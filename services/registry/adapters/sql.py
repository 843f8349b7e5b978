"""Small helpers for writing rows the same way on both engines."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

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
