"""What the auditor's workspace decides itself: China-time inputs read and refused in Chinese,
each event told as who, when and what, and the integrity check's verdict in plain words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from jingkang.common.domain.chinatime import CHINA

from . import labels

# The API takes times within these years only (``PlausibleTime``): refused here first.
FIRST_YEAR, LAST_YEAR = 2000, 2100
_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}:\d{2}(?::\d{2})?))?")
MOMENT_HINT = "请填写中国时间，如 2026-12-04 14:03，或只填日期 2026-12-04"

SERVICES = {"referral": "转介服务", "registry": "登记服务"}
OUTCOMES = {"success": "成功", "refused": "拒绝"}
OBJECT_TYPES = {"case": "个案", "case_events": "办理经过", "case_integrity": "完整性核验",
                "case_list": "个案列表", "person": "个人信息删除", "patient_archive": "康复对象档案",
                "patient_list": "档案列表", "institution_archive": "服务机构档案",
                "institution_events": "服务机构变更记录", "feed": "事件订阅"}
CASE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class Moment:
    """A China-time input read: the instant (aware), or the Chinese refusal beside its field."""

    at: datetime | None = None
    refusal: str | None = None


def read_china_moment(text: str, *, end_of_day: bool = False) -> Moment:
    """``2026-12-04T14:03`` (a datetime-local input, seconds optional), ``2026-12-04 14:03``
    or ``2026-12-04``, read as China time.  A date alone is the start of that day, or with ``end_of_day`` the
    start of the next (an ``until`` bound excludes it, so the whole day is inside)."""
    text = text.strip()
    if not text:
        return Moment()
    found = _MOMENT.fullmatch(text)
    if not found:
        return Moment(refusal=MOMENT_HINT)
    try:
        day = date.fromisoformat(found.group(1))
        clock = found.group(2) or "0:00"
        hour, minute, second = ([int(part) for part in clock.split(":")] + [0])[:3]
        at = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=CHINA)
    except ValueError:
        return Moment(refusal="不是有效的日期或时间：" + MOMENT_HINT)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return Moment(refusal=f"年份须在 {FIRST_YEAR} 至 {LAST_YEAR} 之间")
    if end_of_day and found.group(2) is None:
        at += timedelta(days=1)
    return Moment(at=at)


def rfc3339(at: datetime) -> str:
    """What the APIs take: 2026-12-04T14:03:00+08:00."""
    return at.astimezone(CHINA).isoformat(timespec="seconds")


def told_moment(at: datetime) -> str:
    """2026年12月4日 14:03 in China time (with the seconds when there are any)."""
    china = at.astimezone(CHINA)
    return f"{labels.chinese_date(china)} {china:%H:%M}" + (f":{china:%S}" if china.second else "")


def access_log_query(values: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The access log's API parameters from the form's values, and the refusals by field;
    nothing is to be asked while there is a refusal."""
    params: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name in ("actor", "case"):
        value = values.get(name, "").strip()
        if len(value) > (200 if name == "actor" else 100):
            errors[name] = "内容过长"
        elif value:
            params[name] = value
    outcome = values.get("outcome", "")
    if outcome and outcome not in OUTCOMES:
        errors["outcome"] = "请从选项中选择"
    elif outcome:
        params["outcome"] = outcome
    for name in ("since", "until"):
        moment = read_china_moment(values.get(name, ""), end_of_day=name == "until")
        if moment.refusal:
            errors[name] = moment.refusal
        elif moment.at:
            params[name] = rfc3339(moment.at)
    if "since" in params and "until" in params and params["since"] >= params["until"]:
        errors["until"] = "截止时间须晚于起始时间"
    cursor = values.get("cursor", "")
    if cursor and not cursor.isdigit():
        errors["cursor"] = "翻页游标无效，请从第一页重新查询"
    elif cursor:
        params["cursor"] = cursor
    return params, errors


@dataclass(frozen=True)
class Verdict:
    valid: bool
    headline: str
    detail: str
    bad_version: int | None = None  # the event that broke the chain, marked on the timeline


# The event store's reasons (libs/events) → plain Chinese; the first fragment found wins.
_REASONS = (
    ("where", "版本号不连续，事件可能被删除或插入"),
    ("prev_hash", "记录的前一哈希与上一事件的哈希不符，事件链被改动"),
    ("content does not match", "事件内容与其哈希不符，内容在写入后被改动"),
    ("no seal", "事件没有封印：不是经由事件存储写入的，可能被直接插入数据库"),
    ("sealed event missing", "已封印的事件缺失：被删除或移动了位置"),
    ("unknown key", "封印所用的密钥不是账本密钥"),
    ("is not the one sealed", "事件的事务号与封印时不符"),
    ("seal does not match", "封印与事件的位置、版本或哈希不符，封印系伪造"),
)


def integrity_verdict(report: dict[str, Any]) -> Verdict:
    """The integrity check said in Chinese: verified, or which event broke the chain and why."""
    checked = report.get("events_checked", 0)
    seals = report.get("seals_checked", 0)
    if report.get("valid"):
        legacy = report.get("unsealed_legacy", 0)
        return Verdict(True, "完整性核验通过：事件链完整，未发现篡改",
                       f"已核对 {checked} 个事件的哈希链与 {seals} 个封印"
                       + (f"；{legacy} 个事件早于封印机制，仅核对哈希链" if legacy else ""))
    reason = str(report.get("reason") or "")
    said = next((chinese for fragment, chinese in _REASONS if fragment in reason),
                f"校验未通过（{reason}）" if reason else "校验未通过")
    where = (f"第 {report['first_bad_version']} 个事件" if report.get("first_bad_version")
             else "某个事件")
    if report.get("first_bad_position") is not None:
        where += f"（全局位置 {report['first_bad_position']}"
        where += f"，事件标识 {report['first_bad_event_id']}）" if report.get(
            "first_bad_event_id") else "）"
    return Verdict(False, f"完整性核验未通过：{where}破坏了事件链",
                   f"{said}。已核对 {checked} 个事件。", report.get("first_bad_version"))


_FIELDS = {
    "person": "康复对象", "residence_region": "居住地", "referring_org_id": "转介方",
    "submitted_by_org_id": "提交方", "channel": "渠道", "assessment_kind": "评估类型",
    "assessed_on": "评估日期", "applied_on": "申请日期", "risk_level": "危险性等级",
    "registered_at": "登记时间", "reconfirmed_at": "再次审核时间", "institution_id": "服务机构",
    "institution_name": "机构名称", "institution_region": "机构所在地",
    "from_institution_id": "原服务机构", "target_institution_id": "接收机构",
    "from_region": "迁出地", "to_region": "迁入地", "new_residence_region": "新居住地",
    "hospital_org_id": "住院医院", "evaluated_on": "评估日期", "suitable": "适宜社区康复",
    "signed_on": "签订日期", "service_type": "服务类型", "started_at": "服务开始",
    "duration_minutes": "时长（分钟）", "discharged_on": "出院日期", "exit_destination": "去向",
    "closed_at": "结案时间", "visited_on": "回访日期", "purpose": "同意事项", "given_by": "同意人",
    "given_on": "同意日期", "withdrawn_by": "撤回人", "withdrawn_on": "撤回日期",
    "recommend_exit": "建议结束", "next_due_on": "下次转介评估", "reason": "原因",
}
_REGIONS = {"residence_region", "institution_region", "from_region", "to_region",
            "new_residence_region"}
_CHOICES = {"assessment_kind": labels.ASSESSMENT_KINDS, "channel": labels.CHANNELS,
            "exit_destination": labels.EXIT_DESTINATIONS,
            "reason": {**labels.WITHDRAWAL_REASONS, "exited": "结束康复", "unsuitable": "不适宜"},
            "purpose": {"referral_upload": "上传转介信息", "share_with_institution": "向服务机构提供信息",
                        "relocation": "迁居推送"},
            "given_by": {"patient": "本人", "guardian": "监护人"},
            "withdrawn_by": {"patient": "本人", "guardian": "监护人"}}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SEALED = "已加密（个人信息，当前角色不可读）"


def _told(name: str, value: Any, year: int) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if name == "person" and isinstance(value, dict):
        return "，".join(str(value[part]) for part in ("name", "id_number") if value.get(part))
    if name in _REGIONS and isinstance(value, str):
        return labels.region_name(value, year)
    if name in _CHOICES:
        return _CHOICES[name].get(str(value), str(value))
    if isinstance(value, str) and _DAY.fullmatch(value):
        return labels.chinese_date(value)
    if isinstance(value, str) and _DAY.match(value) and "T" in value:
        return labels.chinese_time(value)
    return str(value)


def event_facts(data: dict[str, Any], year: int) -> list[tuple[str, str]]:
    """An event's main data as (Chinese label, value), as the API gave it: a personal field
    it keeps sealed for the reader's role shows as sealed, never opened here."""
    facts = [(label, _told(name, data[name], year)) for name, label in _FIELDS.items()
             if data.get(name) not in (None, "", [])]
    if "protected" in data:
        facts.append(("个人信息", SEALED))
    return facts


def timeline(events: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    """Each event as who (role, organisation, actor), when (China time) and what (regions
    named as they were called in ``year``)."""
    told = []
    for event in events:
        meta = event.get("metadata") or {}
        told.append({
            "version": event.get("version"), "position": event.get("position"),
            "when": labels.chinese_time(event.get("recorded_at")),
            "what": labels.EVENTS.get(event.get("type", ""), event.get("type", "")),
            "type": event.get("type", ""),
            "role": labels.ROLES.get(meta.get("role", ""), meta.get("role") or "未知角色"),
            "org": meta.get("org_id") or "", "actor": meta.get("actor_id") or "",
            "facts": event_facts(event.get("data") or {}, year), "hash": event.get("hash", "")})
    return told
