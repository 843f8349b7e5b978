"""One handler per registry command: load, check scope and version, decide, then store the
events, the projected rows and the idempotent answer in one transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from jingkang.common.application.pipeline import (
    Refusals, command_metadata, matches_if_match, run_command,
)
from jingkang.common.application.answers import Answer, principal_key
from jingkang.common.application.request_meta import RequestMeta
from jingkang.common.domain.actor import Actor
from jingkang.common.domain.chinatime import china_date
from jingkang.common.domain.regions import RegionTable
from jingkang_events import ConcurrencyError, Connection, RecordedEvent, UniqueViolation

from ..domain import baselines, institution
from ..domain import commands as cmd
from ..domain.errors import DuplicateInstitution, InstitutionNotFound, RegistryError
from ..domain.events import RegistryEvent
from ..domain.institution import Context, Institution
from .ports import (
    AnswerWriter, Clock, IdempotentAnswers, InstitutionStore, Outcome, Result, UnitOfWork,
)
from .views import present_institution

Decision = Callable[[Institution, Any, Context], list[RegistryEvent]]
# The command on an existing institution each decision answers; ``RegistryService.handle``
# runs it through the shared steps (replay, lock, load, If-Match, decide, store, remember).
HANDLERS: dict[type, Decision] = {
    cmd.ChangeInstitution: institution.change,
    cmd.ChangeStatus: institution.change_status,
    cmd.ReportStaff: institution.report_staff,
}
_ATTEMPTS = 3


class PreconditionFailed(RegistryError):
    code = "precondition_failed"


class Busy(RegistryError):
    code = "busy"


_REFUSALS = Refusals(
    changed=lambda: PreconditionFailed("the institution changed since If-Match"),
    busy=lambda: Busy("the institution kept changing; retry the request"))


class RegistryService:
    def __init__(self, db: UnitOfWork, repo: InstitutionStore, idempotency: IdempotentAnswers,
                 *, answers: AnswerWriter, regions: RegionTable, clock: Clock) -> None:
        self.db, self.repo, self.idempotency = db, repo, idempotency
        self.answers, self.regions, self.clock = answers, regions, clock

    def context(self, actor: Actor) -> Context:
        now = self.clock()
        return Context(actor, now, china_date(now), self.regions)

    # --- institutions ----------------------------------------------------------------------

    async def register(self, command: cmd.RegisterInstitution, actor: Actor,
                       meta: RequestMeta) -> Answer:
        if (replayed := await self._replayed(actor, meta)) is not None:
            return replayed
        institution_id = command.institution_id or f"inst-{uuid.uuid4().hex[:16]}"
        ctx = self.context(actor)
        events = institution.register(institution_id, command, ctx)
        try:
            async with self.db.transaction() as conn:
                after = await self._store(conn, Institution(institution_id), events, actor, meta,
                                          ctx.now)
                answer = self._answer(after, Outcome.REGISTERED)
                await self._remember(conn, actor, meta, answer, ctx.now)
        except (ConcurrencyError, UniqueViolation) as exc:
            if (replayed := await self._replayed(actor, meta)) is not None:
                return replayed
            raise DuplicateInstitution(
                f"institution {institution_id} or one with this credit code, county and name "
                "is registered already", field="institution_id") from exc
        return answer

    async def show(self, institution_id: str) -> Answer:
        state = await self.repo.load(institution_id)
        if not state.exists:
            raise InstitutionNotFound(f"no institution {institution_id}")
        return self._answer(state)

    async def history(self, institution_id: str) -> list[RecordedEvent]:
        """Every event of the institution in order; none when there is no such institution."""
        return await self.repo.history(institution_id)

    async def handle(self, institution_id: str, command: Any, actor: Actor,
                     meta: RequestMeta) -> Answer:
        """A command on an existing institution, by the decision ``HANDLERS`` names for it,
        through the shared pipeline (services/common/application/pipeline.py)."""
        decision = HANDLERS[type(command)]
        return await run_command(
            lambda: self._act_once(institution_id, decision, command, actor, meta),
            replayed=lambda: self._replayed(actor, meta), meta=meta, refusals=_REFUSALS)

    async def _act_once(self, institution_id: str, decision: Decision, command: Any,
                        actor: Actor, meta: RequestMeta) -> Answer:
        ctx = self.context(actor)
        async with self.db.transaction() as conn:
            # Locked: a concurrent command on the institution waits for this one, then decides
            # on what it committed (and an If-Match it no longer matches gets 412 below).
            await self.repo.lock_stream(conn, institution_id)
            before = await self.repo.load(institution_id, conn)
            if not before.exists:
                raise InstitutionNotFound(f"no institution {institution_id}")
            if not matches_if_match(meta, before.version):
                raise PreconditionFailed(f"the institution is at version {before.version}, "
                                         f"If-Match says {meta.if_match}", field="If-Match")
            events = decision(before, command, ctx)
            after = before
            if events:
                after = await self._store(conn, before, events, actor, meta, ctx.now)
            answer = self._answer(after)
            await self._remember(conn, actor, meta, answer, ctx.now)
        return answer

    async def _store(self, conn: Connection, before: Institution, events: list[RegistryEvent],
                     actor: Actor, meta: RequestMeta, now: datetime) -> Institution:
        return await self.repo.append(conn, before, events, command_metadata(actor, meta), now)

    async def import_many(self, commands: list[cmd.RegisterInstitution], actor: Actor,
                          meta: RequestMeta, *,
                          warnings: list[dict[str, Any]] | None = None,
                          lines: list[int] | None = None) -> Answer:
        """Register every institution of an import in one transaction, or none; the answer
        carries the file's ``warnings``.  A row naming an institution registered already is
        refused with its line (``lines``: each command's line in the file)."""
        if (replayed := await self._replayed(actor, meta)) is not None:
            return replayed
        ctx = self.context(actor)
        decided = [(c.institution_id or f"inst-{uuid.uuid4().hex[:16]}", c) for c in commands]
        plans = [(iid, institution.register(iid, c, ctx)) for iid, c in decided]
        try:
            async with self.db.transaction() as conn:
                for iid, events in plans:
                    await self._store(conn, Institution(iid), events, actor, meta, ctx.now)
                body = {"imported": len(plans), "institution_ids": [iid for iid, _ in plans],
                        "warnings": warnings or []}
                answer = self.answers.answer(Result(Outcome.IMPORTED, body))
                await self._remember(conn, actor, meta, answer, ctx.now)
        except (ConcurrencyError, UniqueViolation) as exc:
            if (replayed := await self._replayed(actor, meta)) is not None:
                return replayed
            raise DuplicateInstitution(
                "a row names an institution that is registered already (same id, or same "
                "credit code, county and name); nothing was imported",
                errors=await self._taken_rows(decided, lines)) from exc
        return answer

    async def _taken_rows(self, decided: list[tuple[str, cmd.RegisterInstitution]],
                          lines: list[int] | None) -> list[dict[str, Any]]:
        """Each row that names an institution registered already, by its line."""
        ids, identities = await self.repo.registered_already(
            [iid for iid, _ in decided], [(c.credit_code, c.region, c.name) for _, c in decided])
        rows = []
        for index, (iid, c) in enumerate(decided):
            line = lines[index] if lines else index + 1
            if iid in ids:
                rows.append({"line": line, "field": "institution_id",
                             "message": f"institution {iid} is registered already",
                             "message_zh": f"机构标识 {iid} 已登记"})
            elif (c.credit_code, c.region, c.name) in identities:
                rows.append({"line": line, "field": "credit_code",
                             "message": "an institution with this credit code, county and name "
                                        "is registered already",
                             "message_zh": "同一统一社会信用代码、区县和名称的机构已登记"})
        return rows

    # --- baselines -------------------------------------------------------------------------

    async def record_baseline(self, region: str, period: str, command: cmd.RecordBaseline,
                              actor: Actor, meta: RequestMeta) -> Answer:
        ctx = self.context(actor)
        for _attempt in range(_ATTEMPTS):
            try:
                async with self.db.transaction() as conn:
                    version, current = await self.repo.current_baseline(region, period, conn)
                    events = baselines.record_baseline(region, period, command, ctx, current)
                    if events:
                        await self.repo.append_baseline(conn, version, events[0],
                                                        command_metadata(actor, meta), ctx.now)
                        version, current = version + 1, events[0].model_dump(mode="json")
                view = {**(current or {}), "version": version}
                return self.answers.answer(Result(Outcome.DONE, view, version))
            except ConcurrencyError:
                continue
        raise Busy("the baseline kept changing; retry the request")

    # --- helpers ---------------------------------------------------------------------------

    def _answer(self, state: Institution, outcome: Outcome = Outcome.DONE) -> Answer:
        return self.answers.answer(Result(outcome, present_institution(state), state.version,
                                          state.institution_id))

    async def _replayed(self, actor: Actor, meta: RequestMeta) -> Answer | None:
        return await self.idempotency.replay(principal_key(actor), meta)

    async def _remember(self, conn: Connection, actor: Actor, meta: RequestMeta, answer: Answer,
                        now: datetime) -> None:
        await self.idempotency.remember(conn, principal_key(actor), meta, answer, now)

