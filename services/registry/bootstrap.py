"""The only place the registry service's concrete adapters are built."""

from __future__ import annotations

from jingkang.common.runtime import ServiceRuntime
from jingkang_events import EventStore, EventTypes, connect

from .config import Settings


def event_types() -> EventTypes:
    """Every event type the registry store writes or may find stored, with its upcasters."""
    return EventTypes()


async def build_runtime(settings: Settings) -> ServiceRuntime:
    db = await connect(settings.database_url)
    store = EventStore(db, event_types(), poll_interval=settings.feed_poll_seconds)
    return ServiceRuntime("registry", db, store)
