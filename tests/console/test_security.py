"""The console's sign-in rules (等保 level 3): each test fails if its rule is taken out."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from jingkang.console.application.signin import LOCKED

from .support import PASSWORD, console


def test_passwords_are_stored_as_argon2id_hashes_never_as_given(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        c.create("nurse.li", "hospital")
        stored = sqlite3.connect(c.database).execute(
            "SELECT password_hash FROM console_accounts WHERE username = 'nurse.li'").fetchone()[0]
        assert stored.startswith("$argon2id$") and PASSWORD not in stored
        assert c.sign_in("nurse.li").headers["location"] == "/"


def test_five_failures_in_a_row_lock_the_account_even_against_the_right_password(
        tmp_path: Path) -> None:
    with console(tmp_path) as c:
        c.create("nurse.li", "hospital")
        for _ in range(4):
            assert c.sign_in("nurse.li", "wrong password!").status_code == 401
        assert LOCKED in c.sign_in("nurse.li", "wrong password!").text
        refused = c.sign_in("nurse.li")
        assert refused.status_code == 401 and LOCKED in refused.text
        c.clock.advance(minutes=16)
        assert c.sign_in("nurse.li").headers["location"] == "/"


def test_a_form_without_the_session_csrf_token_is_refused(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        admin = c.create("root", "admin", with_totp=True)
        c.sign_in("root")
        c.code(admin.totp_secret)
        body = {"username": "sw.wang", "role": "social_worker", "org_id": "org-1",
                "region": "130102", "password": "long enough password"}
        refused = c.client.post("/admin/accounts", data={**body, "csrf": "forged"})
        assert refused.status_code == 403 and "CSRF" in refused.text
        assert "sw.wang" not in c.client.get("/admin/accounts").text
        created = c.client.post("/admin/accounts", data={**body, "csrf": c.csrf("/admin/accounts")})
        assert created.status_code == 200 and "已创建账户 sw.wang" in created.text


def test_the_sign_in_form_needs_its_csrf_cookie_and_field(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        c.create("nurse.li", "hospital")
        c.client.get("/signin")
        refused = c.client.post("/signin", data={"username": "nurse.li", "password": PASSWORD,
                                                 "csrf": "forged"}, follow_redirects=False)
        assert refused.status_code == 403 and "jk_session" not in refused.cookies


def test_an_idle_session_is_signed_out(tmp_path: Path) -> None:
    with console(tmp_path, console_idle_minutes=30) as c:
        c.create("sw.wang", "social_worker")
        c.sign_in("sw.wang")
        c.clock.advance(minutes=29)
        assert c.home() == "/queues/review"  # used: the idle time starts again
        c.clock.advance(minutes=29)
        assert c.home() == "/queues/review"
        c.clock.advance(minutes=31)
        assert c.home() == "/signin"


def test_an_administrator_needs_the_totp_code_after_the_password(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        admin = c.create("root", "admin", with_totp=True)
        assert c.sign_in("root").headers["location"] == "/signin/code"
        assert c.home() == "/signin"  # the password alone opens nothing
        assert c.code(admin.totp_secret, offset_steps=5).status_code == 401
        assert c.code(admin.totp_secret).headers["location"] == "/"
        assert c.home() == "/admin/accounts"


def test_a_used_totp_code_is_not_taken_twice(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        admin = c.create("root", "admin", with_totp=True)
        c.sign_in("root")
        assert c.code(admin.totp_secret).status_code == 303
        c.client.cookies.clear()
        c.sign_in("root")
        assert c.code(admin.totp_secret).status_code == 401


def test_an_auditor_without_an_authenticator_enrols_one_before_anything_opens(
        tmp_path: Path) -> None:
    with console(tmp_path) as c:
        c.create("audit.zhao", "auditor")
        assert c.sign_in("audit.zhao").headers["location"] == "/signin/code"
        page = c.client.get("/signin/code").text
        secret = page.split('id="totp-secret">')[1].split("<")[0]
        assert c.home() == "/signin"
        assert c.code(secret).headers["location"] == "/"
        assert c.home() == "/audit"  # the auditor's workspace


def test_the_session_cookie_is_httponly_samesite_and_secure_over_https(tmp_path: Path) -> None:
    with console(tmp_path, base_url="https://testserver") as c:
        c.create("nurse.li", "hospital")
        cookie = c.sign_in("nurse.li").headers["set-cookie"].lower()
        assert "jk_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
        assert "secure" in cookie


def test_signing_out_ends_the_session(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        c.create("nurse.li", "hospital")
        c.sign_in("nurse.li")
        c.client.post("/signout", data={"csrf": c.csrf("/hospital")})
        assert c.home() == "/signin"
