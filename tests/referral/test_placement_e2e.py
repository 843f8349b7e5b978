"""GET /v1/cases/{id}/placement over real HTTP on both engines: the residence's institutions
in the order dispatch by residence takes them, their free places, the choice it would make,
and who may ask."""

from __future__ import annotations

from . import payloads as p
from .conftest import Api


async def _registered(api: Api, serial: int, **overrides: str) -> str:
    case = await api.post("/v1/referrals/medical-assessments", p.upload(serial, **overrides),
                          p.HOSPITAL, 201)
    return case["case_id"]


async def test_the_county_first_least_occupied_with_free_places_and_the_choice(api: Api) -> None:
    first = await _registered(api, 1)
    await api.post(f"/v1/cases/{first}/dispatch", {"institution_id": "inst-b"}, p.PLATFORM)
    second = await _registered(api, 2)
    options = await api.get(f"/v1/cases/{second}/placement", p.PLATFORM)
    assert options["residence_region"] == "130102" and options["state"] == "registered"
    rows = [(o["institution_id"], o["scope"], o["capacity"], o["active_cases"],
             o["free_places"], o["has_room"]) for o in options["institutions"]]
    assert rows == [  # 长安区 first (inst-b full), then the rest of 石家庄; 唐山's inst-d not
        ("inst-a", "county", 10, 0, 10, True), ("inst-b", "county", 1, 1, 0, False),
        ("inst-c", "city", 10, 0, 10, True)]
    assert options["by_residence"] == {"institution_id": "inst-a", "scope": "county"}
    dispatched = await api.post(f"/v1/cases/{second}/dispatch", {}, p.PLATFORM)
    assert dispatched["institution"]["institution_id"] == options["by_residence"]["institution_id"]


async def test_no_institution_with_room_means_the_case_would_wait(api: Api) -> None:
    far = await _registered(api, 3, residence_region="130302")  # 秦皇岛 has no institution
    options = await api.get(f"/v1/cases/{far}/placement", p.PLATFORM)
    assert options == {"case_id": far, "state": "registered", "residence_region": "130302",
                       "by_residence": None, "institutions": []}


async def test_a_relocation_is_placed_at_the_new_residence_without_the_sender(api: Api) -> None:
    case_id = await _registered(api, 4)
    await api.post(f"/v1/cases/{case_id}/dispatch", {"institution_id": "inst-a"}, p.PLATFORM)
    inst = p.institution("inst-a")
    await api.post(f"/v1/cases/{case_id}/acceptance", {"accepted": True}, inst)
    await api.post(f"/v1/cases/{case_id}/evaluations", p.EVALUATION, inst)
    await api.post(f"/v1/cases/{case_id}/agreements", p.AGREEMENT, inst)
    await api.post(f"/v1/cases/{case_id}/relocations",
                   {"to_region": "130104", "reason": "随子女迁居桥西区"}, inst)
    options = await api.get(f"/v1/cases/{case_id}/placement", p.PLATFORM)
    assert options["residence_region"] == "130104"
    assert [(o["institution_id"], o["scope"]) for o in options["institutions"]] == [
        ("inst-c", "county"), ("inst-b", "city")]  # inst-a, the sender, left out
    assert options["by_residence"] == {"institution_id": "inst-c", "scope": "county"}


async def test_only_the_roles_that_dispatch_ask(api: Api) -> None:
    case_id = await _registered(api, 5)
    for who in (p.HOSPITAL, p.SOCIAL_WORKER, p.institution("inst-a"), p.AUDITOR):
        problem = await api.get(f"/v1/cases/{case_id}/placement", who, 403)
        assert problem["code"] == "forbidden_role"
    problem = await api.get("/v1/cases/no-such-case/placement", p.PLATFORM, 404)
    assert problem["code"] == "not_found"
