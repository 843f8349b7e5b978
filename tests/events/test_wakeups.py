"""Long-polling readers are woken by other processes' appends, and never stall without a wake-up."""

from __future__ import annotations

import asyncio

from jingkang_events import EventStore, FeedCursor, NewEvent, connect

from ..conftest import sample_types


async def _wait_until_listening(store: EventStore) -> None:
    for _ in range(500):
        if store.notifications_connected:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the listener never connected")


async def test_notify_wakes_a_reader_in_another_store_instance_postgres(pg_url: str) -> None:
    reader_db, writer_db = await connect(pg_url), await connect(pg_url)
    # Timed polling every 60 s: only a notification can wake the reader within the test.
    reader = EventStore(reader_db, sample_types(), poll_interval=60)
    writer = EventStore(writer_db, sample_types(), poll_interval=60)
    await reader.start()
    await writer.start()
    try:
        await _wait_until_listening(reader)
        waiting = asyncio.create_task(reader.wait_for_feed(FeedCursor(), 10, wait=30))
        await asyncio.sleep(0.2)
        await writer.append("case-1", "case", 0, [NewEvent("ThingHappened", {"n": 1})])
        page = await asyncio.wait_for(waiting, timeout=20)
        assert [e.stream_id for e in page.events] == ["case-1"]
    finally:
        for store in (reader, writer):
            await store.stop()
            await store.db.close()


async def test_a_lost_notification_only_delays_the_reader(pg_url: str) -> None:
    reader_db, writer_db = await connect(pg_url), await connect(pg_url)
    reader = EventStore(reader_db, sample_types(), poll_interval=0.2)
    writer = EventStore(writer_db, sample_types())
    await reader.start()
    await reader.stop()  # no listener at all: every notification is lost to this reader
    try:
        waiting = asyncio.create_task(reader.wait_for_feed(FeedCursor(), 10, wait=30))
        await asyncio.sleep(0.3)
        await writer.append("case-1", "case", 0, [NewEvent("ThingHappened", {"n": 1})])
        page = await asyncio.wait_for(waiting, timeout=20)
        assert [e.stream_id for e in page.events] == ["case-1"]
    finally:
        await reader_db.close()
        await writer_db.close()
