"""One handler per command: load, check scope and version, decide, then store the events, the
read model and the idempotent answer in one transaction."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import random
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from jingkang.common.domain.actor import Actor
from jingkang.common.idempotency import Answer, as_answer, principal_key
from jingkang.common.regions import RegionTable
from jingkang.common.requests import RequestMeta
from jingkang_events import ConcurrencyError, Connection, Database, Metadata, UniqueViolation

from ..adapters.answers import CaseAnswers
from ..adapters.case_repository import CaseRepository
from ..adapters.directory import InstitutionDirectory
from ..adapters.protection import DataKey
from ..domain import commands as cmd
from ..domain import decide
from ..domain import events as ev
from ..domain.calendar import WorkingCalendar
from ..domain.case import Case, evolve
from ..domain.errors import DuplicateCase
from ..domain.events import CaseEvent
from ..domain.rules import Rules
from .errors import Busy, CaseNotFound, PreconditionFailed
from .scope import can_see
from .views import person_view, present, reads_person

Clock = Callable[[], datetime]
# Commands on one case queue on its row lock, so an append rarely meets a newer version; when
# one does (a writer that took no lock), the command is decided again on the new state, after
# a short random pause, for up to this long.
RETRY_SECONDS = 5.0
_FIRST_PAUSE, _LONGEST_PAUSE = 0.005, 0.2


class PersonKeys:
    """Keyed hashes of identity numbers: duplicates are found without the number readable."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def __call__(self, id_number: str) -> str:
        canonical = id_number.strip().upper().encode()
        return hmac.new(self._secret, canonical, hashlib.sha256).hexdigest()


Decision = Callable[..., list[CaseEvent]]


class RoomTaken(Exception):
    """The institution a decision chose filled up before its room could be held."""


def _institution_chosen(events: list[CaseEvent]) -> str | None:
    """The institution whose room the events fill or rely on: a dispatch's, a relocation's
    named or targeted receiver."""
    for event in events:
        if isinstance(event, ev.CaseDispatched):
            return event.institution_id
        if isinstance(event, ev.RelocationPushed | ev.RelocationTargeted):
            return event.target_institution_id
    return None


class CaseService:
    def __init__(self, db: Database, repo: CaseRepository, answers: CaseAnswers,
                 directory: InstitutionDirectory, *, rules: Rules, calendar: WorkingCalendar,
                 regions: RegionTable, clock: Clock, person_keys: PersonKeys) -> None:
        self.db, self.repo, self.answers, self.directory = db, repo, answers, directory
        self.rules, self.calendar, self.regions = rules, calendar, regions
        self.clock, self.person_keys = clock, person_keys

    def context(self, actor: Actor) -> decide.Context:
        return decide.Context(actor=actor, now=self.clock(), rules=self.rules,
                              calendar=self.calendar, regions=self.regions)

    # --- creating a case -----------------------------------------------------------------

    async def upload_medical_assessment(self, command: cmd.UploadMedicalAssessment,
                                        actor: Actor, meta: RequestMeta) -> Answer:
        return await self._create(command.person.id_number, actor, meta,
                                  lambda case_id, key, ctx: decide.upload_medical_assessment(
                                      case_id, key, command, ctx))

    async def submit_application(self, command: cmd.SubmitApplication, actor: Actor,
                                 meta: RequestMeta) -> Answer:
        return await self._create(command.person.id_number, actor, meta,
                                  lambda case_id, key, ctx: decide.submit_application(
                                      case_id, key, command, ctx))

    async def _create(self, id_number: str, actor: Actor, meta: RequestMeta,
                      decision: Callable[[str, str, decide.Context], list[CaseEvent]]) -> Answer:
        if (replayed := await self._replayed(actor, meta)) is not None:
            return replayed
        person_key = self.person_keys(id_number)
        case_id = str(uuid.uuid4())
        ctx = self.context(actor)
        events = decision(case_id, person_key, ctx)
        before = Case(case_id)
        after = self._fold(before, events, ctx.now)
        answer = self._answer(201, after, actor, ctx.now, location=f"/v1/cases/{case_id}")
        try:
            async with self.db.transaction() as conn:
                await self.repo.lock_person(conn, person_key)  # against erasure, and a twin
                existing = await self.repo.open_case_of(person_key, conn)
                if existing is not None:
                    raise DuplicateCase("the person already has an open case", case_id=existing)
                key = await self.repo.append(conn, before, after, events,
                                             self._metadata(actor, meta), ctx.now)
                await self._remember(conn, actor, meta, answer, key, ctx.now)
        except UniqueViolation as exc:
            if (replayed := await self._replayed(actor, meta)) is not None:
                return replayed
            async with self.db.connection() as conn:
                existing = await self.repo.open_case_of(person_key, conn)
            if existing is None:
                raise
            raise DuplicateCase("the person already has an open case", case_id=existing) from exc
        return answer

    # --- commands on a case --------------------------------------------------------------

    async def act(self, case_id: str, decision: Decision, command: Any, actor: Actor,
                  meta: RequestMeta, *, needs_directory: bool = False) -> Answer:
        """Run ``decision(case, command, ctx[, institutions])`` and store what it decides."""
        give_up, pause = time.monotonic() + RETRY_SECONDS, _FIRST_PAUSE
        while True:
            if (replayed := await self._replayed(actor, meta)) is not None:
                return replayed
            try:
                return await self._act_once(case_id, decision, command, actor, meta,
                                            needs_directory)
            except ConcurrencyError:
                if meta.if_match is not None:
                    raise PreconditionFailed("the case changed since the version in If-Match")
            except UniqueViolation:  # the same Idempotency-Key committed concurrently
                pass
            except RoomTaken:  # another choice took the bed first: choose again
                pass
            if time.monotonic() >= give_up:
                raise Busy("the case kept changing; retry the request")
            await asyncio.sleep(random.uniform(pause / 2, pause))
            pause = min(pause * 2, _LONGEST_PAUSE)

    async def _act_once(self, case_id: str, decision: Decision, command: Any, actor: Actor,
                        meta: RequestMeta, needs_directory: bool) -> Answer:
        ctx = self.context(actor)
        async with self.db.transaction() as conn:  # one connection for the read and the write
            # Locked: a concurrent command on the case waits for this one, then decides on
            # what it committed (and an If-Match it no longer matches gets 412 below).
            before = await self.repo.load(case_id, conn, lock=True)
            if before is None or not can_see(before, actor):
                raise CaseNotFound(f"no case {case_id}")
            if meta.if_match is not None and meta.if_match != before.version:
                raise PreconditionFailed(f"the case is at version {before.version}, "
                                         f"If-Match says {meta.if_match}")
            if needs_directory:
                institutions = await self._institutions_for(before, command, conn)
                events = decision(before, command, ctx, institutions)
                chosen = _institution_chosen(events)
                # Chosen from counts read without a lock (choices in one city run side by
                # side); held now and counted again, or decided again on what is left.
                if chosen and not await self.directory.hold_room(chosen, conn):
                    raise RoomTaken(chosen)
            else:
                events = decision(before, command, ctx)
            after = self._fold(before, events, ctx.now)
            answer = self._answer(200, after, actor, ctx.now)
            key = await self.repo.append(conn, before, after, events,
                                         self._metadata(actor, meta), ctx.now)
            await self._remember(conn, actor, meta, answer, key, ctx.now)
        return answer

    async def _institutions_for(self, case: Case, command: Any, conn: Any) -> list:
        """The directory entries dispatch may choose from: the target city's, and a named one."""
        region = (case.relocation.to_region if case.relocation else case.residence_region) or ""
        named = getattr(command, "institution_id", None) or getattr(
            command, "target_institution_id", None)
        institutions = await self.directory.in_city_of(region, conn)
        if named and all(i.institution_id != named for i in institutions):
            found = await self.directory.get(named, conn)
            institutions += [found] if found else []
        return institutions

    # --- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _fold(before: Case, events: list[CaseEvent], now: datetime) -> Case:
        after = before
        for event in events:
            after = evolve(after, event, now)
        return after

    def _answer(self, status: int, case: Case, actor: Actor, now: datetime,
                location: str | None = None) -> Answer:
        body = json.dumps(present(case, actor, now, self.rules), ensure_ascii=False,
                          separators=(",", ":"))
        return Answer(status, body, case.version, location, case.case_id)

    @staticmethod
    def _metadata(actor: Actor, meta: RequestMeta) -> Metadata:
        return Metadata(actor_id=actor.sub, role=actor.role, org_id=actor.org_id,
                        request_id=meta.request_id, correlation_id=meta.correlation_id)

    async def _replayed(self, actor: Actor, meta: RequestMeta) -> Answer | None:
        """The stored answer to the caller's Idempotency-Key, checked like a read: only for a
        caller who may see its case now (404 otherwise), with the person as they may see it
        now.  Keys belong to the whole principal, so another organisation's never match."""
        principal = principal_key(actor)
        stored = await self.answers.stored(principal, meta)
        if stored is None:
            return None
        case = await self.repo.load(stored.resource_id or "")
        if case is None or not can_see(case, actor):
            raise CaseNotFound(f"no case {stored.resource_id}")
        body = await self.answers.opened(principal, meta, stored)
        return as_answer(stored, _as_seen_now(body, reads_person(case, actor)))

    async def _remember(self, conn: Connection, actor: Actor, meta: RequestMeta, answer: Answer,
                        key: DataKey, now: datetime) -> None:
        await self.answers.remember(conn, principal_key(actor), meta, answer, key, now)


def _as_seen_now(body: str, person_in_full: bool) -> str:
    """A first answer shown again: the very same text, unless the person must now show
    otherwise (masked for an institution the case has moved away from, or erased)."""
    shown = json.loads(body)
    person = person_view(shown.get("person"), person_in_full)
    if person == shown.get("person"):
        return body
    return json.dumps({**shown, "person": person}, ensure_ascii=False, separators=(",", ":"))


