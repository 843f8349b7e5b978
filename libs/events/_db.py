"""A thin async database layer over asyncpg and aiosqlite.

The event store's hot path runs here rather than through SQLAlchemy's async engine: one
append is one statement on PostgreSQL, and the ORM/engine layers cost more per call than
the statement itself (see docs/performance.md).  SQL is written with PostgreSQL's ``$n``
placeholders and translated to SQLite's ``?n``.

Each database hands out two kinds of connection:

* ``transaction()`` — a write transaction; callbacks registered with ``after_commit`` run
  once it has committed.  On SQLite it is ``BEGIN IMMEDIATE`` on the one writer connection,
  so writers queue instead of failing with ``database is locked``.
* ``connection()`` — single statements outside an explicit transaction (autocommit on
  PostgreSQL; a read-only reader connection on SQLite).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import re
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import aiosqlite
import asyncpg
from sqlalchemy.engine import make_url

from ._chain import format_time
from ._errors import DatabaseUnavailable

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


async def connect(url: str, *, pool_size: int = 10) -> Database:
    """Open a database from a SQLAlchemy-style URL (``postgresql+asyncpg://`` or ``sqlite+aiosqlite://``)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        return await PostgresDatabase.open(dsn, pool_size=pool_size)
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise ValueError("SQLite needs a file path: the store uses several connections")
        return await SqliteDatabase.open(Path(parsed.database), readers=min(pool_size, 4))
    raise ValueError(f"unsupported database URL scheme {parsed.drivername!r}")


# --- PostgreSQL ---------------------------------------------------------------------------


class _PgConnection(Connection):
    dialect: Dialect = "postgresql"

    def __init__(self, raw: asyncpg.Connection) -> None:
        super().__init__()
        self.raw = raw

    async def execute(self, sql: str, *args: Any) -> None:
        try:
            await self.raw.execute(sql, *args)
        except asyncpg.UniqueViolationError as exc:
            raise UniqueViolation(exc.constraint_name or str(exc)) from exc

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        try:
            return await self.raw.fetch(sql, *args)
        except asyncpg.UniqueViolationError as exc:
            raise UniqueViolation(exc.constraint_name or str(exc)) from exc

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            await self.raw.executemany(sql, rows)
        except asyncpg.UniqueViolationError as exc:
            raise UniqueViolation(exc.constraint_name or str(exc)) from exc

    async def insert_rows(self, table: str, columns: Sequence[str],
                          rows: Sequence[Sequence[Any]]) -> None:
        # COPY: no statement to parse or plan per row, and values travel in binary.
        if not rows:
            return
        try:
            await self.raw.copy_records_to_table(table, records=rows, columns=list(columns))
        except asyncpg.UniqueViolationError as exc:
            raise UniqueViolation(exc.constraint_name or str(exc)) from exc


async def _no_reset(_: asyncpg.Connection) -> None:
    return None


CONNECT_TIMEOUT_SECONDS = 10  # an unreachable server answers 503 soon, not after a minute

# Failures of the connection rather than of the statement: the server ended the session
# (restart, pg_terminate_backend, failover), the network dropped it, or the client lost track
# of the protocol on it ("cannot switch to state …").  Server errors at connect time (too many
# connections, a database refusing connections) are all of this kind.
_LOST = (OSError, asyncpg.PostgresConnectionError, asyncpg.AdminShutdownError,
         asyncpg.CrashShutdownError, asyncpg.CannotConnectNowError,
         asyncpg.InternalClientError)
_CANNOT_CONNECT = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)


def _connection_failed(exc: BaseException, raw: asyncpg.Connection) -> bool:
    return isinstance(exc, _LOST) or (isinstance(exc, asyncpg.InterfaceError)
                                      and _is_closed(raw))


# asyncpg lets go of a pooled connection it saw close: its proxy then refuses every call.
def _is_closed(raw: asyncpg.Connection) -> bool:
    try:
        return raw.is_closed()
    except asyncpg.InterfaceError:
        return True


def _terminate(raw: asyncpg.Connection) -> None:
    with contextlib.suppress(asyncpg.InterfaceError):
        raw.terminate()


class PostgresDatabase(Database):
    dialect: Dialect = "postgresql"

    def __init__(self, pool: asyncpg.Pool, dsn: str) -> None:
        self.pool = pool
        self.dsn = dsn

    @classmethod
    async def open(cls, dsn: str, *, pool_size: int) -> PostgresDatabase:
        # No reset query when a connection returns to the pool (a round trip per use): pooled
        # connections never carry session state here.  LISTEN and advisory locks live on
        # connections of their own; nothing SETs session variables on pooled ones.
        pool = await asyncpg.create_pool(dsn, min_size=1, max_size=pool_size, reset=_no_reset,
                                         timeout=CONNECT_TIMEOUT_SECONDS)
        return cls(pool, dsn)

    @asynccontextmanager
    async def _acquire(self) -> AsyncIterator[asyncpg.Connection]:
        """A pooled connection; one that fails as a connection is terminated, so the pool
        opens a new one instead of handing out a broken one, and ``DatabaseUnavailable``
        says what happened."""
        try:
            raw = await self.pool.acquire()
        except _CANNOT_CONNECT as exc:
            raise DatabaseUnavailable(f"cannot connect: {type(exc).__name__}: {exc}") from exc
        try:
            yield raw
        except Exception as exc:
            if not _connection_failed(exc, raw):
                raise
            _terminate(raw)
            raise DatabaseUnavailable(f"connection lost: {type(exc).__name__}: {exc}") from exc
        finally:
            await self.pool.release(raw)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        async with self._acquire() as raw:
            conn = _PgConnection(raw)
            async with raw.transaction():
                yield conn
        conn._committed()

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Connection]:
        async with self._acquire() as raw:
            yield _PgConnection(raw)

    @asynccontextmanager
    async def begun(self) -> AsyncIterator[Connection]:
        """A transaction whose user ends it with its last statement (``…; COMMIT`` sent as one
        simple query), a round trip less than ``transaction()``.  Leaving the block without
        that commit, or by an exception, rolls back; a connection that cannot roll back is
        closed, never pooled mid-transaction."""
        async with self._acquire() as raw:
            await raw.execute("BEGIN")
            try:
                yield _PgConnection(raw)
            finally:
                if not _is_closed(raw) and raw.is_in_transaction():
                    try:
                        await raw.execute("ROLLBACK")
                    except BaseException:
                        _terminate(raw)
                        raise

    async def close(self) -> None:
        await self.pool.close()


# --- SQLite -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def _to_sqlite(sql: str) -> str:
    return re.sub(r"\$(\d+)", r"?\1", sql)


class _SqliteConnection(Connection):
    dialect: Dialect = "sqlite"

    def __init__(self, raw: aiosqlite.Connection) -> None:
        super().__init__()
        self.raw = raw

    async def execute(self, sql: str, *args: Any) -> None:
        await self.fetch(sql, *args)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        try:
            async with self.raw.execute(_to_sqlite(sql), args) as cursor:
                return list(await cursor.fetchall())
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" in str(exc):
                raise UniqueViolation(str(exc)) from exc
            raise

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            await self.raw.executemany(_to_sqlite(sql), rows)
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" in str(exc):
                raise UniqueViolation(str(exc)) from exc
            raise


async def _open_sqlite(path: Path, *, read_only: bool) -> aiosqlite.Connection:
    raw = await aiosqlite.connect(path, isolation_level=None)
    raw.row_factory = sqlite3.Row
    # FULL: a commit that was acknowledged survives a power cut, not only a process crash.
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "busy_timeout=30000",
                   "foreign_keys=ON"):
        await raw.execute(f"PRAGMA {pragma}")
    if read_only:
        await raw.execute("PRAGMA query_only=ON")
    return raw


class SqliteDatabase(Database):
    """One writer connection (writers are serialised by SQLite anyway) and a few readers."""

    dialect: Dialect = "sqlite"

    def __init__(self, path: Path, writer: aiosqlite.Connection,
                 readers: Sequence[aiosqlite.Connection]) -> None:
        self.path = path
        self._writer = writer
        self._write_lock = asyncio.Lock()
        self._readers: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        for reader in readers:
            self._readers.put_nowait(reader)
        self._all = [writer, *readers]

    @classmethod
    async def open(cls, path: Path, *, readers: int) -> SqliteDatabase:
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = await _open_sqlite(path, read_only=False)
        reader_conns = [await _open_sqlite(path, read_only=True) for _ in range(max(readers, 1))]
        return cls(path, writer, reader_conns)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        async with self._write_lock:
            conn = _SqliteConnection(self._writer)
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                await self._writer.execute("ROLLBACK")
                raise
            try:
                await self._writer.execute("COMMIT")
            except BaseException:
                if self._writer.in_transaction:
                    await self._writer.execute("ROLLBACK")
                raise
        conn._committed()

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Connection]:
        raw = await self._readers.get()
        try:
            yield _SqliteConnection(raw)
        finally:
            self._readers.put_nowait(raw)

    async def close(self) -> None:
        for raw in self._all:
            await raw.close()
