"""The social worker's application form: what is sent to the API, what is refused before
anything is sent, and the API's refusals shown beside their fields."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from jingkang.console.application.ports import ApiAnswer
from jingkang.console.domain.application_form import application_body

from .fakes import FakeApis
from .support import Console, console

TODAY = date(2026, 12, 4)
ID_NUMBER = "11010519491231002X"
FORM = {"channel": "self", "person.name": "王五", "person.id_number": ID_NUMBER,
        "residence_region": "130102", "needs": "希望参加日间康复活动", "applied_on": "2026-12-03",
        "person.phone": "", "person.address": "", "person.guardian.name": "",
        "person.guardian.relation": "", "person.guardian.phone": ""}


def test_a_self_application_becomes_the_apis_body() -> None:
    body, errors = application_body({**FORM, "consent.patient": "1",
                                     "reporter_kind": "committee"}, TODAY)
    assert errors == {}
    assert body == {
        "channel": "self", "person": {"name": "王五", "id_number": ID_NUMBER},
        "residence_region": "130102", "needs": "希望参加日间康复活动", "applied_on": "2026-12-03",
        "consents": [{"purpose": "share_with_institution", "given_by": "patient",
                      "given_on": "2026-12-03"}]}  # who reports goes only with a report


def test_a_report_names_who_reports() -> None:
    _, errors = application_body({**FORM, "channel": "third_party"}, TODAY)
    assert errors == {"reporter_kind": "登记申请须注明报告方类型"}
    body, errors = application_body({**FORM, "channel": "third_party",
                                     "reporter_kind": "committee",
                                     "reporter_name": "建设北大街社区居委会"}, TODAY)
    assert errors == {}
    assert (body["reporter_kind"], body["reporter_name"]) == ("committee", "建设北大街社区居委会")


def test_a_reporter_can_only_report() -> None:
    _, errors = application_body(FORM, TODAY, role="reporter")
    assert errors == {"channel": "请选择第三方报告"}


def test_a_future_or_malformed_date_and_a_bad_identity_number_are_named() -> None:
    _, errors = application_body({**FORM, "applied_on": "2026-12-05"}, TODAY)
    assert errors == {"applied_on": "申请日期不能晚于今天"}
    _, errors = application_body({**FORM, "applied_on": "12/03/2026"}, TODAY)
    assert errors == {"applied_on": "日期格式应为 2026-12-04"}
    _, errors = application_body({**FORM, "person.id_number": "110105194912310021"}, TODAY)
    assert set(errors) == {"person.id_number"}
    _, errors = application_body({**FORM, "needs": " ", "person.name": ""}, TODAY)
    assert errors == {"needs": "此项必填", "person.name": "此项必填"}


def _social_worker(c: Console, answer: ApiAnswer) -> FakeApis:
    c.create("sw.wang", "social_worker")
    c.app.state.runtime.apis = apis = FakeApis({
        ("referral", "/v1/referrals/applications"): lambda params: answer})
    c.sign_in("sw.wang")
    return apis


def _post(c: Console, **fields: Any) -> Any:
    return c.client.post("/applications", data={**FORM, **fields,
                                                "csrf": c.csrf("/applications")},
                         follow_redirects=False)


def test_a_registered_application_opens_its_case_page(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        apis = _social_worker(c, ApiAnswer(201, {"case_id": "case-1"}))
        answer = _post(c, channel="guardian", **{"consent.guardian": "1"})
        assert (answer.status_code, answer.headers["location"]) == (303, "/cases/case-1")
        assert apis.bodies[-1]["channel"] == "guardian"
        assert apis.bodies[-1]["consents"][0]["given_by"] == "guardian"


def test_a_refusal_is_shown_beside_its_field_and_a_duplicate_links_the_open_case(
        tmp_path: Path) -> None:
    refusal = ApiAnswer(422, {"code": "validation_error", "errors": [
        {"field": "person.phone", "message": "不是有效的手机号码"}]})
    with console(tmp_path) as c:
        _social_worker(c, refusal)
        page = _post(c, **{"person.phone": "12345"})
        assert page.status_code == 422
        assert 'id="err-person-phone"' in page.text and "手机号码" in page.text
        c.app.state.runtime.apis = FakeApis({("referral", "/v1/referrals/applications"):
                                            lambda params: ApiAnswer(409, {
                                                "code": "duplicate_case", "case_id": "open-7"})})
        page = _post(c)
        assert page.status_code == 409 and 'href="/cases/open-7"' in page.text


def test_nothing_is_sent_while_the_form_is_wrong(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        apis = _social_worker(c, ApiAnswer(201, {"case_id": "case-1"}))
        page = _post(c, channel="third_party")
        assert page.status_code == 422 and "登记申请须注明报告方类型" in page.text
        assert apis.calls == []


def test_only_social_workers_and_reporters_register_applications(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        c.create("nurse.li", "hospital")
        c.sign_in("nurse.li")
        assert c.client.get("/applications", follow_redirects=False).headers["location"] == "/"
        c.create("rep.zhou", "reporter")
        c.client.post("/signout", data={"csrf": c.csrf("/hospital")})
        c.sign_in("rep.zhou")
        assert c.home() == "/applications"
        form = c.client.get("/applications").text
        assert 'value="third_party"' in form and 'value="self"' not in form
