"""Chongqing, a municipality: its districts and counties are the summary's rows, townships
(街道 / 镇 / 乡 codes) hold baselines and decide town or country, and every figure below is
counted by hand from the timeline in ``_run_the_third_quarter``.

Each assertion names the defect of the annex check it holds fixed: the municipality's two
table groupings as rows (11), township baselines refused (3), a team counted once per county
(4), sites counted by when they were entered (5), urban/rural from the county's name (6), a
county's new registrations all unplaced (7), a running period judged as at its end (8), a
service month credited by when it was entered (9), stale or suspended staff reports (10),
carried entries (2) and the total not the sum of its rows (1)."""

from __future__ import annotations

from typing import Any

from jingkang.common.domain.regions import RegionTable

from . import scenario as sc
from .conftest import System, token

CA = token("civil_affairs", "ca-cq", "500000")
KAIZHOU_CA = token("civil_affairs", "ca-kz", "500154")

# (id, county, township, level, kind, declared area, capacity, opened on)
SITES = {
    "cq-a": ("500154", "500154102", "township", "station", "urban", 20, "2026-07-15"),  # 镇
    "cq-b": ("500101", "500101001", "township", "station", "urban", 20, "2019-03-01"),  # 街道
    "cq-c": ("500103", None, "village", "day_care", "urban", 10, None),
    "cq-d": ("500235", "500235200", "township", "farm_therapy", "rural", 10, "2026-08-01"),  # 乡
}


class ChongqingDriver(sc.Driver):
    hospital = token("hospital", "hosp-cq", "500000")
    platform = token("platform", "platform", "500000")
    social_worker = token("social_worker", "sw-cq", "500000")
    region_of = {iid: spec[0] for iid, spec in SITES.items()}

    async def open_site(self, iid: str, serial: int) -> None:
        county, township, level, kind, area, capacity, opened = SITES[iid]
        body = sc.institution_body((iid, county, township, level, kind, area, capacity, ""),
                                   serial)
        if opened:
            body["opened_on"] = opened
        await self.s.registry.post("/v1/institutions", body, CA, 201)
        await self.s.settle()


def staff(medical: int, social: int, certified: int) -> list[dict[str, Any]]:
    return [{"profession": "psychiatrist", "headcount": medical, "qualified": medical,
             "certified": min(certified, medical), "purchased": medical,
             "direct_service": medical, "direct_service_trained": medical},
            {"profession": "social_worker", "headcount": social, "qualified": social,
             "certified": certified - min(certified, medical), "purchased": social,
             "direct_service": social, "direct_service_trained": social}]


def baseline(total: int, funding: str, teams: list[str]) -> dict[str, Any]:
    return sc.baseline(total, 0, 0, 0, 0, teams, funding)


async def _put_baseline(s: System, region: str, period: str, body: dict[str, Any],
                        who: dict[str, str] = CA) -> None:
    await s.registry.call("PUT", f"/v1/regions/{region}/baselines/{period}", who, 200, body)


async def _progress(s: System, region: str, period: str) -> dict[str, Any]:
    await s.settle()
    return await s.registry.get("/v1/statistics/progress", CA, region=region, period=period)


def _values(summary: dict[str, Any], region: str) -> dict[str, Any]:
    return next(r["values"] for r in summary["rows"] if r["region"] == region
                and not r.get("own_level"))


def _pick(values: dict[str, Any], *columns: int) -> tuple[Any, ...]:
    return tuple(values[str(c)] for c in columns)


async def test_chongqing_third_quarter_counted_by_hand(system: System) -> None:
    s = system
    d = ChongqingDriver(s)
    at_inst: dict[str, str] = {}

    # June: 渝中区's village site (no opening date: counted when registered) and R1.
    s.clock.set(sc.JUNE)
    await d.open_site("cq-c", 21)
    await d.upload("R1", "500103")
    await d.into_service("R1", "cq-c")
    at_inst["R1"] = "cq-c"
    await d.serve(["R1"], at_inst)
    await _put_baseline(s, "500103", "2026Q2", baseline(40, "3.00", []))

    # 3 July: R1's July service.  10 July: the running quarter is judged as of now (8).
    s.clock.set(sc.at(7, 3))
    await d.serve(["R1"], at_inst)
    s.clock.set(sc.at(7, 10))
    running = await _progress(s, "500000", "2026Q3")
    assert not running["complete"]
    assert _pick(_values(running, "500103"), 5, 12, 13) == (1, 1, 100.0)

    await _run_the_third_quarter(s, d, at_inst)
    s.clock.set(sc.at(10, 10))
    q3 = await _progress(s, "500000", "2026Q3")

    # 11: one row per district and county, then the municipality's own (本级) row.
    counties = [r.code for r in RegionTable.bundled().counties_in("500000", 2026)]
    assert [r["region"] for r in q3["rows"]] == [*counties, "500000"]
    own = q3["rows"][-1]
    assert (own["name"], own["own_level"]) == ("本级", True)
    assert _pick(own["values"], 1, 15, 19) == (None, {"count": 0, "names": []}, 100.0)

    wanzhou, yuzhong = _values(q3, "500101"), _values(q3, "500103")
    kaizhou, yunyang = _values(q3, "500154"), _values(q3, "500235")
    # 5: cq-b opened in 2019, registered in July: not new.  6: 街道 001 is urban.
    assert _pick(wanzhou, 8, 9, 10, 11, 12, 13) == (0, 0, 1, 0, 1, 100.0)
    # 10: cq-b's own third-quarter staff report.
    assert _pick(wanzhou, 16, 17, 18) == (2, 3, 4)
    assert _pick(wanzhou, 1, 15, 19) == (200, {"count": 1, "names": ["开州心康"]}, 10.0)
    # 5: cq-c was new in Q2, not now.  2: 渝中区's Q2 stock carried visibly, its money not.
    assert _pick(yuzhong, 5, 8, 10, 12, 13, 1, 19) == (1, 0, 0, 1, 100.0, 40, None)
    assert q3["rows"][counties.index("500103")]["carried"] == {
        str(n): "2026Q2" for n in (1, 2, 3, 4, 14)}
    # 6: 开州区 is a district, but cq-a stands in a 镇: a rural site and rural people, though
    # it declared itself urban.  9: K1's July service, entered in August, counts for July.
    assert _pick(kaizhou, 8, 9, 10, 11, 12, 13) == (0, 1, 0, 2, 2, 100.0)
    # 10: cq-a's only staff report is of Q2: nothing carried into Q3.
    assert _pick(kaizhou, 16, 17, 18) == (0, 0, 0)
    # The county's own entry is its row; its money adds the township's.
    assert _pick(kaizhou, 1, 19) == (300, 25.0)
    assert kaizhou["15"] == {"count": 2, "names": ["开州心康", "开州社工站"]}
    # 10: cq-d was suspended on 20 September: its staff count for nothing.
    assert _pick(yunyang, 8, 9, 11, 12, 13, 16, 17, 18) == (0, 1, 1, 1, 100.0, 0, 0, 0)

    # 1: the total is the sum of the rows shown, the 本级 row included; 4: one team once.
    total = q3["total"]["values"]
    assert _pick(total, 1, 8, 9, 10, 11, 12, 13, 16, 17, 18, 19) == (
        540, 0, 2, 1, 3, 5, 100.0, 2, 3, 4, 135.0)
    assert total["15"] == {"count": 2, "names": ["开州心康", "开州社工站"]}
    assert q3["discrepancies"] == [
        {"region": "500154", "name": "开州区", "column": 1, "entered": 300,
         "sum_of_parts": 80}]
    assert q3["unplaced_new_registrations"] == 0

    # 3 and 7: 开州区's own summary has its township as a row, with the township's baseline
    # and its new cases; the county's own money and teams in its 本级 row.
    county = await _progress(s, "500154", "2026Q3")
    assert [r["region"] for r in county["rows"]] == ["500154102", "", "500154"]
    township = county["rows"][0]["values"]
    assert _pick(township, 1, 11, 12, 19) == (80, 2, 2, 5.0)
    assert _pick(county["rows"][1]["values"], 11, 12) == (0, 0)
    assert _pick(county["rows"][2]["values"], 1, 19) == (None, 20.0)
    assert _pick(county["total"]["values"], 1, 19) == (80, 25.0)
    assert county["discrepancies"] == [
        {"region": "500154", "name": "开州区", "column": 1, "entered": 300,
         "sum_of_parts": 80}]

    q2 = await _progress(s, "500000", "2026Q2")
    assert _pick(_values(q2, "500103"), 8, 10, 1, 19) == (1, 1, 40, 3.0)


async def _run_the_third_quarter(s: System, d: ChongqingDriver, at_inst: dict[str, str]) -> None:
    s.clock.set(sc.at(7, 20))
    await d.open_site("cq-a", 22)
    await d.open_site("cq-b", 23)
    for name, county, site in (("K1", "500154", "cq-a"), ("W1", "500101", "cq-b")):
        await d.upload(name, county)
        await d.into_service(name, site)
        at_inst[name] = site
    await d.apply("K2", "500154")
    await d.review("K2")
    await d.into_service("K2", "cq-a")
    at_inst["K2"] = "cq-a"
    await s.registry.post("/v1/institutions/cq-a/staff-reports",
                          {"period": "2026Q2", "lines": staff(1, 1, 1)}, CA)
    for region, period, body in (
            ("500154102", "2026Q3", baseline(80, "5.00", ["开州心康"])),
            ("500154", "2026Q3", baseline(300, "20.00", ["开州心康", "开州社工站"])),
            ("500101", "2026Q3", baseline(200, "10.00", ["开州心康"])),
            ("500000", "2026Q3", baseline(540, "100.00", []))):
        await _put_baseline(s, region, period, body)
    # A county's civil affairs enters its own township's figures too.
    await _put_baseline(s, "500154102", "2026Q3", baseline(80, "5.00", ["开州心康"]),
                        KAIZHOU_CA)

    s.clock.set(sc.at(7, 25))
    await d.serve(["K2", "W1"], at_inst)

    s.clock.set(sc.at(8, 3))  # K1's service of 28 July, entered after July
    await d.serve(["K1"], at_inst, started_at=sc.at(7, 28))
    s.clock.set(sc.at(8, 5))
    await d.open_site("cq-d", 24)
    await d.upload("Y1", "500235")
    await d.into_service("Y1", "cq-d")
    at_inst["Y1"] = "cq-d"
    await d.serve(["R1", "K1", "K2", "W1", "Y1"], at_inst)
    s.clock.set(sc.at(8, 10))
    for site, lines in (("cq-b", staff(2, 3, 4)), ("cq-d", staff(1, 1, 2))):
        await s.registry.post(f"/v1/institutions/{site}/staff-reports",
                              {"period": "2026Q3", "lines": lines}, CA)

    s.clock.set(sc.at(9, 10))
    await d.serve(["R1", "K1", "K2", "W1", "Y1"], at_inst)
    s.clock.set(sc.at(9, 20))
    await s.registry.post("/v1/institutions/cq-d/status", {"action": "suspend", "reason": "整改"},
                          CA)
    await s.settle()
