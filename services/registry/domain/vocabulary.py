"""The registry's enumerations (DOMAIN.md, Institutions and archives), with their API spellings."""

from __future__ import annotations

from enum import StrEnum

from jingkang.common.domain.vocabulary import Profession


class Level(StrEnum):
    """Level in the four-level network (Chongqing 8)."""

    CITY = "city"  # 市级
    COUNTY = "county"  # 区县级
    TOWNSHIP = "township"  # 乡镇（街道）级
    VILLAGE = "village"  # 村（社区）级


class Kind(StrEnum):
    COMPREHENSIVE_CENTRE = "comprehensive_centre"  # 综合服务中心: 评估转介、培训督导、服务示范
    STATION = "station"  # 康复站点
    DAY_CARE = "day_care"  # 日间照料
    TRANSITIONAL_HOUSING = "transitional_housing"  # 过渡性住宿
    FARM_THERAPY = "farm_therapy"  # 农疗站
    WORK_THERAPY = "work_therapy"  # 工疗站
    CLUBHOUSE = "clubhouse"  # 康复会所


class Area(StrEnum):
    URBAN = "urban"  # 城市（街道、社区）
    RURAL = "rural"  # 农村（乡镇、村）


class Status(StrEnum):
    OPERATING = "operating"
    SUSPENDED = "suspended"
    CLOSED = "closed"


class StatusAction(StrEnum):
    SUSPEND = "suspend"
    REOPEN = "reopen"
    CLOSE = "close"


# Which status each action leads to, from which statuses; closed is final.
STATUS_MOVES: dict[StatusAction, tuple[frozenset[Status], Status]] = {
    StatusAction.SUSPEND: (frozenset({Status.OPERATING}), Status.SUSPENDED),
    StatusAction.REOPEN: (frozenset({Status.SUSPENDED}), Status.OPERATING),
    StatusAction.CLOSE: (frozenset({Status.OPERATING, Status.SUSPENDED}), Status.CLOSED),
}

# 购买医务服务人员 (column 16): the medical professions among purchased staff (design).
MEDICAL_PROFESSIONS = frozenset({Profession.PSYCHIATRIST, Profession.NURSE,
                                 Profession.REHABILITATION_THERAPIST})
