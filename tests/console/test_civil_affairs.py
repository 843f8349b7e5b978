"""The civil-affairs workspace: the progress summary of the official's region as a table with
the 19 Chinese headings, its spreadsheet passed through with the official's token, the reports
due, and a malformed period refused beside its field."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path
from typing import Any

from jingkang.console.application.ports import ApiAnswer
from jingkang.registry.domain.figures import COLUMNS

from .fakes import FakeApis
from .support import Console, console

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = b"PK\x03\x04 a spreadsheet"


def _row(region: str, name: str, base: int) -> dict[str, Any]:
    return {"region": region, "name": name, "own_level": False, "carried": {"1": "2026Q3"},
            "values": {str(n): base + n for n, *_ in COLUMNS}}


def _progress(params: dict[str, Any]) -> ApiAnswer:
    if params.get("format") == "xlsx":
        return ApiAnswer(200, {"code": "not_json"}, {"content-type": XLSX}, SHEET)
    return ApiAnswer(200, {
        "region": params["region"], "region_name": "长安区", "period": params["period"],
        "from": "", "to": "", "complete": False, "as_of": "2026-12-04T02:00:00Z",
        "columns": [{"number": n, "heading": h, "group": g, "source": s}
                    for n, h, g, s in COLUMNS],
        "rows": [_row("130102001", "建北街道", 1000)], "total": _row("130102", "长安区", 5000),
        "discrepancies": []})


def _due(params: dict[str, Any]) -> ApiAnswer:
    return ApiAnswer(200, {"region": params["region"], "today": "2026-12-04", "own": [
        {"region": "130102", "period": "2026Q3", "form": "progress", "status": "returned",
         "overdue": True, "due_on": "2026-10-20", "latest_version": 1}], "children": []})


def _signed_in_official(c: Console) -> FakeApis:
    official = c.create("ca.zhao", "civil_affairs", with_totp=True)
    c.app.state.runtime.apis = apis = FakeApis({
        ("registry", "/v1/statistics/progress"): _progress,
        ("registry", "/v1/reports/due"): _due})
    c.sign_in("ca.zhao")
    c.code(official.totp_secret)
    return apis


def test_the_summary_shows_the_19_columns_with_their_chinese_headings(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        apis = _signed_in_official(c)
        assert c.home() == "/civil-affairs"
        html = c.client.get("/civil-affairs", params={"period": "2026Q3"}).text
    headings = re.findall(r'<th title="[^"]*">(\d+)\. ([^<]+)</th>', html)
    assert [(int(n), h) for n, h in headings] == [(n, h) for n, h, *_ in COLUMNS]
    assert len(headings) == 19
    assert "建北街道" in html and f"<td>{5000 + 19}</td>" in html  # the total row
    assert 'title="沿用 2026Q3">*' in html
    asked = [p for _, _, path, p in apis.calls if path == "/v1/statistics/progress"]
    assert asked == [{"region": "130102", "period": "2026Q3"}]  # the official's own region
    assert 'href="/civil-affairs/progress.xlsx?period=2026Q3"' in html


def test_without_a_period_the_current_quarter_in_china_is_shown(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        apis = _signed_in_official(c)
        c.client.get("/civil-affairs")
    assert [p["period"] for _, _, path, p in apis.calls if path.endswith("/progress")] == [
        "2026Q4"]


def test_the_reports_due_are_listed_overdue_in_red(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        _signed_in_official(c)
        html = c.client.get("/civil-affairs").text
    due = html[html.index('id="reports-due"'):]
    assert '<tr class="overdue">' in due and "已退回" in due and "（已逾期）" in due


def test_a_malformed_period_is_refused_beside_its_field_and_nothing_is_asked(
        tmp_path: Path) -> None:
    with console(tmp_path) as c:
        apis = _signed_in_official(c)
        answer = c.client.get("/civil-affairs", params={"period": "2026Q5"})
        download = c.client.get("/civil-affairs/progress.xlsx", params={"period": "Q4"})
    assert answer.status_code == 422 and 'id="err-period"' in answer.text
    assert download.status_code == 422
    assert not any(path.endswith("/progress") for _, _, path, _ in apis.calls)


def test_the_spreadsheet_is_passed_through_as_asked_with_the_officials_token(
        tmp_path: Path) -> None:
    with console(tmp_path) as c:
        apis = _signed_in_official(c)
        sheet = c.client.get("/civil-affairs/progress.xlsx", params={"period": "2026Q3"})
    assert sheet.status_code == 200 and sheet.content == SHEET
    assert sheet.headers["content-type"] == XLSX
    assert 'filename="progress-130102-2026Q3.xlsx"' in sheet.headers["content-disposition"]
    assert apis.calls[-1] == ("ca.zhao", "registry", "/v1/statistics/progress",
                              {"region": "130102", "period": "2026Q3", "format": "xlsx"})


def test_only_civil_affairs_officials_have_the_workspace(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        c.create("nurse.li", "hospital")
        c.sign_in("nurse.li")
        for path in ("/civil-affairs", "/civil-affairs/progress.xlsx"):
            assert c.client.get(path, follow_redirects=False).headers["location"] == "/"


def test_the_chart_carries_columns_10_to_12_by_child_region_and_loads_echarts_locally(
        tmp_path: Path) -> None:
    with console(tmp_path) as c:
        _signed_in_official(c)
        html = c.client.get("/civil-affairs", params={"period": "2026Q3"}).text
        script = c.client.get("/static/echarts-6.1.0.min.js")
    chart = json.loads(html_lib.unescape(re.search(r"data-chart='([^']+)'", html).group(1)))
    assert chart["categories"] == ["建北街道"]
    assert [(s["name"].split(".")[0], s["data"]) for s in chart["series"]] == [
        ("10", [1010]), ("11", [1011]), ("12", [1012])]
    assert '<script src="/static/echarts-6.1.0.min.js" defer></script>' in html
    assert script.status_code == 200 and "Apache" in script.text[:1000]


def test_without_a_summary_no_chart_script_is_loaded(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        _signed_in_official(c)
        html = c.client.get("/civil-affairs", params={"period": "2026Q9"}).text
    assert "echarts" not in html and "progress-chart" not in html
