"""Institutions registered, changed, suspended and reopened in the registry are what the
referral service's dispatch chooses from."""

from __future__ import annotations

from . import scenario as sc
from .conftest import System

COUNTY = "130123"  # 正定县: no other institution in the scenario's tables


async def _upload_and_dispatch(d: sc.Driver, name: str) -> dict:
    await d.upload(name, COUNTY)
    return await d._act(name, "dispatch", {}, sc.PLATFORM)


async def test_dispatch_follows_the_registry(system: System) -> None:
    s, d = system, sc.Driver(system)
    body = sc.institution_body(("zd-a", COUNTY, None, "village", "station", "rural", 1, ""), 9)
    await s.registry.post("/v1/institutions", body, sc.CIVIL_AFFAIRS, 201)
    await s.settle()
    first = await _upload_and_dispatch(d, "Z1")
    assert (first["state"], first["institution"]["institution_id"]) == ("dispatched", "zd-a")

    full = await _upload_and_dispatch(d, "Z2")  # capacity 1, taken by Z1
    assert full["state"] == "waitlisted"
    await s.registry.call("PATCH", "/v1/institutions/zd-a", sc.CIVIL_AFFAIRS, 200,
                          {"capacity": 5})
    await s.settle()
    assert (await d._act("Z2", "dispatch", {}, sc.PLATFORM))["state"] == "dispatched"

    await s.registry.post("/v1/institutions/zd-a/status", {"action": "suspend", "reason": "整改"},
                          sc.CIVIL_AFFAIRS)
    await s.settle()
    assert (await _upload_and_dispatch(d, "Z3"))["state"] == "waitlisted"
    refused = await s.referral.call("POST", f"/v1/cases/{d.cases['Z3']}/dispatch", sc.PLATFORM,
                                    422, {"institution_id": "zd-a"})
    assert refused["code"] == "validation_error"

    await s.registry.post("/v1/institutions/zd-a/status", {"action": "reopen", "reason": "整改完成"},
                          sc.CIVIL_AFFAIRS)
    await s.settle()
    assert (await d._act("Z3", "dispatch", {}, sc.PLATFORM))["institution"]["institution_id"] \
        == "zd-a"
    await s.settle()
    archive = await s.registry.get("/v1/archives/institutions/zd-a", sc.CIVIL_AFFAIRS)
    assert archive["active_cases"] == 3 and archive["institution"]["capacity"] == 5
