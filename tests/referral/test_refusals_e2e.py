"""Bad input and forbidden calls: a clear problem+json, the field named, nothing written."""

from __future__ import annotations

import pytest

from jingkang_events import connect

from . import payloads as p
from .conftest import Api


async def _event_count(api: Api) -> int:
    """The events stored (counted in the store, not the feed: on PostgreSQL the feed holds
    back the newest while a transaction runs anywhere in the cluster)."""
    db = await connect(api.db_url)
    try:
        async with db.connection() as conn:
            return await conn.fetchval("SELECT count(*) FROM events")
    finally:
        await db.close()


async def _refused(api: Api, path: str, body: object, who: dict, status: int, code: str,
                   field: str | None = None, **headers: str) -> dict:
    before = await _event_count(api)
    response = await api.http.post(path, json=body, headers={**who, **headers})
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == code and problem["status"] == status
    if field is not None:
        assert field in [e["field"] for e in problem["errors"]], problem
    assert await _event_count(api) == before, "a refused call wrote an event"
    return problem


UPLOAD = "/v1/referrals/medical-assessments"


@pytest.mark.parametrize("body,field,code", [
    (p.upload(20, consents=[{"purpose": "referral_upload", "given_by": "patient",
                             "given_on": "2026-10-30"}]), "consents", "consent_required"),
    (p.upload(21, consents=[]), "consents", "consent_required"),
    (p.upload(22, person={**p.person(22), "id_number": p.wrong_check_digit(p.id_number(22))}),
     "person.id_number", "validation_error"),
    (p.upload(23, person={**p.person(23), "id_number": "11010119800101001"}),
     "person.id_number", "validation_error"),
    (p.upload(24, residence_region="139999"), "residence_region", "validation_error"),
    (p.upload(25, residence_region="13010A"), "residence_region", "validation_error"),
    (p.upload(26, risk_level=6), "risk_level", "validation_error"),
    (p.upload(27, assessed_on="2030-01-01"), "assessed_on", "validation_error"),
    (p.upload(28, assessment_kind="telepathy"), "assessment_kind", "validation_error"),
    (p.upload(29, person={**p.person(29), "phone": "12345"}), "person.phone", "validation_error"),
    ({**p.upload(30), "surprise": 1}, "surprise", "validation_error"),
])
async def test_bad_uploads_name_the_field(api: Api, body: dict, field: str, code: str) -> None:
    await _refused(api, UPLOAD, body, p.HOSPITAL, 422, code, field)


async def test_malformed_json_is_a_422(api: Api) -> None:
    response = await api.http.post(UPLOAD, content=b"{not json", headers={
        **p.HOSPITAL, "Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_authentication_and_roles(api: Api) -> None:
    await _refused(api, UPLOAD, p.upload(31), {}, 401, "unauthenticated")
    await _refused(api, UPLOAD, p.upload(31), {"Authorization": "Bearer nonsense"}, 401,
                   "invalid_token")
    await _refused(api, UPLOAD, p.upload(31), p.SOCIAL_WORKER, 403, "forbidden_role")
    case = await api.post(UPLOAD, p.upload(31), p.HOSPITAL, 201)
    await _refused(api, f"/v1/cases/{case['case_id']}/dispatch", {}, p.HOSPITAL, 403,
                   "forbidden_role")


async def test_out_of_scope_reads_and_writes_are_not_found(api: Api) -> None:
    case = await api.post(UPLOAD, p.upload(32), p.HOSPITAL, 201)
    case_id = case["case_id"]
    for who in (p.OTHER_HOSPITAL, p.FAR_SOCIAL_WORKER, p.institution("inst-a")):
        problem = await api.get(f"/v1/cases/{case_id}", who, 404)
        assert problem["code"] == "not_found"
        await api.get(f"/v1/cases/{case_id}/events", who, 404)
    await _refused(api, f"/v1/cases/{case_id}/withdrawal", {"reason": "withdrawn"},
                   p.FAR_SOCIAL_WORKER, 404, "not_found")
    missing = await api.get("/v1/cases/no-such-case", p.AUDITOR, 404)
    assert missing["code"] == "not_found"
    listed = await api.get("/v1/cases", p.OTHER_HOSPITAL)
    assert listed["items"] == []


async def test_another_institution_cannot_act_on_a_dispatched_case(api: Api) -> None:
    case = await api.post(UPLOAD, p.upload(33), p.HOSPITAL, 201)
    case_id = case["case_id"]
    await api.post(f"/v1/cases/{case_id}/dispatch", {"institution_id": "inst-a"}, p.PLATFORM)
    await _refused(api, f"/v1/cases/{case_id}/acceptance", {"accepted": True},
                   p.institution("inst-c"), 404, "not_found")


async def test_invalid_transition_names_the_state_and_the_allowed_actions(api: Api) -> None:
    case = await api.post(UPLOAD, p.upload(34), p.HOSPITAL, 201)
    problem = await _refused(api, f"/v1/cases/{case['case_id']}/evaluations", p.EVALUATION,
                             p.institution("inst-a"), 404, "not_found")
    assert problem  # not its case yet: not even visible
    problem = await _refused(api, f"/v1/cases/{case['case_id']}/review",
                             {"approved": True, "needs_assessment": "x"}, p.SOCIAL_WORKER, 409,
                             "invalid_transition")
    assert problem["state"] == "registered"
    assert problem["allowed_actions"] == ["reconfirmation", "withdrawal", "consent"]


async def test_duplicate_referral_names_the_open_case(api: Api) -> None:
    case = await api.post(UPLOAD, p.upload(35), p.HOSPITAL, 201)
    problem = await _refused(api, UPLOAD, p.upload(35), p.HOSPITAL, 409, "duplicate_case")
    assert problem["case_id"] == case["case_id"]
    application = p.application(35)
    problem = await _refused(api, "/v1/referrals/applications", application, p.SOCIAL_WORKER,
                             409, "duplicate_case")
    assert problem["case_id"] == case["case_id"]


async def test_stale_if_match_is_412_and_a_current_one_passes(api: Api) -> None:
    case = await api.post(UPLOAD, p.upload(36), p.HOSPITAL, 201)
    path = f"/v1/cases/{case['case_id']}/dispatch"
    await _refused(api, path, {}, p.PLATFORM, 412, "precondition_failed", **{"If-Match": '"7"'})
    response = await api.http.post(path, json={}, headers={**p.PLATFORM, "If-Match": '"1"'})
    assert response.status_code == 200 and response.headers["ETag"] == '"2"'
    await _refused(api, path, {}, p.PLATFORM, 422, "validation_error", "If-Match",
                   **{"If-Match": "yesterday"})


async def test_idempotency_key_replays_and_refuses_another_body(api: Api) -> None:
    before = await _event_count(api)
    headers = {**p.HOSPITAL, "Idempotency-Key": "upload-37"}
    first = await api.http.post(UPLOAD, json=p.upload(37), headers=headers)
    again = await api.http.post(UPLOAD, json=p.upload(37), headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.text == first.text and again.headers["Location"] == first.headers["Location"]
    assert await _event_count(api) == before + 1
    await _refused(api, UPLOAD, p.upload(38), p.HOSPITAL, 422, "idempotency_key_reused",
                   "Idempotency-Key", **{"Idempotency-Key": "upload-37"})
    case_id = first.json()["case_id"]
    command = {"headers": {**p.PLATFORM, "Idempotency-Key": "dispatch-37"}, "json": {}}
    one = await api.http.post(f"/v1/cases/{case_id}/dispatch", **command)
    two = await api.http.post(f"/v1/cases/{case_id}/dispatch", **command)
    assert one.status_code == two.status_code == 200 and one.text == two.text
    assert await _event_count(api) == before + 2


async def test_bad_list_parameters(api: Api) -> None:
    for params in ({"due": "soon"}, {"overdue": "true"}, {"limit": 501}, {"cursor": "???"},
                   {"region": "13"}, {"risk_level_min": 9}, {"updated_since": "2026-01-01T00:00"}):
        response = await api.http.get("/v1/cases", params=params, headers=p.AUDITOR)
        assert response.status_code == 422, (params, response.text)
        assert response.json()["errors"], params
