"""Signing in through an OpenID Connect provider: a real (tiny) provider on a loopback port,
the console asking it over HTTP for its discovery document, keys and tokens.  Each refusal
says why in Chinese and opens no session."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from jingkang.console.config import Settings
from jingkang.console.domain import oidc
from jingkang.console.entrypoints.app import create_app
from tests.services.support import free_port

from .browser import SCREENSHOTS, chromium, need_browser
from .oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, provider, served
from .support import PASSWORD, Console, console

CALLBACK = "/signin/oidc/callback"


def oidc_settings(issuer: str, redirect_url: str) -> dict[str, Any]:
    return {"console_oidc_issuer": issuer, "console_oidc_client_id": CLIENT_ID,
            "console_oidc_client_secret": CLIENT_SECRET, "console_oidc_redirect_url": redirect_url}


@contextmanager
def console_with_provider(tmp_path: Path, **settings: Any) -> Iterator[tuple[Console, Provider]]:
    with provider(f"http://testserver{CALLBACK}") as idp, \
            console(tmp_path, **oidc_settings(idp.issuer, f"http://testserver{CALLBACK}"),
                    **settings) as c:
        idp.now = c.clock
        yield c, idp


def through_provider(c: Console, tamper: Callable[[str], str] = lambda url: url) -> Any:
    """The browser's round trip: to the provider, which approves, and back to the console."""
    start = c.client.get("/signin/oidc", follow_redirects=False)
    assert start.status_code == 303, start.text
    at_provider = httpx.get(start.headers["location"], follow_redirects=False)
    back = tamper(at_provider.headers["location"]).removeprefix("http://testserver")
    return c.client.get(back, follow_redirects=False)


def assert_refused(c: Console, answer: Any, message: str) -> None:
    assert answer.status_code == 401
    assert f'<span class="error" id="err-oidc" role="alert">{message}</span>' in answer.text
    assert "jk_session" not in answer.cookies
    assert c.home() == "/signin"


def _log(c: Console) -> list[tuple]:
    return sqlite3.connect(c.database).execute(
        "SELECT username, outcome, method FROM console_signins ORDER BY id").fetchall()


def _detail(c: Console) -> str:
    return sqlite3.connect(c.database).execute(
        "SELECT detail FROM console_signins ORDER BY id DESC").fetchone()[0]


def test_end_to_end_over_http_the_provider_signs_a_new_person_in(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with provider(f"{base}{CALLBACK}") as idp:
        settings = Settings(_env_file=None, data_dir=tmp_path,
                            console_database_url=f"sqlite+aiosqlite:///{tmp_path / 'c.db'}",
                            **oidc_settings(idp.issuer, f"{base}{CALLBACK}"))
        with served(create_app(settings), port), httpx.Client() as browser:
            assert "使用统一身份认证登录" in browser.get(f"{base}/signin").text
            landed = browser.get(f"{base}/signin/oidc", follow_redirects=True)
            assert landed.status_code == 200 and landed.url.path == "/hospital"
            assert "张护士" in landed.text and browser.cookies.get("jk_session")
    row = sqlite3.connect(tmp_path / "c.db").execute(
        "SELECT role, org_id, region, password_hash, external_issuer FROM console_accounts "
        "WHERE username = 'nurse.zhang'").fetchone()
    assert row == ("hospital", "hosp-sjz-8", "130100", "", idp.issuer)


def test_the_account_follows_the_claims_at_each_sign_in_and_the_log_says_oidc(
        tmp_path: Path) -> None:
    with console_with_provider(tmp_path) as (c, idp):
        assert through_provider(c).headers["location"] == "/"
        c.client.cookies.clear()
        idp.behaviour.claims["jingkang_org"] = "hosp-sjz-5"
        through_provider(c)
        assert "hosp-sjz-5" in c.client.get("/hospital").text
        assert _log(c) == [("nurse.zhang", "signed_in", "oidc")] * 2


def test_a_token_for_another_nonce_is_refused(tmp_path: Path) -> None:
    with console_with_provider(tmp_path) as (c, idp):
        idp.behaviour.nonce = "somebody else's nonce"
        assert_refused(c, through_provider(c), oidc.WRONG_NONCE)
        assert _log(c) == [("-", "failed", "oidc")]
        assert _detail(c) == oidc.WRONG_NONCE


def test_a_token_for_another_client_is_refused(tmp_path: Path) -> None:
    with console_with_provider(tmp_path) as (c, idp):
        idp.behaviour.audience = "another-app"
        assert_refused(c, through_provider(c), oidc.WRONG_AUDIENCE)


def test_an_expired_token_is_refused(tmp_path: Path) -> None:
    with console_with_provider(tmp_path) as (c, idp):
        idp.behaviour.lifetime = timedelta(minutes=-5)
        assert_refused(c, through_provider(c), oidc.EXPIRED)


def test_a_token_signed_with_a_key_not_the_providers_is_refused(tmp_path: Path) -> None:
    with console_with_provider(tmp_path) as (c, idp):
        idp.behaviour.sign_with_another_key = True
        assert_refused(c, through_provider(c), oidc.BAD_TOKEN)


def test_a_state_that_is_not_this_browsers_is_refused(tmp_path: Path) -> None:
    with console_with_provider(tmp_path) as (c, _):
        forged = through_provider(c, lambda url: url.replace("state=", "state=forged"))
        assert_refused(c, forged, oidc.BAD_STATE)


def test_a_code_brought_back_by_another_browser_is_refused(tmp_path: Path) -> None:
    with console_with_provider(tmp_path) as (c, _):
        start = c.client.get("/signin/oidc", follow_redirects=False)
        back = httpx.get(start.headers["location"]).headers["location"]
        c.client.cookies.clear()  # the pending login's cookie stays with the first browser
        assert_refused(c, c.client.get(back.removeprefix("http://testserver"),
                                       follow_redirects=False), oidc.BAD_STATE)


def test_a_pending_login_older_than_ten_minutes_is_refused(tmp_path: Path) -> None:
    with console_with_provider(tmp_path) as (c, _):
        def later(url: str) -> str:
            c.clock.advance(minutes=11)
            return url
        assert_refused(c, through_provider(c, later), oidc.BAD_STATE)


def test_a_role_claim_the_console_does_not_know_is_refused(tmp_path: Path) -> None:
    with console_with_provider(tmp_path) as (c, idp):
        idp.behaviour.claims["jingkang_role"] = "superuser"
        refused = through_provider(c)
        assert_refused(c, refused, "统一身份认证提供的角色“superuser”在本系统中不存在，请联系管理员")
        assert _log(c) == [("nurse.zhang", "failed", "oidc")]


def test_the_role_map_reads_the_providers_groups_as_console_roles(tmp_path: Path) -> None:
    with console_with_provider(
            tmp_path, console_oidc_role_map={"psych-nurses": "hospital"}) as (c, idp):
        idp.behaviour.claims["jingkang_role"] = ["staff", "psych-nurses"]
        assert through_provider(c).headers["location"] == "/"
        assert c.home() == "/hospital"


def test_a_password_account_of_the_same_name_is_never_taken_over(tmp_path: Path) -> None:
    with console_with_provider(tmp_path) as (c, idp):
        c.create("root", "admin", with_totp=True)
        idp.behaviour.claims.update(preferred_username="root", jingkang_role="admin")
        assert_refused(c, through_provider(c), oidc.LOCAL_ACCOUNT)


def test_an_external_account_has_no_password_to_guess_nor_to_lock(tmp_path: Path) -> None:
    with console_with_provider(tmp_path, console_lockout_failures=2) as (c, _):
        through_provider(c)
        c.client.cookies.clear()
        for password in ("", PASSWORD, "a third guess"):
            assert c.sign_in("nurse.zhang", password).status_code == 401
        assert through_provider(c).headers["location"] == "/"


def test_a_second_factor_the_provider_vouches_for_is_taken(tmp_path: Path) -> None:
    with console_with_provider(tmp_path) as (c, idp):
        idp.behaviour.claims.update(preferred_username="audit.zhao", jingkang_role="auditor",
                                    amr=["pwd", "otp"])
        assert through_provider(c).headers["location"] == "/"
        assert c.home() == "/audit"  # the auditor home: fully signed in


def test_without_the_providers_second_factor_the_console_asks_for_totp(tmp_path: Path) -> None:
    with console_with_provider(tmp_path) as (c, idp):
        idp.behaviour.claims.update(preferred_username="audit.zhao", jingkang_role="auditor",
                                    amr=["pwd"])
        assert through_provider(c).headers["location"] == "/signin/code"
        assert c.home() == "/signin"  # the provider's password alone opens nothing
        secret = c.client.get("/signin/code").text.split('id="totp-secret">')[1].split("<")[0]
        assert c.code(secret).headers["location"] == "/"
        assert c.home() == "/audit"
        assert _log(c) == [("audit.zhao", "signed_in", "totp")]


def test_the_button_is_shown_only_when_a_provider_is_configured(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        assert "使用统一身份认证登录" not in c.client.get("/signin").text
        assert c.client.get("/signin/oidc", follow_redirects=False).headers["location"] == \
            "/signin"


def test_an_unreachable_provider_is_said_beside_the_button(tmp_path: Path) -> None:
    port = free_port()
    with console(tmp_path, **oidc_settings(f"http://127.0.0.1:{port}",
                                           f"http://testserver{CALLBACK}")) as c:
        answer = c.client.get("/signin/oidc", follow_redirects=False)
        assert answer.status_code == 503 and oidc.PROVIDER_UNREACHABLE in answer.text


@pytest.mark.parametrize(("change", "message"), [
    ({"iss": "http://elsewhere"}, oidc.WRONG_ISSUER),
    ({"aud": [CLIENT_ID, "other"]}, oidc.WRONG_AUDIENCE),  # several audiences want azp = us
    ({"exp": None}, oidc.EXPIRED),
])
def test_the_id_token_checks(change: dict[str, Any], message: str) -> None:
    now = datetime(2026, 12, 4, tzinfo=UTC)
    claims = {"iss": "http://idp", "aud": CLIENT_ID, "exp": int(now.timestamp()) + 60,
              "nonce": "n", **change}
    with pytest.raises(oidc.OidcRefused, match=message):
        oidc.check_id_token(claims, issuer="http://idp", client_id=CLIENT_ID, nonce="n", now=now)


def test_the_pkce_challenge_is_rfc_7636s_example() -> None:
    assert oidc.code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == \
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_in_a_browser_an_auditor_signs_in_through_the_provider_and_reads_the_log(
        tmp_path: Path) -> None:
    need_browser()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with provider(f"{base}{CALLBACK}") as idp:
        idp.behaviour.claims.update(preferred_username="audit.zhao", name="赵审计",
                                    jingkang_role="auditor", jingkang_org="audit-hebei",
                                    jingkang_region="130000", amr=["pwd", "otp"])
        settings = Settings(_env_file=None, data_dir=tmp_path,
                            console_database_url=f"sqlite+aiosqlite:///{tmp_path / 'c.db'}",
                            **oidc_settings(idp.issuer, f"{base}{CALLBACK}"))
        with served(create_app(settings), port), chromium() as browser:
            page = browser.new_context(viewport={"width": 1366, "height": 768},
                                       locale="zh-CN").new_page()
            page.goto(f"{base}/signin")
            page.fill("input[name=username]", "nobody.here")
            page.fill("input[name=password]", "not the password")
            page.click("button[type=submit]")
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "signin-oidc-1366.png"), full_page=True)
            page.click("#oidc")
            page.wait_for_url(f"{base}/audit")
            page.click("text=登录日志")
            page.wait_for_url(f"{base}/signins")
            rows = page.locator("table.list tbody tr")
            assert rows.count() == 2
            assert "统一身份认证" in rows.nth(0).inner_text()
            assert "nobody.here" in rows.nth(1).inner_text()
            assert "用户名不存在" in rows.nth(1).inner_text()
            page.screenshot(path=str(SCREENSHOTS / "signins-1366.png"), full_page=True)


HONEST = {"preferred_username": "Nurse.Zhang", "name": "张护士", "jingkang_role": "hospital",
          "jingkang_org": "hosp-sjz-8", "jingkang_region": "130100"}


@pytest.mark.parametrize(("change", "message"), [
    ({"jingkang_org": None}, "统一身份认证未提供所属机构（jingkang_org），请联系管理员"),
    ({"jingkang_region": "13"}, "统一身份认证提供的行政区划代码“13”无效，请联系管理员"),
    ({"preferred_username": "张"}, "统一身份认证提供的用户名“张”不符合本系统的用户名规则，请联系管理员"),
    ({"jingkang_role": []}, "统一身份认证提供的角色“（无）”在本系统中不存在，请联系管理员"),
])
def test_claims_that_cannot_make_an_account_are_refused(change: dict[str, Any],
                                                        message: str) -> None:
    with pytest.raises(oidc.OidcRefused) as refused:
        oidc.identity_of({**HONEST, **change}, oidc.ClaimMapping())
    assert str(refused.value) == message


def test_only_mfa_or_otp_in_amr_counts_as_the_second_factor() -> None:
    mapping = oidc.ClaimMapping()
    assert oidc.identity_of({**HONEST, "amr": ["pwd", "mfa"]}, mapping).second_factor_done
    assert not oidc.identity_of({**HONEST, "amr": ["pwd"]}, mapping).second_factor_done
    assert not oidc.identity_of({**HONEST, "amr": "otp"}, mapping).second_factor_done
    assert oidc.identity_of(HONEST, mapping).username == "nurse.zhang"
