"""Concurrent commands on one institution over real HTTP: without If-Match they queue and all
succeed; with one If-Match one wins and the others get 412.  The race shows on PostgreSQL;
SQLite's single writer serialises it already, and the same tests run there too."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator

import httpx
import pytest

from . import scenario as sc
from .conftest import System, TravelClock, running_system

CA = sc.CIVIL_AFFAIRS
SJZ_A = sc.INSTITUTIONS[0]


@pytest.fixture
async def race_system(databases: tuple[str, str]) -> AsyncIterator[System]:
    clock = TravelClock()
    clock.set(sc.JULY)
    async with running_system(*databases, clock) as system:
        await system.registry.post("/v1/institutions", sc.institution_body(SJZ_A, 1), CA, 201)
        yield system


def _codes(responses: list[httpx.Response]) -> Counter[tuple[int, str | None]]:
    return Counter((r.status_code, r.json().get("code")) for r in responses)


async def test_changes_and_staff_reports_sent_together_all_succeed(race_system: System) -> None:
    """10 PATCHes (capacities 31..40) and 10 staff reports on one institution at once, without
    If-Match: all 20 succeed, each in its own version."""
    http = race_system.registry.http
    patches = [http.patch("/v1/institutions/sjz-a", json={"capacity": 31 + i}, headers=CA)
               for i in range(10)]
    reports = [http.post("/v1/institutions/sjz-a/staff-reports",
                         json={"period": "2026Q3", "lines": sc.STAFF_Q2}, headers=CA)
               for _ in range(10)]
    responses = list(await asyncio.gather(*patches, *reports))
    assert _codes(responses) == {(200, None): 20}
    assert sorted(r.json()["version"] for r in responses) == list(range(2, 22))
    institution = await race_system.registry.get("/v1/institutions/sjz-a", CA)
    assert institution["version"] == 21 and 31 <= institution["capacity"] <= 40
    history = await race_system.registry.get("/v1/institutions/sjz-a/events", CA)
    assert Counter(e["type"] for e in history["events"]) == {
        "InstitutionRegistered": 1, "InstitutionChanged": 10, "StaffReported": 10}


async def test_changes_with_one_if_match_get_one_answer_and_412s(race_system: System) -> None:
    """10 PATCHes at once with the same If-Match: one is applied, nine get 412."""
    http = race_system.registry.http
    responses = list(await asyncio.gather(*(
        http.patch("/v1/institutions/sjz-a", json={"capacity": 31 + i},
                   headers={**CA, "If-Match": '"1"'}) for i in range(10))))
    assert _codes(responses) == {(200, None): 1, (412, "precondition_failed"): 9}


async def test_baselines_recorded_together_all_succeed(race_system: System) -> None:
    """10 PUTs of one county's baseline for one quarter at once (totals 51..60): all are
    recorded, one version each."""
    http = race_system.registry.http
    responses = list(await asyncio.gather(*(
        http.put("/v1/regions/130104/baselines/2026Q2", headers=CA,
                 json=sc.baseline(51 + i, 5, 6, 30, 2, [], "3.00")) for i in range(10))))
    assert _codes(responses) == {(200, None): 10}
    assert sorted(r.json()["version"] for r in responses) == list(range(1, 11))
