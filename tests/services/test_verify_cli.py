"""`jingkang verify` recomputes every stream's chain in both databases and names a broken one."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang_events import EventStore, EventTypes, NewEvent, connect

from ..events.test_integrity import _tamper
from .support import free_port


async def _seed(url: str, streams: int) -> list:
    types = EventTypes()
    types.register("ThingHappened")
    db = await connect(url)
    try:
        store = EventStore(db, types)
        written = []
        for n in range(streams):
            result = await store.append(f"s-{n}", "thing", 0, [
                NewEvent("ThingHappened", {"n": i, "note": "原文"}) for i in range(3)])
            written += result.events
        return written
    finally:
        await db.close()


def _verify(referral: str, registry: str, *options: str,
            **settings: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JINGKANG_REFERRAL_DATABASE_URL": referral,
           "JINGKANG_REGISTRY_DATABASE_URL": registry, **settings}
    return subprocess.run([sys.executable, "-m", "jingkang.cli", "verify", *options], env=env,
                          capture_output=True, text=True, timeout=120)


async def test_verify_checks_both_databases_and_names_the_altered_event(tmp_path,
                                                                       empty_url: str) -> None:
    referral, registry = empty_url, f"sqlite+aiosqlite:///{tmp_path / 'registry.db'}"
    await upgrade_to_head_async("referral", referral)
    await upgrade_to_head_async("registry", registry)
    events = await _seed(referral, 4)
    await _seed(registry, 2)
    ok = _verify(referral, registry)
    assert ok.returncode == 0, ok.stderr
    assert "referral: 4 streams, 12 events checked, 0 broken" in ok.stdout
    assert "registry: 2 streams, 6 events checked, 0 broken" in ok.stdout

    target = events[7]
    cast = "::json" if referral.startswith("postgresql") else ""
    await _tamper(referral, "UPDATE events SET data = replace(CAST(data AS TEXT), '原文', '改文')"
                            f"{cast} WHERE position = {target.position}")
    broken = _verify(referral, registry)
    assert broken.returncode == 1
    assert "referral: 4 streams, 11 events checked, 1 broken" in broken.stdout
    assert f"s-2: event {target.event_id} (version 2" in broken.stdout


async def test_verify_says_the_archive_is_not_checked_while_the_referral_feed_is_away(
        tmp_path, empty_url: str) -> None:
    referral, registry = f"sqlite+aiosqlite:///{tmp_path / 'referral.db'}", empty_url
    await upgrade_to_head_async("referral", referral)
    await upgrade_to_head_async("registry", registry)
    db = await connect(registry)
    try:  # the archive consumer has applied five events of a feed that no longer answers
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO consumer_cursors (name, cursor, position, updated_at) "
                "VALUES ('case_archive', '0:5', 5, $1)", conn.timestamp(datetime.now(UTC)))
    finally:
        await db.close()
    dead = f"http://127.0.0.1:{free_port()}"
    result = _verify(referral, registry, JINGKANG_REFERRAL_URL=dead)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"registry: archive: not checked: the referral feed at {dead} did not answer" \
        in result.stdout
    assert "registry: institution tables: 0 rows checked, 0 differ" in result.stdout
    skipped = _verify(referral, registry, "--no-projections", JINGKANG_REFERRAL_URL=dead)
    assert skipped.returncode == 0 and "archive" not in skipped.stdout
