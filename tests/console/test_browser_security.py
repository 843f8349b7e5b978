"""Signing in and forms as a person meets them in real Chromium: five wrong passwords lock the
account even against the right one, and a form whose CSRF token was tampered with is refused
and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from jingkang.console.config import Settings
from jingkang.demo.accounts import create_console_accounts

from .browser import chromium, need_browser, the_system

LOCKED = "连续登录失败次数过多，账户已暂时锁定，请稍后再试"


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Any:
    need_browser()
    data_dir = tmp_path_factory.mktemp("console-security")
    with the_system(data_dir) as (base, _):
        made = create_console_accounts(Settings(_env_file=None, data_dir=data_dir))
        yield base, {demo.role: demo for demo, _, _ in made}


def _sign_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/signin")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def test_five_wrong_passwords_lock_the_account_against_the_right_one(system: Any) -> None:
    base, accounts = system
    worker = accounts["social_worker"]
    with chromium() as browser:
        page = browser.new_context(locale="zh-CN").new_page()
        for _ in range(5):
            _sign_in(page, base, worker.username, "not the password at all")
            assert page.url.endswith("/signin")
            assert LOCKED not in page.content() or _ == 4
        _sign_in(page, base, worker.username, worker.password)
        assert page.url.endswith("/signin")
        assert LOCKED in page.locator(".error").all_inner_texts()
        page.goto(f"{base}/queues/review")
        assert page.url.endswith("/signin")  # no session came of it


def test_a_form_with_a_tampered_csrf_token_is_refused_and_sends_nothing(system: Any) -> None:
    base, accounts = system
    hospital = accounts["hospital"]
    with chromium() as browser:
        page = browser.new_context(locale="zh-CN").new_page()
        _sign_in(page, base, hospital.username, hospital.password)
        assert page.url.endswith("/hospital")
        page.fill("input[name='person.name']", "钱七")
        page.fill("input[name='person.id_number']", "11010519491231002X")
        page.fill("input[name=residence_region]", "130102")
        page.fill("input[name=assessed_on]", "2026-12-01")
        page.fill("input[name=diagnosis]", "双相情感障碍")
        page.fill("textarea[name=recommendation]", "建议社区康复")
        page.check("input[name='consent.patient']")
        page.check("input[name='consent.guardian']")
        page.eval_on_selector("form[action='/hospital'] input[name=csrf]",
                              "field => { field.value = 'forged-' + field.value; }")
        with page.expect_response(lambda r: r.url.endswith("/hospital")
                                  and r.request.method == "POST") as posted:
            page.click("form[action='/hospital'] button[type=submit]")
        assert posted.value.status == 403
        assert "CSRF" in page.locator(".error").inner_text()
        page.goto(f"{base}/cases")
        assert page.locator("main a[href^='/cases/']").count() == 0  # no case was made
