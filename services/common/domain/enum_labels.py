"""The Chinese words for the API's enumerated values, in the terms of the policy documents.

The OpenAPI documents show them beside each enumeration (``x-enum-labels``, and in the
description), so an integrator's form and a clerk's screen can say 出院康复评估 where the wire
says ``discharge``.  A test holds every enumerated value of both documents labelled here."""

from __future__ import annotations

LABELS: dict[str, str] = {
    # case lifecycle: states and deadlines
    "accepted": "已接收", "closed": "已结案（机构：已关闭）", "review": "审核",
    "dispatch": "分派", "reconfirmation": "再次审核意愿", "reassessment": "转介评估",
    "follow_up": "回访", "relocation": "迁居",
    # list orders (GET /v1/cases?sort=)
    "-updated_at": "最近更新在前", "updated_at": "最早更新在前",
    # ways in and who gives consent
    "discharge": "出院康复评估", "outpatient": "门诊就诊诊断评估", "medical": "医疗机构评估转介",
    "self": "本人申请", "guardian": "监护人", "patient": "本人", "third_party": "第三方报告",
    "committee": "居（村）委会", "enterprise": "企事业单位", "social_organization": "社会组织",
    "other": "其他", "referral_upload": "上传转介信息", "share_with_institution": "向服务机构共享",
    # endings
    "withdrawn": "本人或监护人退出", "deceased": "死亡", "lost_contact": "失联",
    "employment": "推荐就业", "sheltered_employment": "公益性庇护性就业",
    "other_rehab_service": "其他类型社区康复服务", "home": "返回社区居住",
    # employment status
    "employed": "就业", "supported_employment": "辅助性就业", "not_employed": "未就业",
    "not_applicable": "不适用",
    # professions
    "psychiatrist": "精神科医生", "nurse": "护士", "rehabilitation_therapist": "康复师",
    "social_worker": "社会工作者", "psychologist": "心理治疗师",
    # services, forms, methods
    "medication_training": "服药训练", "life_skills": "生活技能训练",
    "social_skills": "社交技能训练", "vocational": "职业康复训练", "home_guidance": "居家康复指导",
    "psychological": "心理康复", "peer_support": "同伴支持", "family_support": "家庭支持",
    "caregiver_training": "照护者培训", "case_management": "个案管理", "recreation": "文体娱乐",
    "family_expert_exchange": "家属专家交流", "day_training": "日间训练",
    "home_support": "居家支持", "transitional_housing": "过渡性住所",
    "work_therapy": "工疗", "individual": "个别服务", "group_work": "小组工作",
    # institutions
    "city": "市级", "county": "县级", "township": "乡镇（街道）级", "village": "村（社区）级",
    "station": "康复站", "clubhouse": "康复会所", "comprehensive_centre": "综合服务中心",
    "day_care": "日间照料机构", "farm_therapy": "农疗站", "urban": "城市", "rural": "农村",
    "operating": "运营中", "suspended": "暂停", "suspend": "暂停", "reopen": "恢复",
    "close": "关闭",
    # reports and formats
    "live": "系统实时数据", "json": "JSON", "csv": "CSV", "xlsx": "Excel 表格（XLSX）",
    "pdf": "PDF（打印签章用）",
}




def _words(*values: str) -> dict[str, str]:
    """One vocabulary's values with their words, taken from the one table above."""
    return {value: LABELS[value] for value in values}


# The vocabularies the console shows by name (its forms, its case pages).
DEADLINES = _words("review", "dispatch", "reconfirmation", "reassessment", "follow_up")
ASSESSMENT_KINDS = _words("discharge", "outpatient")
CHANNELS = _words("medical", "self", "guardian", "third_party")
EXIT_DESTINATIONS = _words("employment", "sheltered_employment", "other_rehab_service", "home")
WITHDRAWAL_REASONS = _words("withdrawn", "deceased", "lost_contact")
LIST_ORDERS = _words("-updated_at", "updated_at")  # GET /v1/cases?sort=
# Where one value means another thing in another vocabulary: a reporter who is an
# ``individual`` is a person (个人), not the individual service method (个别服务).
BY_ENUM = {"ReporterKind": {"individual": "个人"}}
REPORTER_KINDS = {**_words("committee", "enterprise", "social_organization", "individual"),
                  **BY_ENUM["ReporterKind"]}


def labels_for(values: list[object], enum: str = "") -> dict[str, str]:
    """The words of an enumeration's values (``enum``: its name, for the values whose word
    depends on the vocabulary)."""
    own = BY_ENUM.get(enum, {})
    return {str(v): own.get(str(v)) or LABELS[str(v)] for v in values
            if str(v) in own or str(v) in LABELS}
