"""The reporting chain's reads: a report with its children, a submitted version as frozen,
the accepted figures beside the live ones, and what is due."""

from __future__ import annotations

from typing import Any

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.chinatime import china_date

from ..domain import report_figures, reporting
from ..domain.errors import InvalidField, OutOfScope
from ..domain.report_schedule import Duty, duty_of, periods_due
from ..domain.reporting import ReportStatus
from .ports import Clock
from .report_chain import Chain, ReportKey, submission_summary


class ReportReads:
    def __init__(self, chain: Chain, clock: Clock) -> None:
        self.chain, self.store, self.clock = chain, chain.store, clock

    def _may_read(self, region: str, actor: Actor) -> None:
        if not reporting.may_read(region, actor):
            raise OutOfScope(f"the reports of {region} are outside the caller's jurisdiction",
                             field="region")

    async def show(self, key: ReportKey, actor: Actor) -> dict[str, Any]:
        """The report's status, due date and versions, and its children's progress."""
        self._may_read(key.region, actor)
        now = self.clock()
        report = await self.store.load(key.region, key.period, key.form)
        return self.chain.view(report, now) | {
            "children": await self.chain.children(key, china_date(now))}

    async def version(self, key: ReportKey, number: int, actor: Actor) -> dict[str, Any]:
        """A submitted version as frozen, with its sign-off lines and review."""
        self._may_read(key.region, actor)
        report = await self.store.load(key.region, key.period, key.form)
        found = next((s for s in report.submissions if s.version == number), None)
        if found is None:
            raise InvalidField(f"no submitted version {number} of this report",
                               field="version")
        return {"region": key.region, "period": key.period, "form": key.form,
                **submission_summary(found), "phone": found.phone, "figures": found.figures}

    async def comparison(self, key: ReportKey, actor: Actor) -> dict[str, Any]:
        """The children's accepted figures next to the live ones, and where they differ."""
        self._may_read(key.region, actor)
        live = await self.chain.live(key)
        official = report_figures.from_accepted(
            live, await self.chain.accepted_children(key, live))
        return {"region": key.region, "period": key.period, "form": key.form,
                "accepted": official, "live": {**live, "source": "live"},
                "differences": report_figures.differences(official, live)}

    async def due(self, region: str, actor: Actor) -> dict[str, Any]:
        """What is due: the region's own reports not yet accepted (current and last period),
        and its children's overdue or submitted ones waiting for review."""
        self._may_read(region, actor)
        today = china_date(self.clock())
        own = []
        duty = duty_of(region, self.chain.schedule)
        if duty is not None:
            for period in periods_due(duty, today):
                key = self.chain.key(region, str(period), "progress", today)
                report = await self.store.load(key.region, key.period, key.form)
                if report.status != ReportStatus.ACCEPTED:
                    own.append(self.chain.status(report, today))
        waiting: dict[tuple[str, str], dict[str, Any]] = {}
        for period in periods_due(duty or Duty(3), today):
            key = self.chain.key(region, str(period), "progress", today)
            for child in await self.chain.children(key, today):
                if child["overdue"] or child["status"] == ReportStatus.SUBMITTED:
                    waiting.setdefault((child["region"], child["period"]), child)
        return {"region": region, "today": today.isoformat(), "own": own,
                "children": list(waiting.values())}

