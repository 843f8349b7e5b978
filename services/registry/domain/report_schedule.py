"""When each level's report is due, by province: configuration, with the policy documents'
schedule as the default.

- 重庆 (50, 附件 填表说明): townships quarterly, by the 30th of the quarter's last month, to the
  district or county; districts and counties half-yearly, by 25 June and 25 December, to the
  municipal bureau.
- 河北 (13, (三)) and 黑龙江 (23): counties at the end of each quarter to the city; cities
  half-yearly to the province.  Other provinces follow this default until configured.

A due date on a weekend or public holiday moves to the next working day (the calendar the
deadlines of cases use), and a report still awaiting submission after it is overdue.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from jingkang.common.domain.calendar import WorkingCalendar

from .periods import Period

MUNICIPALITIES = frozenset({"11", "12", "31", "50"})  # 直辖市: their 区县 report to the city


@dataclass(frozen=True)
class Duty:
    """What a level reports: each quarter (3 months) or half-year (6), due on ``day`` of the
    period's last month (``None``: its last day)."""

    months: int
    day: int | None = None


DEFAULT_SCHEDULE: dict[str, dict[str, Duty]] = {
    "50": {"township": Duty(3, 30), "county": Duty(6, 25)},
    "*": {"county": Duty(3), "city": Duty(6)},
}


def schedule_from(config: dict[str, dict[str, Any]] | None) -> dict[str, dict[str, Duty]]:
    """The default schedule with a configuration's provinces (two-digit codes, or ``*``)
    replacing it: ``{"50": {"township": {"months": 3, "day": 30}}}``."""
    schedule = dict(DEFAULT_SCHEDULE)
    for province, levels in (config or {}).items():
        schedule[province] = {level: Duty(int(d["months"]), d.get("day"))
                              for level, d in levels.items()}
    return schedule


def level_of(code: str) -> str:
    """township (nine digits), county, city or province; a municipality's districts and
    counties are counties (their xx01xx/xx02xx groupings are no level of their own)."""
    if len(code) == 9:
        return "township"
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def duty_of(code: str, schedule: dict[str, dict[str, Duty]]) -> Duty | None:
    levels = schedule.get(code[:2], schedule["*"])
    return levels.get(level_of(code))


def due_on(period: Period, duty: Duty, working: WorkingCalendar) -> date:
    """The day the report is due: the duty's day of the period's last month, moved to the
    next working day when that is a weekend or holiday."""
    last = period.last_day
    day = min(duty.day or last.day, calendar.monthrange(last.year, last.month)[1])
    due = date(last.year, last.month, day)
    while not working.is_working_day(due):
        due += timedelta(days=1)
    return due


def periods_due(duty: Duty, today: date, count: int = 2) -> list[Period]:
    """The ``count`` latest periods of the duty's length that have begun by ``today``, the
    current one first."""
    month = (today.month - 1) // duty.months * duty.months + 1
    current = Period(today.year, month, duty.months)
    found = [current]
    while len(found) < count:
        found.append(found[-1].previous())
    return found
