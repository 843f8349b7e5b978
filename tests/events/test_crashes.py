"""Processes killed with SIGKILL: acknowledged appends survive; consumers apply exactly once."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from jingkang_events import EventStore, FeedCursor, NewEvent, connect

from ..conftest import sample_types
from .support import (
    HERE, PYTHON, applied_ids, consumer_database, serve_feed, servable, stream_totals, totals_from_events,
)

ROOT = HERE.parents[1]
pytestmark = pytest.mark.slow


async def _spawn(*args: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return await asyncio.create_subprocess_exec(PYTHON, *args, stdout=asyncio.subprocess.PIPE,
                                                env=env)


async def _all_events(store: EventStore) -> list:
    events, cursor = [], FeedCursor()
    while page := (await store.read_feed(cursor, 500)).events:
        events += page
        cursor = page[-1].cursor
    return events


async def test_acknowledged_appends_survive_sigkill(url: str) -> None:
    writer = await _spawn(str(HERE / "crash_writer.py"), url, "4")
    acknowledged: list[str] = []
    while len(acknowledged) < 400:
        line = await asyncio.wait_for(writer.stdout.readline(), timeout=60)
        assert line, "the writer stopped by itself"
        acknowledged.append(line.decode().strip())
    writer.send_signal(signal.SIGKILL)
    await writer.wait()

    db = await connect(url)
    try:
        store = EventStore(db, sample_types())
        await store.start()  # the store opens cleanly after the crash
        events = await _all_events(store)
        stored = {str(e.event_id) for e in events}
        assert set(acknowledged) <= stored
        streams = {e.stream_id for e in events}
        for stream_id in streams:
            result = await store.verify_stream(stream_id)
            assert result.valid, result
        await store.stop()
    finally:
        await db.close()


async def test_killed_consumer_restarts_and_applies_each_event_once(store: EventStore,
                                                                     tmp_path: Path) -> None:
    for s in range(40):
        await store.append(f"case-{s}", "case", 0,
                           [NewEvent("ThingHappened", {"n": n}) for n in range(25)])
    await servable(store, 40 * 25)
    expected_events = await _all_events(store)
    async with consumer_database(store.db.dialect, tmp_path) as (local_url, local):
        async with serve_feed(store) as base:
            first = await _spawn(str(HERE / "consumer_process.py"), base, local_url)
            while len(await applied_ids(local)) < 300:  # part of the way through
                assert first.returncode is None
                await asyncio.sleep(0.02)
            first.send_signal(signal.SIGKILL)
            await first.wait()
            partial = len(await applied_ids(local))
            assert partial < len(expected_events)

            second = await _spawn(str(HERE / "consumer_process.py"), base, local_url)
            for _ in range(1200):
                if len(await applied_ids(local)) >= len(expected_events):
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(1.0)  # time enough to show a repeated page, were there one
            second.send_signal(signal.SIGTERM)
            await second.wait()
        seen = await applied_ids(local)
        assert sorted(seen) == sorted(str(e.event_id) for e in expected_events)
        assert await stream_totals(local) == totals_from_events(expected_events)
