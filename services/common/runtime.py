"""What a running service holds: its database, event store and feed consumers."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from jingkang_events import Database, EventStore, FeedConsumer, Ledger

from jingkang.common.adapters.migrations import current_revision, head_revision


@dataclass
class ServiceRuntime:
    service: str
    db: Database
    store: EventStore
    consumers: list[FeedConsumer] = field(default_factory=list)
    # Signed checkpoints of the store (docs/event-store.md): one at start, then one every
    # ``checkpoint_interval`` seconds when the feed has grown (0: only `jingkang checkpoint`).
    ledger: Ledger = field(init=False)
    checkpoint_interval: float = field(default=0.0, init=False)
    _checkpoints: asyncio.Task[None] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.ledger = Ledger(self.db, self.service, self.store.ledger_key)

    async def start(self) -> None:
        await self._require_migrated()
        await self.prepare()
        await self.store.start()
        for consumer in self.consumers:
            consumer.start()
        if self.checkpoint_interval > 0 and self.ledger.key is not None:
            self._checkpoints = asyncio.create_task(self._make_checkpoints())
        _running.append(self)

    async def _make_checkpoints(self) -> None:
        while True:
            try:
                made = await self.ledger.checkpoint()
                if made is not None:
                    log.info("%s: checkpoint at tree size %d, root %s", self.service,
                             made.tree_size, made.root_hash)
            except Exception:  # the next round tries again; the store keeps serving
                log.exception("%s: making a checkpoint failed", self.service)
            await asyncio.sleep(self.checkpoint_interval)

    async def prepare(self) -> None:
        """What a service sets right in its migrated database before it serves and its
        consumers follow their feeds (nothing by default)."""

    async def stop(self) -> None:
        if self in _running:
            _running.remove(self)
        if self._checkpoints is not None:
            self._checkpoints.cancel()
            await asyncio.gather(self._checkpoints, return_exceptions=True)
            self._checkpoints = None
        for consumer in self.consumers:
            await consumer.stop()
        await self.store.stop()
        await self.db.close()

    async def _require_migrated(self) -> None:
        current, head = await current_revision(self.db), head_revision(self.service)
        if current != head:
            raise RuntimeError(
                f"the {self.service} database is at revision {current or 'none'}, this code needs "
                f"{head}: run `jingkang migrate {self.service}` first")

    async def store_head_position(self) -> int | None:
        head = await self.store.head()
        return None if head is None else head.position


log = logging.getLogger("jingkang.runtime")
_running: list[ServiceRuntime] = []  # this process's, for the server's stop signal


def end_long_polls() -> None:
    """The server has been told to stop: held feed calls answer now, so the graceful
    shutdown neither waits out their holds nor cuts them off with a 500."""
    for runtime in _running:
        runtime.store.end_waits()
