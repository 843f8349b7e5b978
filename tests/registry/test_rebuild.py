"""Every registry projection can be dropped and rebuilt from the events, and a consumer
killed mid-stream resumes to the same archive a full rebuild gives."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang.referral.config import Settings as ReferralSettings
from jingkang.referral.entrypoints.app import create_app as create_referral
from jingkang.registry.adapters import archive_indexes
from jingkang.registry.adapters.rebuild import Rebuilt, rebuild_all, reset_archive
from jingkang.registry.bootstrap import (
    ARCHIVE_CONSUMER,
    archive_consumer,
    build_runtime,
    event_types,
)
from jingkang.registry.config import Settings as RegistrySettings
from jingkang_events import EventStore, connect

from ..conftest import create_pg_database, drop_pg_database, schema_state
from ..services.support import free_port, wait_until_healthy
from . import scenario as sc
from .conftest import SECRET, TravelClock, running_system, serving
from .support import append_cases, case_types, dump


async def _rebuilt_equals_live(referral_db: str, registry_db: str) -> tuple[dict[str, list], Rebuilt]:
    """With only the referral running, rebuild the registry's projections and compare."""
    port = free_port()
    settings = RegistrySettings(registry_database_url=registry_db, jwt_secret=SECRET,
                                referral_url=f"http://127.0.0.1:{port}", archive_batch_size=97)
    referral = create_referral(ReferralSettings(referral_database_url=referral_db,
                                                jwt_secret=SECRET, registry_url="http://127.0.0.1:9"))
    db = await connect(registry_db)
    try:
        live = await dump(db)
        async with serving(referral, port):
            consumer = archive_consumer(settings, db)
            try:
                rebuilt = await rebuild_all(db, EventStore(db, event_types()), consumer)
            finally:
                await consumer.stop()
        assert await dump(db) == live
        # the indexes set aside for the replay are back, exactly as the migrations made them
        assert (await schema_state(registry_db, "registry"))[1] == []
        return live, rebuilt
    finally:
        await db.close()


async def test_rebuilt_projections_equal_the_live_ones(databases: tuple[str, str]) -> None:
    referral_db, registry_db = databases
    async with running_system(referral_db, registry_db, TravelClock()) as system:
        await sc.run_june_to_september(sc.Driver(system))
    live, rebuilt = await _rebuilt_equals_live(referral_db, registry_db)
    assert rebuilt.registry_events == 6 + 2 + 3 + 4  # registered, status, staff, baselines
    assert len(live["archive_cases"]) == 30 and len(live["institutions"]) == 6
    assert len(live["baselines"]) == 4 and len(live["staff_reports"]) == 3


async def test_a_replay_stopped_part_way_gets_its_indexes_back_at_start(
        databases: tuple[str, str]) -> None:
    _, registry_db = databases
    db = await connect(registry_db)
    try:
        await reset_archive(db, ARCHIVE_CONSUMER)  # what a rebuild killed mid-replay leaves
    finally:
        await db.close()
    assert (await schema_state(registry_db, "registry"))[1] != []
    runtime = await build_runtime(RegistrySettings(registry_database_url=registry_db,
                                                   jwt_secret=SECRET,
                                                   referral_url="http://127.0.0.1:9"))
    await runtime.start()
    await runtime.stop()
    assert (await schema_state(registry_db, "registry"))[1] == []


async def test_starting_beside_a_writing_consumer_does_not_wait_for_its_transaction() -> None:
    """A standby instance starts while the running one holds a long archive transaction: with
    every index present there is nothing to build, so nothing to lock."""
    url = await create_pg_database()
    db = await connect(url)
    try:
        await upgrade_to_head_async("registry", url)
        async with db.transaction() as writing:
            await writing.execute("LOCK TABLE archive_services IN ROW EXCLUSIVE MODE")
            await asyncio.wait_for(archive_indexes.ensure(db), timeout=10)
    finally:
        await db.close()
        await drop_pg_database(url)


def _registry_process(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "jingkang.cli", "serve", "registry"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _position(base: str) -> int:
    consumers = httpx.get(f"{base}/readyz", timeout=5).json()["checks"]["consumers"]
    return consumers[0]["position"]


@pytest.mark.slow
async def test_consumer_killed_mid_stream_resumes_to_a_full_rebuild(
        databases: tuple[str, str]) -> None:
    referral_db, registry_db = databases
    referral_store = EventStore(await connect(referral_db), case_types())
    written = await append_cases(referral_store, 150)
    head = (await referral_store.head()).position  # type: ignore[union-attr]
    await referral_store.db.close()
    port, registry_port = free_port(), free_port()
    env = {**os.environ, "JINGKANG_REGISTRY_DATABASE_URL": registry_db,
           "JINGKANG_REGISTRY_PORT": str(registry_port), "JINGKANG_JWT_SECRET": SECRET,
           "JINGKANG_REFERRAL_URL": f"http://127.0.0.1:{port}",
           "JINGKANG_ARCHIVE_BATCH_SIZE": "7", "JINGKANG_LOG_LEVEL": "warning"}
    base = f"http://127.0.0.1:{registry_port}"
    referral = create_referral(ReferralSettings(referral_database_url=referral_db,
                                                jwt_secret=SECRET, registry_url="http://127.0.0.1:9"))
    async with serving(referral, port):
        process = _registry_process(env)
        await asyncio.to_thread(wait_until_healthy, base, process)
        while (position := await asyncio.to_thread(_position, base)) < head // 3:
            await asyncio.sleep(0.01)
        process.send_signal(signal.SIGKILL)  # mid-stream: pages of 7 out of ~written events
        process.wait()
        assert position < head, "the consumer finished before it could be killed"
        process = _registry_process(env)
        try:
            await asyncio.to_thread(wait_until_healthy, base, process)
            deadline = time.monotonic() + 60
            while await asyncio.to_thread(_position, base) < head:
                assert time.monotonic() < deadline, "the restarted consumer did not catch up"
                await asyncio.sleep(0.05)
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
    live, rebuilt = await _rebuilt_equals_live(referral_db, registry_db)
    assert rebuilt.referral_events == written
    assert len(live["archive_cases"]) == 150
    assert len(live["archive_services"]) == 450 and written > 1000


async def _referral_rows(url: str) -> tuple[list, list]:
    """The case rows with their snapshots opened, and the directory (but its apply times)."""
    from jingkang.referral.bootstrap import build_runtime

    runtime = await build_runtime(ReferralSettings(referral_database_url=url, jwt_secret=SECRET))
    try:
        async with runtime.db.connection() as conn:
            ids = [r[0] for r in await conn.fetch("SELECT case_id FROM cases ORDER BY case_id")]
            rows = [{k: r[k] for k in r.keys() if k not in ("snapshot", "key_id")}
                    for r in await conn.fetch("SELECT * FROM cases ORDER BY case_id")]
            directory = [tuple(r)[:-1] for r in await conn.fetch(
                "SELECT institution_id, name, region, operating, accepting, capacity, "
                "source_version, updated_at FROM institutions ORDER BY institution_id")]
        cases = [await runtime.cases.repo.load(case_id) for case_id in ids]
        return [*zip(rows, cases, strict=True)], directory
    finally:
        await runtime.db.close()


async def test_the_referral_read_model_and_directory_rebuild_the_same(
        databases: tuple[str, str]) -> None:
    from jingkang.referral.adapters.rebuild import rebuild_all as rebuild_referral
    from jingkang.referral.bootstrap import build_runtime
    from jingkang.registry.entrypoints.app import create_app as create_registry

    referral_db, registry_db = databases
    async with running_system(referral_db, registry_db, TravelClock()) as system:
        await sc.run_june_to_september(sc.Driver(system))
    before = await _referral_rows(referral_db)
    port = free_port()
    registry = create_registry(RegistrySettings(registry_database_url=registry_db,
                                                jwt_secret=SECRET,
                                                referral_url="http://127.0.0.1:9"))
    async with serving(registry, port):
        runtime = await build_runtime(ReferralSettings(
            referral_database_url=referral_db, jwt_secret=SECRET,
            registry_url=f"http://127.0.0.1:{port}"))
        try:
            rebuilt = await rebuild_referral(runtime.db, runtime.cases.repo, runtime.consumers[0])
        finally:
            await runtime.consumers[0].stop()
            await runtime.db.close()
    assert rebuilt.cases == 30 and rebuilt.registry_events == 15
    assert await _referral_rows(referral_db) == before
