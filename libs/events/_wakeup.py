"""Wake-ups for long-polling feed readers.

A wake-up is only a hint that something may have been committed: readers always re-query
and also poll on a timer, so a lost notification delays them but never stalls them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import asyncpg

log = logging.getLogger(__name__)

CHANNEL = "jingkang_events"


class Wakeup:
    """A generation counter readers can wait on without missing a poke between check and wait."""

    def __init__(self) -> None:
        self.generation = 0
        self._event = asyncio.Event()

    def poke(self) -> None:
        self.generation += 1
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, seen_generation: int, timeout: float) -> None:
        if self.generation != seen_generation or timeout <= 0:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout)


class PgNotifier:
    """Carries wake-ups between processes with LISTEN/NOTIFY.

    NOTIFY is sent after the writer's commit, from this connection, coalescing bursts: a
    NOTIFY inside the writing transaction would take PostgreSQL's notification lock until
    commit and so serialise every writer's commit.
    """

    def __init__(self, dsn: str, wakeup: Wakeup, *, retry_seconds: float = 2.0,
                 min_interval: float = 0.02) -> None:
        self._dsn = dsn
        self._wakeup = wakeup
        self._retry = retry_seconds
        self._min_interval = min_interval
        self._pending = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.connected = False

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="pg-notifier")

    def committed(self) -> None:
        self._pending.set()

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                await self._serve_one_connection()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the timed polling covers us while we reconnect
                log.warning("feed notifications unavailable, polling only: %s", exc)
            self.connected = False
            await asyncio.sleep(self._retry)

    async def _serve_one_connection(self) -> None:
        conn = await asyncpg.connect(self._dsn)
        try:
            await conn.add_listener(CHANNEL, lambda *_: self._wakeup.poke())
            self.connected = True
            self._wakeup.poke()  # anything committed while we were away
            while True:
                await self._pending.wait()
                self._pending.clear()
                await conn.execute(f"NOTIFY {CHANNEL}")
                # At most one NOTIFY per interval: a burst of commits needs one wake-up.
                await asyncio.sleep(self._min_interval)
        finally:
            with contextlib.suppress(Exception):
                await asyncio.shield(conn.close())
