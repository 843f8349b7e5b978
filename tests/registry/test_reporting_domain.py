"""The reporting chain's rules without a database: who submits, returns and accepts, what a
status allows, when a report is due, and how a parent's figures come from its children's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.calendar import china
from jingkang.common.domain.regions import bounds, contains
from jingkang.registry.domain import commands as cmd
from jingkang.registry.domain import report_figures, reporting
from jingkang.registry.domain.errors import InvalidField, InvalidStatusChange, OutOfScope
from jingkang.registry.domain.periods import Period
from jingkang.registry.domain.report_schedule import (
    DEFAULT_SCHEDULE, Duty, due_on, duty_of, level_of, periods_due, schedule_from,
)
from jingkang.registry.domain.reporting import Report, ReportStatus, evolve

NOW = datetime(2026, 9, 20, 2, tzinfo=UTC)
COUNTY = Actor("ca-1", "civil_affairs", "ca-changan", "130102")
CITY = Actor("ca-2", "civil_affairs", "ca-sjz", "130100")
OTHER_CITY = Actor("ca-3", "civil_affairs", "ca-ts", "130200")
HEALTH = Actor("wj-1", "health_commission", "wj-sjz", "130100")
LINES = {"filled_by": "王芳", "phone": "13800138000", "responsible": "李强"}


def submitted(report: Report | None = None, figures: dict | None = None) -> Report:
    report = report or Report("130102", "2026Q3", "progress")
    for event in reporting.submit(report, cmd.SubmitReport(**LINES), COUNTY, NOW,
                                  figures or {"total": {"values": {"12": 2}}}, None):
        report = evolve(report, event)
    return report


def apply(report: Report, events: list) -> Report:
    for event in events:
        report = evolve(report, event)
    return report


# --- who ----------------------------------------------------------------------------------

def test_only_the_regions_own_civil_affairs_submit_its_report() -> None:
    report = Report("130102", "2026Q3", "progress")
    for actor in (CITY, HEALTH, Actor("x", "institution", "sjz-a", "130102")):
        with pytest.raises(OutOfScope):
            reporting.submit(report, cmd.SubmitReport(**LINES), actor, NOW, {}, None)
    assert submitted().status == ReportStatus.SUBMITTED


def test_only_a_level_above_returns_or_accepts() -> None:
    report = submitted()
    for actor in (COUNTY, OTHER_CITY, HEALTH):
        with pytest.raises(OutOfScope):
            reporting.return_report(report, cmd.ReturnReport(version=1, reason="请核实"), actor,
                                    NOW)
        with pytest.raises(OutOfScope):
            reporting.accept(report, cmd.AcceptReport(version=1), actor, NOW)
    province = Actor("ca-4", "civil_affairs", "ca-hebei", "130000")
    assert reporting.accept(report, cmd.AcceptReport(version=1), province, NOW)


def test_readers_are_the_region_and_the_levels_above_it() -> None:
    assert reporting.may_read("130102", HEALTH) and reporting.may_read("130102", COUNTY)
    assert not reporting.may_read("130202", HEALTH)
    assert not reporting.may_read("130102", Actor("h", "hospital", "hosp-1", "130100"))
    assert reporting.may_read("500101001", Actor("a", "auditor", "audit", "000000"))


# --- what a status allows --------------------------------------------------------------------

def test_a_submitted_report_waits_for_review_and_an_accepted_one_is_locked() -> None:
    report = submitted()
    with pytest.raises(InvalidStatusChange):
        reporting.submit(report, cmd.SubmitReport(**LINES), COUNTY, NOW, {}, None)
    accepted = apply(report, reporting.accept(report, cmd.AcceptReport(version=1), CITY, NOW))
    assert accepted.status == ReportStatus.ACCEPTED
    for attempt in (lambda: reporting.submit(accepted, cmd.SubmitReport(**LINES), COUNTY, NOW,
                                             {}, None),
                    lambda: reporting.draft(accepted, cmd.DraftReport(**LINES), COUNTY, NOW),
                    lambda: reporting.accept(accepted, cmd.AcceptReport(version=1), CITY, NOW)):
        with pytest.raises(InvalidStatusChange):
            attempt()


def test_a_returned_report_is_corrected_and_every_version_kept() -> None:
    report = submitted(figures={"total": {"values": {"12": 2}}})
    report = apply(report, reporting.return_report(
        report, cmd.ReturnReport(version=1, reason="第12栏有误"), CITY, NOW))
    assert report.status == ReportStatus.RETURNED and report.latest.returned == "第12栏有误"
    report = submitted(report, figures={"total": {"values": {"12": 3}}})
    assert [s.version for s in report.submissions] == [1, 2]
    assert [s.figures["total"]["values"]["12"] for s in report.submissions] == [2, 3]
    with pytest.raises(InvalidField):  # only the version under review
        reporting.accept(report, cmd.AcceptReport(version=1), CITY, NOW)


def test_a_draft_keeps_the_sign_off_lines_and_the_same_lines_again_change_nothing() -> None:
    report = Report("130102", "2026Q3", "progress")
    report = apply(report, reporting.draft(report, cmd.DraftReport(**LINES), COUNTY, NOW))
    assert report.status == ReportStatus.DRAFT and report.draft == LINES
    assert reporting.draft(report, cmd.DraftReport(**LINES), COUNTY, NOW) == []


def test_a_period_not_begun_cannot_be_reported() -> None:
    with pytest.raises(InvalidField):
        reporting.submit(Report("130102", "2026Q4", "progress"), cmd.SubmitReport(**LINES),
                         COUNTY, NOW, {}, None)


def test_an_unknown_form_is_refused() -> None:
    with pytest.raises(InvalidField):
        reporting.check_form("outcomes")


# --- when -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "period", "due"), [
    ("500101001", "2026Q1", "2026-03-30"),  # 重庆 township: the 30th of the last month
    ("500101001", "2026Q3", "2026-09-30"),
    ("500101", "2026H1", "2026-06-25"),     # 重庆 district: 25 June and 25 December
    ("500101", "2027H2", "2027-12-27"),     # 25 December 2027 is a Saturday
    ("130102", "2026Q3", "2026-09-30"),     # 河北 county: the quarter's end
    ("130100", "2026H2", "2026-12-31"),     # 河北 city: the half-year's end
    ("230102", "2026Q2", "2026-06-30"),     # 黑龙江 follows the same default
])
def test_due_dates_follow_the_documents_on_the_working_day_calendar(code, period, due) -> None:
    duty = duty_of(code, DEFAULT_SCHEDULE)
    assert due_on(Period.parse(period), duty, china()).isoformat() == due


def test_levels_and_who_reports() -> None:
    assert [level_of(c) for c in ("500101001", "500101", "500100", "500000")] == [
        "township", "county", "city", "province"]
    assert duty_of("500101001", DEFAULT_SCHEDULE) == Duty(3, 30)
    assert duty_of("130102001", DEFAULT_SCHEDULE) is None  # Hebei's townships do not report
    assert duty_of("130000", DEFAULT_SCHEDULE) is None


def test_a_configured_province_replaces_the_default() -> None:
    schedule = schedule_from({"13": {"county": {"months": 3, "day": 25}}})
    assert duty_of("130102", schedule) == Duty(3, 25) and duty_of("130100", schedule) is None
    assert duty_of("230102", schedule) == Duty(3)


def test_the_periods_due_are_the_current_one_and_the_last() -> None:
    assert [str(p) for p in periods_due(Duty(3), date(2026, 10, 5))] == ["2026Q4", "2026Q3"]
    assert [str(p) for p in periods_due(Duty(6), date(2026, 3, 5))] == ["2026H1", "2025H2"]


# --- regions ------------------------------------------------------------------------------------

def test_a_county_contains_its_townships_and_a_township_only_itself() -> None:
    assert contains("500101", "500101001") and contains("500000", "500101001")
    assert contains("500101001", "500101001") and not contains("500101001", "500101")
    assert not contains("500101", "500102001")
    assert bounds("500101001") == ("500101001", "500101001")
    assert bounds("130100") == ("130100", "130199") and bounds("130102") == ("130102", "130102")


# --- figures -------------------------------------------------------------------------------------

def test_totals_add_counts_rates_over_their_bases_and_teams_once() -> None:
    rows = [{"5": 10, "6": 50.0, "12": 4, "13": 25.0, "15": {"count": 1, "names": ["甲团队"]},
             "19": 1.5, "1": None},
            {"5": 30, "6": 10.0, "12": 0, "13": None, "15": {"count": 2, "names": ["甲团队", "乙"]},
             "19": 2.25, "1": 7}]
    total = report_figures.summed(rows)
    assert total["5"] == 40 and total["6"] == 20.0  # (5 + 3) of 40
    assert total["12"] == 4 and total["13"] == 25.0
    assert total["15"] == {"count": 2, "names": ["甲团队", "乙"]}
    assert total["19"] == 3.75 and total["1"] == 7


def test_a_half_year_adds_its_quarters_flows_and_keeps_the_last_stocks() -> None:
    q3 = {"7": 1, "10": 2, "12": 5, "19": 1.0, "5": 3, "6": 100.0}
    q4 = {"7": 0, "10": 3, "12": 8, "19": 2.0, "5": 5, "6": 60.0}
    half = report_figures.over_periods([q3, q4])
    assert (half["7"], half["10"], half["19"]) == (1, 5, 3.0)
    assert (half["12"], half["5"], half["6"]) == (8, 5, 60.0)


def test_a_parent_from_its_childrens_accepted_figures_and_where_they_differ() -> None:
    live = {"rows": [{"region": "130102", "name": "长安区", "values": {"12": 9, "5": 1}},
                     {"region": "130104", "name": "桥西区", "values": {"12": 4, "5": 2}}],
            "total": {"region": "130100", "name": "石家庄市", "values": {"12": 13, "5": 3}}}
    official = report_figures.from_accepted(live, {"130102": {"12": 8, "5": 1}})
    assert [r["accepted"] for r in official["rows"]] == [True, False]
    assert official["total"]["values"]["12"] == 8  # the rows shown: only the accepted one
    assert report_figures.differences(official, live) == [
        {"region": "130102", "name": "长安区", "columns": {"12": {"accepted": 8, "live": 9}}}]
