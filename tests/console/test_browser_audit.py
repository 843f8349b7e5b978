"""The demo's auditor in real Chromium against the three real services: signs in with TOTP,
finds a case among the recent ones, reads its timeline and its integrity check, its state as
of an earlier moment (a datetime-local input, China time), then the access log filtered by the
case, and its print view without the navigation.  Screenshots: audit-*.png, access-log-*.png."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

import httpx
import pytest

from jingkang.common.domain.chinatime import CHINA
from jingkang.common.web.auth import mint_token
from jingkang.console.config import Settings
from jingkang.console.domain import totp
from jingkang.demo.accounts import create_console_accounts
from tests.referral import payloads
from tests.services.support import SECRET, running, service_env

from .browser import chromium, need_browser
from .test_browser import SIZES, _shot, _sign_in


def _token(role: str, org: str) -> dict[str, str]:
    return {"Authorization": "Bearer " + mint_token(SECRET, sub=f"{role}-{org}", role=role,
                                                    org_id=org, region="130100")}


def _a_case_with_a_history(referral: str) -> tuple[str, datetime]:
    """Uploaded, a consent withdrawn, closed; and a moment between the consent and the close."""
    hospital = _token("hospital", "hosp-sjz-8")
    made = httpx.post(f"{referral}/v1/referrals/medical-assessments",
                      json=payloads.upload(7), headers=hospital)
    assert made.status_code == 201, made.text
    case_id = made.json()["case_id"]
    consent = httpx.post(f"{referral}/v1/cases/{case_id}/consents", headers=hospital, json={
        "purpose": "relocation", "given_by": "guardian", "on": "2026-12-01", "withdrawn": True})
    assert consent.status_code == 200, consent.text
    time.sleep(1.2)
    between = datetime.now(CHINA).replace(microsecond=0)
    time.sleep(1.2)
    closed = httpx.post(f"{referral}/v1/cases/{case_id}/withdrawal", json={"reason": "withdrawn"},
                        headers=_token("social_worker", "sw-130100"))
    assert closed.status_code == 200, closed.text
    return case_id, between


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The three real services on loopback ports: (console, referral) URLs and the data."""
    need_browser()
    data_dir = tmp_path_factory.mktemp("console-audit")
    env = service_env(data_dir)
    bases = [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"],
             f"http://127.0.0.1:{env['JINGKANG_CONSOLE_PORT']}"]
    with running(["run"], env, bases):
        yield bases[2], bases[0], data_dir


def test_the_demo_auditor_reads_a_case_its_integrity_a_past_state_and_the_access_log(
        system: Any) -> None:
    base, referral, data_dir = system
    made = create_console_accounts(Settings(_env_file=None, data_dir=data_dir))
    auditor, secret, _ = next(done for done in made if done[0].role == "auditor")
    case_id, between = _a_case_with_a_history(referral)
    with chromium() as browser:
        page = browser.new_context(viewport=SIZES["1366"], locale="zh-CN").new_page()
        problems: list[str] = []  # a script error or a CSP refusal shows here
        page.on("console", lambda m: problems.append(m.text)
                if m.type == "error" and "favicon" not in m.location.get("url", "") else None)
        _sign_in(page, base, auditor.username, auditor.password)
        page.fill("input[name=code]", totp.totp(secret, time.time()))
        page.click("button[type=submit]")
        assert page.url.endswith("/audit")
        page.click(f"#recent a:has-text('{case_id}')")
        rows = page.locator("#timeline tbody tr")
        assert rows.count() == 3
        assert "医疗机构评估转介" in rows.nth(0).inner_text()
        assert "撤回同意" in rows.nth(1).inner_text() and "监护人" in rows.nth(1).inner_text()
        assert "社会工作者" in rows.nth(2).inner_text() and "结案" in rows.nth(2).inner_text()
        assert "年" in rows.nth(0).locator("td").nth(1).inner_text()  # 2026年12月5日 01:02
        verdict = page.locator("#integrity .verdict")
        assert "完整性核验通过" in verdict.inner_text()
        assert verdict.evaluate("e => getComputedStyle(e).color") == "rgb(46, 125, 50)"  # green
        page.fill("input[name=as_of]", between.strftime("%Y-%m-%dT%H:%M:%S"))
        page.click("form.audit-find button[type=submit]")
        then = page.locator("#as-of")
        assert "时的状态" in then.locator("h2").inner_text()
        assert "已登记" in then.inner_text() and "第 2 个事件后" in then.inner_text()
        assert page.locator(".case-head .state").inner_text() == "已结案"
        _shot(page, "audit")
        page.click("a:has-text('此个案的访问记录')")
        assert page.url.split("?")[0].endswith("/audit/access-log")
        entries = page.locator("#access-log tbody tr")
        assert entries.count() >= 4  # the case, its events, integrity, the state then
        assert all(case_id in text for text in entries.all_inner_texts())
        assert "console:demo-auditor" in entries.first.inner_text()
        _shot(page, "access-log")
        page.emulate_media(media="print")
        assert page.locator("header.top nav").is_hidden()
        assert page.locator("form.log-filters").is_hidden()
        assert page.locator("#access-log").is_visible()
        assert problems == []

