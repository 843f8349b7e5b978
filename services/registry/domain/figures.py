"""Every figure of the progress summary and the coverage report, defined in one place.

The 19 columns are those of the Chongqing annex 《“精康融合行动”推进情况汇总表》 (渝民发〔2023〕6号,
附件), which Heilongjiang 七 asks for quarterly too; DOMAIN.md (Statistics) names each column's
source.  Every time below is the time the platform recorded the fact, so the figures of a past
period are the same whenever they are asked.  The thresholds are settings (``Rules``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .periods import CHINA, Period, month_of

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
(Chongqing 8) opened in the period (their ``opened_on``; the day they were registered where no
opening date is known), urban ones in column 8 and rural ones in column 9 (``area_of_code``)."""

OPERATING = "operating"
STAFF_FIELDS = {16: "purchased_medical", 17: "purchased_social_workers", 18: "certified"}
"""Columns 16–18: each institution operating at the period's end (or now, in a running period),
its latest staff report for the period or a shorter period inside it, recorded by then
(Hebei 12–13).  Suspended and closed institutions, and reports of other periods, count for
nothing: a summary never carries staff over from an earlier period."""


def target_for(targets: dict[int, float], year: int) -> float | None:
    if year < min(targets):
        return None
    return targets[min(year, max(targets))]


def area_of_code(code: str | None) -> str | None:
    """城镇 (urban) or 农村 (rural) for columns 8–11 from a statistical division code
    (统计用区划代码): at the village level (12 digits), digits 10–12 001–199 are 居民委员会
    (communities, urban) and 200–399 村民委员会 (villages, rural); at the township level (9
    digits), digits 7–9 001–099 are 街道 (urban), 100–199 镇 and 200–399 乡 (rural).  None
    where the code does not say (no township, or 400–599: 农场、开发区 and the like): then the
    institution's declared area decides."""
    for first, last, ranges in _CODE_AREAS:
        if code and len(code) >= last and code[first:last].isdigit():
            number = int(code[first:last])
            for low, high, area in ranges:
                if low <= number <= high:
                    return area
    return None


# (first digit, after last digit, ranges): the village level first, it says more
_CODE_AREAS = ((9, 12, ((1, 199, "urban"), (200, 399, "rural"))),
               (6, 9, ((1, 99, "urban"), (100, 399, "rural"))))


def area_of_site(township_code: str | None, declared: str | None) -> str | None:
    return area_of_code(township_code) or declared


@dataclass(frozen=True)
class Rules:
    reassessment_interval_months: int = 6
    monthly_service: bool = True


@dataclass(frozen=True)
class CaseStanding:
    """What the standardized-service test reads of one case as of the period's end.

    The evaluation, agreement and assessment are those since the case's last relocation (the
    new institution evaluates and signs its own), as the archive's state history holds them
    at that moment.  The month lists only grow, and only with the month an event is recorded
    in, so they answer for any month that has begun: months with a service record; months of
    finished in-service spells; ``in_service_since`` the start of the current spell.
    """

    evaluated_at: datetime | None = None
    agreement_at: datetime | None = None
    assessed_at: datetime | None = None  # the agreement or the latest reassessment
    service_months: str = ""  # "2026-07 2026-08"
    in_service_months: str = ""
    in_service_since: datetime | None = None

    def in_service_during(self, month: str, month_end: datetime) -> bool:
        return month in self.in_service_months or (
            self.in_service_since is not None and self.in_service_since < month_end)


@dataclass(frozen=True)
class ServiceTest:
    """The standardized-service rule for one period, as bounds the stored facts are held to
    (the statistics count it in SQL with exactly these bounds)."""

    assessed_since: datetime  # the agreement or last reassessment must be at or after this
    months: tuple[tuple[str, datetime], ...]  # each month of the period: label and end
    monthly_service: bool


def add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, _days_in(year, month)))


def _days_in(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]


def still_current_since(end: datetime, interval_months: int) -> datetime:
    """The earliest assessment time ``a`` with ``add_months(a, interval_months) >= end``, months
    counted on the China calendar (the referral service's reassessment due date is the China
    date of the assessment plus the interval): an assessment before it is overdue at ``end``.
    ``add_months`` only clamps the day, so the answer is ``end`` moved back, or the first
    instant of the next month where the day was clamped."""
    local = end.astimezone(CHINA)
    back = add_months(local, -interval_months)
    if add_months(back, interval_months) >= local:
        return back
    year, month = (back.year + 1, 1) if back.month == 12 else (back.year, back.month + 1)
    return back.replace(year=year, month=month, day=1, hour=0, minute=0, second=0,
                        microsecond=0)


def service_test(period: Period, rules: Rules, as_of: datetime | None = None) -> ServiceTest:
    """The rule as of the earlier of ``as_of`` and the period's end: in a running period an
    assessment is judged as of ``as_of``, and only the months already over must hold a
    service record (asked on 10 July for Q3, no month of Q3 has ended yet)."""
    end = period.end if as_of is None else min(as_of, period.end)
    starts = period.month_starts()
    months = tuple((month_of(starts[i]), starts[i + 1]) for i in range(period.months)
                   if starts[i + 1] <= end)
    return ServiceTest(still_current_since(end, rules.reassessment_interval_months),
                       months, rules.monthly_service)


def standardized(case: CaseStanding, test: ServiceTest) -> bool:
    """规范服务 (columns 6 and 13; DOMAIN.md, design): at the period's end the case, registered,
    has a comprehensive evaluation and a signed agreement (since its last relocation, whose
    new institution evaluates and signs its own), no post-referral assessment overdue (the
    agreement or the last reassessment is less than ``reassessment_interval_months`` old), and
    a service record in every month of the period in which it was in service."""
    if case.evaluated_at is None or case.agreement_at is None or case.assessed_at is None:
        return False
    if case.assessed_at < test.assessed_since:
        return False
    if not test.monthly_service:
        return True
    return all(month in case.service_months or not case.in_service_during(month, month_end)
               for month, month_end in test.months)


def rate(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else round(100.0 * numerator / denominator, 2)


def column_values(values: dict[int, Any]) -> list[Any]:
    return [values.get(number) for number, *_ in COLUMNS]
