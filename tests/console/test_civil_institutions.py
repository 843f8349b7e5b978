"""The civil-affairs workspace's management side against the real referral and registry
services on loopback ports: registering an institution (and a refusal beside its field),
changing it with the version it was read at (a stale one refused), suspending it, importing a
GBK CSV file whose bad line is named in Chinese, a staff report, a baseline, and the coverage
chart's figures against the year's targets."""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from stdnum.cn import uscc

from jingkang.common.domain.regions import RegionTable
from tests.services.support import SECRET, running, service_env

from .support import Console, console

CSV_HEADER = ("name,credit_code,region,township_code,address,level,kind,area,capacity,"
              "services,forms,prices,contact_name,contact_phone\n")


def credit_code(serial: int) -> str:
    """A valid unified social credit code (GB 32100) of a social organisation in 130102."""
    body = f"52130102MJ{serial:07d}"
    return body + uscc.calc_check_digit(body)


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    env = service_env(tmp_path_factory.mktemp("civil"))
    with running(["run"], env, [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"]]):
        yield {"referral_url": env["JINGKANG_REFERRAL_URL"],
               "registry_url": env["JINGKANG_REGISTRY_URL"], "jwt_secret": SECRET}


@pytest.fixture()
def official(tmp_path: Path, services: dict[str, str]) -> Iterator[Console]:
    """A province's civil-affairs official (Hebei, 130000), signed in with TOTP."""
    with console(tmp_path, **services) as c:
        async def create() -> Any:
            return await c.app.state.runtime.accounts.create(
                username="ca.wang", role="civil_affairs", org_id="ca-hebei", region="130000",
                display_name="王科长", password="correct horse battery", with_totp=True,
                created_by="test")
        account = c.client.portal.call(create)
        c.sign_in("ca.wang")
        c.code(account.totp_secret)
        yield c


def _register(c: Console, serial: int, **fields: str) -> Any:
    form = {"name": f"长安区康复站{serial}", "credit_code": credit_code(serial),
            "region": "130102", "address": "中山东路1号", "level": "township", "kind": "station",
            "area": "urban", "capacity": "20", "accepting": "1",
            "services": ["life_skills", "social_skills"], "prices": "日间训练:人·月:300",
            "contact.name": "李老师", "contact.phone": "13800138000", **fields}
    return c.client.post("/civil-affairs/institutions", data={
        **form, "csrf": c.csrf("/civil-affairs/institutions")}, follow_redirects=False)


def _error_beside(html: str, field: str) -> str:
    found = re.search(rf'id="err-{re.escape(field.replace(".", "-"))}">([^<]+)<', html)
    assert found, f"no error beside {field}"
    return found.group(1)


def test_an_official_registers_an_institution_and_finds_it_by_the_filters(
        official: Console) -> None:
    answer = _register(official, 1)
    assert answer.status_code == 303
    url = answer.headers["location"]
    assert url.startswith("/civil-affairs/institutions/") and url.endswith("?done=registered")
    page = official.client.get(url).text
    assert "长安区康复站1" in page and "已登记机构" in page and "运营中" in page
    listed = official.client.get("/civil-affairs/institutions",
                                 params={"region": "130102", "kind": "station"}).text
    assert "长安区康复站1" in listed
    other_kind = official.client.get("/civil-affairs/institutions",
                                     params={"region": "130102", "kind": "clubhouse"}).text
    assert "长安区康复站1" not in other_kind and "没有符合条件的机构" in other_kind


def test_a_refused_field_is_shown_beside_it_in_chinese(official: Console) -> None:
    bad_code = _register(official, 2, credit_code="52130102MJ00000021")
    assert bad_code.status_code == 422
    assert _error_beside(bad_code.text, "credit_code") == "统一社会信用代码无效（GB 32100 校验不通过）"
    elsewhere = _register(official, 3, region="110101")  # Beijing: outside Hebei
    assert elsewhere.status_code == 403
    assert "管辖范围" in _error_beside(elsewhere.text, "region")
    assert 'value="110101"' in elsewhere.text  # what was typed stays in the form
    malformed = official.client.get("/civil-affairs/institutions", params={"region": "13"})
    assert malformed.status_code == 422 and "6位数字" in _error_beside(malformed.text, "region")
    unknown = official.client.get("/civil-affairs/institutions", params={"kind": "hotel"})
    assert unknown.status_code == 422 and _error_beside(unknown.text, "kind")


def _institution_id(c: Console, serial: int) -> str:
    return _register(c, serial).headers["location"].split("/")[-1].split("?")[0]


def _change(c: Console, institution_id: str, version: str, capacity: str) -> Any:
    path = f"/civil-affairs/institutions/{institution_id}"
    return c.client.post(path, data={
        "csrf": c.csrf(path), "version": version, "name": "长安区康复站4", "address": "中山东路2号",
        "capacity": capacity, "accepting": "1", "services": "life_skills"},
        follow_redirects=False)


def test_a_change_sent_with_a_stale_version_is_refused_not_overwriting(official: Console) -> None:
    institution_id = _institution_id(official, 4)
    page = official.client.get(f"/civil-affairs/institutions/{institution_id}").text
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    first = _change(official, institution_id, version, "30")
    assert first.status_code == 303 and first.headers["location"].endswith("?done=changed")
    stale = _change(official, institution_id, version, "40")  # read before the first change
    assert stale.status_code == 412
    assert "已被他人修改" in stale.text
    now = official.client.get(f"/civil-affairs/institutions/{institution_id}").text
    assert 'name="capacity" value="30"' in now  # the first change stands


def test_an_institution_is_suspended_with_a_reason_and_a_move_not_allowed_is_refused(
        official: Console) -> None:
    institution_id = _institution_id(official, 5)
    path = f"/civil-affairs/institutions/{institution_id}/status"
    missing_reason = official.client.post(path, data={
        "csrf": official.csrf("/civil-affairs/institutions"), "action": "suspend"})
    assert missing_reason.status_code == 422
    assert _error_beside(missing_reason.text, "status.reason") == "请填写原因"
    done = official.client.post(path, data={
        "csrf": official.csrf("/civil-affairs/institutions"), "action": "suspend",
        "reason": "消防整改"}, follow_redirects=False)
    assert done.status_code == 303
    page = official.client.get(done.headers["location"]).text
    assert 'status-suspended">已停业' in page
    again = official.client.post(path, data={
        "csrf": official.csrf("/civil-affairs/institutions"), "action": "suspend",
        "reason": "再次停业"})
    assert again.status_code == 409 and _error_beside(again.text, "status.action")
    suspended = official.client.get("/civil-affairs/institutions",
                                    params={"region": "130102", "status": "suspended"}).text
    assert "长安区康复站5" in suspended and "长安区康复站1" not in suspended


def _import(c: Console, text: str, encoding: str = "gbk") -> Any:
    return c.client.post("/civil-affairs/institutions/imports",
                         data={"csrf": c.csrf("/civil-affairs/institutions")},
                         files={"file": ("机构.csv", text.encode(encoding), "text/csv")})


def _csv_row(serial: int, name: str, *, phone: str = "13800138000", capacity: str = "20") -> str:
    return (f"{name},{credit_code(serial)},130102,,建设北大街{serial}号,township,station,urban,"
            f"{capacity},life_skills,day_training,日间训练:人·月:300,张老师,{phone}\n")


def test_a_gbk_csv_with_bad_lines_imports_nothing_and_names_each_line_in_chinese(
        official: Console) -> None:
    text = CSV_HEADER + _csv_row(10, "建北康复站") + _csv_row(11, "谈固康复站", phone="12345") \
        + _csv_row(12, "跃进康复站", capacity="很多")
    answer = _import(official, text)
    assert answer.status_code == 422
    table = answer.text[answer.text.index('id="import-problems"'):]
    rows = re.findall(r"<tr[^>]*><td>第(\d+)行</td><td>([^<]*)</td><td>([^<]*)</td></tr>", table)
    assert [(line, column) for line, column, _ in rows] == [("3", "联系电话"), ("4", "承载能力")]
    assert [message for _, _, message in rows] == ["不是有效的手机号码或固定电话号码", "应为整数"]
    assert "有2行有误，没有导入任何机构" in _error_beside(answer.text, "file")
    assert "建北康复站" not in official.client.get(
        "/civil-affairs/institutions", params={"region": "130102"}).text
    good = _import(official, CSV_HEADER + _csv_row(10, "建北康复站") + _csv_row(11, "谈固康复站"))
    assert good.status_code == 200 and "已导入 2 个机构" in good.text
    assert "谈固康复站" in good.text  # the list below shows them


def test_a_staff_report_is_sent_and_a_line_over_its_headcount_refused(official: Console) -> None:
    institution_id = _institution_id(official, 6)
    path = f"/civil-affairs/institutions/{institution_id}/staff-reports"
    over = official.client.post(path, data={
        "csrf": official.csrf("/civil-affairs/institutions"), "period": "2026Q4",
        "lines.0.headcount": "2", "lines.0.qualified": "3"})
    assert over.status_code == 422
    assert _error_beside(over.text, "staff-lines") == "精神科医生：其中各项不能多于人数"
    sent = official.client.post(path, data={
        "csrf": official.csrf("/civil-affairs/institutions"), "period": "2026Q4",
        "lines.0.headcount": "2", "lines.0.qualified": "2", "lines.3.headcount": "3",
        "lines.3.qualified": "1", "lines.3.direct_service": "3",
        "lines.3.direct_service_trained": "3"}, follow_redirects=False)
    assert sent.status_code == 303
    page = official.client.get(sent.headers["location"]).text
    assert "已报送人员情况" in page and "2026Q4：5人，相关专业3人（60%，目标30%，达标）" in page


def test_a_baseline_is_recorded_and_a_region_outside_the_jurisdiction_refused(
        official: Console) -> None:
    form = {"region": "130102", "period": "2026Q4", "total_patients": "900",
            "severe_at_home_police": "120", "severe_at_home_health": "150",
            "general_at_home": "300", "psychiatric_medical_staff": "25",
            "purchased_teams": "阳光社工服务中心:6\n心连心社工站", "funding_10k_cny": "12.5"}
    saved = official.client.post("/civil-affairs/baselines", data={
        **form, "csrf": official.csrf("/civil-affairs/baselines")})
    assert saved.status_code == 200 and "已保存" in saved.text and "2026Q4" in saved.text
    too_many = official.client.post("/civil-affairs/baselines", data={
        **form, "general_at_home": "1000", "csrf": official.csrf("/civil-affairs/baselines")})
    assert too_many.status_code == 422
    assert "居家患者人数不能多于患者总人数" in too_many.text
    elsewhere = official.client.post("/civil-affairs/baselines", data={
        **form, "region": "110101", "csrf": official.csrf("/civil-affairs/baselines")})
    assert elsewhere.status_code == 403
    assert "管辖范围" in _error_beside(elsewhere.text, "region")


def test_the_coverage_chart_compares_each_city_with_the_years_targets(official: Console) -> None:
    _register(official, 7)  # 长安区 of 石家庄市 now has an operating institution
    page = official.client.get("/civil-affairs/coverage")  # as of now
    assert page.status_code == 200
    chart = json.loads(html_lib.unescape(re.search(r"data-chart='([^']+)'", page.text).group(1)))
    assert chart["categories"][0] == "石家庄市" and chart["categories"][-1] == "河北省"
    coverage, service = chart["series"]
    assert coverage["target"] == 80.0 and service["target"] == 60.0  # 2025 onwards: 80 % / 60 %
    counties = len(RegionTable.bundled().counties_in("130100", 2026))
    assert coverage["data"][0] == round(round(1 / counties, 4) * 100, 1)  # 1 of 石家庄市's
    assert coverage["data"][1] == 0.0  # 唐山市: none yet
    assert '<script src="/static/coverage-chart.js" defer></script>' in page.text
    future = official.client.get("/civil-affairs/coverage", params={"as_of": "2027-01-01"})
    assert future.status_code == 422 and 'id="err-as_of"' in future.text
