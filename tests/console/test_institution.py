"""The institution's work list: what the API is asked, and which cases in service still need
this month's service record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jingkang.console.application.ports import ApiAnswer

from .fakes import FakeApis, case
from .support import console

# The test clock is 2026-12-04 10:00 in China.
CASES = {
    "dispatched": [case("new-1", "dispatched", "2026-12-03T02:00:00Z")],
    "relocating": [case("moving-in", "relocating", "2026-12-03T02:00:00Z",
                        relocation={"target_institution_id": "org-1"}),
                   case("moving-out", "relocating", "2026-12-03T02:00:00Z",
                        relocation={"from_institution_id": "org-1",
                                    "target_institution_id": "elsewhere"})],
    "in_service": [case("quiet-1", "in_service", "2026-11-20T02:00:00Z"),
                   case("served-1", "in_service", "2026-12-02T02:00:00Z"),
                   case("talked-1", "in_service", "2026-12-02T02:00:00Z")],
}
EVENTS = {
    "served-1": [{"type": "ServiceRecorded", "recorded_at": "2026-12-02T02:00:00Z",
                  "data": {"started_at": "2026-12-01T09:00:00+08:00"}}],
    "talked-1": [{"type": "ServiceRecorded", "recorded_at": "2026-11-30T02:00:00Z",
                  "data": {"started_at": "2026-11-30T09:00:00+08:00"}},
                 {"type": "ConsentRecorded", "recorded_at": "2026-12-02T02:00:00Z", "data": {}}],
}


def _cases(params: dict[str, Any]) -> ApiAnswer:
    if params.get("due") == "reassessment":
        late = params["overdue"] == "true"
        return ApiAnswer(200, {"items": [case("late-1" if late else "soon-1", "in_service",
                                              "2026-12-01T02:00:00Z", deadlines={
            "reassessment": {"due_on": "2026-12-01" if late else "2026-12-20",
                             "overdue": late}})], "next_cursor": None})
    return ApiAnswer(200, {"items": CASES.get(params.get("state", ""), []), "next_cursor": None})


def _apis() -> FakeApis:
    answers = {("referral", "/v1/cases"): _cases}
    for case_id, events in EVENTS.items():
        answers[("referral", f"/v1/cases/{case_id}/events")] = (
            lambda params, events=events: ApiAnswer(200, {"events": events}))
    return FakeApis(answers)


def _section(html: str, heading: str) -> str:
    start = html.index(heading)
    end = html.find("<h2>", start + 1)
    return html[start:end if end > 0 else None]


def test_the_work_list_shows_what_awaits_the_institution_and_links_each_case(
        tmp_path: Path) -> None:
    with console(tmp_path) as c:
        c.create("centre.zhang", "institution")
        c.app.state.runtime.apis = apis = _apis()
        c.sign_in("centre.zhang")
        assert c.home() == "/institution"
        html = c.client.get("/institution").text
    awaiting = _section(html, "待接收")
    assert 'href="/cases/new-1"' in awaiting and 'href="/cases/moving-in"' in awaiting
    assert "moving-out" not in html  # relocating away: the other institution's to accept
    due = _section(html, "本月服务记录待填")
    # nothing happened in December, or only a consent: due; a December service: not due
    assert "/cases/quiet-1" in due and "/cases/talked-1" in due
    assert "/cases/served-1" not in due
    reassessments = _section(html, "转介评估到期")
    assert reassessments.index("late-1") < reassessments.index("soon-1")
    assert "已逾期" in reassessments
    asked = [params for _, _, path, params in apis.calls if path == "/v1/cases"]
    # the API names the sending institution in institution_id: relocations are asked without
    assert all(p["institution_id"] == "org-1" for p in asked if p.get("state") != "relocating")
    assert {"state": "relocating", "limit": 500} in asked
    # a case untouched this month needs no look at its events
    assert not any(path.startswith("/v1/cases/quiet-1") for _, _, path, _ in apis.calls)


def test_only_institutions_have_the_institution_work_list(tmp_path: Path) -> None:
    with console(tmp_path) as c:
        c.create("nurse.li", "hospital")
        c.app.state.runtime.apis = _apis()
        c.sign_in("nurse.li")
        assert c.client.get("/institution", follow_redirects=False).headers["location"] == "/"
