"""What the reporting chain's commands and reads share: a report's key, its status and due
date, the region's live figures, and its children's accepted ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.calendar import WorkingCalendar
from jingkang.common.domain.chinatime import china_date
from jingkang.common.domain.regions import RegionTable

from ..domain import report_figures, reporting
from ..domain.errors import InvalidField
from ..domain.periods import InvalidPeriod, Period
from ..domain.report_schedule import Duty, due_on, duty_of
from ..domain.reporting import AWAITING_SUBMISSION, Report, ReportStatus
from ..domain.report_figures import is_child
from .ports import ReportStore
from .statistics import Statistics

# The figures a report freezes are the region's whole summary, counted as a reader of every
# region would: the caller's right to submit for the region is checked by the decision.
_COUNTER = Actor("reporting", "auditor", "jingkang-registry", "000000")


@dataclass(frozen=True)
class ReportKey:
    region: str
    period: str
    form: str


class Chain:
    def __init__(self, store: ReportStore, statistics: Statistics, regions: RegionTable,
                 working: WorkingCalendar, schedule: dict[str, dict[str, Duty]]) -> None:
        self.store, self.statistics, self.regions = store, statistics, regions
        self.working, self.schedule = working, schedule

    def key(self, region: str, period: str, form: str, today: date) -> ReportKey:
        """The report named by the path, checked: a division code valid now (a township by
        its county's), a period, a form."""
        county = region[:6]
        if not (len(region) in (6, 9) and region.isdigit()) or self.regions.get(
                county, today.year) is None or (len(region) == 9 and self.regions.county(
                    county, today.year) is None):
            raise InvalidField(f"{region} is no division code valid in {today.year}",
                               field="region")
        try:
            parsed = Period.parse(period)
        except InvalidPeriod as exc:
            raise InvalidField(str(exc), field="period") from None
        return ReportKey(region, str(parsed), reporting.check_form(form))

    # --- figures ---------------------------------------------------------------------------

    async def figures(self, key: ReportKey, source: str) -> dict[str, Any]:
        live = await self.live(key)
        if source == "live":
            return {**live, "source": "live"}
        return report_figures.from_accepted(live, await self.accepted_children(key, live))

    async def live(self, key: ReportKey) -> dict[str, Any]:
        """The region's summary as counted now (a township: its row of its county's)."""
        if len(key.region) == 6:
            return await self.statistics.progress(key.region, key.period, _COUNTER)
        county = await self.statistics.progress(key.region[:6], key.period, _COUNTER)
        row = next((r for r in county["rows"] if r["region"] == key.region),
                   {"region": key.region, "name": key.region,
                    "values": {c: None for c in county["total"]["values"]}})
        return {**county, "region": key.region, "region_name": row["name"], "rows": [row],
                "total": row}

    async def accepted_children(self, key: ReportKey,
                                live: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """Each child's accepted figures over the report's period (a half-year from its
        quarters), for the children that have all of them."""
        period = Period.parse(key.period)
        wanted = {row["region"]: self.child_periods(row["region"], period)
                  for row in live["rows"] if is_child(row)}
        reports = await self.store.load_many([(region, str(p), key.form)
                                              for region, ps in wanted.items() for p in ps])
        by_key = {(r.region, r.period): r for r in reports}
        accepted = {}
        for region, periods in wanted.items():
            found = [by_key.get((region, str(p))) for p in periods]
            if all(r is not None and r.status == ReportStatus.ACCEPTED for r in found):
                accepted[region] = report_figures.over_periods(
                    [r.latest.figures["total"]["values"] for r in found if r and r.latest])
        return accepted

    def child_periods(self, child: str, period: Period) -> list[Period]:
        """The periods a child reports within ``period``: its quarters, or the period."""
        duty = duty_of(child, self.schedule)
        if duty is None or duty.months >= period.months:
            return [period]
        return [Period(period.year, month, duty.months)
                for month in range(period.first_month, period.first_month + period.months,
                                   duty.months)]

    # --- status ----------------------------------------------------------------------------

    def status(self, report: Report, today: date) -> dict[str, Any]:
        duty = duty_of(report.region, self.schedule)
        due = None if duty is None else due_on(Period.parse(report.period), duty, self.working)
        overdue = due is not None and today > due and report.status in AWAITING_SUBMISSION
        latest = report.latest
        return {"region": report.region, "period": report.period, "form": report.form,
                "status": str(report.status), "overdue": overdue,
                "due_on": None if due is None else due.isoformat(),
                "latest_version": None if latest is None else latest.version}

    def view(self, report: Report, now: datetime) -> dict[str, Any]:
        return self.status(report, china_date(now)) | {
            "version": report.version, "draft": report.draft or None,
            "versions": [submission_summary(s) for s in report.submissions]}

    async def children(self, key: ReportKey, today: date) -> list[dict[str, Any]]:
        """Each child region's report for the period (or for each of its quarters)."""
        live = await self.live(key)
        period = Period.parse(key.period)
        wanted = [(row["region"], row["name"], p) for row in live["rows"] if is_child(row)
                  for p in self.child_periods(row["region"], period)]
        reports = await self.store.load_many([(r, str(p), key.form) for r, _, p in wanted])
        by_key = {(r.region, r.period): r for r in reports}
        return [self.status(by_key.get((region, str(p))) or Report(region, str(p), key.form),
                            today) | {"name": name} for region, name, p in wanted]


def submission_summary(s: reporting.Submission) -> dict[str, Any]:
    return {"version": s.version, "source": s.source, "submitted_at": s.submitted_at.isoformat(),
            "filled_by": s.filled_by, "responsible": s.responsible,
            "returned": s.returned, "accepted_at": None if s.accepted_at is None
            else s.accepted_at.isoformat(),
            "scan": None if s.scan is None else s.scan.model_dump()}
