"""The work lists against the three real services on loopback ports: every filter reaches the
API and narrows the list, the cursor pages on, a bad filter value is refused in Chinese beside
its field before anything is asked, and the queues page instead of stopping at 100."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from jingkang.console.config import Settings
from jingkang.demo.accounts import DEMO_ACCOUNTS, create_console_accounts

from ..referral.payloads import upload
from ..services.support import running, service_env, token
from .browser import SCREENSHOTS, chromium, need_browser

SEEDED = 55  # more than one page of 50
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_ROWS = re.compile(r'<td><a href="/cases/([^"]+)">')


def _seed(referral: str) -> dict[str, str]:
    """55 cases in 130102 of risk level 1, and one each in 130104 (risk 4) and 130105."""
    hospital = token("hospital", org="hosp-1", region="130100")
    made: dict[str, str] = {}
    with httpx.Client(base_url=referral, headers=hospital, timeout=30) as http:
        for serial in range(SEEDED + 2):
            region, risk = {SEEDED: ("130104", 4), SEEDED + 1: ("130105", 1)}.get(
                serial, ("130102", 1))
            answer = http.post("/v1/referrals/medical-assessments", json=upload(
                serial, residence_region=region, risk_level=risk))
            assert answer.status_code == 201, answer.text
            made[f"{region}-{serial}"] = answer.json()["case_id"]
    return made


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The three services (``jingkang run``), the demo's console accounts, the seeded cases."""
    data_dir = tmp_path_factory.mktemp("worklists")
    env = service_env(data_dir)
    bases = [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"],
             f"http://127.0.0.1:{env['JINGKANG_CONSOLE_PORT']}"]
    with running(["run"], env, bases):
        create_console_accounts(Settings(_env_file=None, data_dir=data_dir))
        yield bases[2], _seed(bases[0])


@contextmanager
def signed_in(base: str, username: str) -> Iterator[httpx.Client]:
    account = next(a for a in DEMO_ACCOUNTS if a.username == username)
    with httpx.Client(base_url=base, timeout=30) as http:
        csrf = _CSRF.search(http.get("/signin").text)
        assert csrf
        answer = http.post("/signin", data={"username": account.username,
                                            "password": account.password, "csrf": csrf.group(1)})
        assert answer.status_code == 303, answer.text
        yield http


def rows(html: str) -> list[str]:
    return _ROWS.findall(html)


def test_each_filter_narrows_the_list(system: Any) -> None:
    base, made = system
    with signed_in(base, "demo-platform") as http:
        assert len(rows(http.get("/cases").text)) == 50
        by_region = http.get("/cases", params={"region": "130104"}).text
        assert rows(by_region) == [made[f"130104-{SEEDED}"]]
        assert "河北省石家庄市" in by_region  # the code's name shown beside it
        risky = http.get("/cases", params={"risk_level_min": "3"}).text
        assert rows(risky) == [made[f"130104-{SEEDED}"]]
        assert rows(http.get("/cases", params={"state": "dispatched"}).text) == []
        assert len(rows(http.get("/cases", params={"state": "registered"}).text)) == 50
        assert rows(http.get("/cases", params={"institution_id": "nowhere"}).text) == []
        assert rows(http.get("/cases", params={"updated_since": "2099-01-01"}).text) == []
        assert len(rows(http.get("/cases", params={"updated_since": "2020-01-01"}).text)) == 50
        queue = http.get("/cases", params={"due": "dispatch", "overdue": "false",
                                           "region": "130105"})
        assert rows(queue.text) == [made[f"130105-{SEEDED + 1}"]]
        assert "分派期限" in queue.text
        assert rows(http.get("/cases", params={"due": "dispatch", "overdue": "true"}).text) == []


def _next_link(html: str) -> str:
    found = re.search(r'<a href="([^"]+)" rel="next">下一页</a>', html)
    assert found, "no next page link"
    return found.group(1).replace("&amp;", "&")


def test_the_cursor_pages_on_keeping_the_filters(system: Any) -> None:
    base, made = system
    with signed_in(base, "demo-platform") as http:
        first = http.get("/cases", params={"state": "registered"}).text
        assert "第一页" not in first
        following = _next_link(first)
        assert "state=registered" in following
        second = http.get(following).text
        assert 'href="/cases?state=registered">第一页</a>' in second
        assert 'rel="next"' not in second
        assert set(rows(first)).isdisjoint(rows(second))
        assert set(rows(first)) | set(rows(second)) == set(made.values())


def test_a_bad_filter_value_is_refused_beside_its_field(system: Any) -> None:
    base, _ = system
    with signed_in(base, "demo-platform") as http:
        answer = http.get("/cases", params={"region": "13x", "risk_level_min": "9",
                                            "updated_since": "2026-13-01", "state": "flying"})
        assert answer.status_code == 422
        assert '<span class="error" id="err-region">行政区划代码为6位数字' in answer.text
        assert 'id="err-risk_level_min">危险性等级为0至5级' in answer.text
        assert 'id="err-updated_since">请填写有效日期' in answer.text
        assert 'id="err-state">请从选项中选择状态' in answer.text
        assert 'value="13x"' in answer.text  # the form keeps what was typed
        unknown = http.get("/cases", params={"region": "999999"})
        assert 'id="err-region">不是有效的行政区划代码' in unknown.text
        alone = http.get("/cases", params={"overdue": "true"})
        assert 'id="err-overdue">请先选择待办事项' in alone.text
        forged = http.get("/cases", params={"cursor": "not-a-cursor"})  # the API refuses it
        assert forged.status_code == 422 and "翻页位置无效，请从第一页重新开始" in forged.text


def test_the_queues_page_past_the_first_fifty(system: Any) -> None:
    base, made = system
    with signed_in(base, "demo-platform") as http:
        first = http.get("/queues/dispatch").text
        assert len(rows(first.split("候补名单")[0])) == 50
        second = http.get(_next_link(first)).text.split("候补名单")[0]
        assert len(rows(second)) == len(made) - 50
        risky = rows(http.get("/queues/dispatch", params={"risk_level_min": "4"}).text)
        assert risky == [made[f"130104-{SEEDED}"]]
        stale = http.get("/queues/dispatch", params={"waitlist_cursor": "stale"}).text
        assert "翻页位置无效，请从第一页重新开始" in stale  # the waitlist's refusal shown too
    with signed_in(base, "demo-social-worker") as http:
        page = http.get("/queues/reconfirmation")
        assert page.status_code == 200 and "再次审核队列" in page.text
        # registered today: the three months have not passed, so every case waits, not late
        assert len(rows(page.text)) == 50
        assert rows(http.get("/queues/reconfirmation", params={"overdue": "true"}).text) == []
        assert "审核队列" in http.get("/queues/review").text


def test_sorting_by_the_last_update_either_way(system: Any) -> None:
    base, made = system
    with signed_in(base, "demo-platform") as http:
        newest = rows(http.get("/cases", params={"region": "130102"}).text)
        oldest = rows(http.get("/cases", params={"region": "130102", "sort": "updated_at"}).text)
        assert oldest[0] == made["130102-0"] and newest[0] == made[f"130102-{SEEDED - 1}"]
        assert oldest[:5] == [made[f"130102-{n}"] for n in range(5)]
        both = http.get("/cases", params={"due": "dispatch", "sort": "updated_at"})
        assert both.status_code == 422
        assert 'id="err-sort">待办队列按危险性和期限排序' in both.text
        assert 'id="err-sort">请从选项中选择排序' in http.get(
            "/cases", params={"sort": "name"}).text


BUDGET = 300_000  # bytes transferred for a work list's first page, everything included
SIZES = {"1366": {"width": 1366, "height": 768}, "1920": {"width": 1920, "height": 1080}}


def _browser_signed_in(browser: Any, base: str, username: str) -> Any:
    account = next(a for a in DEMO_ACCOUNTS if a.username == username)
    page = browser.new_context(viewport=SIZES["1366"], locale="zh-CN").new_page()
    page.goto(f"{base}/signin")
    page.fill("input[name=username]", account.username)
    page.fill("input[name=password]", account.password)
    page.click("button[type=submit]")
    return page


def _weighed(page: Any, url: str) -> tuple[int, list[str]]:
    """The bytes of every response the page's load brought (bodies and headers), and the
    addresses asked; with every request routed, the browser's cache is off (a cold load)."""
    loaded: list[Any] = []
    page.route("**/*", lambda route: route.continue_())

    def keep(request: Any) -> None:
        loaded.append(request)

    page.on("requestfinished", keep)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("requestfinished", keep)
    sizes = [request.sizes() for request in loaded]
    return (sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes),
            [request.url for request in loaded])


def test_the_first_page_of_a_work_list_stays_under_the_budget(system: Any) -> None:
    need_browser()
    base, _ = system
    with chromium() as browser:
        page = _browser_signed_in(browser, base, "demo-platform")
        for path in ("/cases", "/queues/dispatch"):
            weight, asked = _weighed(page, f"{base}{path}")
            assert page.locator("table.list tbody tr").count() >= 50
            assert not any("echarts" in url for url in asked), asked
            assert any(url.endswith("/static/console.css") for url in asked)
            print(f"{path}: {weight} bytes in {len(asked)} responses")
            assert weight < BUDGET, f"{path}: {weight} bytes"


def test_a_list_prints_with_its_title_filters_and_date(system: Any) -> None:
    need_browser()
    base, _ = system
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        page = _browser_signed_in(browser, base, "demo-platform")
        page.goto(f"{base}/cases")
        page.select_option("select[name=state]", "registered")  # by keyboard: fill and Enter
        page.fill("input[name=region]", "130102")
        page.press("input[name=region]", "Enter")
        page.wait_for_url("**/cases?*region=130102*")
        assert page.locator("button.print-button").inner_text() == "打印"
        for size in ("1920", "1366"):
            page.set_viewport_size(SIZES[size])
            page.screenshot(path=str(SCREENSHOTS / f"cases-{size}.png"), full_page=True)
        page.emulate_media(media="print")
        assert not page.locator("header.top").is_visible()
        assert not page.locator("form.filters").is_visible()
        head = page.locator(".print-head").inner_text()
        assert "个案列表" in head and "状态：已登记" in head
        assert "居住地：河北省石家庄市长安区（130102）" in head
        assert re.search(r"打印日期：20\d\d年\d{1,2}月\d{1,2}日", head)
        assert page.locator("table.list td").first.evaluate(
            "cell => getComputedStyle(cell).borderTopStyle") == "solid"
        page.screenshot(path=str(SCREENSHOTS / "cases-print.png"), full_page=True)
        page.emulate_media(media="screen")
        page.locator("table.list tbody a").first.click()
        page.emulate_media(media="print")
        assert not page.locator(".case-actions").is_visible()
        assert "打印日期：" in page.locator(".print-head").inner_text()
        page.screenshot(path=str(SCREENSHOTS / "case-print.png"), full_page=True)
