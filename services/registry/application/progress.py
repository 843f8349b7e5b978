"""The progress summary (推进情况汇总表) of a region for a period, column by column.

Cases, sites and staff are counted where they are (``progress_rows.Layout``); baseline
entries are chosen and rolled up by ``domain/baseline_figures.py``; the definitions of every
column are in ``domain/figures.py`` and docs/registry.md.  In a running period everything is
judged as of now (``as_of``), over the months already over.  The total row is the sum of the
rows shown, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from jingkang.common.domain.regions import RegionTable, contains

from ..domain import baseline_figures as base
from ..domain import figures
from ..domain.figures import COLUMNS, OPERATING, SITE_LEVELS, STAFF_FIELDS, Rules
from ..domain.periods import CHINA, Period
from .ports import Placed, StatisticsQueries
from .progress_rows import OWN_LEVEL_NAME, Layout, Row

_INSTANT = timedelta(microseconds=1)


class ProgressSummary:
    def __init__(self, queries: StatisticsQueries, regions: RegionTable, rules: Rules,
                 clock: Callable[[], datetime]) -> None:
        self.queries, self.regions, self.rules, self.clock = queries, regions, rules, clock

    async def compute(self, region: str, period: Period) -> dict[str, Any]:
        now = self.clock()
        as_of = min(period.end, now)
        year = now.astimezone(CHINA).year
        institutions = await self.queries.institutions_at(region, as_of - _INSTANT)
        layout = Layout(region, institutions, self.regions, year)
        unplaced = await self._case_columns(region, period, as_of, layout)
        _site_columns(period, institutions, layout)
        await self._staff_columns(period, as_of, institutions, layout)
        discrepancies = await self._baseline_columns(region, period, layout, year)
        rows = layout.ordered()
        total = Row(region, layout.name(region), _sum_counts(rows),
                    _carried_of(rows))
        for row in [*rows, total]:
            _finish(row.counts)
        return {
            "region": region, "region_name": total.name, "period": str(period),
            "from": period.start.isoformat(), "to": period.end.isoformat(),
            "complete": now >= period.end, "as_of": as_of.isoformat(),
            "columns": [{"number": n, "heading": h, "group": g, "source": s}
                        for n, h, g, s in COLUMNS],
            "rows": [_row_out(r) for r in rows],
            "total": _row_out(total),
            "discrepancies": discrepancies,
            "unplaced_new_registrations": unplaced,
        }

    async def _case_columns(self, region: str, period: Period, as_of: datetime,
                            layout: Layout) -> int:
        """Columns 5–7 and 10–13; returns the new registrations whose area nothing says."""
        q = self.queries
        for number, moment, rate_number, test in (
                (5, period.start, 6, figures.service_test(period.previous(), self.rules)),
                (12, as_of, 13, figures.service_test(period, self.rules, as_of))):
            for counted in await q.registered(region, moment, test):
                counts = layout.row_of(counted.place).counts
                _add(counts, number, counted.registered)
                _add(counts, f"{rate_number}n", counted.standardized)
        for p in await q.unwilling(region, period):
            _add(layout.row_of(p).counts, 7)
        unplaced = 0
        for new in await q.new_registrations(region, period, as_of - _INSTANT):
            area = figures.area_of_site(new.township_code, new.declared_area)
            if area is None:
                unplaced += 1
                continue
            _add(layout.row_of(new.place).counts, 10 if area == "urban" else 11)
        return unplaced

    async def _staff_columns(self, period: Period, as_of: datetime,
                             institutions: list[dict[str, Any]], layout: Layout) -> None:
        operating = [i for i in institutions if i["status"] == OPERATING]
        reports = await self.queries.staff_reports([i["institution_id"] for i in operating],
                                                   as_of)
        for institution in operating:
            report = _report_for(reports.get(institution["institution_id"], []), period)
            if report is None:
                continue
            counts = layout.row_of(Placed(institution["region"],
                                          institution["institution_id"])).counts
            for number, key in STAFF_FIELDS.items():
                _add(counts, number, report[key])

    async def _baseline_columns(self, region: str, period: Period, layout: Layout,
                                year: int) -> list[dict[str, Any]]:
        entries = [base.entry_of(e) for e in await self.queries.baselines(region)]
        chosen = base.choose(entries, period)
        if layout.county:  # a township with an entry has a row, institution or not
            for code in chosen:
                if len(code) == 9 and code.startswith(region):
                    layout.row(code)

        def parts(code: str) -> list[str]:
            if not any(contains(code, k) and k != code for k in chosen):
                return []
            if len(code) == 9:
                return []
            if self.regions.county(code, year) is not None:
                return sorted(k for k in chosen if len(k) == 9 and k.startswith(code))
            return [r.code for r in layout.parts_of(code)]

        rollup = base.Rollup(chosen, parts)
        children = []
        for row in layout.rows.values():
            cells = rollup.area(row.code) if row.code else base.Cells()
            _put(row, cells)
            children.append(cells)
        own = rollup.own_level(region, children)
        if not own.is_empty():
            own_row = Row(region, OWN_LEVEL_NAME, own_level=True)
            _put(own_row, own)
            layout.rows[f"{region}:own"] = own_row
        rollup.check_total(region, base.sum_cells([*children, own]), own)
        return [d.as_dict() | {"name": layout.name(d.region)} for d in rollup.discrepancies]


def _site_columns(period: Period, institutions: list[dict[str, Any]], layout: Layout) -> None:
    """Columns 8 and 9: sites opened in the period, by where they are."""
    for institution in institutions:
        if institution["level"] not in SITE_LEVELS:
            continue
        opened = institution["opened_on"] or institution["registered_on"]
        if not period.first_day <= opened <= period.last_day:
            continue
        area = figures.area_of_site(institution["township_code"], institution["area"])
        placed = Placed(institution["region"], institution["institution_id"])
        _add(layout.row_of(placed).counts, 8 if area == "urban" else 9)


def _report_for(reports: list[dict[str, Any]], period: Period) -> dict[str, Any] | None:
    """The latest staff report of ``period`` or of a shorter period inside it."""
    inside = []
    for report in reports:
        reported = Period.parse(report["period"])
        if period.start <= reported.start and reported.end <= period.end:
            inside.append(((reported.end, -reported.months, report["version"]), report))
    return max(inside, key=lambda pair: pair[0])[1] if inside else None


def _put(row: Row, cells: base.Cells) -> None:
    row.counts.update(cells.values)
    row.carried.update(cells.carried)


def _carried_of(rows: list[Row]) -> dict[int, str]:
    carried: dict[int, str] = {}
    for row in rows:
        for number, since in row.carried.items():
            carried.setdefault(number, since)
    return carried


def _add(counts: dict[Any, Any], key: Any, amount: int = 1) -> None:
    counts[key] = counts.get(key, 0) + amount


def _sum_counts(rows: list[Row]) -> dict[Any, Any]:
    total: dict[Any, Any] = {}
    for row in rows:
        for key, value in row.counts.items():
            if key == base.TEAMS:
                total[key] = base.unique([*total.get(key, []), *value])
            else:
                total[key] = total.get(key, 0) + value
    return total


def _finish(counts: dict[Any, Any]) -> None:
    """Zeros where nothing was counted, and the rates from their numerators."""
    for number, *_ in COLUMNS:
        if number not in base.COLUMNS:
            counts.setdefault(number, 0)
    counts[6] = figures.rate(counts.pop("6n", 0), counts[5])
    counts[13] = figures.rate(counts.pop("13n", 0), counts[12])


def _row_out(row: Row) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for number, *_ in COLUMNS:
        value = row.counts.get(number)
        if number == base.TEAMS:
            value = None if value is None else {"count": len(value), "names": list(value)}
        elif isinstance(value, Decimal):
            value = float(value)
        values[str(number)] = value
    out = {"region": row.code, "name": row.name, "values": values,
           "carried": {str(n): since for n, since in sorted(row.carried.items())}}
    if row.own_level:
        out["own_level"] = True
    return out

