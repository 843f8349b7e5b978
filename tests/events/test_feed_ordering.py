"""The feed never serves an event ahead of one that an open transaction may still commit."""

from __future__ import annotations

import asyncio
import random

import pytest

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang_events import EventStore, FeedConsumer, FeedCursor, NewEvent, connect

from ..conftest import sample_types
from .support import apply_counting, applied_ids, create_projection_tables, serve_feed


def _event(n: int = 0) -> NewEvent:
    return NewEvent("ThingHappened", {"n": n})


async def _feed_ids(store: EventStore, after: FeedCursor = FeedCursor()) -> list[str]:
    return [str(e.event_id) for e in (await store.read_feed(after, limit=100)).events]


@pytest.mark.parametrize("outcome", ["commit", "rollback"])
async def test_feed_waits_for_a_late_commit_postgres(pg_url: str, outcome: str) -> None:
    db = await connect(pg_url)
    store = EventStore(db, sample_types())
    try:
        t1_ready, t1_release = asyncio.Event(), asyncio.Event()
        t1_ids: list[str] = []

        async def slow_writer() -> None:
            async with db.transaction() as conn:
                result = await store.append("case-1", "case", 0, [_event(1)], conn=conn)
                t1_ids.append(str(result.events[0].event_id))
                t1_ready.set()
                await t1_release.wait()
                if outcome == "rollback":
                    raise asyncio.CancelledError  # leaves the transaction by rolling back

        t1 = asyncio.create_task(slow_writer())
        await t1_ready.wait()
        t2 = await store.append("case-2", "case", 0, [_event(2)])  # later position, commits now
        t2_id = str(t2.events[0].event_id)

        first_page = await store.read_feed(FeedCursor(), limit=100)
        assert first_page.events == ()  # T2 is committed but must wait behind open T1
        assert first_page.next == FeedCursor()

        t1_release.set()
        await asyncio.gather(t1, return_exceptions=True)
        expected = [t1_ids[0], t2_id] if outcome == "commit" else [t2_id]
        assert await _feed_ids(store) == expected
        later = await store.read_feed((await store.read_feed(FeedCursor(), 100)).next, 100)
        assert later.events == ()  # nothing repeated
    finally:
        await db.close()


async def test_late_commit_consumer_receives_both_exactly_once_postgres(pg_url: str, tmp_path) -> None:
    db = await connect(pg_url)
    store = EventStore(db, sample_types(), poll_interval=0.05)
    local_url = f"sqlite+aiosqlite:///{tmp_path / 'consumer.db'}"
    await upgrade_to_head_async("registry", local_url)
    local = await connect(local_url)
    await create_projection_tables(local)
    try:
        async with serve_feed(store) as base:
            consumer = FeedConsumer("late", base, local, apply_counting, wait_seconds=0.2)
            async with db.transaction() as t1:
                first = await store.append("case-1", "case", 0, [_event(1)], conn=t1)
                second = await store.append("case-2", "case", 0, [_event(2)])
                assert await consumer.step(0.2) == 0  # T2 held back while T1 is open
            assert await consumer.catch_up() == 2
            await consumer.stop()
        assert await applied_ids(local) == [str(first.events[0].event_id),
                                            str(second.events[0].event_id)]
    finally:
        await local.close()
        await db.close()


async def test_late_commit_on_sqlite_writers_are_serialised(tmp_path) -> None:
    """On SQLite the second writer cannot take a position until the first has finished."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'late.db'}"
    await upgrade_to_head_async("referral", url)
    db = await connect(url)
    store = EventStore(db, sample_types())
    try:
        await _late_commit_sqlite(db, store)
    finally:
        await db.close()


async def _late_commit_sqlite(db, store: EventStore) -> None:
    t1_open, t1_release = asyncio.Event(), asyncio.Event()

    async def slow_writer() -> None:
        async with db.transaction() as conn:
            await store.append("case-1", "case", 0, [_event(1)], conn=conn)
            t1_open.set()
            await t1_release.wait()

    t1 = asyncio.create_task(slow_writer())
    await t1_open.wait()
    t2 = asyncio.create_task(store.append("case-2", "case", 0, [_event(2)]))
    await asyncio.sleep(0.2)
    assert not t2.done()  # T2 cannot take a position while T1 is open
    assert await _feed_ids(store) == []
    t1_release.set()
    await t1
    await t2
    page = await store.read_feed(FeedCursor(), 100)
    assert [e.stream_id for e in page.events] == ["case-1", "case-2"]


@pytest.mark.slow
async def test_no_gaps_under_many_slow_concurrent_writers_postgres(pg_url: str, tmp_path) -> None:
    """16 writers hold each transaction open a random few ms; a consumer follows the feed."""
    writers, batches_per_writer, batch_size = 16, 125, 10  # 20,000 events
    db = await connect(pg_url, pool_size=24)
    store = EventStore(db, sample_types(), poll_interval=0.05)
    local_url = f"sqlite+aiosqlite:///{tmp_path / 'consumer.db'}"
    await upgrade_to_head_async("registry", local_url)
    local = await connect(local_url)
    await create_projection_tables(local)
    appended: list[str] = []

    async def writer(w: int) -> None:
        rng = random.Random(w)
        for b in range(batches_per_writer):
            stream, version = f"w{w}-s{b // 25}", (b % 25) * batch_size
            async with db.transaction() as conn:
                result = await store.append(stream, "case", version,
                                            [_event(b) for _ in range(batch_size)], conn=conn)
                await asyncio.sleep(rng.uniform(0.001, 0.008))
            appended.extend(str(e.event_id) for e in result.events)

    try:
        async with serve_feed(store) as base:
            consumer = FeedConsumer("gaps", base, local, apply_counting, batch_size=300,
                                    wait_seconds=0.5)
            consumer.start()
            await asyncio.gather(*(writer(w) for w in range(writers)))
            total = writers * batches_per_writer * batch_size
            for _ in range(600):
                if len(await applied_ids(local)) >= total and consumer.status().caught_up:
                    break
                await asyncio.sleep(0.1)
            await consumer.stop()
        seen = await applied_ids(local)
        assert len(seen) == total == len(appended)
        assert len(set(seen)) == len(seen), "an event was delivered twice"
        assert set(seen) == set(appended), "an event was skipped"
    finally:
        await local.close()
        await db.close()
