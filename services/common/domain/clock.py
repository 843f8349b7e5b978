"""The clock every handler reads the time from: one type for both services, so tests can
travel in time by passing another (the event library keeps its own, being independent)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, as an aware UTC time (a date for people comes from ``chinatime.china_date``)."""
    return datetime.now(UTC)
