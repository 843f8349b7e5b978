"""What the civil-affairs management forms decide before asking the registry: price lines,
staff lines, baseline teams, the coverage date and the regions compared, and the registry's
refusals placed beside their fields in Chinese."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jingkang.console.domain import coverage
from jingkang.console.domain import institution_forms as forms
from jingkang.console.domain.registry_refusals import chinese, import_problems, registry_errors

from .fakes import FakeApis
from .support import console


def test_price_lines_take_item_unit_amount_and_name_a_bad_line() -> None:
    errors: dict[str, str] = {}
    assert forms.price_lines("日间训练:人·月:300\n\n午餐：人·次：12.5", errors) == [
        {"item": "日间训练", "unit": "人·月", "amount_cny": "300"},
        {"item": "午餐", "unit": "人·次", "amount_cny": "12.5"}]
    assert errors == {}
    forms.price_lines("日间训练:人·月:300\n午餐 12 元", errors)
    assert errors["prices"].startswith("第2行应写作 项目:单位:金额")


def test_a_registration_names_its_empty_required_fields_and_a_capacity_not_a_number() -> None:
    body, errors = forms.registration_body({"name": "康复站", "capacity": "二十",
                                            "services": ["life_skills", "vocational"]})
    assert set(errors) == {"credit_code", "region", "address", "level", "kind", "area",
                           "capacity"}
    assert errors["capacity"] == "请填写不小于0的整数"
    assert body["services"] == ["life_skills", "vocational"] and body["accepting"] is False


def test_a_change_sends_every_editable_field_and_a_contact_only_when_given() -> None:
    body, errors = forms.change_body({"name": "新名", "address": "新址", "capacity": "12",
                                      "accepting": "1", "services": "life_skills"})
    assert errors == {} and "contact" not in body
    assert body == {"name": "新名", "address": "新址", "capacity": 12, "accepting": True,
                    "services": ["life_skills"], "forms": [], "prices": []}


def test_a_staff_report_keeps_the_professions_with_a_headcount() -> None:
    body, errors = forms.staff_report_body({"period": "2026Q4", "lines.1.headcount": "4",
                                            "lines.1.certified": "2", "lines.2.qualified": "1"})
    assert errors == {}
    assert body == {"period": "2026Q4", "lines": [
        {"profession": "nurse", "headcount": 4, "certified": 2}]}
    _, none = forms.staff_report_body({"period": "2026Q4"})
    assert none == {"lines": "至少填写一个专业的人数"}


def test_a_baseline_reads_teams_with_or_without_members() -> None:
    body, errors = forms.baseline_body({"region": "130102", "period": "2026Q4",
                                        "total_patients": "9", "severe_at_home_police": "1",
                                        "severe_at_home_health": "1", "general_at_home": "1",
                                        "psychiatric_medical_staff": "2",
                                        "purchased_teams": "阳光:6\n心连心\n星火：多人",
                                        "funding_10k_cny": "3.5"})
    assert body["purchased_teams"] == [{"name": "阳光", "members": 6}, {"name": "心连心"},
                                       {"name": "星火"}]
    assert errors == {"purchased_teams": "“星火：多人”的人数应为整数"}


def test_the_coverage_date_is_a_day_not_after_today_nor_before_the_campaign() -> None:
    today = date(2026, 12, 4)
    assert coverage.check_as_of("", today) == (None, "")
    assert coverage.check_as_of("2026-06-30", today) == (date(2026, 6, 30), "")
    assert coverage.check_as_of("2026-02-30", today)[1] == "日期格式为 2026-12-04"
    assert coverage.check_as_of("2026-12-05", today)[1] == "截至日期不能晚于今天"
    assert coverage.check_as_of("2022-12-31", today)[1].startswith("精康融合行动自2023年开始")


def test_the_regions_compared_are_the_children_then_the_region_itself() -> None:
    hebei = coverage.regions_compared("130000", 2026)
    assert hebei[0] == ("130100", "石家庄市") and hebei[-1] == ("130000", "河北省")
    assert coverage.regions_compared("130102", 2026) == [("130102", "长安区")]
    beijing = coverage.regions_compared("110000", 2026)
    assert ("110100", "市辖区") not in beijing and beijing[0] == ("110101", "东城区")


def test_the_chart_carries_each_regions_shares_and_the_years_targets() -> None:
    answer = {"region": "130100", "county_coverage": {"counties": 22, "covered": 11,
                                                      "share": 0.5, "target": 0.8},
              "standardized_service": {"quarter": "2026Q3", "registered": 10,
                                       "standardized": 7, "share": 0.7, "target": 0.6}}
    row = coverage.row_of("石家庄市", answer)
    assert (row["coverage"], row["coverage_met"], row["service_rate"], row["service_met"]) == (
        50.0, False, 70.0, True)
    chart = coverage.chart_of([row])
    assert [(s["data"], s["target"]) for s in chart["series"]] == [([50.0], 80.0),
                                                                   ([70.0], 60.0)]


def test_refusals_land_beside_their_fields_in_chinese() -> None:
    assert chinese("取值无效：not a valid unified social credit code (GB 32100): bad") == \
        "统一社会信用代码无效（GB 32100 校验不通过）"
    assert chinese("格式不符合要求（^\\d{6}$）") == "格式不符合要求（^\\d{6}$）"
    sent = {"lines": [{"profession": "nurse"}]}
    assert registry_errors({"code": "validation_error", "errors": [
        {"field": "body.lines.0", "message": "取值无效：qualified (3) exceeds headcount (2)"},
        {"field": "body.prices.1.amount_cny", "message": "不能小于 0"}]}, sent) == {
        "lines": "护士：其中各项不能多于人数", "prices": "第2项：不能小于 0"}
    assert registry_errors({"code": "precondition_failed", "errors": [
        {"field": "If-Match", "message": "版本不符"}]}) == {
        "": "机构信息已被他人修改（版本已变），请刷新页面后重新修改"}
    assert registry_errors({"code": "invalid_transition"}) == {
        "action": "机构当前状态下不能执行此操作"}
    assert import_problems({"errors": [{"line": 3, "field": "contact_phone",
                                        "message": "不是有效的号码"}]}) == [
        {"line": 3, "column": "联系电话", "field": "contact_phone", "message": "不是有效的号码"}]


def test_an_empty_upload_is_refused_before_anything_is_sent(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        official = c.create("ca.zhao", "civil_affairs", with_totp=True)
        c.app.state.runtime.apis = apis = FakeApis({})
        c.sign_in("ca.zhao")
        c.code(official.totp_secret)
        csrf = c.csrf("/civil-affairs/baselines")
        empty = c.client.post("/civil-affairs/institutions/imports", data={"csrf": csrf},
                              files={"file": ("a.csv", b"  \n", "text/csv")})
    assert empty.status_code == 422 and "文件是空的" in empty.text
    assert not any(path.endswith("/imports") for _, _, path, _ in apis.calls)


def test_only_civil_affairs_officials_have_the_management_pages(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        c.create("nurse.li", "hospital")
        c.sign_in("nurse.li")
        for path in ("/civil-affairs/institutions", "/civil-affairs/institutions/x",
                     "/civil-affairs/coverage", "/civil-affairs/baselines"):
            assert c.client.get(path, follow_redirects=False).headers["location"] == "/"


def test_an_institution_id_the_registry_never_gives_goes_back_to_the_list(
        tmp_path: Path) -> None:
    with console(tmp_path) as c:
        official = c.create("ca.zhao", "civil_affairs", with_totp=True)
        c.app.state.runtime.apis = apis = FakeApis({})
        c.sign_in("ca.zhao")
        c.code(official.totp_secret)
        answer = c.client.get("/civil-affairs/institutions/%2E%2E", follow_redirects=False)
    assert answer.headers["location"] == "/civil-affairs/institutions"
    assert not any(path.startswith("/v1/institutions/") for _, _, path, _ in apis.calls)
