"""The progress summary (推进情况汇总表) and the coverage report, for a region and a period.

Figures are counted per county (and per township, where institutions record them), then
rolled up along the current division hierarchy: a province's rows are its cities, a city's
its counties, a county's its townships.  Rates roll up as numerator over denominator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.regions import RegionTable, city_of, contains

from ..domain import figures
from ..domain.errors import InvalidField, OutOfScope
from ..domain.figures import COLUMNS, BASELINE_FIELDS, STAFF_FIELDS, Rules
from ..domain.institution import READ_ALL
from ..domain.periods import CHINA, Period, quarter_of
from .ports import Placed, StatisticsQueries

UNASSIGNED = ""  # a county's cases not at an institution with a township


@dataclass
class Row:
    code: str
    name: str
    counts: dict[int, Any]


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
        try:
            period = Period.parse(period_text)
        except ValueError as exc:
            raise InvalidField(str(exc), field="period") from None
        now = self.clock()
        if period.start > now:
            raise InvalidField(f"period {period} has not begun", field="period")
        as_of = min(period.end, now)
        institutions = await self.queries.institutions_at(region, as_of - timedelta(microseconds=1))
        child_of, rows = self._children(region, institutions)
        await self._case_columns(region, period, as_of, child_of, rows)
        await self._institution_columns(region, period, as_of, institutions, child_of, rows)
        total = Row(region, self._name(region), _sum_rows(rows.values()))
        await self._baseline_columns(region, period, rows, total)
        for row in [*rows.values(), total]:
            _finish(row.counts)
        return {
            "region": region, "region_name": total.name, "period": str(period),
            "from": period.start.isoformat(), "to": period.end.isoformat(),
            "complete": now >= period.end, "as_of": as_of.isoformat(),
            "columns": [{"number": n, "heading": h, "group": g, "source": s}
                        for n, h, g, s in COLUMNS],
            "rows": [_row_out(r) for r in sorted(rows.values(), key=lambda r: r.code)],
            "total": _row_out(total),
        }

    def _name(self, code: str) -> str:
        region = self.regions.get(code, self.clock().astimezone(CHINA).year)
        return region.name if region else code

    def _children(self, region: str, institutions: list[dict[str, Any]]
                  ) -> tuple[Callable[[Placed], str], dict[str, Row]]:
        """The child rows of ``region`` and the function that files a placed thing in one."""
        year = self.clock().astimezone(CHINA).year
        if self.regions.county(region, year) is not None:
            townships = {i["institution_id"]: i["township_code"] or UNASSIGNED
                         for i in institutions}
            rows = {t: Row(t, t or "未落实乡镇（街道）", {}) for t in set(townships.values())}
            rows.setdefault(UNASSIGNED, Row(UNASSIGNED, "未落实乡镇（街道）", {}))
            return (lambda p: townships.get(p.institution_id or "", UNASSIGNED)), rows
        children = self.regions.children(region, year)
        rows = {c.code: Row(c.code, c.name, {}) for c in children}
        if region.endswith("0000"):
            return (lambda p: city_of(p.region) if city_of(p.region) in rows else p.region), rows
        return (lambda p: p.region), rows

    async def _case_columns(self, region: str, period: Period, as_of: datetime,
                            child_of: Callable[[Placed], str], rows: dict[str, Row]) -> None:
        q = self.queries
        for number, moment, rate_number, rate_period in (
                (5, period.start, 6, period.previous()), (12, as_of, 13, period)):
            test = figures.service_test(rate_period, self.rules)
            for counted in await q.registered(region, moment, test):
                counts = _row(rows, child_of(counted.place)).counts
                _add(counts, number, counted.registered)
                _add(counts, f"{rate_number}n", counted.standardized)
        for p in await q.unwilling(region, period):
            _add(_row(rows, child_of(p)).counts, 7)
        for p in await q.new_registrations(region, period):
            area = figures.area_of_county(self._name(p.region))
            _add(_row(rows, child_of(p)).counts, 10 if area == "urban" else 11)

    async def _institution_columns(self, region: str, period: Period, as_of: datetime,
                                   institutions: list[dict[str, Any]],
                                   child_of: Callable[[Placed], str], rows: dict[str, Row]) -> None:
        for placed, area in await self.queries.new_sites(region, period):
            _add(_row(rows, child_of(placed)).counts, 8 if area == "urban" else 9)
        open_ones = [i for i in institutions if i["status"] != "closed"]
        staff = await self.queries.staff_before([i["institution_id"] for i in open_ones], as_of)
        for institution in open_ones:
            report = staff.get(institution["institution_id"])
            if report is None:
                continue
            counts = _row(rows, child_of(Placed(institution["region"],
                                                institution["institution_id"]))).counts
            for number, key in STAFF_FIELDS.items():
                counts[number] = counts.get(number, 0) + report[key]

    async def _baseline_columns(self, region: str, period: Period, rows: dict[str, Row],
                                total: Row) -> None:
        entries = await self.queries.baselines(region)
        latest = _latest_baselines(entries, period)
        year = self.clock().astimezone(CHINA).year
        for row in [*rows.values(), total]:
            if len(row.code) == 6:
                row.counts.update(_baseline_of(row.code, latest, self.regions, year))

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


# --- arithmetic -----------------------------------------------------------------------------


def _row(rows: dict[str, Row], key: str) -> Row:
    return rows.setdefault(key, Row(key, key, {}))


def _add(counts: dict[Any, Any], key: Any, amount: int = 1) -> None:
    counts[key] = counts.get(key, 0) + amount


def _sum_rows(rows: Any) -> dict[Any, Any]:
    total: dict[Any, Any] = {}
    for row in rows:
        for key, value in row.counts.items():
            total[key] = total.get(key, 0) + value
    return total


def _finish(counts: dict[Any, Any]) -> None:
    """Zeros where nothing was counted, and the rates from their numerators."""
    for number, *_ in COLUMNS:
        if number not in BASELINE_FIELDS and number != 15:
            counts.setdefault(number, 0)
    counts[6] = figures.rate(counts.pop("6n", 0), counts[5])
    counts[13] = figures.rate(counts.pop("13n", 0), counts[12])


def _latest_baselines(entries: list[dict[str, Any]], period: Period) -> dict[str, dict[str, Any]]:
    """Each region's entry for the period, else its latest earlier one; corrections win."""
    latest: dict[str, tuple[Any, dict[str, Any]]] = {}
    for entry in entries:
        entry_period = Period.parse(entry["period"])
        if entry_period.start > period.start:
            continue
        key = (entry_period.start, entry_period.months, entry["version"])
        if entry["region"] not in latest or latest[entry["region"]][0] < key:
            latest[entry["region"]] = (key, entry)
    return {region: entry for region, (_, entry) in latest.items()}


def _baseline_of(code: str, latest: dict[str, dict[str, Any]], regions: RegionTable,
                 year: int) -> dict[int, Any]:
    """A region's own entry, else the sum of its children's (None where nobody entered any)."""
    if code in latest:
        entry = latest[code]
        values: dict[int, Any] = {n: entry[key] for n, key in BASELINE_FIELDS.items()}
        values[19] = Decimal(str(values[19]))
        values[15] = list(entry["purchased_teams"])
        return values
    if regions.county(code, year) is not None:
        return {}
    summed: dict[int, Any] = {}
    for child in regions.children(code, year):
        for number, value in _baseline_of(child.code, latest, regions, year).items():
            summed[number] = summed.get(number, [] if number == 15 else 0) + value
    return summed


def _row_out(row: Row) -> dict[str, Any]:
    counts = row.counts
    values: dict[str, Any] = {}
    for number, *_ in COLUMNS:
        value = counts.get(number)
        if number == 15:
            value = None if value is None else {"count": len(value),
                                                "names": [t["name"] for t in value]}
        elif isinstance(value, Decimal):
            value = float(value)
        values[str(number)] = value
    return {"region": row.code, "name": row.name, "values": values}


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

