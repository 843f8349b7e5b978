"""The console in real Chromium against the three real services: an administrator signs in
with TOTP and creates accounts, a hospital uploads an assessment (a refusal shown beside its
field first), the case page shows it, the platform sees it in its dispatch queue, and the
demo's civil-affairs official reads the progress summary and downloads its spreadsheet.
Screenshots go to a temporary folder, or to JINGKANG_RENDER_DIR (docs/console for the
documentation's pictures)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from jingkang.console.config import Settings
from jingkang.console.domain import totp
from jingkang.demo.accounts import DEMO_ACCOUNTS, create_console_accounts
from jingkang.registry.domain.figures import COLUMNS

from .browser import ADMIN_PASSWORD, SCREENSHOTS, chromium, need_browser, the_system

PASSWORD = "a long password 123"
ID_NUMBER = "11010519491231002X"
SIZES = {"1366": {"width": 1366, "height": 768}, "1920": {"width": 1920, "height": 1080}}


def _sign_in(page: Any, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/signin")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def _shot(page: Any, name: str) -> None:
    """The page at both sizes the workspaces are made for."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size in ("1920", "1366"):
        page.set_viewport_size(SIZES[size])
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{size}.png"), full_page=True)


def _create_account(page: Any, username: str, role: str, org: str, region: str) -> None:
    page.fill("input[name=username]", username)
    page.fill("input[name=display_name]", username)
    page.select_option("select[name=role]", role)
    page.fill("input[name=org_id]", org)
    page.fill("input[name=region]", region)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/admin/accounts'] button[type=submit]")
    assert page.locator(".ok.banner").inner_text().startswith(f"已创建账户 {username}")


def _fill_assessment(page: Any) -> None:
    page.fill("input[name='person.name']", "张三")
    page.fill("input[name='person.phone']", "13800138000")
    page.fill("input[name=residence_region]", "130102")
    page.fill("input[name='person.guardian.name']", "李梅")
    page.fill("input[name='person.guardian.relation']", "母亲")
    page.fill("input[name=assessed_on]", "2026-12-01")
    page.fill("input[name=diagnosis]", "精神分裂症")
    page.fill("input[name=risk_level]", "3")
    page.fill("textarea[name=recommendation]", "病情稳定，建议转介社区康复")
    page.check("input[name='consent.patient']")
    page.check("input[name='consent.guardian']")
    page.check("input[name='consent.share']")  # the platform dispatches only with it


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Any:
    need_browser()
    data_dir = tmp_path_factory.mktemp("console")
    with the_system(data_dir) as (base, secret):
        yield base, secret, data_dir


def test_an_administrator_signs_in_with_totp_and_creates_accounts(system: Any) -> None:
    base, secret, _ = system
    with chromium() as browser:
        page = browser.new_context(viewport=SIZES["1366"], locale="zh-CN").new_page()
        _sign_in(page, base, "root", ADMIN_PASSWORD)
        assert page.url.endswith("/signin/code")
        _shot(page, "signin-code")
        page.fill("input[name=code]", totp.totp(secret, time.time()))
        page.click("button[type=submit]")
        assert page.url.endswith("/admin/accounts")
        _create_account(page, "nurse.li", "hospital", "hosp-sjz-8", "130100")
        _create_account(page, "dispatch.he", "platform", "platform-hebei", "130000")
        _shot(page, "accounts")


def test_a_hospital_uploads_an_assessment_and_sees_the_case(system: Any) -> None:
    base, _, _ = system
    with chromium() as browser:
        page = browser.new_context(viewport=SIZES["1366"], locale="zh-CN").new_page()
        _sign_in(page, base, "nurse.li")
        assert page.url.endswith("/hospital")
        page.type("input[name='person.id_number']", "110105194912310021")
        page.locator("#id-hint .error").wait_for()
        assert "校验位" in page.locator("#id-hint").inner_text()
        _fill_assessment(page)
        _shot(page, "hospital-id-check")
        page.fill("input[name='person.id_number']", ID_NUMBER)
        page.fill("input[name='person.phone']", "12345")  # the API refuses it: beside the field
        page.click("form[action='/hospital'] button[type=submit]")
        assert "不是有效的手机号码" in page.locator("label:has(input[name='person.phone']) .error").inner_text()
        _shot(page, "hospital-refusal")
        page.fill("input[name='person.phone']", "13800138000")
        page.check("input[name='consent.patient']")
        page.check("input[name='consent.guardian']")
        page.click("form[action='/hospital'] button[type=submit]")
        assert "/cases/" in page.url
        assert page.locator(".state").inner_text() == "已登记"
        assert "医疗机构评估转介" in page.locator(".timeline").inner_text()
        _shot(page, "case")
        case_url = page.url
        page.goto(f"{base}/hospital")
        _fill_assessment(page)
        page.fill("input[name='person.id_number']", ID_NUMBER)
        page.click("form[action='/hospital'] button[type=submit]")
        assert page.locator(".banner a").get_attribute("href") == case_url.split(base)[1]
        _shot(page, "hospital-duplicate")


def test_the_platform_sees_the_case_in_its_dispatch_queue(system: Any) -> None:
    base, _, _ = system
    with chromium() as browser:
        page = browser.new_context(viewport=SIZES["1366"], locale="zh-CN").new_page()
        _sign_in(page, base, "dispatch.he")
        assert page.url.endswith("/queues/dispatch")
        assert page.locator("table.list tbody tr").count() >= 1
        _shot(page, "dispatch-queue")
        page.locator("table.list tbody a").first.click()
        page.locator("details.action summary", has_text="分派").wait_for()
        assert page.locator(".case-head .state").inner_text() == "已登记"
        assert "张*" in page.locator("section.card").first.inner_text()  # masked for the platform
        assert page.locator(".lifecycle [aria-current=step]").inner_text() == "已登记"
        assert page.locator(".lifecycle .step-skipped").inner_text() == "待审核"  # uploaded
        assert "个工作日" in page.locator(".deadlines").inner_text()
        page.locator("details.action summary", has_text="分派").click()
        placement = page.locator(".placement")
        placement.wait_for()  # loaded by htmx from GET /v1/cases/{id}/placement
        assert "长安区" in placement.inner_text() and "候补" in placement.inner_text()
        _shot(page, "case-platform")


def test_a_social_worker_registers_a_report_that_waits_in_the_review_queue(system: Any) -> None:
    base, _, data_dir = system
    made = create_console_accounts(Settings(_env_file=None, data_dir=data_dir))
    worker = next(demo for demo, _, _ in made if demo.role == "social_worker")
    with chromium() as browser:
        page = browser.new_context(viewport=SIZES["1366"], locale="zh-CN").new_page()
        _sign_in(page, base, worker.username, worker.password)
        page.click("nav a[href='/applications']")
        page.select_option("select[name=channel]", "third_party")
        page.fill("input[name=reporter_name]", "建设北大街社区居委会")
        page.fill("input[name='person.name']", "赵六")
        page.fill("input[name='person.id_number']", "110105196509090011")
        page.fill("input[name=residence_region]", "130102")
        page.fill("textarea[name=needs]", "居委会反映其长期居家，家属希望参加日间康复")
        page.click("form[action='/applications'] button[type=submit]")
        kind = page.locator("label:has(select[name=reporter_kind]) .error")
        assert kind.inner_text() == "登记申请须注明报告方类型"  # nothing sent yet
        _shot(page, "application")
        page.select_option("select[name=reporter_kind]", "committee")
        page.click("form[action='/applications'] button[type=submit]")
        assert "/cases/" in page.url, page.locator(".error").all_inner_texts()
        assert page.locator(".case-head .state").inner_text() == "待审核"
        case_path = page.url.split(base)[1]
        page.click("nav a[href='/queues/review']")
        assert page.locator(f"table.list a[href='{case_path}']").count() == 1


def test_the_demo_civil_affairs_official_reads_the_progress_summary(system: Any) -> None:
    base, _, data_dir = system
    made = create_console_accounts(Settings(_env_file=None, data_dir=data_dir))
    official, secret, _ = next(done for done in made if done[0].role == "civil_affairs")
    assert official in DEMO_ACCOUNTS and secret
    with chromium() as browser:
        page = browser.new_context(viewport=SIZES["1366"], locale="zh-CN",
                                   accept_downloads=True).new_page()
        problems: list[str] = []  # a script error or a CSP refusal shows here
        page.on("console", lambda m: problems.append(f"{m.text} {m.location.get('url')}")
                if m.type == "error" and "favicon" not in m.location.get("url", "") else None)
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        _sign_in(page, base, official.username, official.password)
        page.fill("input[name=code]", totp.totp(secret, time.time()))
        page.click("button[type=submit]")
        assert page.url.endswith("/civil-affairs")
        headings = page.locator("#progress thead tr").nth(1).locator("th").all_inner_texts()
        assert headings == [f"{n}. {h}" for n, h, *_ in COLUMNS]
        assert page.locator("#progress tbody tr.total th").inner_text() == "河北省"
        assert page.locator("#progress tbody tr").count() >= 2  # the cities, then the total
        page.locator("#progress-chart svg").wait_for()  # drawn by the vendored ECharts
        assert "石家庄市" in page.locator("#progress-chart").inner_text()
        assert problems == []
        _shot(page, "civil-affairs")
        with page.expect_download() as download:
            page.click("a[href^='/civil-affairs/progress.xlsx']")
        with open(download.value.path(), "rb") as sheet:
            assert sheet.read(2) == b"PK"  # an XLSX is a zip archive


def test_the_demo_institution_sees_its_work_list_without_a_refusal(system: Any) -> None:
    base, _, data_dir = system
    made = create_console_accounts(Settings(_env_file=None, data_dir=data_dir))
    centre = next(demo for demo, _, _ in made if demo.role == "institution")
    with chromium() as browser:
        page = browser.new_context(viewport=SIZES["1366"], locale="zh-CN").new_page()
        _sign_in(page, base, centre.username, centre.password)
        assert page.url.endswith("/institution")
        assert page.locator("h2").all_inner_texts() == [
            "待接收（0）", "本月服务记录待填（0）", "转介评估到期（0）"]
        assert page.locator(".error").count() == 0  # the API took every filter as asked
        _shot(page, "institution")
