"""The civil-affairs official's management pages in real Chromium against the three real
services: a GBK CSV import whose bad line is named in Chinese (nothing imported), a good one,
registering an institution whose refused field is shown beside it, and the coverage chart
drawn by the vendored ECharts.  Screenshots go to a temporary folder, or JINGKANG_RENDER_DIR
(docs/console for the documentation's pictures)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from stdnum.cn import uscc

from jingkang.console.config import Settings
from jingkang.console.domain import totp
from jingkang.demo.accounts import create_console_accounts

from .browser import chromium, need_browser, the_system
from .test_browser import SIZES, _shot, _sign_in

HEADER = ("name,credit_code,region,address,level,kind,area,capacity,services,forms,prices,"
          "contact_name,contact_phone\n")
SITES = [("长安区建北康复站", "130102"), ("桥西区阳光康复会所", "130104"),
         ("路北区康复服务中心", "130203"), ("海港区日间照料站", "130302"),
         ("邯山区农疗站", "130402"), ("竞秀区康复站", "130602")]


def _code(serial: int) -> str:
    body = f"52130100MJ{serial:07d}"
    return body + uscc.calc_check_digit(body)


def _row(serial: int, name: str, region: str, phone: str = "13800138000") -> str:
    return (f"{name},{_code(serial)},{region},人民路{serial}号,township,station,urban,20,"
            f"life_skills;social_skills,day_training,日间训练:人·月:300,张老师,{phone}\n")


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> Any:
    need_browser()
    data_dir = tmp_path_factory.mktemp("civil-browser")
    with the_system(data_dir) as (base, _):
        made = create_console_accounts(Settings(_env_file=None, data_dir=data_dir))
        account, secret, _ = next(done for done in made if done[0].role == "civil_affairs")
        yield base, account, secret


def _a_refused_form(message: Any) -> bool:
    """A page answered 4xx (a refused form shows its errors): not a script's failure."""
    return message.text.startswith("Failed to load resource") and \
        "/static/" not in message.location.get("url", "")


def _signed_in_page(browser: Any, official: Any, step: int = 0) -> tuple[Any, list[str]]:
    """Signed in with the TOTP code ``step`` periods ahead (one step of drift is accepted; a
    used code is not, and the tests run within a minute)."""
    base, account, secret = official
    page = browser.new_context(viewport=SIZES["1366"], locale="zh-CN").new_page()
    problems: list[str] = []  # a script error or a CSP refusal shows here
    page.on("console", lambda m: problems.append(f"{m.text} {m.location.get('url')}")
            if m.type == "error" and not _a_refused_form(m) else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    _sign_in(page, base, account.username, account.password)
    page.fill("input[name=code]", totp.totp(secret, time.time() + step * totp.STEP_SECONDS))
    page.click("button[type=submit]")
    page.click("nav a[href='/civil-affairs/institutions']")
    return page, problems


def _upload(page: Any, text: str) -> None:
    page.set_input_files("#import input[type=file]", files=[{
        "name": "机构名录.csv", "mimeType": "text/csv", "buffer": text.encode("gbk")}])
    page.click("#import button[type=submit]")


def test_a_gbk_import_with_a_bad_line_then_a_registration_refused_beside_its_field(
        official: Any) -> None:
    with chromium() as browser:
        page, problems = _signed_in_page(browser, official)
        good = "".join(_row(n, name, region) for n, (name, region) in enumerate(SITES, start=1))
        _upload(page, HEADER + good)
        assert page.locator("#import .ok.banner").inner_text() == f"已导入 {len(SITES)} 个机构。"
        bad = HEADER + _row(20, "裕华区康复站", "130108") + _row(21, "新华区康复站", "130105",
                                                              phone="12345")
        _upload(page, bad)
        rows = page.locator("#import-problems tbody tr")
        assert rows.count() == 1
        assert rows.locator("td").all_inner_texts() == [
            "第3行", "联系电话", "不是有效的手机号码或固定电话号码"]
        assert "有1行有误，没有导入任何机构" in page.locator("#err-file").inner_text()
        assert page.locator("#institutions tbody tr").count() == len(SITES)  # nothing added
        page.fill("#register input[name=name]", "长安区精康家园")
        page.fill("#register input[name=credit_code]", "52130102MJ00000021")  # check char wrong
        page.fill("#register input[name=region]", "130102")
        page.fill("#register input[name=address]", "中山东路1号")
        page.select_option("#register select[name=kind]", "clubhouse")
        page.fill("#register input[name=capacity]", "30")
        page.check("#register input[name=services][value=vocational]")
        _shot(page, "institutions")
        page.click("#register button[type=submit]")
        beside = page.locator("#register label:has(input[name=credit_code]) .error")
        assert beside.inner_text() == "统一社会信用代码无效（GB 32100 校验不通过）"
        assert page.locator("#register input[name=name]").input_value() == "长安区精康家园"
        page.fill("#register input[name=credit_code]", _code(30))
        page.click("#register button[type=submit]")
        assert "/civil-affairs/institutions/" in page.url
        assert page.locator("h1").inner_text() == "长安区精康家园"
        _shot(page, "institution-profile")
        assert problems == []


def test_the_coverage_chart_is_drawn_against_the_years_targets(official: Any) -> None:
    with chromium() as browser:
        page, problems = _signed_in_page(browser, official, step=1)
        page.click("nav a[href='/civil-affairs/coverage']")
        page.locator("#coverage-chart svg").wait_for()  # drawn by the vendored ECharts
        drawn = page.locator("#coverage-chart").inner_text()
        assert "石家庄市" in drawn and "覆盖率年度目标" in drawn
        assert page.locator("#coverage tbody tr.total th").inner_text() == "河北省"
        assert problems == []
        _shot(page, "coverage")
