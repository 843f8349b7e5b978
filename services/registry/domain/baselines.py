"""Baseline survey (摸底) figures of a region for a period, entered by civil affairs."""

from __future__ import annotations

from typing import Any

from . import commands as cmd
from .errors import InvalidField
from .events import BaselineRecorded, RegistryEvent
from .institution import Context, require_region_scope
from .periods import Period


def record_baseline(region: str, period_text: str, c: cmd.RecordBaseline, ctx: Context,
                    current: dict[str, Any] | None) -> list[RegistryEvent]:
    """A new entry, or nothing when the figures equal the current ones (PUT is idempotent)."""
    if ctx.regions.get(region, ctx.today.year) is None:
        raise InvalidField(f"{region} is not a division code valid in {ctx.today.year}",
                           field="region_code")
    require_region_scope(ctx.actor, region, "region_code")
    try:
        period = Period.parse(period_text)
    except ValueError as exc:
        raise InvalidField(str(exc), field="period") from None
    if period.start > ctx.now:
        raise InvalidField(f"period {period} has not begun", field="period")
    event = BaselineRecorded(region=region, period=str(period), **c.model_dump())
    if current is not None and current == event.model_dump(mode="json"):
        return []
    return [event]
