"""Service records entered fast: the remembered defaults (and a tampered cookie), the row's
refusal beside it, and the record sent with the case's version."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from jingkang.console.application.ports import ApiAnswer
from jingkang.console.domain.service_entry import FIRST, remembered, to_remember

from .fakes import FakeApis, case
from .support import console

ROW = {"service_type": "vocational", "form": "day_training", "method": "case_management",
       "duration_minutes": "45", "staff": "赵社工，李护士", "started_at": "2026-12-04T09:30",
       "version": "7", "row": "0"}


def test_the_last_service_is_remembered_and_a_tampered_cookie_falls_back() -> None:
    kept = remembered(to_remember(ROW))
    assert kept == {"service_type": "vocational", "form": "day_training",
                    "method": "case_management", "duration_minutes": "45",
                    "staff": "赵社工，李护士"}
    forged = base64.urlsafe_b64encode(b'{"service_type": "<script>", "duration_minutes": '
                                      b'"99999", "staff": ["x"]}').decode()
    assert remembered(forged) == FIRST
    assert remembered("not base64 at all!") == FIRST and remembered(None) == FIRST


def _clerk(c: Any, answer: ApiAnswer) -> FakeApis:
    c.create("desk.sun", "institution")
    serving = case("c-1", "in_service", "2026-12-01T02:00:00Z", version=7,
                   registered_at="2026-11-01T02:00:00Z")
    c.app.state.runtime.apis = apis = FakeApis({
        ("referral", "/v1/cases"): lambda params: ApiAnswer(200, {"items": [serving],
                                                                  "next_cursor": None}),
        ("referral", "/v1/cases/c-1/service-records"): lambda params: answer})
    c.sign_in("desk.sun")
    return apis


def test_a_record_is_sent_with_the_cases_version_and_the_defaults_are_kept(
        tmp_path: Path) -> None:
    with console(tmp_path) as c:
        apis = _clerk(c, ApiAnswer(200, {"case_id": "c-1", "version": 8}))
        answer = c.client.post("/institution/service-records/c-1", data={
            **ROW, "csrf": c.csrf("/institution/service-records")}, follow_redirects=False)
        assert (answer.status_code, answer.headers["location"]) == (
            303, "/institution/service-records")
        assert apis.bodies[-1] == {"service_type": "vocational", "form": "day_training",
                                   "method": "case_management",
                                   "started_at": "2026-12-04T09:30:00+08:00",
                                   "duration_minutes": 45, "staff": ["赵社工", "李护士"]}
        page = c.client.get("/institution/service-records").text
        assert '<option value="vocational" selected>' in page and 'value="45"' in page


def test_a_refusal_stays_on_its_row_and_htmx_gets_the_rows_back(tmp_path: Path) -> None:
    refusal = ApiAnswer(422, {"code": "validation_error", "errors": [
        {"field": "started_at", "message": "开始时间不能晚于现在"}]})
    with console(tmp_path) as c:
        _clerk(c, refusal)
        data = {**ROW, "csrf": c.csrf("/institution/service-records")}
        plain = c.client.post("/institution/service-records/c-1", data=data)
        assert plain.status_code == 422 and "开始时间不能晚于现在" in plain.text
        fragment = c.client.post("/institution/service-records/c-1", data=data,
                                 headers={"HX-Request": "true"})
        assert fragment.status_code == 200  # htmx swaps only a 2xx
        assert fragment.text.lstrip().startswith('<div id="service-rows"')
        assert "开始时间不能晚于现在" in fragment.text and "jk_last_service" not in str(
            fragment.headers)
