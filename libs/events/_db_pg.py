"""PostgreSQL behind the database layer (asyncpg): a pool without reset queries, lost
connections told apart from failed statements, and advisory locks held by sessions of their
own."""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import asyncpg

from ._db import Connection, Database, Dialect, Row, SessionLock, UniqueViolation
from ._errors import DatabaseUnavailable


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


class _PgTransaction(_PgConnection):
    """A transaction whose BEGIN and COMMIT travel with its statements (each is otherwise a
    round trip of its own, about a tenth of a command's CPU in asyncpg):

    * BEGIN goes with the first statement when that one is written out in full (no
      parameters: asyncpg sends it as a simple query, which may hold several statements);
      before a statement with parameters it goes alone.
    * ``execute_deferred`` statements (written out in full; nobody reads their result, and no
      later statement of the transaction depends on them) wait for the next statement written
      out in full, or for the COMMIT, and go with it.  An error in one surfaces there, and
      rolls the whole transaction back like any other.
    """

    def __init__(self, raw: asyncpg.Connection) -> None:
        super().__init__(raw)
        self._begun = False
        self._deferred: list[str] = []

    def _joined(self, statement: str) -> str:
        parts = [*([] if self._begun else ["BEGIN"]), *self._deferred, statement]
        self._begun, self._deferred = True, []
        return ";\n".join(parts)

    async def _send_pending(self) -> None:
        if not self._begun:
            await super().execute("BEGIN")
            self._begun = True

    async def execute(self, sql: str, *args: Any) -> None:
        if args:
            await self._send_pending()
            await super().execute(sql, *args)
        else:
            await super().execute(self._joined(sql))

    async def execute_deferred(self, sql: str) -> None:
        self._deferred.append(sql)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        await self._send_pending()
        return await super().fetch(sql, *args)

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        await self._send_pending()
        await super().executemany(sql, rows)

    async def insert_rows(self, table: str, columns: Sequence[str],
                          rows: Sequence[Sequence[Any]]) -> None:
        await self._send_pending()
        await super().insert_rows(table, columns, rows)

    async def commit(self) -> None:
        if self._begun or self._deferred:  # else nothing was sent: nothing to commit
            await super().execute(self._joined("COMMIT"))

    async def rollback(self) -> None:
        self._deferred = []
        raw = self.raw
        if not _is_closed(raw) and raw.is_in_transaction():
            try:
                await raw.execute("ROLLBACK")
            except BaseException:
                _terminate(raw)
                raise


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
        """A write transaction that spends no round trip of its own where it can help it
        (``_PgTransaction``).  Leaving the block by an exception rolls back; a connection that
        cannot roll back is closed, never pooled mid-transaction."""
        async with self._acquire() as raw:
            conn = _PgTransaction(raw)
            try:
                yield conn
                await conn.commit()
            except BaseException:
                await conn.rollback()
                raise
        conn._committed()

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Connection]:
        async with self._acquire() as raw:
            yield _PgConnection(raw)

    async def session_lock(self, name: str) -> SessionLock | None:
        raw = await asyncpg.connect(self.dsn, timeout=CONNECT_TIMEOUT_SECONDS)
        key = zlib.crc32(name.encode())
        if await raw.fetchval("SELECT pg_try_advisory_lock($1)", key):
            return _PgSessionLock(raw)
        await raw.close()
        return None

    async def close(self) -> None:
        await self.pool.close()


class _PgSessionLock(SessionLock):
    """An advisory lock on a connection of its own, outside the pool: it lasts as long as
    that session, so a process that dies lets another take over."""

    def __init__(self, raw: asyncpg.Connection) -> None:
        self.raw = raw

    @property
    def held(self) -> bool:
        return not _is_closed(self.raw)

    async def release(self) -> None:
        with contextlib.suppress(Exception):
            await self.raw.close()


