"""Services start side by side: a consumer whose source is not up yet stays quiet (debug) for
its grace period, and warns once the grace is over or after it has reached the source."""

from __future__ import annotations

import asyncio
import logging
import socket

import pytest

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang_events import FeedConsumer, connect

from .support import apply_counting


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _failures_logged(tmp_path, caplog: pytest.LogCaptureFixture, grace: float) -> list[int]:
    url = f"sqlite+aiosqlite:///{tmp_path / f'consumer-{grace}.db'}"
    await upgrade_to_head_async("registry", url)
    local = await connect(url)
    consumer = FeedConsumer("archive", f"http://127.0.0.1:{_closed_port()}", local,
                            apply_counting, retry_seconds=0.05, startup_grace_seconds=grace)
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="jingkang_events._consumer"):
        consumer.start()
        await asyncio.sleep(0.4)
        await consumer.stop()
    await local.close()
    return [r.levelno for r in caplog.records if "retrying" in r.getMessage()]


async def test_an_unreachable_source_is_quiet_during_the_grace_period(tmp_path, caplog) -> None:
    quiet = await _failures_logged(tmp_path, caplog, grace=30)
    assert quiet and set(quiet) == {logging.DEBUG}
    loud = await _failures_logged(tmp_path, caplog, grace=0)
    assert loud and set(loud) == {logging.WARNING}
