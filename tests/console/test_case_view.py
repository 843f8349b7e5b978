"""The case page's lifecycle diagram and its deadlines in working days."""

from __future__ import annotations

from datetime import date
from typing import Any

from jingkang.console.application.ports import ApiAnswer
from jingkang.console.domain.case_view import deadline_text, lifecycle_steps

from .fakes import FakeApis
from .support import console


def _statuses(state: str, channel: str = "self") -> list[tuple[str, str, str]]:
    return [(s.state, s.status, s.detour) for s in lifecycle_steps(state, channel)]


def test_the_steps_before_the_state_are_done_and_those_after_to_come() -> None:
    assert _statuses("accepted") == [
        ("pending_review", "done", ""), ("registered", "done", ""), ("dispatched", "done", ""),
        ("accepted", "current", ""), ("evaluated", "todo", ""), ("in_service", "todo", ""),
        ("closed", "todo", "")]


def test_a_medical_referral_skips_the_review_and_a_closed_case_is_done_throughout() -> None:
    assert _statuses("registered", "medical")[:2] == [
        ("pending_review", "skipped", ""), ("registered", "current", "")]
    assert {status for _, status, _ in _statuses("closed")} == {"done"}


def test_a_detour_is_shown_beside_the_step_it_left_from() -> None:
    assert _statuses("hospitalized")[5] == ("in_service", "current", "复发住院")
    assert _statuses("waitlisted")[1] == ("registered", "current", "候补")
    assert _statuses("rejected")[0] == ("pending_review", "current", "不予登记")
    assert _statuses("rejected")[1] == ("registered", "todo", "")


def test_deadlines_count_working_days_across_the_national_day_holiday() -> None:
    # 2026: 1-7 October off; from Wednesday 30 September the next working day is 8 October
    assert deadline_text("2026-10-08", date(2026, 9, 30)) == "还剩1个工作日"
    assert deadline_text("2026-10-09", date(2026, 9, 30)) == "还剩2个工作日"
    assert deadline_text("2026-12-04", date(2026, 12, 4)) == "今日到期"
    assert deadline_text("2026-12-04", date(2026, 12, 8)) == "已逾期2个工作日"  # Sat, Sun off
    assert deadline_text("not a date", date(2026, 12, 4)) == ""


def test_the_platform_is_offered_a_button_for_each_institution_with_room(tmp_path: Any) -> None:
    options = {"case_id": "c-1", "state": "registered", "residence_region": "130102",
               "by_residence": {"institution_id": "inst-a", "scope": "county"},
               "institutions": [
                   {"institution_id": "inst-a", "name": "长安区精康站", "region": "130102",
                    "scope": "county", "operating": True, "accepting": True, "capacity": 10,
                    "active_cases": 3, "free_places": 7, "has_room": True},
                   {"institution_id": "inst-b", "name": "日间照料中心", "region": "130102",
                    "scope": "county", "operating": False, "accepting": True, "capacity": 5,
                    "active_cases": 0, "free_places": 0, "has_room": False}]}
    with console(tmp_path) as c:
        c.create("plat.he", "platform")
        c.app.state.runtime.apis = FakeApis({
            ("referral", "/v1/cases/c-1/placement"): lambda params: ApiAnswer(200, options)})
        c.sign_in("plat.he")
        fragment = c.client.get("/cases/c-1/placement?version=4").text
        assert "按居住地分派将选择：<b>长安区精康站</b>" in fragment
        assert fragment.count("分派至此机构") == 1 and 'value="inst-a"' in fragment
        assert 'name="version" value="4"' in fragment and "暂停服务" in fragment
        c.create("nurse.li", "hospital")
        c.client.post("/signout", data={"csrf": c.csrf("/cases")})
        c.sign_in("nurse.li")
        assert c.client.get("/cases/c-1/placement").text == ""  # only the platform dispatches
