"""The form of each case action: its fields, in Chinese, and how a submitted form becomes the
API's request body.  Only the fields are checked here that a form cannot send wrong by itself
(empty, a number); everything else is the API's to refuse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import labels

YES_NO = {"true": "是", "false": "否"}
SERVICE_TYPES = {
    "medication_training": "服药训练", "life_skills": "生活技能训练",
    "social_skills": "社交技能训练", "vocational": "职业能力训练",
    "home_guidance": "居家康复指导", "psychological": "心理康复", "peer_support": "同伴支持",
    "family_support": "家庭支持", "recreation": "文体娱乐活动",
    "caregiver_training": "家庭照护者照护技能培训",
}
SERVICE_FORMS = {
    "day_training": "日间训练和职业康复", "transitional_housing": "过渡性住宿",
    "home_support": "居家支持和家庭支援", "peer_support": "同伴支持",
    "family_expert_exchange": "患者家属与专家交流",
}
SERVICE_METHODS = {"case_management": "个案管理", "group_work": "小组工作"}
PROFESSIONS = {"精神科医生": "psychiatrist", "护士": "nurse", "康复师": "rehabilitation_therapist",
               "社会工作者": "social_worker", "心理治疗师": "psychologist", "其他": "other"}
CONSENT_PURPOSES = {"referral_upload": "上传评估信息用于转介",
                    "share_with_institution": "向服务机构提供个人信息",
                    "relocation": "迁居时向新居住地提供个人信息"}
CONSENT_GIVERS = {"patient": "本人", "guardian": "监护人"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str = "text"  # text, textarea, date, datetime, int, bool, choice, list, team
    required: bool = True
    choices: dict[str, str] | None = None


@dataclass(frozen=True)
class ActionForm:
    path: str
    fields: tuple[FieldSpec, ...]


def _f(name: str, label: str, kind: str = "text", required: bool = True,
       choices: dict[str, str] | None = None) -> FieldSpec:
    return FieldSpec(name, label, kind, required, choices or (YES_NO if kind == "bool" else None))


RISK = _f("risk_level", "危险性评估等级（0–5）", "int")
FORMS: dict[str, ActionForm] = {
    "review": ActionForm("review", (
        _f("approved", "审核结论", "choice", choices={"true": "通过，予以登记", "false": "不予登记"}),
        _f("needs_assessment", "康复需求评估", "textarea"),
        _f("reason", "不予登记理由", "textarea", required=False))),
    "reconfirmation": ActionForm("reconfirmation", (
        _f("willing", "本人是否仍愿意", "bool"), _f("situation", "实际情况", "textarea"))),
    "dispatch": ActionForm("dispatch", (
        _f("institution_id", "指定机构标识（留空则按居住地分派）", required=False),)),
    "acceptance": ActionForm("acceptance", (
        _f("accepted", "是否接收", "choice", choices={"true": "接收", "false": "拒绝"}),
        _f("reason", "拒绝理由", "textarea", required=False))),
    "evaluation": ActionForm("evaluations", (
        _f("evaluated_on", "评估日期", "date"),
        _f("team", "评估团队（每行一人：姓名，专业——" + "、".join(PROFESSIONS) + "）", "team"),
        _f("suitable", "是否适宜社区康复", "bool"), _f("opinion", "康复意见", "textarea"),
        _f("plan", "康复计划", "textarea", required=False), RISK)),
    "agreement": ActionForm("agreements", (
        _f("signed_on", "签订日期", "date"), _f("informed_consent", "知情同意书已签", "bool"),
        _f("service_agreement", "服务协议已签", "bool"), _f("electronic", "电子协议", "bool"),
        _f("signed_by_guardian", "监护人已签", "bool"),
        _f("document_ref", "协议编号", required=False))),
    "service_record": ActionForm("service-records", (
        _f("service_type", "服务内容", "choice", choices=SERVICE_TYPES),
        _f("form", "服务形式", "choice", choices=SERVICE_FORMS),
        _f("method", "工作方法", "choice", choices=SERVICE_METHODS),
        _f("started_at", "开始时间", "datetime"), _f("duration_minutes", "时长（分钟）", "int"),
        _f("staff", "服务人员（以逗号分隔）", "list"),
        _f("notes", "备注", "textarea", required=False))),
    "reassessment": ActionForm("reassessments", (
        _f("assessed_on", "评估日期", "date"), _f("rehabilitation_effect", "康复效果", "textarea"),
        _f("disease_state", "疾病状态", "textarea"), _f("self_care", "生活自理能力", "textarea"),
        _f("employment_willingness", "就业意愿", "bool"), _f("employment_ability", "就业能力", "bool"),
        RISK, _f("recommend_exit", "建议结束社区康复", "bool"),
        _f("exit_destination", "建议去向", "choice", required=False,
           choices=labels.EXIT_DESTINATIONS))),
    "relocation": ActionForm("relocations", (
        _f("to_region", "新居住地行政区划代码"),
        _f("target_institution_id", "接收机构标识", required=False),
        _f("reason", "迁居说明", "textarea"))),
    "relapse": ActionForm("relapses", (
        _f("hospital_org_id", "接收医院标识"), RISK, _f("reason", "复发情况", "textarea"))),
    "hospital_return": ActionForm("hospital-returns", (
        _f("discharged_on", "出院日期", "date"), _f("notes", "备注", "textarea", required=False))),
    "exit": ActionForm("exit", (
        _f("destination", "结案去向", "choice", choices=labels.EXIT_DESTINATIONS),
        _f("notes", "备注", "textarea", required=False))),
    "withdrawal": ActionForm("withdrawal", (
        _f("reason", "结案原因", "choice", choices=labels.WITHDRAWAL_REASONS),
        _f("unwilling", "本人不愿参加", "bool"), _f("notes", "备注", "textarea", required=False))),
    "follow_up": ActionForm("follow-ups", (
        _f("visited_on", "回访日期", "date"), _f("outcome", "回访情况", "textarea"))),
    "consent": ActionForm("consents", (
        _f("purpose", "同意事项", "choice", choices=CONSENT_PURPOSES),
        _f("given_by", "同意人", "choice", choices=CONSENT_GIVERS), _f("on", "日期", "date"),
        _f("withdrawn", "撤回此项同意", "bool"))),
}


def body_from(form: ActionForm, submitted: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The request body and {field: message} for what cannot be sent as given."""
    body: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for spec in form.fields:
        raw = str(submitted.get(spec.name, "")).strip()
        if not raw:
            if spec.required:
                errors[spec.name] = "此项必填"
            continue
        try:
            body[spec.name] = _value(spec, raw)
        except ValueError:
            errors[spec.name] = "请填写整数"
    return body, errors


def _value(spec: FieldSpec, raw: str) -> Any:
    if spec.kind == "int":
        return int(raw)
    if spec.kind == "bool" or (spec.choices and set(spec.choices) == {"true", "false"}):
        return raw == "true"
    if spec.kind == "team":
        return [_member(line) for line in raw.splitlines() if line.strip()]
    if spec.kind == "list":
        return [part.strip() for part in raw.replace("，", ",").split(",") if part.strip()]
    if spec.kind == "datetime" and len(raw) == 16:  # the browser's datetime-local: China time
        return f"{raw}:00+08:00"
    return raw


def _member(line: str) -> dict[str, str]:
    name, _, profession = line.replace("，", ",").partition(",")
    profession = profession.strip()
    return {"name": name.strip(), "profession": PROFESSIONS.get(profession, profession)}
