"""The civil-affairs institution forms (服务机构库): the registry's vocabulary in Chinese, and
each form's fields turned into the registry API's body.  The form fields are named by the
API's field paths (``contact.phone``, ``prices``), so a refusal lands beside its field.
Only what the browser cannot be trusted to keep (numbers, the price lines' shape) is checked
here; every other rule is the registry's, shown as it answers."""

from __future__ import annotations

import re
from typing import Any

LEVELS = {"city": "市级", "county": "区县级", "township": "乡镇（街道）级", "village": "村（社区）级"}
KINDS = {
    "comprehensive_centre": "综合服务中心", "station": "康复站点", "day_care": "日间照料",
    "transitional_housing": "过渡性住宿", "farm_therapy": "农疗站", "work_therapy": "工疗站",
    "clubhouse": "康复会所",
}
AREAS = {"urban": "城市（街道、社区）", "rural": "农村（乡镇、村）"}
STATUSES = {"operating": "运营中", "suspended": "已停业", "closed": "已注销"}
STATUS_ACTIONS = {"suspend": "停业", "reopen": "恢复运营", "close": "注销"}
SERVICES = {
    "medication_training": "服药训练", "life_skills": "生活技能训练", "social_skills": "社交技能训练",
    "vocational": "职业能力训练", "home_guidance": "居家康复指导", "psychological": "心理康复",
    "peer_support": "同伴支持", "family_support": "家庭支持", "recreation": "文体娱乐活动",
    "caregiver_training": "照护者技能培训",
}
FORMS = {
    "day_training": "日间训练和职业康复", "transitional_housing": "过渡性住宿",
    "home_support": "居家支持和家庭支援", "peer_support": "同伴支持",
    "family_expert_exchange": "患者家属与专家交流",
}
PROFESSIONS = {
    "psychiatrist": "精神科医生", "nurse": "护士", "rehabilitation_therapist": "康复师",
    "social_worker": "社会工作者", "psychologist": "心理治疗/咨询师", "other": "其他",
}
STAFF_FIGURES = {
    "headcount": "人数", "qualified": "相关专业学历或资格", "certified": "持证上岗",
    "purchased": "政府购买服务", "direct_service": "直接服务人员",
    "direct_service_trained": "其中年度培训满20小时",
}
# The import file's columns in Chinese, for its line-by-line errors.
COLUMN_LABELS = {
    "institution_id": "机构标识", "name": "机构名称", "credit_code": "统一社会信用代码",
    "region": "行政区划代码", "township_code": "乡镇（街道）代码", "township_name": "乡镇（街道）名称",
    "address": "地址", "level": "网络层级", "kind": "机构类型", "area": "城乡", "capacity": "承载能力",
    "accepting": "是否接收转介", "services": "服务内容", "forms": "服务形式", "prices": "明码标价",
    "contact": "联系人", "contact_name": "联系人", "contact_phone": "联系电话",
    "contact.name": "联系人", "contact.phone": "联系电话", "opened_on": "开业日期",
    "row": "整行", "file": "文件",
}
FILTERS = ("region", "kind", "level", "status", "area", "accepting")
EDITABLE = ("name", "address", "township_code", "township_name", "capacity", "accepting",
            "services", "forms", "prices", "contact.name", "contact.phone")
_PRICE = re.compile(r"^([^:：]+)[:：]([^:：]+)[:：]\s*([0-9]+(?:\.[0-9]{1,2})?)$")

Form = dict[str, Any]
Errors = dict[str, str]


def _text(form: Form, name: str) -> str:
    value = form.get(name, "")
    return (value[-1] if isinstance(value, list) else str(value)).strip()


def _choices(form: Form, name: str) -> list[str]:
    value = form.get(name, [])
    return [str(v) for v in (value if isinstance(value, list) else [value]) if str(v)]


def _count(form: Form, name: str, errors: Errors, required: bool = True) -> int | None:
    text = _text(form, name)
    if not text:
        if required:
            errors[name] = "此项必填"
        return None
    if not text.isdigit():
        errors[name] = "请填写不小于0的整数"
        return None
    return int(text)


def price_lines(text: str, errors: Errors) -> list[dict[str, str]]:
    """明码标价, one price a line: 项目:单位:金额 (full-width colons too)."""
    prices = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = _PRICE.match(line.strip())
        if found is None:
            errors["prices"] = f"第{number}行应写作 项目:单位:金额，如 日间训练:人·月:300"
            return []
        prices.append({"item": found[1].strip(), "unit": found[2].strip(), "amount_cny": found[3]})
    return prices


def prices_text(prices: list[dict[str, Any]]) -> str:
    return "\n".join(f"{p['item']}:{p['unit']}:{p['amount_cny']}" for p in prices or [])


def _profile(form: Form, errors: Errors, names: tuple[str, ...]) -> dict[str, Any]:
    """The fields of a registration or a change that the form holds, as the API spells them."""
    body: dict[str, Any] = {}
    for name in ("name", "address", "township_code", "township_name", "credit_code", "region",
                 "level", "kind", "area", "opened_on"):
        if name in names and _text(form, name):
            body[name] = _text(form, name)
    if "capacity" in names and (capacity := _count(form, "capacity", errors)) is not None:
        body["capacity"] = capacity
    if "accepting" in names:
        body["accepting"] = _text(form, "accepting") == "1"
    for name in ("services", "forms"):
        if name in names:
            body[name] = _choices(form, name)
    if "prices" in names:
        body["prices"] = price_lines(_text(form, "prices"), errors)
    contact = {k: _text(form, f"contact.{k}") for k in ("name", "phone")}
    if any(contact.values()):
        body["contact"] = contact
    return body


REGISTRATION = ("name", "credit_code", "region", "township_code", "township_name", "address",
                "level", "kind", "area", "capacity", "accepting", "services", "forms", "prices",
                "opened_on")
REQUIRED = {"name": "机构名称", "credit_code": "统一社会信用代码", "region": "行政区划代码",
            "address": "地址", "level": "网络层级", "kind": "机构类型", "area": "城乡",
            "capacity": "承载能力"}


def registration_body(form: Form) -> tuple[dict[str, Any], Errors]:
    """``POST /v1/institutions``'s body, and the fields left empty."""
    errors = {name: "此项必填" for name in REQUIRED if not _text(form, name)}
    body = _profile(form, errors, REGISTRATION)
    if _text(form, "institution_id"):
        body["institution_id"] = _text(form, "institution_id")
    return body, errors


def change_body(form: Form) -> tuple[dict[str, Any], Errors]:
    """``PATCH /v1/institutions/{id}``'s body: every editable field the form shows."""
    errors: Errors = {}
    body = _profile(form, errors, EDITABLE)
    return body, errors


def form_of(institution: dict[str, Any]) -> Form:
    """An institution's profile as the edit form's values."""
    values: Form = {k: v for k, v in institution.items() if isinstance(v, str | int | list)}
    values["accepting"] = "1" if institution.get("accepting") else ""
    values["prices"] = prices_text(institution.get("prices") or [])
    contact = institution.get("contact") or {}
    values.update({"contact.name": contact.get("name", ""),
                   "contact.phone": contact.get("phone", ""),
                   "capacity": str(institution.get("capacity", ""))})
    return values


def status_body(form: Form) -> tuple[dict[str, Any], Errors]:
    action, reason = _text(form, "action"), _text(form, "reason")
    errors: Errors = {}
    if action not in STATUS_ACTIONS:
        errors["action"] = "请选择操作"
    if not reason:
        errors["reason"] = "请填写原因"
    return {"action": action, "reason": reason}, errors


def staff_report_body(form: Form) -> tuple[dict[str, Any], Errors]:
    """``POST …/staff-reports``: one line per profession whose head count is filled in; the
    fields of line ``n`` are ``lines.n.headcount`` and so on, as the API names them."""
    errors: Errors = {}
    lines = []
    for index, profession in enumerate(PROFESSIONS):
        prefix = f"lines.{index}"
        if not _text(form, f"{prefix}.headcount"):
            continue
        line: dict[str, Any] = {"profession": profession}
        for figure in STAFF_FIGURES:
            value = _count(form, f"{prefix}.{figure}", errors, required=figure == "headcount")
            if value is not None:
                line[figure] = value
        hours = _text(form, f"{prefix}.training_hours")
        if hours:
            line["training_hours"] = hours
        lines.append(line)
    if not lines and not errors:
        errors["lines"] = "至少填写一个专业的人数"
    return {"period": _text(form, "period"), "lines": lines}, errors


BASELINE_FIGURES = {
    "total_patients": "1. 辖区内精神障碍患者总人数",
    "severe_at_home_police": "2. 公安登记的居家严重患者人数",
    "severe_at_home_health": "3. 卫健委登记的居家严重患者人数",
    "general_at_home": "4. 居家一般患者数量",
    "psychiatric_medical_staff": "14. 辖区内有精神专科（全科）医务人员数量",
}


def baseline_body(form: Form) -> tuple[dict[str, Any], Errors]:
    """``PUT /v1/regions/{code}/baselines/{period}``: columns 1–4, 14, 15 (one team a line,
    ``名称`` or ``名称:人数``) and 19 (万元)."""
    errors: Errors = {name: "请填写报告期" for name in ("period",) if not _text(form, name)}
    if not _text(form, "region"):
        errors["region"] = "请填写行政区划代码"
    body: dict[str, Any] = {}
    for name in BASELINE_FIGURES:
        if (value := _count(form, name, errors)) is not None:
            body[name] = value
    teams = []
    for line in _text(form, "purchased_teams").splitlines():
        name, _, members = line.replace("：", ":").partition(":")
        if not name.strip():
            continue
        team: dict[str, Any] = {"name": name.strip()}
        if members.strip():
            if not members.strip().isdigit():
                errors["purchased_teams"] = f"“{line.strip()}”的人数应为整数"
            else:
                team["members"] = int(members)
        teams.append(team)
    body["purchased_teams"] = teams
    funding = _text(form, "funding_10k_cny")
    if not funding:
        errors["funding_10k_cny"] = "此项必填"
    body["funding_10k_cny"] = funding
    return body, errors
