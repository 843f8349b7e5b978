"""The statistics a civil-affairs official reads: the progress summary (推进情况汇总表, counted
by ``progress.py``) and the coverage report, for a region, scoped to the caller."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.regions import RegionTable, contains

from ..domain import figures, outcomes
from ..domain.errors import InvalidField, OutOfScope
from ..domain.figures import Rules
from ..domain.institution import READ_ALL
from ..domain.periods import CHINA, Period, quarter_of
from .ports import StatisticsQueries
from .progress import ProgressSummary


class Statistics:
    def __init__(self, queries: StatisticsQueries, regions: RegionTable, rules: Rules,
                 clock: Callable[[], datetime]) -> None:
        self.queries, self.regions, self.rules, self.clock = queries, regions, rules, clock

    # --- scope -----------------------------------------------------------------------------

    def _region(self, code: str, actor: Actor) -> str:
        year = self.clock().astimezone(CHINA).year
        if self.regions.get(code, year) is None:
            raise InvalidField(f"{code} is not a division code valid in {year}", field="region")
        if actor.role not in READ_ALL and not contains(actor.region, code):
            raise OutOfScope(f"region {code} is outside the caller's jurisdiction {actor.region}",
                             field="region")
        return code

    # --- the progress summary --------------------------------------------------------------

    async def progress(self, region: str, period_text: str, actor: Actor) -> dict[str, Any]:
        region = self._region(region, actor)
        period = self._period(period_text)
        return await ProgressSummary(self.queries, self.regions, self.rules,
                                     self.clock).compute(region, period)

    async def outcomes(self, region: str, period_text: str, actor: Actor) -> dict[str, Any]:
        """The outcomes report (``domain/outcomes.py``) of the cases served in the period."""
        region = self._region(region, actor)
        period = self._period(period_text)
        report = outcomes.outcomes(await self.queries.served(region, period), period)
        return {"region": region, "region_name": self._name(region),
                "complete": self.clock() >= period.end, **report}

    def _period(self, text: str) -> Period:
        try:
            period = Period.parse(text)
        except ValueError as exc:
            raise InvalidField(str(exc), field="period") from None
        if period.start > self.clock():
            raise InvalidField(f"period {period} has not begun", field="period")
        return period

    def _name(self, code: str) -> str:
        region = self.regions.get(code, self.clock().astimezone(CHINA).year)
        return region.name if region else code

    # --- coverage -------------------------------------------------------------------------

    async def coverage(self, region: str, as_of: date | None, actor: Actor) -> dict[str, Any]:
        region = self._region(region, actor)
        now = self.clock()
        moment = now if as_of is None else min(now, datetime.combine(
            as_of + timedelta(days=1), datetime.min.time(), tzinfo=CHINA))
        year = (moment - timedelta(microseconds=1)).astimezone(CHINA).year
        counties = self.regions.counties_in(region, year)
        institutions = await self.queries.institutions_at(region, moment - timedelta(microseconds=1))
        served = {i["region"] for i in institutions if i["status"] == "operating"}
        covered = [c.code for c in counties if c.code in served]
        quarter = quarter_of(moment - timedelta(microseconds=1))
        if not quarter.is_over(moment):
            quarter = quarter.previous()
        counted = await self.queries.registered(region, quarter.end,
                                                figures.service_test(quarter, self.rules))
        registered = sum(c.registered for c in counted)
        standardized = sum(c.standardized for c in counted)
        deadline = _deadline_compliance(await self.queries.deadlines(region), moment, year)
        share = None if not counties else round(len(covered) / len(counties), 4)
        rate = figures.rate(standardized, registered)
        return {
            "region": region, "region_name": self._name(region), "as_of": moment.isoformat(),
            "year": year,
            "county_coverage": {"counties": len(counties), "covered": len(covered),
                                "share": share, "target": figures.target_for(figures.COVERAGE_TARGETS, year),
                                "uncovered": [c.code for c in counties if c.code not in served]},
            "standardized_service": {"quarter": str(quarter), "registered": registered,
                                     "standardized": standardized,
                                     "share": None if rate is None else round(rate / 100, 4),
                                     "target": figures.target_for(figures.SERVICE_RATE_TARGETS, year)},
            "deadlines": deadline,
        }


def _deadline_compliance(cases: list[dict[str, Any]], moment: datetime, year: int) -> dict[str, Any]:
    """The 5 + 5 working-day deadlines (DOMAIN.md, Deadlines) falling due this year by
    ``moment``: review of applications (medical uploads need none) and referral after
    registration; a deadline not met by its day counts as missed."""
    today = (moment - timedelta(microseconds=1)).astimezone(CHINA).date()
    result: dict[str, Any] = {}
    for name, due_key, done_key, skip in (("review", "review_due_on", "reviewed_at", "medical"),
                                          ("dispatch", "dispatch_due_on", "dispatched_at", None)):
        due_count = met = 0
        for case in cases:
            due_text = case[due_key]
            if not due_text or case["channel"] == skip:
                continue
            due = date.fromisoformat(due_text)
            done = case[done_key]
            done_day = done.astimezone(CHINA).date() if done and done < moment else None
            if due.year != year or (due >= today and done_day is None):
                continue  # not yet due, and not yet done
            due_count += 1
            met += int(done_day is not None and done_day <= due)
        result[name] = {"due": due_count, "met": met,
                        "share": None if due_count == 0 else round(met / due_count, 4)}
    result["target"] = None  # the documents set no share for these deadlines
    return result

