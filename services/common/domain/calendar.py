"""Chinese working days: weekends and statutory holidays off, make-up working days on.

The ``holidays`` package keeps the State Council's schedule, make-up weekend workdays (调休)
included; ``chinese-calendar`` stops at 2026.  A year whose schedule is not yet published
counts its statutory holidays without make-up days until the package is upgraded.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays


class WorkingCalendar:
    def __init__(self) -> None:
        self._years: dict[int, holidays.HolidayBase] = {}

    def _year(self, year: int) -> holidays.HolidayBase:
        if year not in self._years:
            self._years[year] = holidays.China(years=year)
        return self._years[year]

    def is_working_day(self, day: date) -> bool:
        calendar = self._year(day.year)
        if day in calendar.weekend_workdays:
            return True
        return day.weekday() < 5 and day not in calendar

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (``start`` itself not counted)."""
        day = start
        while days > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                days -= 1
        return day


@functools.cache
def china() -> WorkingCalendar:
    return WorkingCalendar()
