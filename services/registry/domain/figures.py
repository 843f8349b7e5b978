"""Every figure of the progress summary and the coverage report, defined in one place.

The 19 columns are those of the Chongqing annex 《“精康融合行动”推进情况汇总表》 (渝民发〔2023〕6号,
附件), which Heilongjiang 七 asks for quarterly too; DOMAIN.md (Statistics) names each column's
source.  Every time below is the time the platform recorded the fact, so the figures of a past
period are the same whenever they are asked.  The thresholds are settings (``Rules``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .periods import Period

# (number, heading of the annex, group of the annex, where the figure comes from)
COLUMNS: tuple[tuple[int, str, str, str], ...] = (
    (1, "辖区内精神障碍患者总人数", "前期摸底情况", "baseline"),
    (2, "公安登记的居家严重患者人数", "前期摸底情况", "baseline"),
    (3, "卫健委登记的居家严重患者人数", "前期摸底情况", "baseline"),
    (4, "居家一般患者数量", "前期摸底情况", "baseline"),
    (5, "目前登记参加社区康复人数", "前期摸底情况", "cases"),
    (6, "登记康复对象接受规范服务率（%）", "前期摸底情况", "cases"),
    (7, "不愿参加社区康复人数", "前期摸底情况", "cases"),
    (8, "新建城市街道、社区康复站点个数", "推进情况", "institutions"),
    (9, "新建农村乡镇、村（社区）康复站点个数", "推进情况", "institutions"),
    (10, "新增城镇登记转介参与社区康复人数", "推进情况", "cases"),
    (11, "新增农村登记转介参与社区康复人数", "推进情况", "cases"),
    (12, "目前登记参加社区康复总人数", "推进情况", "cases"),
    (13, "目前登记康复对象接受规范服务率（%）", "推进情况", "cases"),
    (14, "辖区内有精神专科（全科）医务人员数量", "服务保障情况", "baseline"),
    (15, "购买专业服务团队名称及数量", "服务保障情况", "baseline"),
    (16, "购买医务服务人员数量", "服务保障情况", "staff reports"),
    (17, "购买社会工作者服务人员数量", "服务保障情况", "staff reports"),
    (18, "服务人员培训持证上岗人数", "服务保障情况", "staff reports"),
    (19, "本级财政（或福彩资金、慈善捐赠等）投入经费金额（万元）", "服务保障情况", "baseline"),
)
GROUP_TITLE = "开展“精康融合行动”{group}"

# Hebei/Fujian/Heilongjiang yearly targets; years after the campaign keep the last one.
COVERAGE_TARGETS = {2023: 0.50, 2024: 0.65, 2025: 0.80}
SERVICE_RATE_TARGETS = {2023: 0.30, 2024: 0.45, 2025: 0.60}

SITE_LEVELS = ("township", "village")
"""Columns 8 and 9 count 站点: institutions at the township/street or village/community level
(Chongqing 8), urban ones in column 8 and rural ones in column 9, by the time they were
registered in the period."""

BASELINE_FIELDS = {1: "total_patients", 2: "severe_at_home_police", 3: "severe_at_home_health",
                   4: "general_at_home", 14: "psychiatric_medical_staff", 19: "funding_10k_cny"}
"""Columns 1–4, 14 and 19: the region's own baseline entry for the period, else the latest
earlier one; a region without an entry sums its children's (DOMAIN.md: entered by civil
affairs).  Column 15 lists the purchased teams' names and counts them."""

STAFF_FIELDS = {16: "purchased_medical", 17: "purchased_social_workers", 18: "certified"}
"""Columns 16–18: the latest staff report recorded before the period's end of each institution
registered by then and not closed, in the institution's region (Hebei 12–13)."""


def target_for(targets: dict[int, float], year: int) -> float | None:
    if year < min(targets):
        return None
    return targets[min(year, max(targets))]


def area_of_county(name: str) -> str:
    """城镇 or 农村 for columns 10 and 11, from the kind of county a person lives in (design:
    the annex gives no rule): districts (区) and county-level cities (市) are urban; counties
    (县), banners (旗) and the rest are rural."""
    return "urban" if name.endswith(("区", "市")) else "rural"


@dataclass(frozen=True)
class Rules:
    reassessment_interval_months: int = 6
    monthly_service: bool = True


@dataclass
class CaseFacts:
    """What the standardized-service test needs of one case, up to the period's end."""

    case_id: str
    in_service: list[tuple[datetime, datetime | None]] = field(default_factory=list)
    evaluations: list[datetime] = field(default_factory=list)
    agreements: list[datetime] = field(default_factory=list)
    reassessments: list[datetime] = field(default_factory=list)
    takeovers: list[datetime] = field(default_factory=list)  # relocations accepted
    service_months: set[int] = field(default_factory=set)  # indexes of months with a record


def add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    day = min(moment.day, [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
                           31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
    return moment.replace(year=year, month=month, day=day)


def standardized(facts: CaseFacts, period: Period, rules: Rules) -> bool:
    """规范服务 (columns 6 and 13; DOMAIN.md, design): at the period's end the case, registered,
    has a comprehensive evaluation and a signed agreement (since its last relocation, whose
    new institution evaluates and signs its own), no post-referral assessment overdue (the
    agreement or the last reassessment is less than ``reassessment_interval_months`` old), and
    a service record in every month of the period in which it was in service."""
    end = period.end
    since = max(facts.takeovers, default=None)
    def after_takeover(times: list[datetime]) -> list[datetime]:
        return [t for t in times if since is None or t >= since]
    agreements = after_takeover(facts.agreements)
    if not after_takeover(facts.evaluations) or not agreements:
        return False
    last_assessed = max(agreements + after_takeover(facts.reassessments))
    if add_months(last_assessed, rules.reassessment_interval_months) < end:
        return False
    if not rules.monthly_service:
        return True
    starts = period.month_starts()
    for index in range(period.months):
        month_start, month_end = starts[index], starts[index + 1]
        served = any(begin < month_end and (until is None or until > month_start)
                     for begin, until in facts.in_service)
        if served and index not in facts.service_months:
            return False
    return True


def rate(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else round(100.0 * numerator / denominator, 2)


def column_values(values: dict[int, Any]) -> list[Any]:
    return [values.get(number) for number, *_ in COLUMNS]
