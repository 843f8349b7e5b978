"""覆盖率与规范服务率 by region: which regions the chart compares (the official's region's
children along GB/T 2260, then the region itself), and the chart's data from the registry's
``GET /v1/statistics/coverage`` answers.  The yearly targets are the registry's (冀民〔2023〕26号,
闽民事〔2023〕86号 and Heilongjiang's: 50 / 65 / 80 % of the counties of each city, 30 / 45 /
60 % standardized service), carried in each answer's ``target``: none is written here."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from jingkang.common.domain.regions import RegionTable, is_municipality

AS_OF = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def check_as_of(text: str, today: date) -> tuple[date | None, str]:
    """The day asked for (None: today), or the Chinese refusal beside the field."""
    if not text:
        return None, ""
    try:
        day = date.fromisoformat(text) if AS_OF.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None:
        return None, "日期格式为 2026-12-04"
    if day > today:
        return None, "截至日期不能晚于今天"
    if day.year < 2023:
        return None, "精康融合行动自2023年开始，请选择2023年以后的日期"
    return day, ""


def regions_compared(region: str, year: int) -> list[tuple[str, str]]:
    """(code, name) of each child region (a province's cities, a city's counties; a county
    has none), the region itself last."""
    table = RegionTable.bundled()
    own = table.get(region, year)
    if own is None or own.level == "county":
        children = []
    elif is_municipality(region):  # 北京、天津、上海、重庆: their districts, not 市辖区 and 县
        children = [(r.code, r.name) for r in table.counties_in(region, year)]
    else:
        children = [(r.code, r.name) for r in table.children(region, year)]
    return [*children, (region, own.name if own else region)]


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def row_of(name: str, answer: dict[str, Any]) -> dict[str, Any]:
    """One region's figures for the table and the chart (shares in per cent)."""
    county, service = answer["county_coverage"], answer["standardized_service"]
    return {
        "region": answer["region"], "name": name,
        "counties": county["counties"], "covered": county["covered"],
        "coverage": _percent(county["share"]), "coverage_target": _percent(county["target"]),
        "coverage_met": None if county["share"] is None or county["target"] is None
        else county["share"] >= county["target"],
        "quarter": service["quarter"], "registered": service["registered"],
        "standardized": service["standardized"], "service_rate": _percent(service["share"]),
        "service_target": _percent(service["target"]),
        "service_met": None if service["share"] is None or service["target"] is None
        else service["share"] >= service["target"],
    }


def chart_of(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Two bars per region (coverage, standardized service rate, in %) and the year's two
    targets as lines across them."""
    return {"categories": [row["name"] for row in rows],
            "series": [{"name": "县（市、区）覆盖率", "data": [r["coverage"] for r in rows],
                        "target": rows[-1]["coverage_target"] if rows else None,
                        "target_name": "覆盖率年度目标"},
                       {"name": "登记康复对象规范服务率", "data": [r["service_rate"] for r in rows],
                        "target": rows[-1]["service_target"] if rows else None,
                        "target_name": "规范服务率年度目标"}]}
