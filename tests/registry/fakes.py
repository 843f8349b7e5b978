"""In-memory stand-ins for the registry application's ports (application/ports.py), so the
command handlers run without a database.  A transaction keeps a copy of everything and puts
it back when the block raises, as a rolled-back transaction would."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from jingkang.common.application.answers import Answer
from jingkang.common.application.request_meta import RequestMeta
from jingkang.common.domain.regions import RegionTable
from jingkang.registry.adapters.http_answers import HttpAnswers
from jingkang.registry.application.institutions import RegistryService
from jingkang.registry.domain.events import RegistryEvent
from jingkang.registry.domain.institution import Institution, evolve
from jingkang_events import ConcurrencyError, Connection, Metadata, RecordedEvent

NOW = datetime(2025, 6, 15, 4, 0, tzinfo=UTC)


class FakeWorld:
    """Everything the fakes store, and the unit of work over it."""

    def __init__(self) -> None:
        self.streams: dict[str, list[RegistryEvent]] = {}
        self.baselines: dict[tuple[str, str], list[RegistryEvent]] = {}
        self.answers: dict[tuple[str, str], Answer] = {}
        self.commits = 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        saved = copy.deepcopy((self.streams, self.baselines, self.answers))
        try:
            yield self  # type: ignore[misc]  # the fakes ignore the connection they are given
        except BaseException:
            self.streams, self.baselines, self.answers = saved
            raise
        self.commits += 1


class FakeInstitutionStore:
    def __init__(self, world: FakeWorld) -> None:
        self.world = world

    async def lock_stream(self, conn: Connection, stream_id: str) -> None:
        return None  # one task at a time: nothing to queue behind

    async def load(self, institution_id: str, conn: Connection | None = None) -> Institution:
        state = Institution(institution_id)
        for event in self.world.streams.get(institution_id, []):
            state = evolve(state, event)
        return state

    async def history(self, institution_id: str) -> list[RecordedEvent]:
        return []

    async def registered_already(self, ids: Sequence[str],
                                 identities: Sequence[tuple[str, str, str]]
                                 ) -> tuple[set[str], set[tuple[str, str, str]]]:
        return {i for i in ids if self.world.streams.get(i)}, set()

    async def append(self, conn: Connection, before: Institution,
                     events: Sequence[RegistryEvent], metadata: Metadata,
                     at: datetime) -> Institution:
        stream = self.world.streams.setdefault(before.institution_id, [])
        if len(stream) != before.version:
            raise ConcurrencyError(before.institution_id, before.version, len(stream))
        stream.extend(events)
        return await self.load(before.institution_id)

    async def current_baseline(self, region: str, period: str,
                               conn: Connection) -> tuple[int, dict[str, Any] | None]:
        entries = self.world.baselines.get((region, period), [])
        return len(entries), entries[-1].model_dump(mode="json") if entries else None

    async def append_baseline(self, conn: Connection, version: int, event: RegistryEvent,
                              metadata: Metadata, at: datetime) -> None:
        key = (event.region, event.period)  # type: ignore[attr-defined]
        self.world.baselines.setdefault(key, []).append(event)


class FakeAnswers:
    def __init__(self, world: FakeWorld) -> None:
        self.world = world

    async def replay(self, principal: str, meta: RequestMeta) -> Answer | None:
        if meta.idempotency_key is None:
            return None
        return self.world.answers.get((principal, meta.idempotency_key))

    async def remember(self, conn: Connection, principal: str, meta: RequestMeta,
                       answer: Answer, now: datetime, *, stored_body: str | None = None) -> None:
        if meta.idempotency_key is not None:
            self.world.answers[(principal, meta.idempotency_key)] = answer


def fake_service(world: FakeWorld | None = None, now: datetime = NOW) -> RegistryService:
    """The registry's command handlers over in-memory fakes, at a fixed moment."""
    world = world or FakeWorld()
    return RegistryService(world, FakeInstitutionStore(world), FakeAnswers(world),
                           answers=HttpAnswers(), regions=RegionTable.bundled(), clock=lambda: now)
