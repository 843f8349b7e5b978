"""SQLite behind the database layer (aiosqlite): one writer connection whose transactions
begin IMMEDIATE, so writers queue, and read-only readers beside it."""

from __future__ import annotations

import asyncio
import functools
import re
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from ._db import Connection, Database, Dialect, Row, UniqueViolation


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
