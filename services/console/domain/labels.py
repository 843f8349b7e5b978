"""The Chinese words of the workspaces: states, actions, roles, events, dates.  The words of
the API's enumerated values (deadlines, channels, endings, …) come from the common table the
OpenAPI documents show, ``jingkang.common.domain.enum_labels``."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from jingkang.common.domain.chinatime import CHINA
from jingkang.common.domain.enum_labels import (  # the API's words, one table for both
    ASSESSMENT_KINDS,
    CHANNELS,
    DEADLINES,
    EXIT_DESTINATIONS,
    LIST_ORDERS,
    WITHDRAWAL_REASONS,
)
from jingkang.common.domain.regions import RegionTable, city_of, province_of

STATES = {
    "pending_review": "待审核", "rejected": "不予登记", "registered": "已登记",
    "waitlisted": "候补", "dispatched": "已分派", "accepted": "已接收",
    "evaluated": "已综合评估", "in_service": "服务中", "relocating": "迁居推送中",
    "hospitalized": "复发住院", "closed": "已结案",
}
ACTIONS = {
    "medical_assessment": "医疗机构评估转介", "application": "登记申请", "review": "审核",
    "reconfirmation": "再次审核意愿", "dispatch": "分派", "acceptance": "接收或拒绝",
    "evaluation": "综合评估", "agreement": "知情同意与服务协议", "service_record": "服务记录",
    "reassessment": "转介评估", "relocation": "迁居推送", "relapse": "复发绿色通道",
    "hospital_return": "出院回归", "exit": "结案", "withdrawal": "退出", "follow_up": "回访",
    "consent": "单独同意",
}
ROLES = {
    "hospital": "医疗机构", "social_worker": "社会工作者", "reporter": "报告方",
    "institution": "康复服务机构", "platform": "转介服务平台", "civil_affairs": "民政部门",
    "health_commission": "卫生健康部门", "disabled_federation": "残疾人联合会",
    "auditor": "审计人员", "admin": "系统管理员",
}
__all__ = ["ACTIONS", "ASSESSMENT_KINDS", "CHANNELS", "DEADLINES", "EVENTS", "EXIT_DESTINATIONS",
           "LIST_ORDERS", "ROLES", "STATES", "WITHDRAWAL_REASONS", "chinese_date",
           "chinese_time", "region_name"]


def chinese_date(value: date | datetime | str | None) -> str:
    """2026年12月4日 (an ISO string is read first); empty for nothing."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(CHINA)
    return f"{value.year}年{value.month}月{value.day}日"


def china_today() -> date:
    """Today in China (the printed pages' date)."""
    return datetime.now(CHINA).date()


def chinese_time(value: str | None) -> str:
    """2026年12月4日 22:05 in China time from an RFC 3339 time."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(CHINA)
    return f"{chinese_date(moment)} {moment:%H:%M}"


@lru_cache(maxsize=4096)
def region_name(code: str | None, year: int) -> str:
    """河北省石家庄市长安区 for 130102 (GB/T 2260); the code itself when it is unknown."""
    if not code:
        return ""
    table = RegionTable.bundled()
    names = []
    for part in dict.fromkeys((province_of(code), city_of(code), code[:6])):
        region = table.get(part, year)
        if region is not None and region.name != "市辖区":
            names.append(region.name)
    return "".join(names) or code


EVENTS = {
    "MedicalAssessmentUploaded": "医疗机构评估转介", "ApplicationSubmitted": "提交申请",
    "ApplicationApproved": "审核通过，登记", "ApplicationRejected": "审核不予登记",
    "WillingnessReconfirmed": "再次审核意愿", "CaseDispatched": "分派至服务机构",
    "CaseWaitlisted": "进入候补", "CaseAccepted": "服务机构接收", "CaseDeclined": "服务机构拒绝",
    "EvaluationCompleted": "综合评估", "AgreementSigned": "签订知情同意书与服务协议",
    "ServiceRecorded": "服务记录", "ReassessmentRecorded": "转介评估",
    "RelocationPushed": "迁居推送", "RelocationTargeted": "迁居确定接收机构",
    "RelocationAccepted": "迁居接收", "RelocationDeclined": "迁居拒绝",
    "RelapseReferred": "复发绿色通道转介", "ReturnedFromHospital": "出院回归",
    "CaseClosed": "结案", "FollowUpRecorded": "回访", "ConsentRecorded": "同意",
    "ConsentWithdrawn": "撤回同意",
}
