"""Personal data is sealed at rest, and erasing a person leaves every API, the feed, the
archives, the statistics and the hash chains working, with the person's fields unreadable."""

from __future__ import annotations

from jingkang_events import connect

from . import scenario as sc
from .conftest import System, TravelClock, running_system, token
from .test_rebuild import _rebuilt_equals_live

ADMIN = token("admin", "ops", "130000")
NAME, GUARDIAN = "欧阳娜娜", "欧阳建国"


async def _texts(url: str) -> str:
    """Every stored text of the referral database that could hold personal data."""
    db = await connect(url)
    try:
        async with db.connection() as conn:
            rows = [*await conn.fetch("SELECT data, metadata FROM events"),
                    *await conn.fetch("SELECT snapshot, person_key FROM cases"),
                    *await conn.fetch("SELECT response, key FROM idempotency_keys")]
    finally:
        await db.close()
    return "\n".join(str(value) for row in rows for value in row)


async def _person_case(d: sc.Driver, name: str) -> str:
    case_id = await d.upload(name, "130102")
    await d.s.referral.http.post(  # an answer stored under an Idempotency-Key keeps the person
        f"/v1/cases/{case_id}/dispatch", json={"institution_id": "sjz-a"},
        headers={**sc.PLATFORM, "Idempotency-Key": f"dispatch-{name}"})
    await d.take_over(name, "sjz-a")
    return case_id


async def test_erasure_forgets_the_person_and_keeps_everything_else(
        databases: tuple[str, str]) -> None:
    async with running_system(*databases, TravelClock()) as system:
        patient_id = await _erase_with_everything_running(system)
    live, _ = await _rebuilt_equals_live(*databases)  # with the registry stopped
    assert [p for p in live["archive_patients"] if p[0] == patient_id][0][1] is None


async def _erase_with_everything_running(s: System) -> str:
    d = sc.Driver(s)
    s.clock.set(sc.JUNE)
    await d.register_institutions("june")
    d._person = lambda: {"name": NAME, "id_number": sc.id_number(501), "phone": "13912345678",
                         "address": "长安区某街1号", "guardian": {"name": GUARDIAN,
                                                                 "relation": "父亲"}}
    leaving = await _person_case(d, "P1")
    d._person = lambda: {"name": "王小明", "id_number": sc.id_number(502)}
    staying = await _person_case(d, "P2")
    await d.exit("P1", "sjz-a", "home")
    await s.settle()

    stored = await _texts(s.referral_db)
    assert NAME not in stored and GUARDIAN not in stored and "13912345678" not in stored
    hospital_view = await s.referral.get(f"/v1/cases/{leaving}", sc.HOSPITAL)
    assert hospital_view["person"]["name"] == NAME  # readable to those who need it
    patient_id = hospital_view["patient_id"]
    opened = await s.referral.get("/v1/events", token("service", "registry"), limit=500)
    uploaded = [e["data"] for e in opened["events"]
                if e["stream_id"] == leaving and e["type"] == "MedicalAssessmentUploaded"][0]
    # What the registry keeps is opened, in the form it keeps it (masked) ...
    assert uploaded["person"] == {"name": "欧***", "id_number": "130102********" + sc.id_number(
        501)[-4:], "phone": None, "address": None, "guardian": {"relation": "父亲"}}
    assert NAME not in str(opened) and GUARDIAN not in str(opened)
    assert "13912345678" not in str(opened) and "长安区某街1号" not in str(opened)
    # ... and nothing more: the diagnosis and the rest stay in the sealed envelope.
    assert "diagnosis" not in uploaded and "protected" in uploaded
    assert "精神分裂症" not in str(opened) and "建议社区康复" not in str(opened)
    archive = await s.registry.get(f"/v1/archives/patients/{patient_id}", sc.AUDITOR)
    assert (archive["name"], archive["erased"]) == ("欧***", False)
    q2 = await s.registry.get("/v1/statistics/progress", sc.CIVIL_AFFAIRS, region="130100",
                              period="2026Q2")

    open_one = (await s.referral.get(f"/v1/cases/{staying}", sc.AUDITOR))["patient_id"]
    refused = await s.referral.call("POST", f"/v1/persons/{open_one}/erasure", ADMIN, 409,
                                    {"reason": "本人申请"})
    assert refused["code"] == "open_case" and refused["case_id"] == staying
    await s.referral.call("POST", f"/v1/persons/{patient_id}/erasure", sc.AUDITOR, 403,
                          {"reason": "本人申请"})
    erased = await s.referral.post(f"/v1/persons/{patient_id}/erasure",
                                   {"reason": "本人申请删除（申请编号 2026-001）"}, ADMIN)
    assert erased["case_ids"] == [leaving] and erased["keys_destroyed"] == 1
    again = await s.referral.call("POST", f"/v1/persons/{patient_id}/erasure", ADMIN, 409,
                                  {"reason": "再次"})
    assert again["code"] == "already_erased"
    await s.settle()

    # The referral service: the case, its history and its chain still work.
    case = await s.referral.get(f"/v1/cases/{leaving}", sc.HOSPITAL)
    assert case["person"]["erased"] and case["person"]["name"] is None
    assert (case["state"], case["exit_destination"]) == ("closed", "home")
    history = await s.referral.get(f"/v1/cases/{leaving}/events", sc.HOSPITAL)
    assert history["events"][0]["data"]["person"]["name"] == "[已删除]"
    assert NAME not in str(history)
    integrity = await s.referral.get(f"/v1/cases/{leaving}/integrity", sc.AUDITOR)
    assert integrity["valid"] and integrity["events_checked"] == len(history["events"])
    listed = await s.referral.get("/v1/cases", sc.HOSPITAL, limit=10)
    assert {c["case_id"] for c in listed["items"]} == {leaving, staying}
    assert (await s.referral.get(f"/v1/cases/{staying}", sc.HOSPITAL))["person"]["name"] == "王小明"
    feed = await s.referral.get("/v1/events", token("service", "registry"), limit=500)
    assert NAME not in str(feed) and feed["events"][-1]["type"] == "PersonErased"

    # The registry: the archive forgets the person, the statistics keep counting the case.
    archive = await s.registry.get(f"/v1/archives/patients/{patient_id}", sc.AUDITOR)
    assert (archive["name"], archive["id_number"], archive["guardian_relation"]) == (
        None, None, None)
    assert archive["erased"] and archive["cases"][0]["exit_destination"] == "home"
    assert await s.registry.get("/v1/statistics/progress", sc.CIVIL_AFFAIRS, region="130100",
                                period="2026Q2") == q2
    return patient_id
