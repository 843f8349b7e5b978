"""The auditor's workspace against the real referral and registry services on loopback ports:
a case's timeline (who, when, what), its integrity check green and — after an event forged by
an INSERT — red, naming the event; its state as of an earlier moment; both services' access logs
filtered and paged; malformed times refused beside their fields with nothing asked; and only
auditors (administrators for the case pages, as the API allows) let in."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from jingkang.common.domain.chinatime import CHINA
from jingkang.common.web.auth import mint_token
from jingkang.console.application.ports import ApiAnswer, ServiceApis
from jingkang.console.domain import labels
from jingkang.console.domain.accounts import Account
from jingkang.console.entrypoints.routes import audit as audit_routes
from jingkang_events import connect
from tests.referral import payloads
from tests.referral.test_ledger_e2e import _insert_forged_event
from tests.services.support import SECRET, running, service_env

from .support import Console, console


class RecordingApis(ServiceApis):
    """The real HTTP adapter, each call noted on its way through (what was asked, not faked)."""

    def __init__(self, inner: ServiceApis) -> None:
        self.inner, self.calls = inner, []

    async def call(self, account: Account, method: str, service: str, path: str, *,
                   params: dict[str, Any] | None = None, json: Any = None,
                   headers: dict[str, str] | None = None) -> ApiAnswer:
        self.calls.append((service, path, dict(params or {})))
        return await self.inner.call(account, method, service, path, params=params, json=json,
                                     headers=headers)

    async def close(self) -> None:
        await self.inner.close()


def _token(role: str, org: str, region: str = "130100") -> dict[str, str]:
    jwt = mint_token(SECRET, sub=f"{role}-{org}", role=role, org_id=org, region=region)
    return {"Authorization": f"Bearer {jwt}"}


class World:
    """The services, and what the tests made in them."""

    def __init__(self, env: dict[str, str], data_dir: Path) -> None:
        self.env, self.data_dir = env, data_dir
        self.referral, self.registry = env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"]
        self.closed_case = self.forged_case = ""
        self.between = datetime.now(CHINA)

    def upload(self, serial: int) -> str:
        made = httpx.post(f"{self.referral}/v1/referrals/medical-assessments",
                          json=payloads.upload(serial), headers=_token("hospital", "hosp-1"))
        assert made.status_code == 201, made.text
        return made.json()["case_id"]

    def events(self, case_id: str) -> list[dict[str, Any]]:
        return httpx.get(f"{self.referral}/v1/cases/{case_id}/events",
                         headers=_token("auditor", "audit", "130000")).json()["events"]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    data_dir = tmp_path_factory.mktemp("audit")
    env = service_env(data_dir)
    with running(["run"], env, [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"]]):
        w = World(env, data_dir)
        w.closed_case = w.upload(1)
        time.sleep(1.2)  # the earlier moment lies a whole second between the two events
        w.between = datetime.now(CHINA).replace(microsecond=0)
        time.sleep(1.2)
        closed = httpx.post(f"{w.referral}/v1/cases/{w.closed_case}/withdrawal",
                            json={"reason": "withdrawn"},
                            headers=_token("social_worker", "sw-org"))
        assert closed.status_code == 200, closed.text
        w.forged_case = w.upload(2)
        last = w.events(w.forged_case)[-1]

        async def forge() -> None:
            db = await connect(f"sqlite+aiosqlite:///{data_dir / 'referral.db'}")
            try:
                await _insert_forged_event(db, w.forged_case, last, "CaseClosed",
                                           {"reason": "withdrawn"})
            finally:
                await db.close()
        asyncio.run(forge())
        httpx.get(f"{w.registry}/v1/archives/patients")  # no token: a refusal in its log
        yield w


def _console(tmp_path: Path, w: World) -> Any:
    return console(tmp_path, referral_url=w.referral, registry_url=w.registry,
                   jwt_secret=SECRET)


def _signed_in(c: Console, username: str, role: str) -> RecordingApis:
    account = c.create(username, role, with_totp=role in ("auditor", "admin"))
    c.sign_in(username)
    if account.totp_secret:
        c.code(account.totp_secret)
    c.app.state.runtime.apis = apis = RecordingApis(c.app.state.runtime.apis)
    return apis


@pytest.fixture
def auditor(tmp_path: Path, world: World) -> Iterator[tuple[Console, RecordingApis]]:
    with _console(tmp_path, world) as c:
        yield c, _signed_in(c, "audit.wang", "auditor")


def test_the_auditor_reads_a_cases_timeline_who_when_what(auditor: Any, world: World) -> None:
    c, _ = auditor
    assert c.home() == "/audit"
    page = c.client.get("/audit", params={"case": world.closed_case})
    assert page.status_code == 200
    rows = re.findall(r"<tr class=\"\">(.*?)</tr>", page.text[page.text.index('id="timeline"'):],
                      re.S)
    assert len(rows) == 2
    first, second = world.events(world.closed_case)
    assert labels.chinese_time(first["recorded_at"]) in rows[0]
    assert "医疗机构" in rows[0] and "hosp-1 · hospital-hosp-1" in rows[0]
    assert "医疗机构评估转介" in rows[0] and "出院康复评估" in rows[0]
    assert "已加密（个人信息，当前角色不可读）" in rows[0]  # as the API keeps it for auditors
    assert "张三" not in page.text
    assert "社会工作者" in rows[1] and "结案" in rows[1] and "本人或监护人退出" in rows[1]
    assert 'class="verdict verdict-ok"' in page.text and "完整性核验通过" in page.text
    assert "已核对 2 个事件的哈希链与 2 个封印" in page.text
    assert world.closed_case in page.text[page.text.index('id="recent"'):]  # in scope


def test_a_forged_event_turns_the_integrity_check_red_and_is_named(auditor: Any,
                                                                   world: World) -> None:
    c, _ = auditor
    page = c.client.get("/audit", params={"case": world.forged_case}).text
    assert 'class="verdict verdict-bad"' in page
    assert "完整性核验未通过：第 2 个事件" in page and "没有封印" in page
    assert '<tr class="bad">' in page  # the forged event marked on the timeline


def test_the_state_as_of_an_earlier_moment_in_china_time(auditor: Any, world: World) -> None:
    c, apis = auditor
    moment = world.between.strftime("%Y-%m-%dT%H:%M:%S")
    page = c.client.get("/audit", params={"case": world.closed_case, "as_of": moment}).text
    then = page[page.index('id="as-of"'):page.index('id="timeline"')]
    assert f"{world.between.hour:02d}:{world.between.minute:02d}" in then and "时的状态" in then
    assert "已登记" in then and "第 1 个事件后" in then
    assert "已结案" in page[:page.index('id="as-of"')]  # the case now
    asked = [p for _, path, p in apis.calls if p.get("as_of")]
    assert asked == [{"as_of": world.between.isoformat()}]  # China time, +08:00
    before = c.client.get("/audit", params={"case": world.closed_case,
                                            "as_of": "2001-01-01T08:00"}).text
    assert "该时点个案尚未建立" in before


@pytest.mark.parametrize("as_of", ["2026-13-45T10:00", "yesterday", "1999-12-31T23:00"])
def test_a_malformed_as_of_is_refused_beside_its_field_and_nothing_is_asked(
        auditor: Any, world: World, as_of: str) -> None:
    c, apis = auditor
    page = c.client.get("/audit", params={"case": world.closed_case, "as_of": as_of})
    assert page.status_code == 422
    assert re.search(r'<span class="error" id="err-as_of">[^<]+</span>', page.text)
    assert apis.calls == []


@pytest.mark.parametrize(("params", "says"), [
    ({"case": "../v1/audit"}, "个案标识只含字母"), ({"as_of": "2026-12-04T10:00"}, "请先填写")])
def test_a_malformed_case_id_is_refused_beside_its_field_and_nothing_is_asked(
        auditor: Any, params: dict, says: str) -> None:
    c, apis = auditor
    page = c.client.get("/audit", params=params)
    assert page.status_code == 422 and apis.calls == []
    assert re.search(rf'<span class="error" id="err-case">{says}', page.text)


def test_a_case_out_of_sight_is_said_so_beside_its_field(auditor: Any) -> None:
    c, apis = auditor
    page = c.client.get("/audit", params={"case": "no-such-case"}).text
    assert '<span class="error" id="err-case">未找到此个案' in page
    assert [path for _, path, _ in apis.calls] == ["/v1/cases/no-such-case", "/v1/cases"]


def test_the_access_log_filtered_by_case_paged_and_printable(auditor: Any, world: World,
                                                            monkeypatch: Any) -> None:
    c, _ = auditor
    for _ in range(2):
        c.client.get("/audit", params={"case": world.closed_case})
    page = c.client.get("/audit/access-log", params={"case": world.closed_case}).text
    rows = re.findall(r"<tr class=\"[a-z]*\">(.*?)</tr>", page, re.S)
    assert len(rows) >= 6 and all(world.closed_case in row for row in rows)
    assert "console:audit.wang" in page and "审计人员" in page and "完整性核验" in page
    assert '<button type="button" data-print>打印</button>' in page
    monkeypatch.setattr(audit_routes, "LOG_PAGE", 2)
    first = c.client.get("/audit/access-log", params={"case": world.closed_case}).text
    following = re.search(r'href="(/audit/access-log\?[^"]+)" rel="next"', first)
    assert following and "case=" in following.group(1)
    second = c.client.get(following.group(1).replace("&amp;", "&")).text
    first_ids, second_ids = (
        [int(n) for n in re.findall(r'<td class="entry">(\d+)</td>', html)]
        for html in (first, second))
    assert len(first_ids) == len(second_ids) == 2 and min(first_ids) > max(second_ids)
    assert "第一页" in second and "第一页" not in first


def test_the_registrys_log_refusals_and_china_dates(auditor: Any, world: World) -> None:
    c, apis = auditor
    today = datetime.now(CHINA).date().isoformat()
    page = c.client.get("/audit/access-log", params={
        "service": "registry", "outcome": "refused", "since": today, "until": today}).text
    assert "（无有效凭证）" in page and "/v1/archives/patients" in page and "拒绝（401）" in page
    service, path, params = apis.calls[-1]
    assert (service, path) == ("registry", "/v1/audit/access-log")
    assert params["since"] == f"{today}T00:00:00+08:00"
    assert params["until"].endswith("T00:00:00+08:00") and params["until"] > params["since"]
    earlier = c.client.get("/audit/access-log", params={"service": "registry",
                                                       "until": "2026-01-01"}).text
    assert "没有符合条件的访问记录" in earlier


@pytest.mark.parametrize(("field", "value"), [("since", "昨天"), ("until", "2026-02-30"),
                                              ("since", "2026-12-04 25:00"),
                                              ("service", "console")])
def test_a_malformed_since_or_until_is_refused_beside_its_field_and_nothing_is_asked(
        auditor: Any, field: str, value: str) -> None:
    c, apis = auditor
    page = c.client.get("/audit/access-log", params={field: value})
    assert page.status_code == 422
    assert re.search(rf'<span class="error" id="err-{field}">[^<]+</span>', page.text)
    assert apis.calls == []


def test_others_are_turned_away_and_administrators_read_cases_only(tmp_path: Path,
                                                                    world: World) -> None:
    for name in ("nurse", "admin"):
        (tmp_path / name).mkdir()
    with _console(tmp_path / "nurse", world) as c:
        apis = _signed_in(c, "nurse.li", "hospital")
        for path in ("/audit", "/audit/access-log"):
            assert c.client.get(path, follow_redirects=False).headers["location"] == "/"
        assert apis.calls == []
        assert 'href="/audit"' not in c.client.get("/hospital").text
    with _console(tmp_path / "admin", world) as c:
        _signed_in(c, "root", "admin")
        page = c.client.get("/audit", params={"case": world.closed_case}).text
        assert "完整性核验通过" in page and 'href="/audit"' in page
        assert 'href="/audit/access-log"' not in page  # the API keeps its log for auditors
        assert c.client.get("/audit/access-log",
                            follow_redirects=False).headers["location"] == "/"
