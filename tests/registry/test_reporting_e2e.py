"""The reporting chain over HTTP, as officials use it (Hebei: a county reports quarterly to
its city, the city half-yearly to the province): drafted, submitted with a scan, returned,
corrected, accepted and locked; the city's half-year drafted from accepted reports; a late
event leaves a submitted version byte-identical; overdue on the working-day calendar; 卫健 and
残联 read and cannot write."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pymupdf

from . import scenario as sc
from .conftest import System, token

COUNTY = token("civil_affairs", "ca-changan", "130102")
OTHER_COUNTY = token("civil_affairs", "ca-qiaoxi", "130104")
CITY = token("civil_affairs", "ca-sjz", "130100")
PROVINCE = token("civil_affairs", "ca-hebei", "130000")
HEALTH = token("health_commission", "wj-sjz", "130100")
FEDERATION = token("disabled_federation", "cl-sjz", "130100")
TANGSHAN_HEALTH = token("health_commission", "wj-ts", "130200")
LINES = {"filled_by": "王芳", "phone": "13800138000", "responsible": "李强"}
PDF = b"%PDF-1.4\n% signed and stamped\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
Q3, Q4, H2 = "/v1/reports/130102/2026Q3", "/v1/reports/130102/2026Q4", "/v1/reports/130100/2026H2"


def china(month: int, day: int, hour: int = 10, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour - 8, tzinfo=UTC)


async def _uploads(s: System, driver: sc.Driver, count: int) -> None:
    for n in range(count):
        await driver.upload(f"case-{driver.serial}-{n}", "130102")
    await s.settle()


async def _scan(s: System, content: bytes, media_type: str, who: dict[str, str],
                status: int) -> Any:
    response = await s.registry.http.post("/v1/report-scans", content=content,
                                          headers={**who, "Content-Type": media_type})
    assert response.status_code == status, response.text
    return response.json()


async def test_a_county_report_goes_up_is_returned_corrected_and_accepted(system: System) -> None:
    s = system
    driver = sc.Driver(s)
    s.clock.set(sc.at(6, 1))
    await driver.register_institutions("june")
    s.clock.set(china(9, 20))
    await _uploads(s, driver, 2)

    # Drafted: the sign-off lines are kept; the city sees the county's report as a draft.
    await s.registry.call("PUT", f"{Q3}/draft", COUNTY, 200, LINES)
    shown = await s.registry.get(Q3, CITY)
    assert (shown["status"], shown["due_on"], shown["overdue"]) == ("draft", "2026-09-30", False)

    # The scan of the signed form: checked by its first bytes, stored by its SHA-256.
    await _scan(s, b"not a pdf", "application/pdf", COUNTY, 422)
    await _scan(s, PDF, "text/plain", COUNTY, 422)
    scan = await _scan(s, PDF, "application/pdf", COUNTY, 201)

    # Submitted: 201 with the version's Location; a second submission waits for review.
    first = await s.registry.http.post(f"{Q3}/submissions", headers=COUNTY, json={
        **LINES, "scan_sha256": scan["sha256"]})
    assert first.status_code == 201, first.text
    assert first.headers["location"] == f"{Q3}/versions/1?form=progress"
    await s.registry.post(f"{Q3}/submissions", LINES, COUNTY, 409)
    await s.registry.post(f"{Q3}/submissions", LINES, CITY, 403)  # not its own region
    v1 = await s.registry.http.get(f"{Q3}/versions/1", headers=CITY)
    assert v1.json()["figures"]["total"]["values"]["12"] == 2
    assert v1.json()["scan"]["sha256"] == scan["sha256"]

    # A late event changes live figures, never a submitted version.
    await _uploads(s, driver, 1)
    again = await s.registry.http.get(f"{Q3}/versions/1", headers=CITY)
    assert again.content == v1.content
    live = await s.registry.get("/v1/statistics/progress", CITY, region="130102",
                                period="2026Q3")
    assert live["total"]["values"]["12"] == 3

    # Returned by the city (not by the county itself, nor by 卫健), corrected, accepted.
    await s.registry.post(f"{Q3}/return", {"version": 1, "reason": "请核实"}, COUNTY, 403)
    await s.registry.post(f"{Q3}/return", {"version": 1, "reason": "请核实"}, HEALTH, 403)
    returned = await s.registry.post(f"{Q3}/return", {"version": 1, "reason": "第12栏请核实"},
                                     CITY)
    assert returned["status"] == "returned"
    await s.registry.post(f"{Q3}/submissions", LINES, COUNTY, 201)
    await s.registry.post(f"{Q3}/acceptance", {"version": 1}, CITY, 422)  # not under review
    accepted = await s.registry.post(f"{Q3}/acceptance", {"version": 2}, CITY)
    assert accepted["status"] == "accepted"
    assert [v["version"] for v in accepted["versions"]] == [1, 2]
    assert accepted["versions"][0]["returned"] == "第12栏请核实"
    v2 = await s.registry.get(f"{Q3}/versions/2", PROVINCE)
    assert v2["figures"]["total"]["values"]["12"] == 3
    await s.registry.post(f"{Q3}/submissions", LINES, COUNTY, 409)  # locked
    pdf = await s.registry.http.get(f"{Q3}/versions/2", headers=PROVINCE,
                                    params={"format": "pdf"})
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(page.get_text() for page in pymupdf.open(stream=pdf.content, filetype="pdf"))
    for shown in ("长安区", "李强", "王芳", "13800138000", "第 2 版", "已接收", "填表说明"):
        assert shown in text.replace("\n", ""), shown
    csv = await s.registry.http.get(f"{Q3}/versions/1", headers=CITY, params={"format": "csv"})
    assert "填表人：,王芳" in csv.text and "已退回：第12栏请核实" in csv.text

    # 卫健 and 残联 read their region's reports and statistics, and write nothing.
    for reader in (HEALTH, FEDERATION):
        assert (await s.registry.get(Q3, reader))["status"] == "accepted"
        await s.registry.get("/v1/statistics/progress", reader, region="130100",
                             period="2026Q3")
        await s.registry.post(f"{Q3}/submissions", LINES, reader, 403)
        await s.registry.call("PUT", f"{Q3}/draft", reader, 403, LINES)
    await s.registry.get(Q3, TANGSHAN_HEALTH, 403)
    response = await s.registry.http.get(f"/v1/report-scans/{scan['sha256']}", headers=HEALTH)
    assert response.status_code == 200 and response.content == PDF
    await s.registry.get(f"/v1/report-scans/{scan['sha256']}", TANGSHAN_HEALTH, 404)

    # Q4: accepted too; the city's half-year is drafted from the accepted quarters.
    s.clock.set(china(12, 21))
    await _uploads(s, driver, 2)
    await s.registry.post(f"{Q4}/submissions", LINES, COUNTY, 201)
    await s.registry.post(f"{Q4}/acceptance", {"version": 1}, CITY)
    await _uploads(s, driver, 1)  # after acceptance: the live figures move on
    compared = await s.registry.get(f"{H2}/comparison", CITY)
    changan = next(r for r in compared["accepted"]["rows"] if r["region"] == "130102")
    assert changan["accepted"] and changan["values"]["12"] == 5  # Q4's stock: 3 + 2
    assert [d["region"] for d in compared["differences"]] == ["130102"]
    assert compared["differences"][0]["columns"]["12"] == {"accepted": 5, "live": 6}
    half = await s.registry.post(f"{H2}/submissions", {**LINES, "source": "accepted"}, CITY, 201)
    frozen = await s.registry.get(f"{H2}/versions/1", PROVINCE)
    assert frozen["source"] == "accepted" and frozen["figures"]["total"]["values"]["12"] == 5
    assert half["status"] == "submitted"
    assert (await s.registry.get(H2, PROVINCE))["status"] == "submitted"


async def test_an_unsubmitted_report_is_overdue_after_its_due_date(system: System) -> None:
    s = system
    s.clock.set(china(12, 31, 18))  # the due day itself: not yet overdue
    children = {c["region"]: c for c in (await s.registry.get(
        "/v1/reports/130100/2026Q4", CITY))["children"]}
    assert children["130104"]["status"] == "not_started"
    assert (children["130104"]["due_on"], children["130104"]["overdue"]) == ("2026-12-31", False)
    s.clock.set(china(1, 4, year=2027))
    due = await s.registry.get("/v1/reports/due", CITY, region="130100")
    late = {(c["region"], c["period"]) for c in due["children"] if c["overdue"]}
    assert ("130104", "2026Q4") in late and ("130102", "2026Q4") in late
    own = await s.registry.get("/v1/reports/due", OTHER_COUNTY, region="130104")
    assert [(r["period"], r["overdue"]) for r in own["own"]] == [("2027Q1", False),
                                                                  ("2026Q4", True)]
    await s.registry.get("/v1/reports/due", OTHER_COUNTY, 403, region="130102")
