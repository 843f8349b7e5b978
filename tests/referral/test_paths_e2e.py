"""Every path of DOMAIN.md over real HTTP, from the first referral to the closing, on both engines."""

from __future__ import annotations

from . import payloads as p
from .conftest import Api


async def _finish(api: Api, case_id: str, expected_types: list[str], state: str) -> None:
    case = await api.get(f"/v1/cases/{case_id}", p.AUDITOR)
    assert case["state"] == state
    history = await api.get(f"/v1/cases/{case_id}/events", p.AUDITOR)
    assert [e["type"] for e in history["events"]] == expected_types
    assert [e["version"] for e in history["events"]] == list(range(1, len(expected_types) + 1))
    assert all(e["metadata"]["request_id"] for e in history["events"])
    integrity = await api.get(f"/v1/cases/{case_id}/integrity", p.AUDITOR)
    assert integrity["valid"] and integrity["events_checked"] == len(expected_types)


async def _in_service(api: Api, serial: int, institution: str = "inst-a") -> str:
    case = await api.post("/v1/referrals/medical-assessments", p.upload(serial), p.HOSPITAL, 201)
    case_id = case["case_id"]
    case = await api.post(f"/v1/cases/{case_id}/dispatch", {"institution_id": institution},
                          p.PLATFORM)
    assert case["state"] == "dispatched"
    inst = p.institution(institution)
    await api.post(f"/v1/cases/{case_id}/acceptance", {"accepted": True}, inst)
    await api.post(f"/v1/cases/{case_id}/evaluations", p.EVALUATION, inst)
    case = await api.post(f"/v1/cases/{case_id}/agreements", p.AGREEMENT, inst)
    assert case["state"] == "in_service" and case["agreement_signed"]
    return case_id


async def test_medical_upload_to_exit_into_employment_and_follow_up(api: Api) -> None:
    case = await api.post("/v1/referrals/medical-assessments", p.upload(1), p.HOSPITAL, 201)
    case_id = case["case_id"]
    assert case["state"] == "registered" and case["available_actions"] == ["consent"]
    assert case["deadlines"]["dispatch"]["due_on"] == "2026-11-09"
    platform_view = await api.get(f"/v1/cases/{case_id}", p.PLATFORM)
    assert platform_view["available_actions"] == ["dispatch"]
    assert platform_view["person"]["masked"] and platform_view["person"]["name"] == "张*"

    case = await api.post(f"/v1/cases/{case_id}/dispatch", {}, p.PLATFORM)
    assert case["institution"]["institution_id"] == "inst-a"  # the county's least occupied
    inst = p.institution("inst-a")
    assert (await api.get(f"/v1/cases/{case_id}", inst))["available_actions"] == [
        "acceptance", "withdrawal", "consent"]
    await api.post(f"/v1/cases/{case_id}/acceptance", {"accepted": True}, inst)
    await api.post(f"/v1/cases/{case_id}/evaluations", p.EVALUATION, inst)
    await api.post(f"/v1/cases/{case_id}/agreements", p.AGREEMENT, inst)
    for _ in range(2):
        case = await api.post(f"/v1/cases/{case_id}/service-records", p.SERVICE, inst)
    assert case["services_by_type"] == {"life_skills": 2}
    assert "exit" not in case["available_actions"]
    case = await api.post(f"/v1/cases/{case_id}/reassessments", p.REASSESS_EXIT, inst)
    assert "exit" in case["available_actions"]
    case = await api.post(f"/v1/cases/{case_id}/exit", {"destination": "employment"}, inst)
    assert (case["state"], case["close_reason"], case["exit_destination"]) == (
        "closed", "exited", "employment")
    assert case["available_actions"] == ["follow_up"]
    case = await api.post(f"/v1/cases/{case_id}/follow-ups",
                          {"visited_on": "2026-11-02", "outcome": "已就业，状态良好"}, p.SOCIAL_WORKER)
    assert case["follow_ups"] == 1
    await _finish(api, case_id, [
        "MedicalAssessmentUploaded", "CaseDispatched", "CaseAccepted", "EvaluationCompleted",
        "AgreementSigned", "ServiceRecorded", "ServiceRecorded", "ReassessmentRecorded",
        "CaseClosed", "FollowUpRecorded"], "closed")


async def test_self_application_declined_then_redispatched_then_unsuitable(api: Api) -> None:
    case = await api.post("/v1/referrals/applications", p.application(2), p.SOCIAL_WORKER, 201)
    case_id = case["case_id"]
    assert case["state"] == "pending_review" and case["available_actions"] == [
        "review", "withdrawal", "consent"]
    await api.post(f"/v1/cases/{case_id}/review",
                   {"approved": True, "needs_assessment": "需要日间训练"}, p.SOCIAL_WORKER)
    await api.post(f"/v1/cases/{case_id}/dispatch", {"institution_id": "inst-a"}, p.PLATFORM)
    case = await api.post(f"/v1/cases/{case_id}/acceptance",
                          {"accepted": False, "reason": "本月已满"}, p.institution("inst-a"))
    assert case["state"] == "registered"
    assert case["last_decline"] == {"institution_id": "inst-a", "reason": "本月已满"}
    case = await api.post(f"/v1/cases/{case_id}/dispatch", {"institution_id": "inst-c"},
                          p.PLATFORM)
    inst = p.institution("inst-c")
    await api.post(f"/v1/cases/{case_id}/acceptance", {"accepted": True}, inst)
    case = await api.post(f"/v1/cases/{case_id}/evaluations", p.UNSUITABLE, inst)
    assert (case["state"], case["close_reason"]) == ("closed", "unsuitable")
    await _finish(api, case_id, [
        "ApplicationSubmitted", "ApplicationApproved", "CaseDispatched", "CaseDeclined",
        "CaseDispatched", "CaseAccepted", "EvaluationCompleted", "CaseClosed"], "closed")


async def test_third_party_report_rejected(api: Api) -> None:
    case = await api.post("/v1/referrals/applications", p.application(3, "third_party"),
                          p.REPORTER, 201)
    case_id = case["case_id"]
    case = await api.post(f"/v1/cases/{case_id}/review", {
        "approved": False, "needs_assessment": "无康复需求", "reason": "已在医院治疗"},
        p.SOCIAL_WORKER)
    assert case["state"] == "rejected" and case["available_actions"] == []
    await _finish(api, case_id, ["ApplicationSubmitted", "ApplicationRejected"], "rejected")
    again = await api.post("/v1/referrals/applications", p.application(3), p.SOCIAL_WORKER, 201)
    assert again["case_id"] != case_id  # a rejected case is not open


async def test_waitlist_three_months_reconfirmation_then_dispatch(api: Api) -> None:
    far = p.upload(4, residence_region="130302")  # 秦皇岛 has no institution
    case = await api.post("/v1/referrals/medical-assessments", far, p.HOSPITAL, 201)
    case_id = case["case_id"]
    case = await api.post(f"/v1/cases/{case_id}/dispatch", {}, p.PLATFORM)
    assert case["state"] == "waitlisted"
    api.clock.advance(100)
    refused = await api.post(f"/v1/cases/{case_id}/dispatch", {}, p.PLATFORM, 409)
    assert refused["code"] == "reconfirmation_required"
    queue = await api.get("/v1/cases", token_sw := p.token_for_region("130300"),
                          due="reconfirmation", overdue="true")
    assert [c["case_id"] for c in queue["items"]] == [case_id]
    await api.post(f"/v1/cases/{case_id}/reconfirmation",
                   {"willing": True, "situation": "仍愿意参加"}, token_sw)
    case = await api.post(f"/v1/cases/{case_id}/dispatch", {"institution_id": "inst-d"},
                          p.PLATFORM)
    assert case["state"] == "dispatched"
    await api.post(f"/v1/cases/{case_id}/withdrawal", {"reason": "withdrawn", "unwilling": True},
                   token_sw)
    await _finish(api, case_id, [
        "MedicalAssessmentUploaded", "CaseWaitlisted", "WillingnessReconfirmed",
        "CaseDispatched", "CaseClosed"], "closed")


async def test_unwilling_at_reconfirmation_closes_as_withdrawn(api: Api) -> None:
    case = await api.post("/v1/referrals/medical-assessments", p.upload(5), p.HOSPITAL, 201)
    case = await api.post(f"/v1/cases/{case['case_id']}/reconfirmation",
                          {"willing": False, "situation": "不愿参加社区康复"}, p.SOCIAL_WORKER)
    assert (case["state"], case["close_reason"], case["unwilling"]) == ("closed", "withdrawn", True)


async def test_relocation_pushed_targeted_and_taken_over(api: Api) -> None:
    case_id = await _in_service(api, 6)
    sender = p.institution("inst-a")
    case = await api.post(f"/v1/cases/{case_id}/relocations",
                          {"to_region": "130202", "reason": "随家人迁居唐山"}, sender)
    assert case["state"] == "relocating" and case["relocation"]["target_institution_id"] is None
    await api.post(f"/v1/cases/{case_id}/dispatch", {}, p.PLATFORM)  # targets by new residence
    receiver = p.token_for_institution("inst-d", "130202")
    offered = await api.get(f"/v1/cases/{case_id}", receiver)
    assert offered["available_actions"] == ["acceptance", "consent"]
    case = await api.post(f"/v1/cases/{case_id}/acceptance", {"accepted": True}, receiver)
    assert (case["state"], case["residence_region"], case["institution"]["institution_id"]) == (
        "accepted", "130202", "inst-d")
    tangshan_sw = p.token_for_region("130200")
    assert (await api.get(f"/v1/cases/{case_id}", tangshan_sw))["case_id"] == case_id
    await api.post(f"/v1/cases/{case_id}/evaluations", p.EVALUATION, receiver)
    case = await api.post(f"/v1/cases/{case_id}/agreements", p.AGREEMENT, receiver)
    assert case["state"] == "in_service"
    seen_by_sender = await api.get(f"/v1/cases/{case_id}", sender)
    assert seen_by_sender["served_by"] == ["inst-a", "inst-d"]
    assert seen_by_sender["available_actions"] == []
    await _finish(api, case_id, [
        "MedicalAssessmentUploaded", "CaseDispatched", "CaseAccepted", "EvaluationCompleted",
        "AgreementSigned", "RelocationPushed", "RelocationTargeted", "RelocationAccepted",
        "EvaluationCompleted", "AgreementSigned"], "in_service")


async def test_relocation_declined_goes_back_to_the_sender(api: Api) -> None:
    case_id = await _in_service(api, 7)
    await api.post(f"/v1/cases/{case_id}/relocations",
                   {"to_region": "130104", "target_institution_id": "inst-c", "reason": "搬家"},
                   p.institution("inst-a"))
    await api.post(f"/v1/cases/{case_id}/acceptance", {"accepted": False, "reason": "无床位"},
                   p.institution("inst-c"))
    case = await api.get(f"/v1/cases/{case_id}", p.institution("inst-a"))
    assert case["state"] == "in_service"
    assert case["last_decline"] == {"institution_id": "inst-c", "reason": "无床位"}


async def test_relapse_green_channel_return_and_death(api: Api) -> None:
    case_id = await _in_service(api, 8)
    inst = p.institution("inst-a")
    case = await api.post(f"/v1/cases/{case_id}/relapses", {
        "hospital_org_id": "hosp-1", "risk_level": 4, "reason": "停药后复发"}, inst)
    assert (case["state"], case["risk_level"]) == ("hospitalized", 4)
    high_risk = await api.get("/v1/cases", inst, risk_level_min=3)
    assert [c["case_id"] for c in high_risk["items"]] == [case_id]
    case = await api.post(f"/v1/cases/{case_id}/hospital-returns",
                          {"discharged_on": "2026-11-02"}, p.HOSPITAL)
    assert case["state"] == "in_service"
    case = await api.post(f"/v1/cases/{case_id}/withdrawal", {"reason": "deceased"}, inst)
    assert (case["state"], case["close_reason"]) == ("closed", "deceased")
    await _finish(api, case_id, [
        "MedicalAssessmentUploaded", "CaseDispatched", "CaseAccepted", "EvaluationCompleted",
        "AgreementSigned", "RelapseReferred", "ReturnedFromHospital", "CaseClosed"], "closed")


async def test_lost_contact_from_waiting(api: Api) -> None:
    case = await api.post("/v1/referrals/medical-assessments", p.upload(9), p.HOSPITAL, 201)
    case = await api.post(f"/v1/cases/{case['case_id']}/withdrawal",
                          {"reason": "lost_contact"}, p.SOCIAL_WORKER)
    assert case["close_reason"] == "lost_contact"
