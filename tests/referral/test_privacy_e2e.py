"""Privacy at rest and across organisations, over real HTTP on both engines: stored answers hold
nothing personal and erasure reaches them; answers belong to the whole principal and a replay
is checked like a read; an institution the case moved away from sees the person masked; the
feed opens for services only what the registry keeps; a taken-over case names its new
institution."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import jwt

from jingkang.common.application.answers import principal_key
from jingkang.common.domain.identity import mask_id_number
from jingkang.referral.domain.privacy import person_for_services
from jingkang.registry.domain.archive import ArchiveCase, apply
from jingkang_events import connect

from . import payloads as p
from .conftest import SECRET, Api, token

NAME, PHONE, ADDRESS, GUARDIAN = "司马青衫", "13912345678", "长安区中山东路88号", "司马建国"
DECLINE_REASON = "家属要求保密的原因"


def secret_person(serial: int) -> dict[str, Any]:
    return {"name": NAME, "id_number": p.id_number(serial), "phone": PHONE, "address": ADDRESS,
            "guardian": {"name": GUARDIAN, "relation": "父亲", "phone": "13700000000"}}


def personal_values(serial: int) -> list[str]:
    return [NAME, p.id_number(serial), PHONE, ADDRESS, GUARDIAN, "13700000000"]


async def _stored_answers(api: Api) -> list[tuple[Any, ...]]:
    """Every row of ``idempotency_keys``, every column, read straight from the database."""
    db = await connect(api.db_url)
    try:
        async with db.connection() as conn:
            return [tuple(r) for r in await conn.fetch("SELECT * FROM idempotency_keys")]
    finally:
        await db.close()


def _leaks(text: str, values: list[str]) -> list[str]:
    return [v for v in values if v in text]


async def _post(api: Api, path: str, body: dict[str, Any], who: dict[str, str], key: str,
                status: int = 200) -> httpx.Response:
    response = await api.http.post(path, json=body, headers={**who, "Idempotency-Key": key})
    assert response.status_code == status, (path, response.status_code, response.text)
    return response


# --- 4. stored answers hold nothing personal; erasure reaches them -------------------------


async def test_stored_answers_hold_nothing_personal_and_erasure_reaches_them(api: Api) -> None:
    serial = 40
    secret = personal_values(serial) + [DECLINE_REASON]
    upload = p.upload(serial, person=secret_person(serial))
    inst_a, inst_c = p.institution("inst-a"), p.institution("inst-c")
    sent: list[tuple[str, dict[str, Any], dict[str, str], str, httpx.Response]] = []

    async def step(path: str, body: dict[str, Any], who: dict[str, str], key: str,
                   status: int = 200) -> dict[str, Any]:
        response = await _post(api, path, body, who, key, status)
        sent.append((path, body, who, key, response))
        return response.json()

    case_id = (await step("/v1/referrals/medical-assessments", upload, p.HOSPITAL, "up-1",
                          201))["case_id"]
    assert (sent[0][4].json())["person"]["name"] == NAME  # the hospital's answer is in full
    case = f"/v1/cases/{case_id}"
    await step(f"{case}/dispatch", {"institution_id": "inst-a"}, p.PLATFORM, "dispatch-1")
    declined = await step(f"{case}/acceptance", {"accepted": False, "reason": DECLINE_REASON},
                          inst_a, "decline-1")
    assert declined["last_decline"]["reason"] == DECLINE_REASON
    await step(f"{case}/dispatch", {"institution_id": "inst-c"}, p.PLATFORM, "dispatch-2")
    await step(f"{case}/acceptance", {"accepted": True}, inst_c, "accept-1")
    await step(f"{case}/evaluations", p.EVALUATION, inst_c, "evaluate-1")
    await step(f"{case}/agreements", p.AGREEMENT, inst_c, "agree-1")
    served = await step(f"{case}/service-records", p.SERVICE, inst_c, "service-1")
    assert served["person"]["phone"] == PHONE and served["last_decline"]["reason"] == DECLINE_REASON

    rows = await _stored_answers(api)
    assert len(rows) == len(sent) == 8
    assert all(not _leaks(str(row), secret) for row in rows), [
        _leaks(str(row), secret) for row in rows]

    # Every retry gets the very same answer back, byte for byte, and writes nothing — but
    # the institution that declined sees the case no more: its retry reads as not found.
    declining = sent.pop(2)
    assert (await _post(api, *declining[:4], 404)).json()["code"] == "not_found"
    for path, body, who, key, first in sent:
        again = await _post(api, path, body, who, key, first.status_code)
        assert again.content == first.content
        assert (again.headers["etag"], again.headers.get("location")) == (
            first.headers["etag"], first.headers.get("location"))
    assert len(await _stored_answers(api)) == 8

    # Erasure: the person's answers are still answered, with the person erased.
    await step(f"{case}/withdrawal", {"reason": "withdrawn"}, inst_c, "withdraw-1")
    patient_id = served["patient_id"]
    erasure = {"reason": "本人申请删除"}
    erased = await step(f"/v1/persons/{patient_id}/erasure", erasure, p.ADMIN, "erase-1")
    rows = await _stored_answers(api)
    assert all(not _leaks(str(row), secret) for row in rows)
    assert all('"protected"' not in str(row) for row in rows)  # no sealed copy kept either
    for path, body, who, key, first in sent[:-1]:
        again = await _post(api, path, body, who, key, first.status_code)
        shown = again.json()
        assert shown["case_id"] == case_id and shown["version"] == first.json()["version"]
        assert shown["person"] == {"name": None, "id_number": None, "phone": None,
                                   "address": None, "guardian": None, "masked": True,
                                   "erased": True}
        assert not _leaks(again.text, secret)
    again = await _post(api, f"/v1/persons/{patient_id}/erasure", erasure, p.ADMIN, "erase-1")
    assert again.json() == erased
    listed = await api.get("/v1/cases", p.HOSPITAL)
    assert [c["case_id"] for c in listed["items"]] == [case_id]  # no retry acted again


# --- 5. answers belong to the whole principal; a replay is checked like a read -------------


def test_principal_keys_tell_issuers_organisations_and_roles_apart() -> None:
    from jingkang.common.domain.actor import Actor

    base = Actor("front-desk", "institution", "inst-a", "130102", "idp-1")
    others = [Actor("front-desk", "institution", "inst-b", "130102", "idp-1"),
              Actor("front-desk", "institution", "inst-a", "130102", "idp-2"),
              Actor("front-desk", "hospital", "inst-a", "130102", "idp-1"),
              Actor("front-desk-2", "institution", "inst-a", "130102", "idp-1")]
    keys = {principal_key(a) for a in [base, *others]}
    assert len(keys) == 5
    assert principal_key(Actor("front-desk", "institution", "inst-a", "130102", "idp-1")) == \
        principal_key(base)


def _token_with_issuer(issuer: str, **claims: str) -> dict[str, str]:
    now = int(datetime.now(UTC).timestamp())
    encoded = jwt.encode({**claims, "iss": issuer, "iat": now, "nbf": now, "exp": now + 600},
                         SECRET, algorithm="HS256")
    return {"Authorization": f"Bearer {encoded}"}


async def test_a_replay_needs_the_same_principal_and_the_scope_of_a_read(api: Api) -> None:
    serial = 41
    secret = personal_values(serial)
    created = await _post(api, "/v1/referrals/medical-assessments",
                          p.upload(serial, person=secret_person(serial)), p.HOSPITAL, "up-41",
                          201)
    case = f"/v1/cases/{created.json()['case_id']}"
    await api.post(f"{case}/dispatch", {"institution_id": "inst-a"}, p.PLATFORM)
    owner = token("institution", "inst-a", "130102", sub="front-desk")
    other_org = token("institution", "inst-b", "130102", sub="front-desk")
    first = await _post(api, f"{case}/acceptance", {"accepted": True}, owner, "take-it")
    assert first.json()["person"]["name"] == NAME

    # The same sub in another organisation: the key is not its own, and the case is out of
    # its scope, exactly as its GET says.
    stolen = await api.http.post(f"{case}/acceptance", json={"accepted": True},
                                 headers={**other_org, "Idempotency-Key": "take-it"})
    assert stolen.status_code == 404 and stolen.json()["code"] == "not_found"
    assert not _leaks(stolen.text, secret)
    assert (await api.http.get(case, headers=other_org)).status_code == 404
    # ... a hospital of another organisation replaying the upload's key gets no answer of it.
    hospital_2 = token("hospital", "hosp-2", sub="hospital-hosp-1")
    refused = await api.http.post("/v1/referrals/medical-assessments",
                                  json=p.upload(serial, person=secret_person(serial)),
                                  headers={**hospital_2, "Idempotency-Key": "up-41"})
    assert refused.status_code == 409 and not _leaks(refused.text, secret)
    # ... and the same subject and organisation from another issuer is another principal.
    claims = {"sub": "front-desk", "role": "institution", "org_id": "inst-a", "region": "130102"}
    statuses = []
    for issuer in ("idp-1", "idp-2"):
        answer = await api.http.post(f"{case}/evaluations", json=p.EVALUATION, headers={
            **_token_with_issuer(issuer, **claims), "Idempotency-Key": "by-issuer"})
        statuses.append(answer.status_code)
    assert statuses == [200, 409]  # the second was decided (evaluated already), not replayed
    assert len(await _stored_answers(api)) == 3

    # A principal that could see the case when it stored the answer, and cannot now.
    second = await _post(api, "/v1/referrals/medical-assessments",
                         p.upload(serial + 1, person=secret_person(serial + 1)), p.HOSPITAL,
                         "up-42", 201)
    case_2 = f"/v1/cases/{second.json()['case_id']}"
    await api.post(f"{case_2}/dispatch", {"institution_id": "inst-a"}, p.PLATFORM)
    declined = await _post(api, f"{case_2}/acceptance", {"accepted": False, "reason": "满员"},
                           owner, "decline-42")
    assert declined.json()["state"] == "registered"
    assert (await api.http.get(case_2, headers=owner)).status_code == 404
    replayed = await api.http.post(f"{case_2}/acceptance",
                                   json={"accepted": False, "reason": "满员"},
                                   headers={**owner, "Idempotency-Key": "decline-42"})
    assert replayed.status_code == 404 and replayed.json()["code"] == "not_found"
    assert not _leaks(replayed.text, personal_values(serial + 1))


# --- 6. an institution the case has moved away from ------------------------------------------


def _masked(serial: int) -> dict[str, Any]:
    return {"name": "司***", "id_number": mask_id_number(p.id_number(serial)), "phone": None,
            "address": None, "guardian": None, "masked": True}


async def test_a_former_institution_sees_the_case_with_the_person_masked(api: Api) -> None:
    serial = 43
    secret = personal_values(serial)
    case_id = (await api.post("/v1/referrals/medical-assessments",
                              p.upload(serial, person=secret_person(serial)), p.HOSPITAL,
                              201))["case_id"]
    case = f"/v1/cases/{case_id}"
    sender, receiver = p.institution("inst-a"), p.token_for_institution("inst-d", "130202")
    await api.post(f"{case}/dispatch", {"institution_id": "inst-a"}, p.PLATFORM)
    for path, body in (("acceptance", {"accepted": True}), ("evaluations", p.EVALUATION),
                       ("agreements", p.AGREEMENT)):
        await api.post(f"{case}/{path}", body, sender)
    own_record = await _post(api, f"{case}/service-records", p.SERVICE, sender, "record-43")
    assert own_record.json()["person"]["name"] == NAME
    relocating = await api.post(f"{case}/relocations", {
        "to_region": "130202", "target_institution_id": "inst-d", "reason": "随家人迁居"}, sender)
    assert relocating["person"]["name"] == NAME  # still the serving institution
    assert (await api.get(case, receiver))["person"]["name"] == NAME  # offered it: decides
    await api.post(f"{case}/acceptance", {"accepted": True}, receiver)

    # The receiver serves the case now and reads the person in full ...
    assert (await api.get(case, receiver))["person"]["phone"] == PHONE
    history = await api.get(f"{case}/events", receiver)
    assert history["events"][0]["data"]["person"]["name"] == NAME
    # ... the sender sees that the case moved on, and the person masked, everywhere.
    seen = await api.get(case, p.institution("inst-a"))
    assert seen["person"] == _masked(serial)
    assert (seen["state"], seen["served_by"]) == ("accepted", ["inst-a", "inst-d"])
    as_it_was = await api.get(case, sender, version=5)  # when it served the case itself
    assert as_it_was["person"] == _masked(serial)
    listed = await api.get("/v1/cases", sender)
    assert [c["person"] for c in listed["items"] if c["case_id"] == case_id] == [_masked(serial)]
    events = await api.http.get(f"{case}/events", headers=sender)
    assert events.status_code == 200 and not _leaks(events.text, secret)
    assert "protected" in events.json()["events"][0]["data"]
    replayed = await _post(api, f"{case}/service-records", p.SERVICE, sender, "record-43")
    assert replayed.json() == {**own_record.json(), "person": _masked(serial)}
    for text in (str(seen), str(as_it_was), str(listed), replayed.text):
        assert not _leaks(text, secret)


# --- 7. the feed opens for services only what the registry keeps ----------------------------


async def test_the_feed_shows_services_the_person_as_the_registry_keeps_it(api: Api) -> None:
    uploaded = await api.post("/v1/referrals/medical-assessments",
                              p.upload(44, person=secret_person(44)), p.HOSPITAL, 201)
    applied = await api.post("/v1/referrals/applications",
                             p.application(45, person=secret_person(45)), p.SOCIAL_WORKER, 201)
    response = await api.http.get("/v1/events", params={"limit": 500},
                                  headers=token("service", "jingkang-registry", "000000"))
    assert response.status_code == 200
    assert not _leaks(response.text, personal_values(44) + personal_values(45))
    shown = {e["stream_id"]: e["data"]["person"] for e in response.json()["events"]
             if e["type"] in ("MedicalAssessmentUploaded", "ApplicationSubmitted")}
    for case, serial in ((uploaded, 44), (applied, 45)):
        assert shown[case["case_id"]] == {
            "name": "司***", "id_number": mask_id_number(p.id_number(serial)), "phone": None,
            "address": None, "guardian": {"relation": "父亲"}}


def test_the_registry_keeps_the_same_archive_from_the_services_view() -> None:
    at = datetime(2026, 11, 2, 2, tzinfo=UTC)
    people = [secret_person(46), {"name": "张", "id_number": p.id_number(47)},
              {"name": "欧阳娜娜", "id_number": p.id_number(48), "guardian": None},
              {"name": "[已删除]", "id_number": "[已删除]", "phone": None, "address": None,
               "guardian": None}]
    for person in people:
        event = {"person_key": "k" * 64, "residence_region": "130102",
                 "referring_org_id": "hosp-1", "risk_level": 1}
        full = apply(ArchiveCase("c"), "MedicalAssessmentUploaded",
                     {**event, "person": person}, 1, at)
        viewed = apply(ArchiveCase("c"), "MedicalAssessmentUploaded",
                       {**event, "person": person_for_services(person)}, 1, at)
        assert viewed.person == full.person, person


# --- 8. a taken-over case names its new institution ------------------------------------------


async def test_after_a_relocation_the_case_names_the_receiving_institution(api: Api) -> None:
    for serial, push in ((49, {"target_institution_id": "inst-d"}), (50, {})):
        case_id = (await api.post("/v1/referrals/medical-assessments", p.upload(serial),
                                  p.HOSPITAL, 201))["case_id"]
        case, sender = f"/v1/cases/{case_id}", p.institution("inst-a")
        dispatched = await api.post(f"{case}/dispatch", {"institution_id": "inst-a"}, p.PLATFORM)
        assert dispatched["institution"] == {"institution_id": "inst-a", "name": "长安区精康站"}
        for path, body in (("acceptance", {"accepted": True}), ("evaluations", p.EVALUATION),
                           ("agreements", p.AGREEMENT)):
            await api.post(f"{case}/{path}", body, sender)
        await api.post(f"{case}/relocations", {"to_region": "130202", "reason": "迁居", **push},
                       sender)
        if not push:  # the platform chooses by the new residence
            await api.post(f"{case}/dispatch", {}, p.PLATFORM)
        receiver = p.token_for_institution("inst-d", "130202")
        taken = await api.post(f"{case}/acceptance", {"accepted": True}, receiver)
        expected = {"institution_id": "inst-d", "name": "路南区精康站"}
        assert taken["institution"] == expected, push
        assert (await api.get(case, p.AUDITOR))["institution"] == expected
        rebuilt = await api.get(case, p.AUDITOR, version=taken["version"])  # from the events
        assert rebuilt["institution"] == expected
