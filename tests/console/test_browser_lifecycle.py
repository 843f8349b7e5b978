"""A case's whole life in the console, in real Chromium against the three real services, each
step done by the role that owns it in a browser context of its own: the hospital uploads, the
platform dispatches from the residence's institutions, the institution accepts, evaluates with
its team, signs the agreement, records a service, reassesses, closes the case into employment
and visits it afterwards.  A second case relocates between two institutions, and a third goes
down the relapse green channel and comes back.  Nothing personal is shown to a role the API
masks it from."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from jingkang.common.domain.chinatime import china_date
from jingkang.console.config import Settings
from jingkang.demo.accounts import DemoAccount, create_console_accounts

from ..registry.scenario import institution_body
from ..services.support import running, service_env, token
from .browser import SCREENSHOTS, chromium, need_browser

CENTRE, QIAOXI = "hb-sjz-centre-01", "hb-sjz-qx-07"
QIAOXI_ACCOUNT = DemoAccount("qx-front-desk", "institution", QIAOXI, "130104", "桥西区康复站 前台",
                             "qiaoxi front desk 1")
SIZES = {"1366": {"width": 1366, "height": 768}, "1920": {"width": 1920, "height": 1080}}


def _id_number(serial: int) -> str:
    body = f"13010219800101{serial:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def _register_institutions(registry: str) -> None:
    official = token("civil_affairs", org="ca-sjz", region="130100")
    for serial, (iid, county) in enumerate(((CENTRE, "130102"), (QIAOXI, "130104")), start=1):
        body = institution_body((iid, county, None, "county", "station", "urban", 20, "-"),
                                900 + serial)
        body["name"] = {CENTRE: "石家庄市精神障碍社区康复服务中心", QIAOXI: "桥西区精康融合服务站"}[iid]
        answer = httpx.post(f"{registry}/v1/institutions", json=body, headers=official)
        assert answer.status_code == 201, answer.text


def _directory_caught_up(referral: str) -> None:
    platform = token("platform", org="platform", region="130000")
    for _ in range(200):
        answer = httpx.get(f"{referral}/readyz").json()
        consumers = answer["checks"]["consumers"]
        if consumers and consumers[0]["caught_up"] and consumers[0]["position"] >= 2:
            return
        time.sleep(0.1)
    raise AssertionError(f"the referral directory never caught up: {answer} {platform}")


def _create_account(data_dir: Any, demo: DemoAccount) -> None:
    from jingkang.console.bootstrap import build_runtime

    async def create() -> None:
        runtime = await build_runtime(Settings(_env_file=None, data_dir=data_dir))
        try:
            await runtime.accounts.create(
                username=demo.username, role=demo.role, org_id=demo.org_id, region=demo.region,
                display_name=demo.display_name, password=demo.password, with_totp=False,
                created_by="test")
        finally:
            await runtime.close()
    asyncio.run(create())


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    need_browser()
    data_dir = tmp_path_factory.mktemp("console-lifecycle")
    env = service_env(data_dir)
    bases = [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"],
             f"http://127.0.0.1:{env['JINGKANG_CONSOLE_PORT']}"]
    with running(["run"], env, bases):
        _register_institutions(bases[1])
        _directory_caught_up(bases[0])
        made = create_console_accounts(Settings(_env_file=None, data_dir=data_dir))
        _create_account(data_dir, QIAOXI_ACCOUNT)
        accounts = {demo.role: demo for demo, _, _ in made}
        accounts["qiaoxi"] = QIAOXI_ACCOUNT
        with chromium() as browser:
            yield {"base": bases[2], "referral": bases[0], "accounts": accounts,
                   "browser": browser}


class Desk:
    """One role's browser context, signed in."""

    def __init__(self, system: dict[str, Any], role: str) -> None:
        self.base = system["base"]
        self.page = system["browser"].new_context(viewport=SIZES["1366"],
                                                  locale="zh-CN").new_page()
        account = system["accounts"][role]
        self.page.goto(f"{self.base}/signin")
        self.page.fill("input[name=username]", account.username)
        self.page.fill("input[name=password]", account.password)
        self.page.click("button[type=submit]")
        assert "/signin" not in self.page.url, self.page.locator(".error").all_inner_texts()

    def open(self, case_path: str) -> None:
        self.page.goto(self.base + case_path)

    @property
    def state(self) -> str:
        return self.page.locator(".case-head .state").inner_text()

    def action(self, label: str) -> Any:
        """The action's form, opened."""
        details = self.page.locator("details.action", has=self.page.locator(
            "summary", has_text=label))
        details.locator("summary").click()
        return details.locator("form").first

    def submit(self, form: Any) -> None:
        form.locator("button[type=submit]").click()
        self.page.wait_for_load_state()
        assert self.page.locator(".error").count() == 0, \
            self.page.locator(".error").all_inner_texts()

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for size in ("1920", "1366"):
            self.page.set_viewport_size(SIZES[size])
            self.page.screenshot(path=str(SCREENSHOTS / f"{name}-{size}.png"), full_page=True)


def _today() -> str:
    return china_date(datetime.now(UTC)).isoformat()


def _upload(system: dict[str, Any], serial: int) -> str:
    hospital = Desk(system, "hospital")
    page = hospital.page
    page.fill("input[name='person.name']", "孙八")
    page.fill("input[name='person.id_number']", _id_number(serial))
    page.fill("input[name=residence_region]", "130102")
    page.fill("input[name='person.guardian.name']", "孙梅")
    page.fill("input[name='person.guardian.relation']", "姐姐")
    page.fill("input[name=assessed_on]", _today())
    page.fill("input[name=diagnosis]", "精神分裂症")
    page.fill("input[name=risk_level]", "1")
    page.fill("textarea[name=recommendation]", "病情稳定，建议转介社区康复")
    for box in ("consent.patient", "consent.guardian", "consent.share"):
        page.check(f"input[name='{box}']")
    page.click("form[action='/hospital'] button[type=submit]")
    assert "/cases/" in page.url, page.locator(".error").all_inner_texts()
    assert hospital.state == "已登记"
    return page.url.split(hospital.base)[1]


def _dispatched_to_the_centre(system: dict[str, Any], case_path: str) -> Desk:
    platform = Desk(system, "platform")
    platform.open(case_path)
    platform.action("分派")
    row = platform.page.locator(".placement tr", has_text="石家庄市精神障碍社区康复服务中心")
    row.locator("button", has_text="分派至此机构").click()
    platform.page.wait_for_load_state()
    assert platform.state == "已分派"
    return platform


def _in_service_at_the_centre(system: dict[str, Any], case_path: str) -> Desk:
    centre = Desk(system, "institution")
    centre.open(case_path)
    form = centre.action("接收或拒绝")
    form.locator("select[name=accepted]").select_option("true")
    centre.submit(form)
    assert centre.state == "已接收"
    form = centre.action("综合评估")
    form.locator("input[name=evaluated_on]").fill(_today())
    form.locator("textarea[name=team]").fill("王医生，精神科医生\n李护士，护士\n赵社工，社会工作者")
    form.locator("select[name=suitable]").select_option("true")
    form.locator("textarea[name=opinion]").fill("适宜社区康复")
    form.locator("textarea[name=plan]").fill("日间训练，每周三次")
    form.locator("input[name=risk_level]").fill("1")
    centre.submit(form)
    assert centre.state == "已综合评估"
    form = centre.action("知情同意与服务协议")
    form.locator("input[name=signed_on]").fill(_today())
    for name, value in (("informed_consent", "true"), ("service_agreement", "true"),
                        ("electronic", "false"), ("signed_by_guardian", "true")):
        form.locator(f"select[name={name}]").select_option(value)
    centre.submit(form)
    assert centre.state == "服务中"
    return centre


def _record_service(desk: Desk) -> None:
    form = desk.action("服务记录")
    form.locator("select[name=service_type]").select_option("life_skills")
    form.locator("select[name=form]").select_option("day_training")
    form.locator("select[name=method]").select_option("group_work")
    form.locator("input[name=started_at]").fill(f"{_today()}T00:05")
    form.locator("input[name=duration_minutes]").fill("90")
    form.locator("input[name=staff]").fill("赵社工，李护士")
    desk.submit(form)


def test_a_case_from_upload_to_exit_and_follow_up(system: dict[str, Any]) -> None:
    case_path = _upload(system, 1)
    full_id = _id_number(1)
    hospital_view = Desk(system, "hospital")
    hospital_view.open(case_path)
    assert full_id in hospital_view.page.content()  # the referring hospital reads it in full
    platform = _dispatched_to_the_centre(system, case_path)
    assert full_id not in platform.page.content()  # masked for the platform, in the HTML too
    assert "孙*" in platform.page.locator("section.card").first.inner_text()
    centre = _in_service_at_the_centre(system, case_path)
    _record_service(centre)
    assert "服务记录" in centre.page.locator(".timeline").inner_text()
    centre.shot("case-in-service")
    form = centre.action("转介评估")
    form.locator("input[name=assessed_on]").fill(_today())
    for name, text in (("rehabilitation_effect", "明显改善"), ("disease_state", "稳定"),
                       ("self_care", "能自理")):
        form.locator(f"textarea[name={name}]").fill(text)
    for name, value in (("employment_willingness", "true"), ("employment_ability", "true"),
                        ("recommend_exit", "true")):
        form.locator(f"select[name={name}]").select_option(value)
    form.locator("input[name=risk_level]").fill("0")
    form.locator("select[name=exit_destination]").select_option("employment")
    centre.submit(form)
    form = centre.action("结案")
    form.locator("select[name=destination]").select_option("employment")
    centre.submit(form)
    assert centre.state == "已结案"
    form = centre.action("回访")
    form.locator("input[name=visited_on]").fill(_today())
    form.locator("textarea[name=outcome]").fill("已在超市就业，情况稳定")
    centre.submit(form)
    timeline = centre.page.locator(".timeline").inner_text()
    for step in ("医疗机构评估转介", "分派至服务机构", "服务机构接收", "综合评估",
                 "签订知情同意书与服务协议", "服务记录", "转介评估", "结案", "回访"):
        assert step in timeline
    assert {s for s in centre.page.locator(".lifecycle li").evaluate_all(
        "items => items.map(i => i.className)")} == {"step-done", "step-skipped"}


def test_a_relocation_from_one_institution_to_another(system: dict[str, Any]) -> None:
    case_path = _upload(system, 2)
    _dispatched_to_the_centre(system, case_path)
    centre = _in_service_at_the_centre(system, case_path)
    form = centre.action("单独同意")
    form.locator("select[name=purpose]").select_option("relocation")
    form.locator("select[name=given_by]").select_option("patient")
    form.locator("input[name=on]").fill(_today())
    form.locator("select[name=withdrawn]").select_option("false")
    centre.submit(form)
    form = centre.action("迁居推送")
    form.locator("input[name=to_region]").fill("130104")
    form.locator("input[name=target_institution_id]").fill(QIAOXI)
    form.locator("textarea[name=reason]").fill("随子女迁居桥西区")
    centre.submit(form)
    assert centre.state == "迁居推送中"
    qiaoxi = Desk(system, "qiaoxi")
    assert qiaoxi.page.url.endswith("/institution")
    qiaoxi.page.locator(f"a[href='{case_path}']").first.click()
    form = qiaoxi.action("接收或拒绝")
    form.locator("select[name=accepted]").select_option("true")
    qiaoxi.submit(form)
    assert qiaoxi.state == "已接收"
    assert "桥西区" in qiaoxi.page.locator("section.card").nth(1).inner_text()


def test_a_relapse_down_the_green_channel_and_back(system: dict[str, Any]) -> None:
    case_path = _upload(system, 3)
    _dispatched_to_the_centre(system, case_path)
    centre = _in_service_at_the_centre(system, case_path)
    form = centre.action("复发绿色通道")
    form.locator("input[name=hospital_org_id]").fill("hosp-sjz-8")
    form.locator("input[name=risk_level]").fill("4")
    form.locator("textarea[name=reason]").fill("停药后症状复发，家属送医")
    centre.submit(form)
    assert centre.state == "复发住院"
    assert centre.page.locator(".lifecycle .detour").inner_text() == "复发住院"
    assert centre.page.locator(".case-head .risk").inner_text() == "危险性评估 4 级"
    hospital = Desk(system, "hospital")
    hospital.open(case_path)
    form = hospital.action("出院回归")
    form.locator("input[name=discharged_on]").fill(_today())
    hospital.submit(form)
    assert hospital.state == "服务中"


def test_a_refusal_is_shown_in_chinese_beside_its_field(system: dict[str, Any]) -> None:
    case_path = _upload(system, 4)
    _dispatched_to_the_centre(system, case_path)
    centre = _in_service_at_the_centre(system, case_path)
    form = centre.action("服务记录")
    form.locator("select[name=service_type]").select_option("life_skills")
    form.locator("select[name=form]").select_option("day_training")
    form.locator("select[name=method]").select_option("group_work")
    form.locator("input[name=started_at]").fill("2099-01-01T09:00")  # in the future
    form.locator("input[name=duration_minutes]").fill("60")
    form.locator("input[name=staff]").fill("赵社工")
    form.locator("button[type=submit]").click()
    error = centre.page.locator("label:has(input[name=started_at]) .error")
    assert error.count() == 1, centre.page.locator(".error").all_inner_texts()
    assert any("\u4e00" <= c <= "\u9fff" for c in error.inner_text())  # Chinese, not English
    centre.shot("case-refusal")


def _service_types(system: dict[str, Any], case_path: str) -> list[str]:
    centre = token("institution", org=CENTRE, region="130102")
    events = httpx.get(f"{system['referral']}/v1{case_path}/events", headers=centre).json()
    return [e["data"]["service_type"] for e in events["events"] if e["type"] == "ServiceRecorded"]


def test_a_clerk_records_three_services_with_the_keyboard_alone(system: dict[str, Any]) -> None:
    centre = Desk(system, "institution")
    page = centre.page
    page.goto(f"{centre.base}/institution/service-records")
    for serial in range(10, 10 + max(0, 3 - page.locator("form.record-row").count())):
        path = _upload(system, serial)
        _dispatched_to_the_centre(system, path)
        _in_service_at_the_centre(system, path)
    page.bring_to_front()  # the other roles' pages are open too: this one has the focus
    page.goto(f"{centre.base}/institution/service-records")
    rows = page.locator("form.record-row")
    paths = [rows.nth(i).locator(".who a").get_attribute("href") for i in range(3)]
    before = {path: _service_types(system, path) for path in paths}
    for i, path in enumerate(paths):
        page.locator("select[name=service_type]:focus").wait_for()  # htmx settles, then focuses
        focused = page.evaluate("[document.activeElement.name, "
                                "document.activeElement.form.getAttribute('action')]")
        assert focused == ["service_type", f"/institution/service-records/{path.split('/')[-1]}"]
        page.keyboard.press("ArrowDown")  # the next kind of service after the one remembered
        page.keyboard.press("Tab")
        page.keyboard.press("Control+A")
        page.keyboard.type(str(30 + 15 * i))
        page.keyboard.press("Tab")
        page.keyboard.press("Control+A")
        page.keyboard.type("赵社工，李护士")
        page.keyboard.press("Enter")
        page.locator(f"form.record-row:has(a[href='{path}']) .ok",
                     has_text="已记录").wait_for()
    recorded = {path: _service_types(system, path)[len(before[path]):] for path in paths}
    # life skills is the first default; each row starts from the one before it
    assert recorded == {paths[0]: ["social_skills"], paths[1]: ["vocational"],
                        paths[2]: ["home_guidance"]}
    assert page.locator(".record-row .error").count() == 0
    centre.shot("service-records")
