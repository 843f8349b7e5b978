"""What a running service holds: its database, event store and feed consumers."""

from __future__ import annotations

from dataclasses import dataclass, field

from jingkang_events import Database, EventStore, FeedConsumer

from .migrations import current_revision, head_revision


@dataclass
class ServiceRuntime:
    service: str
    db: Database
    store: EventStore
    consumers: list[FeedConsumer] = field(default_factory=list)

    async def start(self) -> None:
        await self._require_migrated()
        await self.prepare()
        await self.store.start()
        for consumer in self.consumers:
            consumer.start()
        _running.append(self)

    async def prepare(self) -> None:
        """What a service sets right in its migrated database before it serves and its
        consumers follow their feeds (nothing by default)."""

    async def stop(self) -> None:
        if self in _running:
            _running.remove(self)
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


_running: list[ServiceRuntime] = []  # this process's, for the server's stop signal


def end_long_polls() -> None:
    """The server has been told to stop: held feed calls answer now, so the graceful
    shutdown neither waits out their holds nor cuts them off with a 500."""
    for runtime in _running:
        runtime.store.end_waits()
