"""What the institution's and the civil-affairs workspaces decide themselves: whether a case in
service still needs this month's service record, which report period is asked for."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from jingkang.common.domain.chinatime import CHINA

PERIOD = re.compile(r"[0-9]{4}(?:Q[1-4]|H[12])?")
REPORT_STATUSES = {"not_started": "未开始", "draft": "草稿", "submitted": "已报送",
                   "returned": "已退回", "accepted": "已审核通过"}


def _china_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment.astimezone(CHINA) if moment.tzinfo else moment).date()


def _this_month(day: date | None, today: date) -> bool:
    return day is not None and (day.year, day.month) == (today.year, today.month)


def may_have_record_this_month(case: dict[str, Any], today: date) -> bool:
    """False when nothing at all happened to the case this month (so no service record did
    either); True when its events must be read to tell."""
    return _this_month(_china_date(case.get("updated_at")), today)


def recorded_this_month(events: list[dict[str, Any]], today: date) -> bool:
    """A service given this month (by its start, else by when it was recorded)."""
    return any(
        _this_month(_china_date((e.get("data") or {}).get("started_at") or e.get("recorded_at")),
                    today)
        for e in events if e.get("type") == "ServiceRecorded")


def relocating_to(cases: list[dict[str, Any]], institution_id: str) -> list[dict[str, Any]]:
    """The relocations pushed to this institution (not those it is sending away)."""
    return [case for case in cases
            if (case.get("relocation") or {}).get("target_institution_id") == institution_id]


def current_period(today: date) -> str:
    """The quarter ``today`` is in: 2026Q4."""
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"


def check_period(period: str) -> str | None:
    """The Chinese refusal for a period that is not 2026Q4, 2026H2 or 2026; None when fine."""
    if not PERIOD.fullmatch(period):
        return "报告期格式为 2026Q4（季度）、2026H2（半年）或 2026（年度）"
    return None


def column_groups(columns: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """The header's upper row: each run of columns of one group, with its length."""
    groups: list[tuple[str, int]] = []
    for column in columns:
        group = str(column.get("group") or "")
        if groups and groups[-1][0] == group:
            groups[-1] = (group, groups[-1][1] + 1)
        else:
            groups.append((group, 1))
    return groups


CHART_COLUMNS = (10, 11, 12)  # new urban and rural referrals, all taking part now


def chart_of(progress: dict[str, Any], numbers: tuple[int, ...] = CHART_COLUMNS
             ) -> dict[str, Any]:
    """The bar chart's data: one group of bars per child region, one series per column (a
    figure not known is left out as null)."""
    headings = {column["number"]: column["heading"] for column in progress["columns"]}
    rows = progress["rows"]
    return {"categories": [row["name"] for row in rows],
            "series": [{"name": f"{n}. {headings.get(n, n)}",
                        "data": [row["values"].get(str(n)) for row in rows]}
                       for n in numbers]}
