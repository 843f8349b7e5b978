"""Baseline survey (摸底) figures of a region for a period, entered by civil affairs."""

from __future__ import annotations

from typing import Any

from . import commands as cmd
from .errors import InvalidField
from .events import BaselineRecorded, RegistryEvent
from .institution import Context, require_region_scope
from .periods import Period


def _known(region: str, ctx: Context) -> bool:
    """A province, city or county code valid this year, or a township's (乡镇、街道: its
    county's code and three digits 001–599, GB/T 10114), which the table does not list."""
    if len(region) == 9:
        return ctx.regions.county(region[:6], ctx.today.year) is not None \
            and 1 <= int(region[6:]) <= 599
    return ctx.regions.get(region, ctx.today.year) is not None


def record_baseline(region: str, period_text: str, c: cmd.RecordBaseline, ctx: Context,
                    current: dict[str, Any] | None) -> list[RegistryEvent]:
    """A new entry, or nothing when the figures equal the current ones (PUT is idempotent)."""
    if not _known(region, ctx):
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
