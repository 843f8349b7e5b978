"""Both services on loopback ports: institutions reach the referral directory, cases reach the
archives, and the progress summary and coverage report give the hand-counted figures."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook

from jingkang.common.domain.regions import RegionTable

from . import scenario as sc
from .conftest import System, token

Q3_PROVINCE = {  # column → (石家庄市, 唐山市, 合计), counted from scenario.py
    1: (150, 300, 450), 2: (15, 20, 35), 3: (18, 25, 43), 4: (90, 200, 290),
    5: (16, 3, 19), 6: (75.0, 100.0, 78.95), 7: (1, 1, 2), 8: (1, 0, 1), 9: (0, 1, 1),
    # 10–11 by the area of the institution each new case is at: E1–E3 and F10 at sjz-c (镇
    # 130121100, rural), H3, H4, E4 and E5 at ts-b (declared rural); E7 and F2 never reached
    # an institution, so nothing places them (unplaced_new_registrations).
    10: (0, 0, 0), 11: (4, 4, 8), 12: (13, 7, 20), 13: (76.92, 42.86, 65.0), 14: (7, 9, 16),
    15: ({"count": 1, "names": ["长安区社工服务中心"]},
         {"count": 2, "names": ["唐山心康团队", "路南社工站"]},
         {"count": 3, "names": ["长安区社工服务中心", "唐山心康团队", "路南社工站"]}),
    # 19 is a flow: 桥西区's Q2 funding (3.00) is Q2's only.
    16: (1, 2, 3), 17: (4, 2, 6), 18: (5, 3, 8), 19: (12.5, 40.0, 52.5),
}
Q3_SHIJIAZHUANG = {  # column → (长安区 130102, 桥西区 130104, 井陉县 130121)
    1: (100, 50, None), 5: (11, 3, 2), 6: (90.91, 0.0, 100.0), 7: (1, 0, 0), 8: (0, 1, 0),
    10: (0, 0, 0), 11: (0, 0, 4), 12: (6, 2, 5), 13: (83.33, 0.0, 100.0),
}
Q2_PROVINCE = {  # column → (石家庄市, 唐山市, 合计)
    1: (50, None, 50), 5: (0, 0, 0), 6: (None, None, None), 8: (2, 0, 2), 9: (1, 0, 1),
    10: (10, 3, 13), 11: (2, 0, 2),  # C1, C2, F1, F9 at no institution: unplaced 12: (16, 3, 19), 13: (75.0, 100.0, 78.95),
    16: (3, 0, 3), 17: (3, 0, 3), 18: (6, 0, 6),
}


def _rows(summary: dict[str, Any], codes: tuple[str, ...]) -> list[dict[str, Any]]:
    by_code = {row["region"]: row["values"] for row in summary["rows"]}
    return [by_code[c] for c in codes] + [summary["total"]["values"]]


def _assert_columns(summary: dict[str, Any], codes: tuple[str, ...],
                    expected: dict[int, tuple[Any, ...]]) -> None:
    rows = _rows(summary, codes)
    wrong = {}
    for column, values in expected.items():
        got = tuple(row[str(column)] for row in rows[:len(values)])
        if got != values:
            wrong[column] = (got, values)
    assert not wrong, f"column: (got, expected): {wrong}"


async def _progress(s: System, region: str, period: str, fmt: str = "json") -> Any:
    return await s.registry.get("/v1/statistics/progress", sc.CIVIL_AFFAIRS, region=region,
                                period=period, format=fmt)


async def test_a_province_from_referral_to_statistics(system: System) -> None:
    s = system
    driver = sc.Driver(s)
    at_inst = await sc.run_june_to_september(driver)
    s.clock.set(sc.at(10, 5))

    # Institutions registered in the registry are in the referral service's directory: every
    # case above was dispatched to one by name, and a closed one is refused.
    q3 = await _progress(s, "130000", "2026Q3")
    assert q3["complete"] and [r["region"] for r in q3["rows"]][:2] == ["130100", "130200"]
    assert len(q3["rows"]) == len(RegionTable.bundled().children("130000", 2026))
    _assert_columns(q3, ("130100", "130200"), Q3_PROVINCE)
    # 桥西区 entered its stocks for Q2 only: carried into Q3, visibly.
    carried = {str(n): "2026Q2" for n in (1, 2, 3, 4, 14)}
    assert q3["rows"][0]["carried"] == carried and q3["rows"][1]["carried"] == {}
    assert q3["total"]["carried"] == carried
    assert q3["unplaced_new_registrations"] == 2 and q3["discrepancies"] == []
    others = [r for r in q3["rows"] if r["region"] not in ("130100", "130200")]
    assert all(r["values"]["12"] == 0 and r["values"]["1"] is None for r in others)
    city = await _progress(s, "130100", "2026Q3")
    _assert_columns(city, ("130102", "130104", "130121"), Q3_SHIJIAZHUANG)
    assert [r["carried"] for r in city["rows"][:2]] == [{}, carried]
    county = await _progress(s, "130102", "2026Q3")
    assert {r["region"]: r["values"]["12"] for r in county["rows"]
            if not r.get("own_level")} == {"130102001": 5, "": 1}
    # 长安区's own entry has no township to go to: its 本级 row, which the total includes.
    own = county["rows"][-1]
    assert (own["name"], own["own_level"], own["values"]["1"], own["values"]["19"]) == (
        "本级", True, 100, 12.5)
    assert county["total"]["values"]["1"] == 100 and county["total"]["values"]["19"] == 12.5
    q2 = await _progress(s, "130000", "2026Q2")
    _assert_columns(q2, ("130100", "130200"), Q2_PROVINCE)
    assert q2["unplaced_new_registrations"] == 4

    await _coverage_is_counted(s)
    await _archives_show_the_cases(s, driver, at_inst)
    await _xlsx_and_csv_hold_the_json_figures(s, q3)

    # Later events never change a past period's figures.
    s.clock.set(sc.at(10, 10))
    await driver.exit("A1", "sjz-a", "home")
    await driver.serve(["A2"], at_inst)
    await driver.upload("Q4-1", "130102")
    await s.settle()
    assert await _progress(s, "130000", "2026Q3") == q3
    q4 = await _progress(s, "130000", "2026Q4")
    assert q4["total"]["values"]["12"] == 20
    assert q4["total"]["values"]["10"] == 0 and q4["unplaced_new_registrations"] == 1
    assert not q4["complete"]


async def _coverage_is_counted(s: System) -> None:
    coverage = await s.registry.get("/v1/statistics/coverage", sc.AUDITOR, region="130000",
                                    as_of="2026-09-30")
    counties = RegionTable.bundled().counties_in("130000", 2026)
    assert coverage["county_coverage"]["counties"] == len(counties)
    assert coverage["county_coverage"]["covered"] == 4  # ts-b suspended, sjz-b closed
    assert "130224" in coverage["county_coverage"]["uncovered"]
    assert coverage["county_coverage"]["share"] == round(4 / len(counties), 4)
    assert coverage["county_coverage"]["target"] == 0.8
    assert coverage["standardized_service"] == {
        "quarter": "2026Q3", "registered": 20, "standardized": 13, "share": 0.65, "target": 0.6}
    assert coverage["deadlines"]["review"] == {"due": 5, "met": 4, "share": 0.8}
    assert coverage["deadlines"]["dispatch"] == {"due": 29, "met": 23, "share": round(23 / 29, 4)}


async def _archives_show_the_cases(s: System, d: sc.Driver, at_inst: dict[str, str]) -> None:
    archive = await s.registry.get("/v1/archives/institutions/sjz-a", sc.CIVIL_AFFAIRS)
    assert archive["active_cases"] == 5 and archive["occupancy"] == 0.25
    assert archive["services_by_type"] == {"medication_training": 10, "life_skills": 10,
                                           "social_skills": 9, "vocational": 5}
    assert archive["closings"] == {"sheltered_employment": 1, "other_rehab_service": 1,
                                   "home": 1, "deceased": 1}
    assert archive["relapses"] == 1
    assert archive["staff_compliance"]["qualified_share"] == round(4 / 6, 4)
    assert archive["staff_compliance"]["direct_service_under_training_hours"] == 1

    moved = await s.referral.get(f"/v1/cases/{d.cases['D1']}", sc.AUDITOR)
    patients = await s.registry.get("/v1/archives/patients", token(
        "civil_affairs", "ca-ts", "130200"), limit=500)
    assert len(patients["items"]) == 7 + 2  # open in Tangshan, and F2 and F3 who left
    d1 = [p for p in patients["items"] if p["residence_region"] == "130202"]
    detail = None
    for patient in d1:
        found = await s.registry.get(f"/v1/archives/patients/{patient['patient_id']}",
                                     sc.AUDITOR)
        if found["cases"][0]["case_id"] == moved["case_id"]:
            detail = found
    assert detail is not None and detail["name"].startswith("测") and "*" in detail["name"]
    assert "*" in detail["id_number"] and detail["masked"]
    case = detail["cases"][0]
    assert (case["state"], case["institution_id"], case["residence_region"]) == (
        "in_service", "ts-a", "130202")
    assert [step["kind"] for step in case["steps"]] == [
        "registered", "dispatched", "accepted", "evaluation", "agreement", "relocation_pushed",
        "relocation_accepted", "evaluation", "agreement"]
    assert case["services_by_type"] == {"medication_training": 1, "life_skills": 1,
                                        "social_skills": 1, "vocational": 1}
    # The sending institution still reads it; an unrelated one does not.
    await s.registry.get(f"/v1/archives/patients/{detail['patient_id']}", d.institution("sjz-a"))
    await s.registry.get(f"/v1/archives/patients/{detail['patient_id']}",
                         d.institution("sjz-c"), 404)
    elsewhere = token("civil_affairs", "ca-bj", "110000")
    assert (await s.registry.get("/v1/archives/patients", elsewhere))["items"] == []


async def _xlsx_and_csv_hold_the_json_figures(s: System, q3: dict[str, Any]) -> None:
    response = await _progress(s, "130000", "2026Q3", "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[2][1] == "辖区内精神障碍患者总人数" and values[3][1:] == list(range(1, 20))
    body = values[4:[row[0] for row in values].index("合计") + 1]  # the sign-off lines follow
    assert body[-1][0] == "合计"
    for row, expected in zip(body, [*q3["rows"], q3["total"]], strict=True):
        for number in range(1, 20):
            value = expected["values"][str(number)]
            cell = row[number]
            if number == 15 and value is not None:
                assert str(cell).startswith(str(value["count"]))
            else:
                assert cell == (value if value is not None else None), (row[0], number)
    csv = await _progress(s, "130000", "2026Q3", "csv")
    lines = csv.text.lstrip("\ufeff").splitlines()
    total = next(line for line in lines if line.startswith("合计,"))
    assert total.split(",")[12] == str(q3["total"]["values"]["12"])
    assert lines[-1].startswith("填表说明：") and "单位负责人签字（盖章）：," in lines
    assert "text/csv" in csv.headers["content-type"]
