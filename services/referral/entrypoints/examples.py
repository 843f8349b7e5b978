"""One request body per command, as the OpenAPI document shows it ("Try it out" sends it):
each a valid request that works when sent in the order of a case's life (a test sends them,
from the upload to the follow-up)."""

from __future__ import annotations

from typing import Any

from ..domain import commands as cmd

_CONSENTS = [{"purpose": purpose, "given_by": giver, "given_on": "2026-10-30"}
             for purpose in ("referral_upload", "share_with_institution")
             for giver in ("patient", "guardian")]
_PERSON = {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000",
           "address": "长安区建设北大街1号", "guardian": {"name": "李四", "relation": "母亲"}}

EXAMPLES: dict[type[Any], dict[str, Any]] = {
    cmd.UploadMedicalAssessment: {
        "person": _PERSON, "residence_region": "130102", "assessment_kind": "discharge",
        "assessed_on": "2026-10-30", "diagnosis": "精神分裂症", "risk_level": 1,
        "recommendation": "病情稳定，建议社区康复", "consents": _CONSENTS},
    cmd.SubmitApplication: {
        "channel": "self", "person": {**_PERSON, "name": "王五",
                                      "id_number": "130102198503150021"},
        "residence_region": "130102", "needs": "希望参加日间训练", "applied_on": "2026-10-30",
        "consents": [{"purpose": "share_with_institution", "given_by": "patient",
                      "given_on": "2026-10-30"}]},
    cmd.Review: {"approved": True, "needs_assessment": "有日间康复训练需求"},
    cmd.Reconfirm: {"willing": True, "situation": "本人仍愿意参加社区康复"},
    cmd.Dispatch: {},
    cmd.Acceptance: {"accepted": True},
    cmd.Evaluation: {
        "evaluated_on": "2026-11-01", "suitable": True, "opinion": "适宜社区康复",
        "plan": "日间训练每周三次，服药训练", "risk_level": 1,
        "team": [{"name": "王医生", "profession": "psychiatrist"},
                 {"name": "赵社工", "profession": "social_worker"}],
        "self_care_score": 60, "social_functioning_score": 55,
        "employment_status": "not_employed"},
    cmd.Agreement: {"signed_on": "2026-11-01", "informed_consent": True,
                    "service_agreement": True, "electronic": True, "signed_by_guardian": True},
    cmd.ServiceRecord: {"service_type": "life_skills", "form": "day_training",
                        "method": "group_work", "started_at": "2026-11-02T09:00:00+08:00",
                        "duration_minutes": 90, "staff": ["赵社工"]},
    cmd.Relapse: {"hospital_org_id": "hosp-1", "risk_level": 4, "reason": "停药后复发"},
    cmd.HospitalReturn: {"discharged_on": "2026-11-02"},
    cmd.Reassessment: {
        "assessed_on": "2026-11-02", "rehabilitation_effect": "明显改善", "disease_state": "稳定",
        "self_care": "基本自理", "employment_willingness": True, "employment_ability": True,
        "risk_level": 0, "recommend_exit": True, "exit_destination": "employment",
        "self_care_score": 85, "social_functioning_score": 72,
        "employment_status": "supported_employment"},
    cmd.Exit: {"destination": "employment"},
    cmd.FollowUp: {"visited_on": "2026-11-02", "outcome": "在岗稳定，继续随访"},
    cmd.Relocation: {"to_region": "130104", "reason": "随家人迁居"},
    cmd.Withdrawal: {"reason": "withdrawn", "unwilling": True},
    cmd.ConsentChange: {"purpose": "relocation", "given_by": "patient", "on": "2026-11-01"},
    cmd.Erasure: {"reason": "本人申请删除个人信息（个人信息保护法第四十七条）"},
}
SCHEMA_EXAMPLES = {model.__name__: example for model, example in EXAMPLES.items()}
