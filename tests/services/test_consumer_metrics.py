"""A service's feed consumers show their cursor, the source's head and their lag."""

from __future__ import annotations

import re

import httpx
from fastapi import FastAPI

from jingkang.common.app import create_service_app
from jingkang.common.runtime import ServiceRuntime
from jingkang.common.settings import CommonSettings
from jingkang_events import EventStore, FeedConsumer, NewEvent

from ..events.support import apply_counting, consumer_database, serve_feed


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
