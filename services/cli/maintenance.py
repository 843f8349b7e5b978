"""Keeping the stores in shape: rebuild projections, purge the access log, load the demo."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx

from .config import SERVICES, settings_of


PEER = {"referral": "registry", "registry": "referral"}


def cmd_replay(args: argparse.Namespace) -> int:
    """Rebuild a service's projections from the events (the service must be stopped)."""
    refusal = replay_refusal(args.service)
    if refusal is not None:
        print(f"jingkang replay: {refusal}", file=sys.stderr)
        return 1
    if args.service == "referral":
        return _replay_referral()

    from jingkang.registry.bootstrap import archive_consumer, event_types
    from jingkang.registry.adapters.rebuild import rebuild_all
    from jingkang_events import EventStore, connect

    settings = settings_of(args.service)

    async def replay() -> int:
        db = await connect(settings.database_url)
        store = EventStore(db, event_types())
        consumer = archive_consumer(settings, db)
        started = time.monotonic()
        try:
            async with reporting_progress("registry", consumer):
                rebuilt = await rebuild_all(db, store, consumer)
        finally:
            await consumer.stop()
            await db.close()
        seconds = time.monotonic() - started
        print(f"registry: replayed {rebuilt.registry_events} registry events and "
              f"{rebuilt.referral_events} referral events in {seconds:.1f} s")
        return 0

    return asyncio.run(replay())


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def replay_refusal(service: str) -> str | None:
    """Why a replay cannot run now: the service itself is running (its projections would be
    rebuilt under it), or the other service, whose feed it reads, does not answer."""
    own = settings_of(service)
    own_url = f"http://{own.host}:{own.port}"
    if _answers(f"{own_url}/healthz"):
        return (f"the {service} service is running at {own_url}; stop it first (the rebuild "
                "empties its tables)")
    peer = PEER[service]
    peer_url = getattr(own, f"{peer}_url")
    if not _answers(f"{peer_url}/healthz"):
        return (f"{service} is rebuilt from the {peer} service's feed at {peer_url}, which does "
                f"not answer; start it (`jingkang serve {peer}`) and run the replay again")
    return None


@contextlib.asynccontextmanager
async def reporting_progress(service: str, consumer: Any,
                             every: float = 2.0) -> AsyncIterator[None]:
    """A line on stderr every ``every`` seconds: the feed position reached, the events left
    and the rate, so a long rebuild is not silent."""
    started, first = time.monotonic(), consumer.cursor.position

    async def report() -> None:
        while True:
            await asyncio.sleep(every)
            done = consumer.cursor.position - first
            rate = done / max(time.monotonic() - started, 1e-6)
            left = consumer.progress.lag_events
            print(f"{service}: feed position {consumer.cursor.position:,}, {left:,} events to "
                  f"go, {rate:,.0f} events/s", file=sys.stderr, flush=True)

    task = asyncio.create_task(report())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def cmd_purge_access_log(args: argparse.Namespace) -> int:
    """Remove access-log entries older than the retention (never younger than 180 days)."""
    from jingkang.common.adapters.access_log import AccessLog
    from jingkang_events import connect

    async def purge(service: str) -> int:
        settings = settings_of(service)
        db = await connect(settings.database_url)
        try:
            return await AccessLog(db).purge(settings.access_log_retention_days)
        finally:
            await db.close()

    for service in SERVICES if args.service == "all" else (args.service,):
        removed = asyncio.run(purge(service))
        print(f"{service}: removed {removed} access-log entries older than the retention")
    return 0


def _replay_referral() -> int:
    from jingkang.referral.adapters.rebuild import rebuild_all
    from jingkang.referral.bootstrap import build_runtime

    async def replay() -> int:
        runtime = await build_runtime(settings_of("referral"))  # not started: no consumer runs
        started = time.monotonic()
        try:
            async with reporting_progress("referral", runtime.consumers[0]):
                rebuilt = await rebuild_all(runtime.db, runtime.cases.repo, runtime.consumers[0])
        finally:
            await runtime.consumers[0].stop()
            await runtime.db.close()
        print(f"referral: rebuilt {rebuilt.cases} cases and the directory from "
              f"{rebuilt.registry_events} registry events in {time.monotonic() - started:.1f} s")
        return 0

    return asyncio.run(replay())


def cmd_demo(args: argparse.Namespace) -> int:
    from jingkang.demo import main as load_demo

    settings = settings_of("referral")
    return load_demo(referral_url=args.referral_url or settings.referral_url,
                     registry_url=args.registry_url or settings.registry_url)
