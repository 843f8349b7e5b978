"""The reporting chain's commands: draft, submit with the figures frozen, return, accept.

Every command goes through the shared pipeline (replay, lock, load, decide, store, answer),
on the report's own stream in the registry's event store.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from jingkang.common.application.answers import Answer, principal_key
from jingkang.common.application.pipeline import Refusals, command_metadata, run_command
from jingkang.common.application.request_meta import RequestMeta
from jingkang.common.domain.actor import Actor
from jingkang.common.domain.chinatime import china_date

from ..domain import commands as cmd
from ..domain import reporting
from ..domain.events import RegistryEvent
from ..domain.reporting import Report
from .institutions import Busy, PreconditionFailed
from .ports import AnswerWriter, Clock, IdempotentAnswers, Outcome, Result, UnitOfWork
from .report_chain import Chain, ReportKey
from .report_scans import scan_for_submission

_REFUSALS = Refusals(changed=lambda: PreconditionFailed("the report changed since If-Match"),
                     busy=lambda: Busy("the report kept changing; retry the request"))
Decide = Callable[[Report, datetime], list[RegistryEvent]]


class ReportService:
    def __init__(self, db: UnitOfWork, chain: Chain, idempotency: IdempotentAnswers, *,
                 answers: AnswerWriter, clock: Clock) -> None:
        self.db, self.chain, self.store = db, chain, chain.store
        self.idempotency, self.answers, self.clock = idempotency, answers, clock

    def key(self, region: str, period: str, form: str) -> ReportKey:
        return self.chain.key(region, period, form, china_date(self.clock()))

    async def draft(self, key: ReportKey, command: cmd.DraftReport, actor: Actor,
                    meta: RequestMeta) -> Answer:
        return await self._run(key, actor, meta, lambda report, now: reporting.draft(
            report, command, actor, now))

    async def submit(self, key: ReportKey, command: cmd.SubmitReport, actor: Actor,
                     meta: RequestMeta) -> Answer:
        scan = None
        if command.scan_sha256 is not None:
            scan = await scan_for_submission(self.store, command.scan_sha256, key.region)
        # Worked out before the transaction: the count reads many rows, and the decision
        # refuses a report that may not be submitted whatever the figures.
        figures = await self.chain.figures(key, command.source)
        return await self._run(key, actor, meta, lambda report, now: reporting.submit(
            report, command, actor, now, figures, scan), outcome=Outcome.SUBMITTED)

    async def return_report(self, key: ReportKey, command: cmd.ReturnReport, actor: Actor,
                            meta: RequestMeta) -> Answer:
        return await self._run(key, actor, meta, lambda report, now: reporting.return_report(
            report, command, actor, now))

    async def accept(self, key: ReportKey, command: cmd.AcceptReport, actor: Actor,
                     meta: RequestMeta) -> Answer:
        return await self._run(key, actor, meta, lambda report, now: reporting.accept(
            report, command, actor, now))

    async def _run(self, key: ReportKey, actor: Actor, meta: RequestMeta, decide: Decide, *,
                   outcome: Outcome = Outcome.DONE) -> Answer:
        principal = principal_key(actor)

        async def attempt() -> Answer:
            now = self.clock()
            async with self.db.transaction() as conn:
                await self.store.lock_stream(conn, reporting.report_stream(
                    key.region, key.period, key.form))
                before = await self.store.load(key.region, key.period, key.form, conn)
                if meta.if_match is not None and meta.if_match != before.version:
                    raise PreconditionFailed(f"the report is at version {before.version}, "
                                             f"If-Match says {meta.if_match}", field="If-Match")
                events = decide(before, now)
                after = before
                if events:
                    after = await self.store.append(conn, before, events,
                                                    command_metadata(actor, meta), now)
                shown = outcome if events else Outcome.DONE
                answer = self.answers.answer(Result(shown, self.chain.view(after, now),
                                                    after.version))
                await self.idempotency.remember(conn, principal, meta, answer, now)
            return answer

        return await run_command(attempt, replayed=lambda: self.idempotency.replay(
            principal, meta), meta=meta, refusals=_REFUSALS)
