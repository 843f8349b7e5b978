"""The sign-in log: every sign-in, sign-out, failure, lockout and expiry stored with who,
when, from where and what came of it; read on /signins by the administrator and the auditor."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from jingkang.common.adapters.migrations import head_revision, upgrade_to_head_async
from jingkang.common.domain.chinatime import CHINA
from jingkang.console.adapters.signin_log import SqlSignInLog
from jingkang.console.domain.signin_log import PAGE_SIZE, SignInEntry, SignInQuery

from ..conftest import schema_state

from .support import Console, console


def _log(c: Console) -> list[tuple]:
    return sqlite3.connect(c.database).execute(
        "SELECT username, outcome, method, client, at FROM console_signins ORDER BY id").fetchall()


def _as_admin(c: Console) -> None:
    admin = c.create("root", "admin", with_totp=True)
    c.sign_in("root")
    c.code(admin.totp_secret)


def test_a_sign_in_and_a_sign_out_land_with_who_when_where_and_outcome(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        c.create("nurse.li", "hospital")
        c.sign_in("nurse.li")
        c.clock.advance(minutes=3)
        c.client.post("/signout", data={"csrf": c.csrf("/hospital")})
        signed_in, signed_out = _log(c)
        assert signed_in[:4] == ("nurse.li", "signed_in", "password", "testclient")
        assert signed_in[4].startswith("2026-12-04 02:00")
        assert signed_out[:2] == ("nurse.li", "signed_out")
        assert signed_out[4].startswith("2026-12-04 02:03")


def test_failures_a_lockout_and_a_refusal_while_locked_each_land(tmp_path: Path) -> None:
    with console(tmp_path, console_lockout_failures=2) as c:
        c.create("nurse.li", "hospital")
        c.sign_in("nobody.here", "whatever!!")
        c.sign_in("nurse.li", "wrong password!")
        c.sign_in("nurse.li", "wrong password!")
        c.sign_in("nurse.li")
        details = sqlite3.connect(c.database).execute(
            "SELECT detail FROM console_signins ORDER BY id").fetchall()
        assert [d for (d,) in details] == ["用户名不存在", "密码错误", "密码错误", "连续2次登录失败", ""]
        assert [row[:3] for row in _log(c)] == [
            ("nobody.here", "failed", "password"), ("nurse.li", "failed", "password"),
            ("nurse.li", "failed", "password"), ("nurse.li", "locked", "password"),
            ("nurse.li", "refused_locked", "password")]


def test_the_second_factor_and_an_expired_session_land(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        admin = c.create("root", "admin", with_totp=True)
        c.sign_in("root")
        c.code(admin.totp_secret, offset_steps=5)
        c.code(admin.totp_secret)
        c.clock.advance(minutes=31)
        c.home()
        assert [row[:3] for row in _log(c)] == [
            ("root", "failed", "totp"), ("root", "signed_in", "totp"), ("root", "expired", "")]


def test_the_log_refuses_to_be_changed_or_emptied(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        c.create("nurse.li", "hospital")
        c.sign_in("nurse.li")
        db = sqlite3.connect(c.database)
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("UPDATE console_signins SET outcome = 'failed'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("DELETE FROM console_signins")


@pytest.mark.parametrize("role", ["hospital", "civil_affairs", "platform"])
def test_only_the_administrator_and_the_auditor_read_the_log(tmp_path: Path, role: str) -> None:
    with console(tmp_path) as c:
        account = c.create("someone", role, with_totp=True)
        c.sign_in("someone")
        if account.needs_second_factor:
            c.code(account.totp_secret)
        refused = c.client.get("/signins", follow_redirects=False)
        assert refused.status_code == 303 and refused.headers["location"] == "/"


def test_the_auditor_reads_the_log_in_chinese(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        auditor = c.create("audit.zhao", "auditor", with_totp=True)
        c.sign_in("nobody.here", "whatever!!")
        c.sign_in("audit.zhao")
        c.code(auditor.totp_secret)
        text = c.client.get("/signins").text
        assert "登录日志" in text and "登录失败" in text and "登录成功" in text
        assert "nobody.here" in text and "2026年12月4日 10:00" in text and "testclient" in text


def test_the_filters_narrow_by_username_outcome_and_china_dates(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        c.create("nurse.li", "hospital")
        c.sign_in("nurse.li", "wrong password!")  # 2026-12-04, China time
        c.clock.advance(days=2)
        c.sign_in("nurse.li")  # 2026-12-06
        _as_admin(c)
        only = c.client.get("/signins", params={"username": "nurse.li", "outcome": "failed"}).text
        assert "共 1 条记录" in only and "2026年12月4日" in only
        dated = c.client.get("/signins", params={"username": "nurse.li", "since": "2026-12-05",
                                                 "until": "2026-12-06"}).text
        assert "共 1 条记录" in dated and "登录成功" in dated and "2026年12月6日" in dated


def test_the_log_is_read_page_by_page_newest_first(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        log = c.app.state.runtime.signin_log
        for minute in range(PAGE_SIZE + 5):
            entry = SignInEntry(datetime(2026, 12, 3, 1, minute % 60, tzinfo=UTC),
                                f"user-{minute:03d}", "failed", "10.0.0.1", "password")
            c.client.portal.call(log.record, entry)
        _as_admin(c)
        first = c.client.get("/signins", params={"outcome": "failed"}).text
        assert "第 1 / 2 页" in first and "user-054" in first and "user-004" not in first
        second = c.client.get("/signins", params={"outcome": "failed", "page": "2"}).text
        assert "user-004" in second and "user-054" not in second


@pytest.mark.parametrize(("params", "field", "message"), [
    ({"since": "2026-13-01"}, "since", "日期格式应为 2026-12-04"),
    ({"since": "2026-12-05", "until": "2026-12-01"}, "until", "结束日期不能早于开始日期"),
    ({"outcome": "hacked"}, "outcome", "请选择登录结果"),
    ({"page": "0"}, "page", "页码须为正整数"),
])
def test_bad_filters_are_refused_beside_their_field(tmp_path: Path, params: dict, field: str,
                                                    message: str) -> None:
    with console(tmp_path) as c:
        _as_admin(c)
        refused = c.client.get("/signins", params=params)
        assert refused.status_code == 422
        assert f'<span class="error" id="err-{field}">{message}</span>' in refused.text


async def test_the_console_database_upgrades_from_empty_to_its_tables(empty_url: str) -> None:
    await upgrade_to_head_async("console", empty_url)
    revision, differences = await schema_state(empty_url, "console")
    assert revision == head_revision("console") == "console_0003"
    assert differences == []


async def test_on_each_engine_the_log_filters_pages_and_refuses_changes(empty_url: str) -> None:
    await upgrade_to_head_async("console", empty_url)
    engine = create_async_engine(empty_url)
    try:
        log = SqlSignInLog(engine)
        for hour in range(0, 48, 4):  # 2026-12-04 08:00 to 2026-12-06 04:00 in China
            await log.record(SignInEntry(datetime(2026, 12, 4, hour % 24, tzinfo=UTC)
                                         + timedelta(days=hour // 24), "nurse.li",
                                         "failed" if hour % 8 else "signed_in", "10.0.0.1"))
        entries, total = await log.search(SignInQuery(
            outcome="failed", since=date(2026, 12, 5), until=date(2026, 12, 5)))
        assert total == 3 and len(entries) == 3
        assert [e.at.astimezone(CHINA).day for e in entries] == [5, 5, 5]
        assert entries[0].at > entries[-1].at  # newest first
        with pytest.raises(DBAPIError, match="append-only"):
            async with engine.begin() as conn:
                await conn.execute(text("DELETE FROM console_signins"))
    finally:
        await engine.dispose()
