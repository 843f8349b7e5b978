"""A service's feed consumers show their cursor, the source's head and their lag, and name an
event they cannot apply."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable

import httpx
from fastapi import FastAPI

from jingkang.common.runtime import ServiceRuntime
from jingkang.common.settings import CommonSettings
from jingkang.common.web.app import create_service_app
from jingkang_events import Connection, EventStore, FeedConsumer, FeedCursor, NewEvent, RecordedEvent

from ..events.support import (
    apply_counting, applied_ids, consumer_database, serve_feed, servable,
)


def _gauge(text: str, name: str) -> float:
    match = re.search(rf'^{name}{{consumer="archive"}} (\S+)$', text, re.M)
    assert match, f"{name} missing from /metrics"
    return float(match.group(1))


async def test_metrics_and_readyz_show_consumer_lag(store: EventStore, tmp_path) -> None:
    for s in range(4):
        await store.append(f"case-{s}", "case", 0,
                           [NewEvent("ThingHappened", {"n": n}) for n in range(5)])
    async with consumer_database(store.db.dialect, tmp_path) as (_, local), serve_feed(store) as base:
        consumer = FeedConsumer("archive", base, local, apply_counting, batch_size=6)
        runtime = ServiceRuntime("registry", local, EventStore(local, store.types), [consumer])
        app: FastAPI = create_service_app(
            title="t", description="t", settings=CommonSettings(),
            build_runtime=None, feed_roles=("service",))  # type: ignore[arg-type]
        app.state.runtime = runtime
        assert await consumer.step(0) == 6
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as http:
            metrics = (await http.get("/metrics")).text
            assert _gauge(metrics, "jingkang_consumer_lag_events") == 14
            assert _gauge(metrics, "jingkang_consumer_position") == consumer.cursor.position
            head = (await store.head()).position
            assert _gauge(metrics, "jingkang_consumer_source_head_position") == head
            assert _gauge(metrics, "jingkang_consumer_active") == 1
            ready = (await http.get("/readyz")).json()["checks"]["consumers"][0]
            assert (ready["name"], ready["lag_events"], ready["caught_up"]) == ("archive", 14, False)

            await consumer.catch_up()
            metrics = (await http.get("/metrics")).text
            assert _gauge(metrics, "jingkang_consumer_lag_events") == 0
            assert _gauge(metrics, "jingkang_consumer_lag_seconds") == 0
        await consumer.stop()


POISON = 13  # the strict table refuses it until the operator changes the table
STRICT = "CREATE TABLE strict (n INTEGER NOT NULL CHECK (n <> 13))"


async def _apply_strictly(event: RecordedEvent, conn: Connection) -> None:
    await apply_counting(event, conn)
    await conn.execute("INSERT INTO strict (n) VALUES ($1)", int(event.data["n"]))


async def _until(probe: Callable[[], Awaitable[bool]], what: str) -> None:
    for _ in range(300):
        if await probe():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"never {what}")


async def test_an_event_that_cannot_be_applied_is_named_retried_and_never_skipped(
        store: EventStore, tmp_path) -> None:
    """The ninth of twelve events cannot be applied (a constraint of the projection refuses
    it): the consumer applies the eight before it, stops there, and names it in /readyz and
    /metrics while it retries; once the table is fixed it applies that event and the rest,
    each once, in order."""
    for s in range(3):
        await store.append(f"case-{s}", "case", 0, [
            NewEvent("ThingHappened", {"n": POISON if (s, n) == (2, 0) else n})
            for n in range(4)])
    await servable(store, 12)
    events = (await store.read_feed(FeedCursor(), 100)).events
    poison = events[8]
    assert poison.data["n"] == POISON
    async with consumer_database(store.db.dialect, tmp_path) as (_, local), \
            serve_feed(store) as base:
        async with local.transaction() as conn:
            await conn.execute(STRICT)
        consumer = FeedConsumer("archive", base, local, _apply_strictly, batch_size=500,
                                wait_seconds=0.2, retry_seconds=0.05)
        runtime = ServiceRuntime("registry", local, EventStore(local, store.types), [consumer])
        app: FastAPI = create_service_app(
            title="t", description="t", settings=CommonSettings(),
            build_runtime=None, feed_roles=("service",))  # type: ignore[arg-type]
        app.state.runtime = runtime
        consumer.start()
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as http:
            async def metric(name: str) -> float:
                return _gauge((await http.get("/metrics")).text, name)

            async def retried() -> bool:
                stuck = consumer.status().stuck
                return stuck is not None and stuck.attempts >= 2

            await _until(retried, "retried the event")
            ready = await http.get("/readyz")
            assert ready.status_code == 200 and ready.json()["status"] == "degraded"
            archive = ready.json()["checks"]["consumers"][0]
            stuck = archive["stuck"]
            assert (archive["state"], archive["caught_up"], archive["lag_events"]) == (
                "stuck", False, 4)
            assert (stuck["cursor"], stuck["position"], stuck["stream_id"], stuck["type"]) == (
                str(poison.cursor), poison.position, "case-2", "ThingHappened")
            assert stuck["error"] in ("CheckViolationError", "IntegrityError")
            # /readyz is unauthenticated: the class only, never the database's message
            assert archive["last_error"] == stuck["error"]
            assert archive["position"] == events[7].position  # everything before it applied
            assert await metric("jingkang_consumer_stuck") == 1
            assert await metric("jingkang_consumer_stuck_position") == poison.position
            assert await metric("jingkang_consumer_failures") >= 2
            assert await metric("jingkang_consumer_lag_events") == 4
            assert await applied_ids(local) == [str(e.event_id) for e in events[:8]]

            async with local.transaction() as conn:  # the operator fixes the projection
                await conn.execute("DROP TABLE strict")
                await conn.execute(STRICT.replace(" CHECK (n <> 13)", ""))

            async def applied_all() -> bool:
                return consumer.status().position == events[-1].position

            await _until(applied_all, "applied the rest")
            ready = await http.get("/readyz")
            archive = ready.json()["checks"]["consumers"][0]
            assert (ready.json()["status"], archive["state"], archive["stuck"]) == (
                "ready", "following", None)
            assert await metric("jingkang_consumer_stuck") == 0
            assert await metric("jingkang_consumer_stuck_position") == 0
            assert await metric("jingkang_consumer_failures") == 0
        await consumer.stop()
        assert await applied_ids(local) == [str(e.event_id) for e in events]
