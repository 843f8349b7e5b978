"""Fixtures that give each test a real database: a SQLite file or a fresh PostgreSQL database.

PostgreSQL tests run against the server named by JINGKANG_TEST_PG_URL (default: the local
server, trust auth).  Without it they skip locally, and fail under CI=true, where they must run.
"""

from __future__ import annotations

import importlib
import os
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang_events import Database, EventStore, EventTypes, connect

PG_ADMIN_URL = os.environ.get("JINGKANG_TEST_PG_URL",
                              "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
ENGINES = ["sqlite", "postgresql"]


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _pg_reachable() -> str | None:
    try:
        conn = await asyncpg.connect(_dsn(PG_ADMIN_URL), timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        return f"{type(exc).__name__}: {exc}"
    await conn.close()
    return None


async def require_postgres() -> None:
    problem = await _pg_reachable()
    if problem is None:
        return
    message = f"PostgreSQL at {make_url(PG_ADMIN_URL).render_as_string()} unreachable ({problem})"
    if os.environ.get("CI") == "true":
        pytest.fail(message + ": CI must run the PostgreSQL tests")
    pytest.skip(message + "; PostgreSQL tests skipped locally")


async def create_pg_database() -> str:
    await require_postgres()
    name = f"jk_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_dsn(PG_ADMIN_URL))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


async def drop_pg_database(url: str) -> None:
    admin = await asyncpg.connect(_dsn(PG_ADMIN_URL))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
    finally:
        await admin.close()


async def schema_state(url: str, service: str) -> tuple[str | None, list]:
    """The database's Alembic revision and how its schema differs from the service's tables
    (columns, keys and indexes; an empty list when they match)."""
    metadata = importlib.import_module(f"jingkang.{service}.adapters.tables").metadata
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            def compare(sync_conn):
                context = MigrationContext.configure(sync_conn)
                return context.get_current_revision(), compare_metadata(context, metadata)

            return await conn.run_sync(compare)
    finally:
        await engine.dispose()


@pytest.fixture(params=ENGINES)
async def empty_url(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[str]:
    """The URL of an empty database on each engine."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
        return
    url = await create_pg_database()
    try:
        yield url
    finally:
        await drop_pg_database(url)


@pytest.fixture
async def pg_url(tmp_path) -> AsyncIterator[str]:
    """A migrated PostgreSQL database only (for PostgreSQL-specific tests)."""
    url = await create_pg_database()
    try:
        await upgrade_to_head_async("referral", url)
        yield url
    finally:
        await drop_pg_database(url)


@pytest.fixture
async def url(empty_url: str) -> str:
    """A database on each engine, migrated to head (the referral schema: events + cursors)."""
    await upgrade_to_head_async("referral", empty_url)
    return empty_url


def sample_types() -> EventTypes:
    types = EventTypes()
    for name in ("ThingHappened", "ThingChanged", "ThingClosed"):
        types.register(name)
    return types


@pytest.fixture
async def db(url: str) -> AsyncIterator[Database]:
    database = await connect(url)
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
async def store(db: Database) -> AsyncIterator[EventStore]:
    event_store = EventStore(db, sample_types(), poll_interval=0.2)
    await event_store.start()
    try:
        yield event_store
    finally:
        await event_store.stop()
