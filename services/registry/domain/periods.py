"""Reporting periods: a quarter (``2024Q2``), a half-year (``2024H1``) or a year (``2024``).

Progress reports are filled per quarter and summed up half-yearly (Heilongjiang 七, Chongqing
(四)); staff training hours are counted per year.  A period's bounds are midnight in China
Standard Time.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime

from jingkang.common.domain.chinatime import CHINA

_PATTERN = re.compile(r"^(\d{4})(?:(Q)([1-4])|(H)([12]))?$")


class InvalidPeriod(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    year: int
    first_month: int
    months: int

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PATTERN.match(text.strip().upper())
        if not match or not 2000 <= int(match.group(1)) <= 2100:
            raise InvalidPeriod("a period is a year 2000–2100, optionally with a quarter or "
                                "half: 2024, 2024Q2, 2024H1")
        year = int(match.group(1))
        if match.group(2):
            return cls(year, 3 * int(match.group(3)) - 2, 3)
        if match.group(4):
            return cls(year, 6 * int(match.group(5)) - 5, 6)
        return cls(year, 1, 12)

    def __str__(self) -> str:
        if self.months == 3:
            return f"{self.year}Q{(self.first_month + 2) // 3}"
        if self.months == 6:
            return f"{self.year}H{(self.first_month + 5) // 6}"
        return str(self.year)

    @property
    def start(self) -> datetime:
        return datetime(self.year, self.first_month, 1, tzinfo=CHINA)

    @property
    def end(self) -> datetime:
        """The first instant after the period."""
        month = self.first_month + self.months
        return datetime(self.year + (month - 1) // 12, (month - 1) % 12 + 1, 1, tzinfo=CHINA)

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.end.date().toordinal() - 1)

    def month_starts(self) -> tuple[datetime, ...]:
        """The first instant of each month of the period, and the period's end last."""
        return _month_starts(self.year, self.first_month, self.months)

    def previous(self) -> Period:
        month = self.first_month - self.months
        if month < 1:
            return Period(self.year - 1, month + 12, self.months)
        return Period(self.year, month, self.months)

    def is_over(self, now: datetime) -> bool:
        return now >= self.end


@functools.cache  # asked for every summary and coverage report
def _month_starts(year: int, first_month: int, months: int) -> tuple[datetime, ...]:
    starts = []
    for offset in range(months + 1):
        month = first_month + offset
        starts.append(datetime(year + (month - 1) // 12, (month - 1) % 12 + 1, 1, tzinfo=CHINA))
    return tuple(starts)


def month_of(moment: datetime) -> str:
    """The calendar month (China Standard Time) a moment falls in, as ``2026-07``."""
    local = moment.astimezone(CHINA)
    return _month_label(local.year, local.month)


@functools.cache  # a rebuild asks for it on every service record: formatting cost more
def _month_label(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def months_from(first: datetime, last: datetime) -> list[str]:
    """The labels of every month from the one holding ``first`` to the one holding ``last``
    (none when ``last`` is in an earlier month)."""
    a, b = first.astimezone(CHINA), last.astimezone(CHINA)
    labels, year, month = [], a.year, a.month
    while (year, month) <= (b.year, b.month):
        labels.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return labels


def quarter_of(moment: datetime) -> Period:
    local = moment.astimezone(CHINA)
    return Period(local.year, 3 * ((local.month - 1) // 3) + 1, 3)
