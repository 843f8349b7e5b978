"""In-memory stand-ins for the referral application's ports (application/ports.py), so the
command handlers run without a database.  A transaction keeps a copy of everything and puts
it back when the block raises, as a rolled-back transaction would."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from jingkang.common.application.answers import (
    Answer, IdempotencyKeyReused, StoredAnswer, as_answer,
)
from jingkang.common.application.request_meta import RequestMeta
from jingkang.common.domain.regions import RegionTable
from jingkang.referral.adapters.http_answers import HttpAnswers
from jingkang.referral.application.service import CaseService
from jingkang.common.domain.calendar import china
from jingkang.referral.domain.case import Case
from jingkang.referral.domain.events import CaseEvent
from jingkang.referral.domain.institutions import Institution
from jingkang.referral.domain.rules import Rules
from jingkang_events import ConcurrencyError, Connection, Metadata, RecordedEvent

from .domain_support import DIRECTORY, NOW

ENDED = ("closed", "rejected")


class FakeWorld:
    """Everything the fakes store, and the unit of work over it."""

    def __init__(self, directory: Sequence[Institution] = DIRECTORY) -> None:
        self.cases: dict[str, Case] = {}
        self.events: dict[str, list[tuple[CaseEvent, Metadata]]] = {}
        self.rows_due: dict[str, dict[str, date]] = {}
        self.answers: dict[tuple[str, str], StoredAnswer] = {}
        self.directory = {i.institution_id: i for i in directory}
        self.commits = 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        saved = copy.deepcopy((self.cases, self.events, self.rows_due, self.answers,
                               self.directory))
        try:
            yield self  # type: ignore[misc]  # the fakes ignore the connection they are given
        except BaseException:
            (self.cases, self.events, self.rows_due, self.answers, self.directory) = saved
            raise
        self.commits += 1

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Connection]:
        yield self  # type: ignore[misc]


class FakeCaseStore:
    def __init__(self, world: FakeWorld) -> None:
        self.world = world

    async def load(self, case_id: str, conn: Connection | None = None, *,
                   lock: bool = False) -> Case | None:
        return self.world.cases.get(case_id)

    async def lock_person(self, conn: Connection, person_key: str) -> None:
        return None  # one task at a time: nothing to queue behind

    async def open_case_of(self, person_key: str, conn: Connection) -> str | None:
        return next((c.case_id for c in self.world.cases.values()
                     if c.person_key == person_key and c.state.value not in ENDED), None)

    async def cases_of_person(self, conn: Connection,
                              person_key: str) -> list[tuple[str, str]]:
        return [(c.case_id, c.state.value) for c in self.world.cases.values()
                if c.person_key == person_key]

    async def append(self, conn: Connection, before: Case, after: Case,
                     events: Sequence[CaseEvent], metadata: Metadata, recorded_at: datetime,
                     due: dict[str, date] | None = None) -> str:
        stored = self.world.events.setdefault(before.case_id, [])
        if len(stored) != before.version:
            raise ConcurrencyError(before.case_id, before.version, len(stored))
        stored.extend((event, metadata) for event in events)
        self.world.cases[after.case_id] = after
        self.world.rows_due[after.case_id] = dict(due or {})
        return f"key-{after.person_key}"

    async def history(self, case_id: str) -> list[RecordedEvent]:
        return []

    async def reveal(self, recorded: Sequence[RecordedEvent]
                     ) -> list[tuple[RecordedEvent, dict[str, Any]]]:
        return []

    async def rebuild(self, case_id: str, *, to_version: int | None = None,
                      as_of: datetime | None = None) -> Case | None:
        return self.world.cases.get(case_id)


class FakeDirectory:
    def __init__(self, world: FakeWorld) -> None:
        self.world = world

    async def hold_room(self, institution_id: str, conn: Connection) -> bool:
        found = self.world.directory.get(institution_id)
        if found is None or not found.has_room:
            return False
        self.world.directory[institution_id] = replace(found,
                                                       active_cases=found.active_cases + 1)
        return True

    async def in_city_of(self, region: str, conn: Connection) -> list[Institution]:
        return [i for i in self.world.directory.values() if i.region[:4] == region[:4]]

    async def get(self, institution_id: str, conn: Connection) -> Institution | None:
        return self.world.directory.get(institution_id)


class FakeAnswers:
    """Answers stored as sent (the real adapter seals them; sealing is tested with it)."""

    def __init__(self, world: FakeWorld) -> None:
        self.world = world

    async def stored(self, principal: str, meta: RequestMeta) -> StoredAnswer | None:
        if meta.idempotency_key is None:
            return None
        stored = self.world.answers.get((principal, meta.idempotency_key))
        if stored is not None and stored.request_hash != meta.request_hash:
            raise IdempotencyKeyReused("this Idempotency-Key was used with another request")
        return stored

    async def opened(self, principal: str, meta: RequestMeta, stored: StoredAnswer) -> str:
        return stored.body

    async def remember(self, conn: Connection, principal: str, meta: RequestMeta,
                       answer: Answer, key: Any, now: datetime) -> None:
        if meta.idempotency_key is not None:
            self.world.answers[(principal, meta.idempotency_key)] = StoredAnswer(
                meta.request_hash, answer.status_code, answer.body, answer.location,
                answer.resource_id)

    async def replay_plain(self, principal: str, meta: RequestMeta) -> Answer | None:
        stored = await self.stored(principal, meta)
        return None if stored is None else as_answer(stored, stored.body)

    async def remember_plain(self, conn: Connection, principal: str, meta: RequestMeta,
                             answer: Answer, now: datetime) -> None:
        await self.remember(conn, principal, meta, answer, None, now)

    async def forget(self, conn: Connection, case_ids: list[str]) -> int:
        return 0


def fake_service(world: FakeWorld | None = None, now: datetime = NOW,
                 rules: Rules | None = None) -> CaseService:
    """The referral's command handlers over in-memory fakes, at a fixed moment."""
    world = world or FakeWorld()
    return CaseService(world, FakeCaseStore(world), FakeAnswers(world), FakeDirectory(world),
                       writer=HttpAnswers(), rules=rules or Rules(), calendar=china(),
                       regions=RegionTable.bundled(), clock=lambda: now,
                       person_keys=lambda id_number: f"pk-{id_number}")
