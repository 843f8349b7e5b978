"""China time, defined once for both services: every date a person sees is a date in China.

Asia/Shanghai is UTC+8 all year.  The date of a UTC time is the day before the China date
between 00:00 and 08:00 China time, so a date is never taken from a time without this.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def china_date(moment: datetime) -> date:
    """The date in China at ``moment`` (an aware time, in any zone)."""
    if moment.tzinfo is None:
        raise ValueError("a naive time has no China date")
    return moment.astimezone(CHINA).date()
