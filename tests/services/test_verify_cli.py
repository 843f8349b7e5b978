"""`jingkang verify` recomputes every stream's chain in both databases and names a broken one."""

from __future__ import annotations

import os
import subprocess
import sys

from jingkang.common.migrations import upgrade_to_head_async
from jingkang_events import EventStore, EventTypes, NewEvent, connect

from ..events.test_integrity import _tamper


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


def _verify(referral: str, registry: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JINGKANG_REFERRAL_DATABASE_URL": referral,
           "JINGKANG_REGISTRY_DATABASE_URL": registry}
    return subprocess.run([sys.executable, "-m", "jingkang.cli", "verify"], env=env,
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
