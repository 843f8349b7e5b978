"""The PostgreSQL server the benchmarks run against: throwaway databases and its settings."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from jingkang.common.adapters.migrations import upgrade_to_head


class PgServer:
    """Creates the benchmark's databases (named with ``prefix``) and drops them again."""

    def __init__(self, admin_url: str, prefix: str) -> None:
        self.admin = make_url(admin_url).set(drivername="postgresql")
        self.prefix = f"{prefix}_{uuid.uuid4().hex[:8]}"
        self._created: list[str] = []

    def dsn(self, database: str | None = None) -> str:
        url = self.admin if database is None else self.admin.set(database=database)
        return url.render_as_string(hide_password=False)

    def sqlalchemy_url(self, database: str) -> str:
        """The URL form the project's settings and ``connect`` take."""
        url = self.admin.set(drivername="postgresql+asyncpg", database=database)
        return url.render_as_string(hide_password=False)

    async def _admin(self, sql: str) -> list[asyncpg.Record]:
        conn = await asyncpg.connect(self.dsn())
        try:
            return await conn.fetch(sql)
        finally:
            await conn.close()

    async def create(self, label: str) -> str:
        name = f"{self.prefix}_{label}"
        self._created.append(name)
        await self._admin(f'CREATE DATABASE "{name}"')
        return name

    async def create_migrated(self, label: str) -> str:
        """A fresh database with the referral service's schema (the project's migrations)."""
        name = await self.create(label)
        await asyncio.to_thread(upgrade_to_head, "referral", self.sqlalchemy_url(name))
        return name

    async def drop(self, name: str) -> None:
        await self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self._created:
            self._created.remove(name)

    async def drop_all(self) -> None:
        for name in list(self._created):
            await self.drop(name)

    async def describe(self) -> dict[str, str]:
        names = ("server_version", "fsync", "synchronous_commit", "wal_sync_method",
                 "shared_buffers", "max_connections")
        return {name: (await self._admin(f"SHOW {name}"))[0][0] for name in names}

    async def run(self, database: str, sql: str, *args: Any) -> Any:
        conn = await asyncpg.connect(self.dsn(database))
        try:
            return await conn.fetchval(sql, *args)
        finally:
            await conn.close()
