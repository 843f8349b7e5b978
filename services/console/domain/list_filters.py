"""The work lists' filters: what the form sent, checked before the API is asked, each refusal
in Chinese beside its field; the form's field names are the API's query parameters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from jingkang.common.domain.chinatime import CHINA

from .labels import DEADLINES, LIST_ORDERS, STATES, region_name

REGION = re.compile(r"[0-9]{6}")
TEXT_MAX = 100
RISK_LEVELS = range(0, 6)
OVERDUE = {"true": "已逾期", "false": "未逾期"}
FIELDS = ("state", "region", "institution_id", "due", "overdue", "risk_level_min",
          "updated_since", "sort")


@dataclass
class ListFilters:
    """The form's values as typed (to show again) and the API's parameters made of them."""

    values: dict[str, str] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def query(self, **extra: str) -> dict[str, str]:
        """The filled-in values, for a link that keeps them (the next page, say)."""
        return {**{k: v for k, v in self.values.items() if v}, **extra}


def read_filters(sent: dict[str, str], year: int, allowed: tuple[str, ...] = FIELDS
                 ) -> ListFilters:
    found = ListFilters(values={name: str(sent.get(name, "")).strip()[:TEXT_MAX]
                                for name in allowed})
    for name, value in found.values.items():
        if not value:
            continue
        checked = _CHECKS[name](value, year)
        if isinstance(checked, _Refusal):
            found.errors[name] = checked.message
        else:
            found.params[name] = checked
    if "overdue" in found.params and not found.values.get("due"):
        found.errors["overdue"] = "请先选择待办事项，再筛选是否逾期"
    if "sort" in found.params and found.values.get("due"):
        found.errors["sort"] = "待办队列按危险性和期限排序，不能另选排序"
    return found


@dataclass(frozen=True)
class _Refusal:
    message: str


def _choice(choices: dict[str, str], message: str) -> Any:
    return lambda value, year: value if value in choices else _Refusal(message)


def _region(value: str, year: int) -> Any:
    if not REGION.fullmatch(value):
        return _Refusal("行政区划代码为6位数字，如 130102")
    if region_name(value, year) == value:
        return _Refusal("不是有效的行政区划代码")
    return value


def _institution(value: str, year: int) -> Any:
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        return _Refusal("机构编号不能含空格")
    return value


def _risk(value: str, year: int) -> Any:
    if not value.isdigit() or int(value) not in RISK_LEVELS:
        return _Refusal("危险性等级为0至5级")
    return int(value)


def _since(value: str, year: int) -> Any:
    """A day (2026-12-01) from the date field: from its start in China time."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return _Refusal("请填写有效日期，如 2026-12-01")
    if not 2000 <= day.year <= year + 1:
        return _Refusal("日期不在有效范围内")
    return datetime.combine(day, time(), CHINA).isoformat()


_CHECKS = {
    "state": _choice(STATES, "请从选项中选择状态"),
    "region": _region,
    "institution_id": _institution,
    "due": _choice(DEADLINES, "请从选项中选择待办事项"),
    "overdue": _choice(OVERDUE, "请选择已逾期或未逾期"),
    "risk_level_min": _risk,
    "updated_since": _since,
    "sort": _choice(LIST_ORDERS, "请从选项中选择排序"),
}

LABELS = {"sort": "排序", "state": "状态", "region": "居住地", "institution_id": "服务机构",
          "due": "待办事项", "overdue": "是否逾期", "risk_level_min": "危险性不低于",
          "updated_since": "更新起"}


def described(found: ListFilters, year: int) -> list[str]:
    """The filters in force, in Chinese, for the printed page's header: 状态：已登记."""
    shown = {"sort": lambda v: LIST_ORDERS[v], "state": lambda v: STATES[v],
             "due": lambda v: DEADLINES[v],
             "overdue": lambda v: OVERDUE[v], "region": lambda v: f"{region_name(v, year)}（{v}）",
             "risk_level_min": lambda v: f"{v}级"}
    return [f"{LABELS[name]}：{shown.get(name, str)(found.values[name])}"
            for name in found.values if name in found.params]
