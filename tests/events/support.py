"""Helpers for the event-store tests: a feed served on a loopback port, a counting projection."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from jingkang_events import (
    Connection, Database, EventStore, FeedCursor, RecordedEvent, feed_router,
)

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable


@contextlib.asynccontextmanager
async def serve_feed(store: EventStore) -> AsyncIterator[str]:
    """Serve ``store``'s feed with uvicorn on a free loopback port; yields the base URL."""
    app = FastAPI()
    app.include_router(feed_router(lambda: store))
    # A consumer's long-poll may still be open at the end: do not wait it out.
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                           lifespan="off", timeout_graceful_shutdown=0.5))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@contextlib.asynccontextmanager
async def consumer_database(dialect: str, tmp_path: Path) -> AsyncIterator[tuple[str, Database]]:
    """A migrated consumer-side database on the given engine, with the counting projection."""
    from jingkang.common.adapters.migrations import upgrade_to_head_async
    from jingkang_events import connect
    from tests.conftest import create_pg_database, drop_pg_database

    if dialect == "postgresql":
        url = await create_pg_database()
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'consumer.db'}"
    await upgrade_to_head_async("registry", url)
    db = await connect(url)
    await create_projection_tables(db)
    try:
        yield url, db
    finally:
        await db.close()
        if dialect == "postgresql":
            await drop_pg_database(url)


# A projection that is wrong if any event is applied twice or skipped: an append-only log of
# applications and running totals per stream.
PROJECTION_DDL = (
    "CREATE TABLE applied (event_id VARCHAR(36) NOT NULL, position BIGINT NOT NULL)",
    "CREATE TABLE stream_totals (stream_id VARCHAR(200) PRIMARY KEY, events INTEGER NOT NULL, "
    "sum_n BIGINT NOT NULL)",
)


async def create_projection_tables(db: Database) -> None:
    async with db.transaction() as conn:
        for statement in PROJECTION_DDL:
            await conn.execute(statement)


async def apply_counting(event: RecordedEvent, conn: Connection) -> None:
    await conn.execute("INSERT INTO applied (event_id, position) VALUES ($1, $2)",
                       str(event.event_id), event.position)
    await conn.execute(
        "INSERT INTO stream_totals (stream_id, events, sum_n) VALUES ($1, 1, $2) "
        "ON CONFLICT (stream_id) DO UPDATE SET events = stream_totals.events + 1, "
        "sum_n = stream_totals.sum_n + excluded.sum_n",
        event.stream_id, int(event.data.get("n", 0)))


async def applied_ids(db: Database) -> list[str]:
    async with db.connection() as conn:
        return [r[0] for r in await conn.fetch("SELECT event_id FROM applied")]


async def stream_totals(db: Database) -> dict[str, tuple[int, int]]:
    async with db.connection() as conn:
        rows = await conn.fetch("SELECT stream_id, events, sum_n FROM stream_totals")
    return {r[0]: (r[1], r[2]) for r in rows}


def totals_from_events(events: list[RecordedEvent]) -> dict[str, tuple[int, int]]:
    totals: dict[str, tuple[int, int]] = {}
    for event in events:
        count, total = totals.get(event.stream_id, (0, 0))
        totals[event.stream_id] = (count + 1, total + int(event.data.get("n", 0)))
    return totals


async def servable(store: EventStore, count: int) -> None:
    """Wait until the feed serves ``count`` events: on PostgreSQL a transaction running anywhere
    in the cluster holds back what the feed may serve."""
    for _ in range(200):
        if len((await store.read_feed(FeedCursor(), count + 1)).events) == count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the feed never served {count} events")
