"""Commands on cases: creating one, and every command on an existing one, each through the
shared pipeline (services/common/application/pipeline.py): replay a stored answer, or load
under lock, check scope and If-Match, decide, then store the events, the read model and the
answer in one transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from jingkang.common.application.pipeline import (
    Refusals, command_metadata, matches_if_match, run_command,
)
from jingkang.common.application.answers import Answer, as_answer, principal_key
from jingkang.common.application.request_meta import RequestMeta
from jingkang.common.domain.actor import Actor
from jingkang.common.domain.regions import RegionTable
from jingkang_events import Connection, UniqueViolation

from ..domain import commands as cmd
from ..domain import decide
from ..domain import events as ev
from jingkang.common.domain.calendar import WorkingCalendar
from ..domain.case import Case, evolve_all
from ..domain.deadlines import pending_deadlines
from ..domain.errors import DuplicateCase
from ..domain.events import CaseEvent
from ..domain.institutions import Institution
from ..domain.rules import Rules
from ..domain.scope import can_see
from .errors import Busy, CaseNotFound, PreconditionFailed
from .handlers import HANDLERS, Handler
from .ports import (
    AnswerWriter, CaseAnswers, CaseStore, Clock, Directory, Outcome, PersonKeys, Result,
    SealingKey, UnitOfWork,
)
from .views import present, reads_person

_REFUSALS = Refusals(
    changed=lambda: PreconditionFailed("the case changed since the version in If-Match"),
    busy=lambda: Busy("the case kept changing; retry the request"))
Decision = Callable[[str, str, decide.Context], list[CaseEvent]]


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
    def __init__(self, db: UnitOfWork, repo: CaseStore, answers: CaseAnswers,
                 directory: Directory, *, writer: AnswerWriter, rules: Rules,
                 calendar: WorkingCalendar, regions: RegionTable, clock: Clock,
                 person_keys: PersonKeys) -> None:
        self.db, self.repo, self.answers, self.directory = db, repo, answers, directory
        self.writer, self.rules, self.calendar, self.regions = writer, rules, calendar, regions
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
                      decision: Decision) -> Answer:
        if (replayed := await self._replayed(actor, meta)) is not None:
            return replayed
        person_key = self.person_keys(id_number)
        case_id = str(uuid.uuid4())
        ctx = self.context(actor)
        events = decision(case_id, person_key, ctx)
        before = Case(case_id)
        after = evolve_all(before, events, ctx.now)
        try:
            async with self.db.transaction() as conn:
                await self.repo.lock_person(conn, person_key)  # against erasure, and a twin
                existing = await self.repo.open_case_of(person_key, conn)
                if existing is not None:
                    raise DuplicateCase("the person already has an open case", case_id=existing)
                answer = await self._store(conn, before, after, events, actor, meta, ctx.now,
                                           Outcome.CREATED)
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

    async def handle(self, case_id: str, command: Any, actor: Actor,
                     meta: RequestMeta) -> Answer:
        """A command on an existing case, by the decision ``HANDLERS`` names for its type."""
        handler = HANDLERS[type(command)]
        return await run_command(
            lambda: self._handle_once(case_id, handler, command, actor, meta),
            replayed=lambda: self._replayed(actor, meta), meta=meta, refusals=_REFUSALS,
            retry_on=(RoomTaken,))  # another choice took the bed first: choose again

    async def _handle_once(self, case_id: str, handler: Handler, command: Any, actor: Actor,
                           meta: RequestMeta) -> Answer:
        ctx = self.context(actor)
        async with self.db.transaction() as conn:  # one connection for the read and the write
            # Locked: a concurrent command on the case waits for this one, then decides on
            # what it committed (and an If-Match it no longer matches gets 412 below).
            before = await self.repo.load(case_id, conn, lock=True)
            if before is None or not can_see(before, actor):
                raise CaseNotFound(f"no case {case_id}")
            if not matches_if_match(meta, before.version):
                raise PreconditionFailed(f"the case is at version {before.version}, "
                                         f"If-Match says {meta.if_match}")
            if handler.needs_directory:
                institutions = await self._institutions_for(before, command, conn)
                events = handler.decide(before, command, ctx, institutions)
                chosen = _institution_chosen(events)
                # Chosen from counts read without a lock (choices in one city run side by
                # side); held now and counted again, or decided again on what is left.
                if chosen and not await self.directory.hold_room(chosen, conn):
                    raise RoomTaken(chosen)
            else:
                events = handler.decide(before, command, ctx)
            after = evolve_all(before, events, ctx.now)
            return await self._store(conn, before, after, events, actor, meta, ctx.now,
                                     Outcome.DONE)

    async def _institutions_for(self, case: Case, command: Any,
                                conn: Connection) -> list[Institution]:
        """The directory entries dispatch may choose from: the target city's, and a named one."""
        region = (case.relocation.to_region if case.relocation else case.residence_region) or ""
        named = getattr(command, "institution_id", None) or getattr(
            command, "target_institution_id", None)
        institutions = await self.directory.in_city_of(region, conn)
        if named and all(i.institution_id != named for i in institutions):
            found = await self.directory.get(named, conn)
            institutions += [found] if found else []
        return institutions

    # --- storing and answering -------------------------------------------------------------

    async def _store(self, conn: Connection, before: Case, after: Case,
                     events: list[CaseEvent], actor: Actor, meta: RequestMeta, now: datetime,
                     outcome: Outcome) -> Answer:
        """The events, the read-model row and the answer, in the caller's transaction.  The
        case's deadlines are worked out once, for the answer and the row alike."""
        due = pending_deadlines(after, self.rules)
        view = present(after, actor, now, self.rules, due=due)
        answer = self.writer.answer(Result(outcome, view, after.version, after.case_id))
        key: SealingKey = await self.repo.append(conn, before, after, events,
                                                 command_metadata(actor, meta), now, due=due)
        await self.answers.remember(conn, principal_key(actor), meta, answer, key, now)
        return answer

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
        return as_answer(stored, self.writer.as_seen_now(body, reads_person(case, actor)))
