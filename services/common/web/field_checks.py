"""The checks the domain runs on single fields, run also when the request's schema is wrong,
so one answer names every bad field: a body with a bad enum and a bad region used to report
the enum only (the domain never saw the region).  Only checks that need nothing but the value
are here: a division code valid this year, an identity number's form and check digit."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from jingkang.common.adapters.region_overrides import load_region_table
from jingkang.common.domain.chinatime import CHINA
from jingkang.common.domain.identity import InvalidIdentity, validate_id_number
from jingkang.common.domain.regions import RegionTable

REGION_FIELDS = ("residence_region", "to_region", "region")
IDENTITY_FIELDS = ("person.id_number",)


@functools.lru_cache(maxsize=4)
def _table(path: str | None) -> RegionTable:
    return load_region_table(path)


def _regions() -> RegionTable:
    return _table(os.environ.get("JINGKANG_REGION_OVERRIDES_FILE") or None)


def _region_problem(value: str, today: date) -> tuple[str, str] | None:
    if len(value) != 6 or not value.isdigit() or value.endswith("00"):
        return None  # the schema's own pattern speaks for this one
    if _regions().county(value, today.year) is None:
        return (f"{value} is not a county-level division code valid in {today.year}",
                f"{value} 不是 {today.year} 年有效的县级行政区划代码")
    return None


def _identity_problem(value: str, today: date) -> tuple[str, str] | None:
    try:
        validate_id_number(value, today=today, regions=_regions())
    except InvalidIdentity as exc:
        return f"identity number: {exc}", "身份证号码无效（位数、出生日期或校验位不符）"
    return None


CHECKS: tuple[tuple[tuple[str, ...], Callable[[str, date], tuple[str, str] | None]], ...] = (
    (REGION_FIELDS, _region_problem), (IDENTITY_FIELDS, _identity_problem))


def _value(body: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(body, dict):
            return None
        body = body.get(part)
    return body


def more_problems(body: Any, reported: set[str]) -> list[dict[str, str]]:
    """Errors of the single-value checks for fields the schema check did not already name."""
    if not isinstance(body, dict):
        return []
    today = datetime.now(CHINA).date()
    found = []
    for fields, check in CHECKS:
        for field in fields:
            value = _value(body, field)
            if field in reported or not isinstance(value, str):
                continue
            problem = check(value, today)
            if problem is not None:
                found.append({"field": field, "message": problem[0], "message_zh": problem[1]})
    return found
