"""Consent per purpose (PIPL art. 29, 31): a step that needs a consent the case does not hold
is refused with `consent_required` and writes nothing; withdrawing a consent stops sharing."""

from __future__ import annotations

from typing import Any

from stdnum.cn import ric

from . import payloads as p
from .conftest import Api


def _only_upload_consent(serial: int, **overrides: Any) -> dict[str, Any]:
    body = p.upload(serial, **overrides)
    body["consents"] = [c for c in body["consents"] if c["purpose"] == "referral_upload"]
    return body


async def _refused_for_consent(api: Api, case_id: str, action: str, body: dict[str, Any],
                               who: dict[str, str]) -> None:
    before = (await api.get(f"/v1/cases/{case_id}/events", p.AUDITOR))["events"]
    response = await api.http.post(f"/v1/cases/{case_id}/{action}", json=body, headers=who)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "consent_required"
    # The refusal names the step that gives the consent, which is another role's to take.
    assert response.json()["remedy"] == "consent" and "/consents" in response.json()["detail_en"]
    assert (await api.get(f"/v1/cases/{case_id}/events", p.AUDITOR))["events"] == before


def _consent(purpose: str, giver: str = "patient", withdrawn: bool = False) -> dict[str, Any]:
    return {"purpose": purpose, "given_by": giver, "on": "2026-10-31", "withdrawn": withdrawn}


async def test_sharing_with_an_institution_needs_its_own_consent(api: Api) -> None:
    case = await api.post("/v1/referrals/medical-assessments", _only_upload_consent(61),
                          p.HOSPITAL, 201)
    case_id = case["case_id"]
    await _refused_for_consent(api, case_id, "dispatch", {}, p.PLATFORM)
    assert (await api.get(f"/v1/cases/{case_id}", p.PLATFORM))["available_actions"] == []
    assert "consent" in (await api.get(f"/v1/cases/{case_id}", p.HOSPITAL))["available_actions"]
    case = await api.post(f"/v1/cases/{case_id}/consents", _consent("share_with_institution"),
                          p.HOSPITAL)
    assert {"purpose": "share_with_institution", "given_by": "patient"} in case["consents"]
    assert (await api.post(f"/v1/cases/{case_id}/dispatch", {}, p.PLATFORM))["state"] == \
        "dispatched"

    # Withdrawn: the institution declines, and the case may not be shared again.
    await api.post(f"/v1/cases/{case_id}/consents",
                   _consent("share_with_institution", withdrawn=True), p.SOCIAL_WORKER)
    await api.post(f"/v1/cases/{case_id}/acceptance", {"accepted": False, "reason": "无床位"},
                   p.institution("inst-a"))
    await _refused_for_consent(api, case_id, "dispatch", {"institution_id": "inst-c"},
                               p.PLATFORM)
    history = await api.get(f"/v1/cases/{case_id}/events", p.AUDITOR)
    assert [e["type"] for e in history["events"]][-3:] == [
        "CaseDispatched", "ConsentWithdrawn", "CaseDeclined"]


async def test_a_relocation_needs_its_own_consent(api: Api) -> None:
    case = await api.post("/v1/referrals/medical-assessments", _only_upload_consent(62),
                          p.HOSPITAL, 201)
    case_id = case["case_id"]
    await api.post(f"/v1/cases/{case_id}/consents", _consent("share_with_institution"),
                   p.HOSPITAL)
    inst = p.institution("inst-a")
    await api.post(f"/v1/cases/{case_id}/dispatch", {"institution_id": "inst-a"}, p.PLATFORM)
    await api.post(f"/v1/cases/{case_id}/acceptance", {"accepted": True}, inst)
    await api.post(f"/v1/cases/{case_id}/evaluations", p.EVALUATION, inst)
    await api.post(f"/v1/cases/{case_id}/agreements", p.AGREEMENT, inst)
    move = {"to_region": "130202", "reason": "迁居"}
    await _refused_for_consent(api, case_id, "relocations", move, inst)
    await api.post(f"/v1/cases/{case_id}/consents", _consent("relocation", "guardian"), inst)
    assert (await api.post(f"/v1/cases/{case_id}/relocations", move, inst))["state"] == \
        "relocating"


async def test_for_a_child_under_14_the_guardian_consents(api: Api) -> None:
    body = "130102201501010" + "12"  # born 2015-01-01: eleven years old in 2026
    child = {**p.person(63), "id_number": body + ric.calc_check_digit(body + "0")}
    upload = _only_upload_consent(63, person=child)
    case_id = (await api.post("/v1/referrals/medical-assessments", upload, p.HOSPITAL,
                              201))["case_id"]
    await api.post(f"/v1/cases/{case_id}/consents", _consent("share_with_institution"),
                   p.HOSPITAL)
    await _refused_for_consent(api, case_id, "dispatch", {}, p.PLATFORM)
    await api.post(f"/v1/cases/{case_id}/consents",
                   _consent("share_with_institution", "guardian"), p.HOSPITAL)
    assert (await api.post(f"/v1/cases/{case_id}/dispatch", {}, p.PLATFORM))["state"] == \
        "dispatched"


async def test_consents_are_recorded_by_those_who_hold_the_case(api: Api) -> None:
    case_id = (await api.post("/v1/referrals/medical-assessments", _only_upload_consent(64),
                              p.HOSPITAL, 201))["case_id"]
    response = await api.http.post(f"/v1/cases/{case_id}/consents",
                                   json=_consent("share_with_institution"),
                                   headers=p.OTHER_HOSPITAL)
    assert response.status_code == 404  # another hospital does not see the case
    response = await api.http.post(f"/v1/cases/{case_id}/consents",
                                   json=_consent("relocation", withdrawn=True), headers=p.HOSPITAL)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "purpose"
