"""A thin async database layer over asyncpg and aiosqlite.

The event store's hot path runs here rather than through SQLAlchemy's async engine: one
append is one statement on PostgreSQL, and the ORM/engine layers cost more per call than
the statement itself (see docs/performance.md).  SQL is written with PostgreSQL's ``$n``
placeholders and translated to SQLite's ``?n``.

Each database hands out two kinds of connection:

* ``transaction()`` — a write transaction; callbacks registered with ``after_commit`` run
  once it has committed.  On SQLite it is ``BEGIN IMMEDIATE`` on the one writer connection,
  so writers queue instead of failing with ``database is locked``.  On PostgreSQL its BEGIN
  and COMMIT travel with its first and last statements where they can (``_PgTransaction``).
* ``connection()`` — single statements outside an explicit transaction (autocommit on
  PostgreSQL; a read-only reader connection on SQLite).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Literal

from ._chain import format_time

Dialect = Literal["postgresql", "sqlite"]
Row = Any  # asyncpg.Record or sqlite3.Row: both index by column name and by position


class UniqueViolation(Exception):
    """A unique constraint refused a row; ``columns`` names what collided where known."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(detail)


class Connection(ABC):
    dialect: Dialect

    def __init__(self) -> None:
        self._after_commit: list[Callable[[], None]] = []

    @abstractmethod
    async def execute(self, sql: str, *args: Any) -> None: ...

    @abstractmethod
    async def fetch(self, sql: str, *args: Any) -> list[Row]: ...

    @abstractmethod
    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for many rows (projections write a page of events at once)."""

    async def insert_rows(self, table: str, columns: Sequence[str],
                          rows: Sequence[Sequence[Any]]) -> None:
        """Append ``rows`` (values of ``columns`` in order) to ``table``: an INSERT per row
        here, PostgreSQL's binary COPY there (names come from code, never from input)."""
        marks = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
        await self.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    async def execute_deferred(self, sql: str) -> None:
        """A statement written out in full (no parameters) whose result nobody reads and on
        which no later statement of the transaction depends: where the engine allows, it waits
        for the transaction's next statement written out in full, or its COMMIT, and travels
        with it (a round trip less); here it runs at once."""
        await self.execute(sql)

    async def fetchrow(self, sql: str, *args: Any) -> Row | None:
        rows = await self.fetch(sql, *args)
        return rows[0] if rows else None

    async def fetchval(self, sql: str, *args: Any) -> Any:
        row = await self.fetchrow(sql, *args)
        return None if row is None else row[0]

    def timestamp(self, moment: datetime) -> Any:
        """A time as this driver takes it (SQLite stores the fixed-width UTC text)."""
        return moment if self.dialect == "postgresql" else format_time(moment)

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once this transaction has committed (never on rollback)."""
        self._after_commit.append(callback)

    def _committed(self) -> None:
        callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            callback()


class Database(ABC):
    dialect: Dialect

    @abstractmethod
    def transaction(self) -> Any:
        """``async with db.transaction() as conn``: a write transaction."""

    @abstractmethod
    def connection(self) -> Any:
        """``async with db.connection() as conn``: single statements, no explicit transaction."""

    @abstractmethod
    async def close(self) -> None: ...

    async def session_lock(self, name: str) -> SessionLock | None:
        """A lock on ``name`` held by a session of its own until released or the session ends
        (one instance of a consumer runs at a time): ``None`` when another session holds it.
        An embedded database has one process using it: the lock is always this one's."""
        return SessionLock()


class SessionLock:
    """A held lock; ``held`` turns false when the session that holds it is gone."""

    @property
    def held(self) -> bool:
        return True

    async def release(self) -> None:
        return None
