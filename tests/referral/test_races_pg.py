"""Concurrent requests against the running referral service: capacity, erasure against a new
upload, and many commands on one case.  The races show on PostgreSQL (READ COMMITTED, a pool of
connections); SQLite's single writer serialises them already, and the same tests run there as a
check that nothing else differs.

Each test sends its concurrent requests with ``asyncio.gather`` over real HTTP.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang_events import EventStore, EventTypes, NewEvent, connect

from ..conftest import create_pg_database, drop_pg_database
from ..events.support import serve_feed
from . import payloads as p
from .conftest import Api, TravelClock, _directory_loaded, running_referral
from .worker_processes import directory_rows, serving_workers

# Qinhuangdao (1303), a city of its own here: one bed in 海港区, two in 山海关区.
ONE_BED = {"institution_id": "one-bed", "name": "海港区精康站", "region": "130302", "capacity": 1}
TWO_BEDS = {"institution_id": "two-beds", "name": "山海关区精康站", "region": "130303",
            "capacity": 2}
# Where cases in service come from, and where they relocate to.
ROOMY = {"institution_id": "roomy", "name": "长安区精康站", "region": "130102", "capacity": 100}
RESIDENCE = "130302"
ACTIVE = {"dispatched", "accepted", "evaluated", "in_service", "relocating", "hospitalized"}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres),
                        pytest.param("postgresql-2-workers", marks=pytest.mark.postgres)])
async def race_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    url = (f"sqlite+aiosqlite:///{tmp_path / 'referral.db'}" if request.param == "sqlite"
           else await create_pg_database())
    try:
        await upgrade_to_head_async("referral", url)
        yield url
    finally:
        if request.param != "sqlite":
            await drop_pg_database(url)


@pytest.fixture
async def race_api(request: pytest.FixtureRequest, race_db: str,
                   tmp_path: Path) -> AsyncIterator[Api]:
    """The referral service over ``race_db``, its directory fed with the institutions above:
    in this process, or as ``jingkang serve referral --workers 2``, whose two processes each
    have their own pool and event loop, so only the database's locks keep the rules."""
    registry_url = f"sqlite+aiosqlite:///{tmp_path / 'registry-double.db'}"
    await upgrade_to_head_async("registry", registry_url)
    types = EventTypes()
    types.register("InstitutionRegistered")
    store = EventStore(await connect(registry_url), types)
    for institution in (ONE_BED, TWO_BEDS, ROOMY):
        await store.append(institution["institution_id"], "institution", 0, [NewEvent(
            "InstitutionRegistered", {**institution, "status": "operating", "accepting": True})])
    clock = TravelClock()
    workers = request.node.callspec.params["race_db"].endswith("workers")
    try:
        async with serve_feed(store) as registry_base, \
                (serving_workers(race_db, registry_base, tmp_path) if workers else
                 running_referral(race_db, registry_base, clock)) as base, \
                httpx.AsyncClient(base_url=base, timeout=60) as http:
            if workers:
                await directory_rows(race_db, 3)
            else:
                await _directory_loaded(http)
            yield Api(http, clock, race_db)
    finally:
        await store.db.close()


async def _registered(api: Api, serials: range, region: str = RESIDENCE) -> list[str]:
    cases = await asyncio.gather(*(
        api.post("/v1/referrals/medical-assessments", p.upload(s, residence_region=region),
                 p.HOSPITAL, 201) for s in serials))
    return [c["case_id"] for c in cases]


async def _states(api: Api, case_ids: list[str]) -> list[dict[str, Any]]:
    return list(await asyncio.gather(*(api.get(f"/v1/cases/{c}", p.AUDITOR) for c in case_ids)))


def _occupancy(cases: list[dict[str, Any]]) -> Counter[str]:
    return Counter(c["institution"]["institution_id"] for c in cases if c["state"] in ACTIVE)


async def _post_all(api: Api, requests: list[tuple[str, dict[str, Any], dict[str, str]]]
                    ) -> list[httpx.Response]:
    return list(await asyncio.gather(*(api.http.post(path, json=body, headers=who)
                                       for path, body, who in requests)))


def _codes(responses: list[httpx.Response]) -> Counter[tuple[int, str]]:
    return Counter((r.status_code, r.json().get("code") or r.json().get("state"))
                   for r in responses)


# --- 1. capacity ---------------------------------------------------------------------------


async def test_named_dispatches_to_a_one_bed_institution_fill_it_once(race_api: Api) -> None:
    """10 registered cases, 10 concurrent dispatches naming the one-bed institution: one
    is dispatched, nine are refused as full (field ``institution_id``)."""
    case_ids = await _registered(race_api, range(100, 110))
    responses = await _post_all(race_api, [
        (f"/v1/cases/{c}/dispatch", {"institution_id": "one-bed"}, p.PLATFORM)
        for c in case_ids])
    assert _codes(responses) == {(200, "dispatched"): 1, (422, "validation_error"): 9}
    for refused in (r.json() for r in responses if r.status_code == 422):
        assert [e["field"] for e in refused["errors"]] == ["institution_id"]
    assert _occupancy(await _states(race_api, case_ids)) == {"one-bed": 1}


async def test_dispatches_by_residence_fill_the_city_then_waitlist(race_api: Api) -> None:
    """14 registered cases in a city of three beds (1 + 2): 10 concurrent dispatches by
    residence and 4 naming the two-bed institution.  Exactly three are dispatched, no
    institution over its capacity; the others by residence are waitlisted, the named ones
    refused as full."""
    case_ids = await _registered(race_api, range(200, 214))
    requests = [(f"/v1/cases/{c}/dispatch", {}, p.PLATFORM) for c in case_ids[:10]]
    requests += [(f"/v1/cases/{c}/dispatch", {"institution_id": "two-beds"}, p.PLATFORM)
                 for c in case_ids[10:]]
    responses = await _post_all(race_api, requests)
    codes = _codes(responses)
    assert codes[(200, "dispatched")] == 3, codes
    assert codes[(200, "dispatched")] + codes[(200, "waitlisted")] + codes[
        (422, "validation_error")] == 14, codes
    assert all(r.json()["state"] == "waitlisted" for r in responses[:10]
               if r.json().get("state") != "dispatched")
    assert _occupancy(await _states(race_api, case_ids)) == {"one-bed": 1, "two-beds": 2}


async def _in_service(api: Api, serial: int) -> str:
    case = await api.post("/v1/referrals/medical-assessments",
                          p.upload(serial, residence_region="130102"), p.HOSPITAL, 201)
    case_id = case["case_id"]
    await api.post(f"/v1/cases/{case_id}/dispatch", {"institution_id": "roomy"}, p.PLATFORM)
    roomy = p.institution("roomy")
    await api.post(f"/v1/cases/{case_id}/acceptance", {"accepted": True}, roomy)
    await api.post(f"/v1/cases/{case_id}/evaluations", p.EVALUATION, roomy)
    await api.post(f"/v1/cases/{case_id}/agreements", p.AGREEMENT, roomy)
    return case_id


async def test_relocation_targets_and_dispatches_share_the_bed(race_api: Api) -> None:
    """Relocations being targeted by residence at the same time as dispatches to the same
    city: the choice reads occupancy under the same lock, so nothing overfills and no
    deadlock holds a request (3 relocations + 6 dispatches at once)."""
    moving = [await _in_service(race_api, s) for s in range(300, 303)]
    for case_id in moving:
        await race_api.post(f"/v1/cases/{case_id}/relocations",
                            {"to_region": RESIDENCE, "reason": "随家人迁居"}, p.institution("roomy"))
    waiting = await _registered(race_api, range(310, 316))
    responses = await _post_all(race_api, [
        (f"/v1/cases/{c}/dispatch", {}, p.PLATFORM) for c in [*moving, *waiting]])
    assert all(r.status_code in (200, 422) for r in responses), [r.text for r in responses]
    assert all(r.json()["state"] == "relocating" for r in responses[:3]
               if r.status_code == 200)
    codes = _codes(responses[3:])
    assert codes[(200, "dispatched")] == 3 and codes[(200, "waitlisted")] == 3, codes
    assert _occupancy(await _states(race_api, waiting)) == {"one-bed": 1, "two-beds": 2}


# --- 2. erasure against a new upload of the same person ------------------------------------


async def test_erasure_and_new_uploads_of_the_person_one_loses_cleanly(race_api: Api) -> None:
    """8 rounds, each: a person with a closed case; their erasure and two new uploads sent
    together (24 concurrent requests in 8 races).  One upload opens a case and the other is
    a duplicate; the erasure either comes first (and the new case is sealed with a fresh,
    live key) or sees the open case and is refused.  The new case always reads the person."""
    rounds = range(400, 408)
    closed = await _registered(race_api, rounds, region="130102")
    for case_id in closed:
        await race_api.post(f"/v1/cases/{case_id}/withdrawal", {"reason": "lost_contact"},
                            p.SOCIAL_WORKER)
    patients = [c["patient_id"] for c in await _states(race_api, closed)]
    outcomes: Counter[str] = Counter()
    for serial, patient_id, old_case in zip(rounds, patients, closed, strict=True):
        body = p.upload(serial, residence_region="130102")
        erasure, *uploads = await asyncio.gather(
            race_api.http.post(f"/v1/persons/{patient_id}/erasure", json={"reason": "本人申请"},
                               headers=p.ADMIN),
            *(race_api.http.post("/v1/referrals/medical-assessments", json=body,
                                 headers=p.HOSPITAL) for _ in range(2)))
        assert sorted(u.status_code for u in uploads) == [201, 409], [u.text for u in uploads]
        new_case = next(u.json() for u in uploads if u.status_code == 201)
        duplicate = next(u.json() for u in uploads if u.status_code == 409)
        assert (duplicate["code"], duplicate["case_id"]) == ("duplicate_case",
                                                             new_case["case_id"])
        seen = await race_api.get(f"/v1/cases/{new_case['case_id']}", p.HOSPITAL)
        assert seen["person"]["name"] == "张三" and not seen["person"].get("erased"), (
            f"round {serial - rounds.start + 1}: the new case reads {seen['person']} "
            f"(erasure answered {erasure.status_code})")
        old = await race_api.get(f"/v1/cases/{old_case}", p.HOSPITAL)
        if erasure.status_code == 200:
            outcomes["erased first"] += 1
            assert old["person"]["erased"] and old["person"]["name"] is None
        else:
            outcomes["refused"] += 1
            assert (erasure.status_code, erasure.json()["code"]) == (409, "open_case"), \
                erasure.text
            assert erasure.json()["case_id"] == new_case["case_id"]
            assert old["person"]["name"] == "张三"
    assert sum(outcomes.values()) == len(rounds), outcomes


async def test_one_person_uploaded_many_times_at_once_opens_one_case(race_api: Api) -> None:
    """10 persons, each uploaded 8 times at once (80 concurrent uploads): one case each, the
    other 7 answered 409 naming it; each case one event and one read-model row (the events
    and the row are one statement on PostgreSQL, so no row without its events and no events
    without their row)."""
    bodies = [p.upload(serial, residence_region="130102") for serial in range(700, 710)]
    responses = await _post_all(race_api, [("/v1/referrals/medical-assessments", body,
                                             p.HOSPITAL) for body in bodies for _ in range(8)])
    for person in range(10):
        answers = responses[person * 8:(person + 1) * 8]
        assert sorted(r.status_code for r in answers) == [201] + [409] * 7, \
            [r.text for r in answers]
        opened = next(r.json()["case_id"] for r in answers if r.status_code == 201)
        assert {r.json()["case_id"] for r in answers if r.status_code == 409} == {opened}
        assert {r.json()["code"] for r in answers if r.status_code == 409} == {"duplicate_case"}
        history = await race_api.get(f"/v1/cases/{opened}/events", p.AUDITOR)
        assert [e["type"] for e in history["events"]] == ["MedicalAssessmentUploaded"]
        case = await race_api.get(f"/v1/cases/{opened}", p.AUDITOR)
        assert (case["state"], case["version"]) == ("registered", 1)
    listed = await race_api.get("/v1/cases", p.AUDITOR, region="130102", limit=200)
    opened_ids = {r.json()["case_id"] for r in responses if r.status_code == 201}
    assert opened_ids <= {c["case_id"] for c in listed["items"]} and len(opened_ids) == 10


# --- 3. many commands on one case ------------------------------------------------------------


async def test_service_records_sent_together_are_all_recorded(race_api: Api) -> None:
    """20 service records at once without If-Match: all 20 are accepted, in 20 versions."""
    case_id = await _in_service(race_api, 500)
    before = (await race_api.get(f"/v1/cases/{case_id}", p.AUDITOR))["version"]
    responses = await _post_all(race_api, [
        (f"/v1/cases/{case_id}/service-records", p.SERVICE, p.institution("roomy"))] * 20)
    assert _codes(responses) == {(200, "in_service"): 20}
    assert sorted(int(r.headers["ETag"].strip('"')) for r in responses) == list(
        range(before + 1, before + 21))
    case = await race_api.get(f"/v1/cases/{case_id}", p.AUDITOR)
    assert case["services_by_type"] == {"life_skills": 20} and case["version"] == before + 20
    integrity = await race_api.get(f"/v1/cases/{case_id}/integrity", p.AUDITOR)
    assert integrity["valid"] and integrity["events_checked"] == before + 20


async def test_commands_with_one_if_match_get_one_answer_and_412s(race_api: Api) -> None:
    """20 service records at once, all with the same If-Match: one is accepted, 19 get 412."""
    case_id = await _in_service(race_api, 501)
    version = (await race_api.get(f"/v1/cases/{case_id}", p.AUDITOR))["version"]
    who = {**p.institution("roomy"), "If-Match": f'"{version}"'}
    responses = await _post_all(race_api, [
        (f"/v1/cases/{case_id}/service-records", p.SERVICE, who)] * 20)
    assert _codes(responses) == {(200, "in_service"): 1, (412, "precondition_failed"): 19}


async def test_commands_that_race_for_one_move_get_the_precise_refusal(race_api: Api) -> None:
    """10 withdrawals of one registered case at once: one closes it, the nine others are
    refused because the case is closed (``invalid_transition``), never a generic conflict."""
    [case_id] = await _registered(race_api, range(600, 601), region="130102")
    responses = await _post_all(race_api, [
        (f"/v1/cases/{case_id}/withdrawal", {"reason": "lost_contact"}, p.SOCIAL_WORKER)] * 10)
    assert _codes(responses) == {(200, "closed"): 1, (409, "invalid_transition"): 9}
