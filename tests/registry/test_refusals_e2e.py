"""Every bad input or forbidden call to the registry answers a clear 4xx naming its field, and
writes nothing."""

from __future__ import annotations

from typing import Any

import httpx

from . import scenario as sc
from .conftest import System, token

SHIJIAZHUANG = token("civil_affairs", "ca-sjz", "130100")


def _body(**overrides: Any) -> dict[str, Any]:
    return {**sc.institution_body(sc.INSTITUTIONS[0], 1), **overrides}


async def _head(s: System) -> int:
    return await s._head(s.registry)


async def _refused(s: System, method: str, path: str, who: dict[str, str], status: int,
                   field: str | None, *, body: Any = None, content: bytes | None = None,
                   headers: dict[str, str] | None = None, **params: Any) -> dict[str, Any]:
    before = await _head(s)
    response = await s.registry.http.request(
        method, path, json=body, content=content, params=params,
        headers={**who, **(headers or {})})
    assert response.status_code == status, (path, response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    if field is not None:
        assert field in [e["field"] for e in problem.get("errors") or []], problem
    assert await _head(s) == before, "a refused call wrote an event"
    return problem


async def test_bad_institutions_are_refused(system: System) -> None:
    s = system
    ca = sc.CIVIL_AFFAIRS
    bad_code = _body(credit_code=_body()["credit_code"][:-1] + "0")
    await _refused(s, "POST", "/v1/institutions", ca, 422, "credit_code", body=bad_code)
    await _refused(s, "POST", "/v1/institutions", ca, 422, "capacity", body=_body(capacity=-1))
    await _refused(s, "POST", "/v1/institutions", ca, 422, "region", body=_body(region="999999"))
    await _refused(s, "POST", "/v1/institutions", ca, 422, "region", body=_body(region="130100"))
    await _refused(s, "POST", "/v1/institutions", ca, 422, "township_code",
                   body=_body(township_code="130202001"))
    await _refused(s, "POST", "/v1/institutions", SHIJIAZHUANG, 403, "region",
                   body=_body(region="130202", township_code=None))
    await _refused(s, "POST", "/v1/institutions", ca, 422, "prices.0.amount_cny",
                   body=_body(prices=[{"item": "x", "unit": "次", "amount_cny": "-1"}]))
    await _refused(s, "POST", "/v1/institutions", ca, 422, "kind", body=_body(kind="hospital"))
    await _refused(s, "POST", "/v1/institutions", ca, 422, "colour", body=_body(colour="red"))
    await _refused(s, "POST", "/v1/institutions", sc.HOSPITAL, 403, None, body=_body())
    await _refused(s, "POST", "/v1/institutions", {}, 401, None, body=_body())
    await _refused(s, "POST", "/v1/institutions", ca, 422, None, content=b"{not json",
                   headers={"Content-Type": "application/json"})

    await s.registry.post("/v1/institutions", _body(), ca, 201)
    await _refused(s, "POST", "/v1/institutions", ca, 409, "institution_id", body=_body())
    await _refused(s, "POST", "/v1/institutions", ca, 409, None,
                   body=_body(institution_id="another-id"))  # same code, county and name
    await _refused(s, "PATCH", "/v1/institutions/sjz-a", token("institution", "sjz-b", "130104"),
                   403, "institution_id", body={"capacity": 5})
    await _refused(s, "PATCH", "/v1/institutions/nobody", ca, 404, None, body={"capacity": 5})
    await _refused(s, "PATCH", "/v1/institutions/sjz-a", ca, 422, None, body={})
    await _refused(s, "PATCH", "/v1/institutions/sjz-a", ca, 412, "If-Match", body={"capacity": 5},
                   headers={"If-Match": '"7"'})
    await _refused(s, "POST", "/v1/institutions/sjz-a/status", ca, 409, "action",
                   body={"action": "reopen", "reason": "x"})
    await _refused(s, "POST", "/v1/institutions/sjz-a/staff-reports", ca, 422, "lines.0",
                   body={"period": "2026Q2", "lines": [
                       {"profession": "nurse", "headcount": 1, "qualified": 2}]})
    await _refused(s, "POST", "/v1/institutions/sjz-a/staff-reports", ca, 422, "period",
                   body={"period": "2026Q4", "lines": [{"profession": "nurse", "headcount": 1}]})
    changed = await s.registry.call("PATCH", "/v1/institutions/sjz-a", ca, 200,
                                    {"capacity": 25})
    assert changed["capacity"] == 25 and changed["version"] == 2


async def test_a_csv_file_with_any_bad_row_imports_nothing(system: System) -> None:
    s = system
    header = ("institution_id,name,credit_code,region,township_code,address,level,kind,area,"
              "capacity,services,prices,contact_name,contact_phone\n")
    good = [f"imp-{n},导入站{n},{sc.credit_code(40 + n)},130102,,地址{n},village,station,urban,"
            f"{5 + n},life_skills;peer_support,日间训练:人·月:150,张老师,13800138000"
            for n in range(3)]
    bad = [
        f"imp-b1,坏代码,{sc.credit_code(50)[:-1]}0,130102,,地址,village,station,urban,5,,,,",
        f"imp-b2,负容量,{sc.credit_code(51)},130102,,地址,village,station,urban,-3,,,,",
        f"imp-b3,未知地区,{sc.credit_code(52)},999999,,地址,village,station,urban,5,,,,",
        f"imp-b4,价格,{sc.credit_code(53)},130102,,地址,village,station,urban,5,,日间:100,,",
        good[0],  # the same institution twice in one file
    ]
    problem = await _refused(
        s, "POST", "/v1/institutions/imports", sc.CIVIL_AFFAIRS, 422, "credit_code",
        content=(header + "\n".join(good + bad) + "\n").encode(),
        headers={"Content-Type": "text/csv"})
    assert problem["code"] == "invalid_csv"
    by_line = {(e["line"], e["field"]) for e in problem["errors"]}
    assert {(5, "credit_code"), (6, "capacity"), (7, "region"), (8, "prices"),
            (9, "credit_code")} <= by_line
    assert all(line >= 5 for line, _ in by_line)  # the good rows are not blamed
    await _refused(s, "POST", "/v1/institutions/imports", SHIJIAZHUANG, 403, "region",
                   content=(header + good[0].replace("130102", "130202") + "\n").encode(),
                   headers={"Content-Type": "text/csv"})
    await _refused(s, "POST", "/v1/institutions/imports", sc.CIVIL_AFFAIRS, 422, "capacity",
                   content=header.replace(",capacity", "").encode(),
                   headers={"Content-Type": "text/csv"})
    await _refused(s, "POST", "/v1/institutions/imports", sc.CIVIL_AFFAIRS, 422, "file",
                   content=b"\xff\xfe\xff\n", headers={"Content-Type": "text/csv"})
    # Every error of a row, each with its line, in Chinese by default.
    two_wrong = f"imp-b5,两处错,{sc.credit_code(54)},130102,,地址,hamlet,station,urban,-1,,坏价,,"
    problem = await _refused(s, "POST", "/v1/institutions/imports", sc.CIVIL_AFFAIRS, 422,
                             "level", content=(header + two_wrong + "\n").encode(),
                             headers={"Content-Type": "text/csv"})
    assert {e["field"] for e in problem["errors"]} == {"level", "capacity", "prices"}
    assert all(e["line"] == 2 for e in problem["errors"])
    assert not any("Value error" in e["message"] or "Input should" in e["message"]
                   for e in problem["errors"])

    imported = await s.registry.http.post(
        "/v1/institutions/imports", content=("\ufeff" + header + "\n".join(good)).encode(),
        headers={**sc.CIVIL_AFFAIRS, "Content-Type": "text/csv"})
    assert imported.status_code == 201, imported.text
    assert imported.json() == {"imported": 3, "institution_ids": ["imp-0", "imp-1", "imp-2"],
                               "warnings": []}
    listed = await s.registry.get("/v1/institutions", sc.AUDITOR, region="130100")
    assert [i["institution_id"] for i in listed["items"]] == ["imp-0", "imp-1", "imp-2"]
    assert listed["items"][0]["prices"] == [{"item": "日间训练", "unit": "人·月",
                                            "amount_cny": "150.00"}]
    # A row naming an institution registered already: refused with its line.
    again = await _refused(s, "POST", "/v1/institutions/imports", sc.CIVIL_AFFAIRS, 409, None,
                           content=(header + good_gbk_row(3) + "\n" + good[1]).encode(),
                           headers={"Content-Type": "text/csv"})
    assert again["errors"] == [{"line": 3, "field": "institution_id", "message": "机构标识 imp-1 已登记",
                                "message_en": "institution imp-1 is registered already"}]
    # What Excel on Chinese Windows saves: GBK.
    gbk = await s.registry.http.post(
        "/v1/institutions/imports", content=(header + good_gbk_row(3) + "\r\n").encode("gbk"),
        headers={**sc.CIVIL_AFFAIRS, "Content-Type": "text/csv"})
    assert gbk.status_code == 201, gbk.text
    shown = await s.registry.get("/v1/institutions/imp-gbk-3", sc.AUDITOR)
    assert shown["name"] == "长安区阳光康复站" and shown["address"] == "建设北大街3号"


def good_gbk_row(n: int) -> str:
    return (f"imp-gbk-{n},长安区阳光康复站,{sc.credit_code(60 + n)},130102,,建设北大街{n}号,"
            f"village,station,urban,8,life_skills,日间训练:人·月:150,张老师,13800138000")


async def test_statistics_and_archives_refuse_bad_or_foreign_requests(system: System) -> None:
    s = system
    good = sc.baseline(10, 1, 1, 5, 1, [], "1.00")
    await _refused(s, "PUT", "/v1/regions/999999/baselines/2026Q2", sc.CIVIL_AFFAIRS, 422,
                   "region_code", body=good)
    await _refused(s, "PUT", "/v1/regions/130202/baselines/2026Q2", SHIJIAZHUANG, 403,
                   "region_code", body=good)
    await _refused(s, "PUT", "/v1/regions/130102/baselines/2026Q5", sc.CIVIL_AFFAIRS, 422,
                   "period", body=good)
    await _refused(s, "PUT", "/v1/regions/130102/baselines/2026Q2", sc.CIVIL_AFFAIRS, 422, None,
                   body={**good, "general_at_home": 11})
    await _refused(s, "PUT", "/v1/regions/130102/baselines/2026Q2", sc.AUDITOR, 403, None,
                   body=good)
    progress = "/v1/statistics/progress"
    await _refused(s, "GET", progress, sc.CIVIL_AFFAIRS, 422, "period", region="130000",
                   period="2026Q7")
    await _refused(s, "GET", progress, sc.CIVIL_AFFAIRS, 422, "period", region="130000",
                   period="2027Q1")  # not begun
    await _refused(s, "GET", progress, SHIJIAZHUANG, 403, "region", region="130200",
                   period="2026Q2")
    await _refused(s, "GET", progress, sc.CIVIL_AFFAIRS, 422, "region", region="990000",
                   period="2026Q2")
    await _refused(s, "GET", progress, sc.CIVIL_AFFAIRS, 422, "format", region="130000",
                   period="2026Q2", format="pdf")
    await _refused(s, "GET", progress, token("institution", "sjz-a", "130102"), 403, None,
                   region="130000", period="2026Q2")
    await _refused(s, "GET", "/v1/statistics/coverage", SHIJIAZHUANG, 403, "region",
                   region="130000")
    await _refused(s, "GET", "/v1/archives/patients", sc.REPORTER, 403, None)
    await _refused(s, "GET", "/v1/archives/patients/" + "0" * 64, sc.AUDITOR, 404, None)
    await _refused(s, "GET", "/v1/archives/institutions/nobody", sc.AUDITOR, 404, None)
    answer = await s.registry.call("PUT", "/v1/regions/130102/baselines/2026Q2",
                                   sc.CIVIL_AFFAIRS, 200, good)
    again = await s.registry.call("PUT", "/v1/regions/130102/baselines/2026Q2",
                                  sc.CIVIL_AFFAIRS, 200, good)
    assert answer == again and answer["version"] == 1  # the same figures write nothing
    assert isinstance(await s.registry.http.get("/healthz"), httpx.Response)
