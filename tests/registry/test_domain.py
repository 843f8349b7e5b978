"""The registry's domain without a database: periods, the standardized-service rule, the
archive fold, institution decisions and CSV rows."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from jingkang.common.domain.regions import RegionTable
from jingkang.registry.application import csv_import
from jingkang.registry.domain import commands as cmd
from jingkang.registry.domain import institution as inst
from jingkang.registry.domain.archive import ArchiveCase, apply
from jingkang.registry.domain.errors import InvalidField, InvalidStatusChange, OutOfScope
from jingkang.registry.domain.figures import (
    CaseStanding, Rules, add_months, area_of_code, area_of_site, service_test, standardized,
    still_current_since,
)
from jingkang.registry.domain.periods import CHINA, InvalidPeriod, Period
from jingkang.registry.domain.staff import staff_figures

from . import scenario as sc

Q3 = Period.parse("2026Q3")


def china(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, tzinfo=CHINA)


def test_periods_have_china_midnight_bounds() -> None:
    assert (str(Q3), Q3.start.isoformat(), Q3.end.isoformat()) == (
        "2026Q3", "2026-07-01T00:00:00+08:00", "2026-10-01T00:00:00+08:00")
    assert str(Period.parse("2026h2")) == "2026H2" and Period.parse("2026H2").months == 6
    assert Period.parse("2026Q1").previous() == Period.parse("2025Q4")
    assert Period.parse("2026").last_day == date(2026, 12, 31)
    for bad in ("2026Q5", "26Q1", "2026-Q1", "1999", ""):
        with pytest.raises(InvalidPeriod):
            Period.parse(bad)


def _served(**overrides: object) -> CaseStanding:
    """A case in service since 1 June with a service record every month of the third quarter."""
    case = CaseStanding(evaluated_at=china(6, 1), agreement_at=china(6, 1),
                        assessed_at=china(6, 1), service_months="2026-06 2026-07 2026-08 2026-09",
                        in_service_since=china(6, 1))
    return replace(case, **overrides)


def test_standardized_service_needs_every_part() -> None:
    test = service_test(Q3, Rules())
    assert standardized(_served(), test)
    assert not standardized(_served(service_months="2026-07 2026-09"), test)  # August missed
    assert not standardized(_served(evaluated_at=None), test)
    assert not standardized(_served(agreement_at=None), test)
    # An agreement older than six months at the period's end: a reassessment is overdue.
    assert not standardized(_served(agreement_at=china(3, 1), assessed_at=china(3, 1)), test)
    assert standardized(_served(agreement_at=china(3, 1), assessed_at=china(8, 1)), test)
    # Months not in service need no record: a spell that began in September, or one that
    # ended in July (its months kept once it ended).
    assert standardized(_served(in_service_since=china(9, 1), service_months="2026-09"), test)
    ended = _served(in_service_since=None, in_service_months="2026-06 2026-07",
                    service_months="2026-06 2026-07")
    assert standardized(ended, test)
    assert not standardized(replace(ended, service_months="2026-06"), test)
    # The thresholds are settings.
    assert standardized(_served(service_months=""), service_test(Q3, Rules(monthly_service=False)))
    assert not standardized(_served(agreement_at=china(6, 1), assessed_at=china(6, 1)),
                            service_test(Q3, Rules(reassessment_interval_months=3)))


@pytest.mark.parametrize("months", [1, 3, 6, 12])
def test_the_assessment_bound_is_add_months_turned_round(months: int) -> None:
    """``still_current_since`` is exact: an assessment at or after it is still current at the
    period's end by ``add_months`` on the China calendar, one a microsecond before it is
    overdue."""
    rng = random.Random(months)
    ends = [Period.parse(p).end for p in ("2026Q1", "2026Q2", "2026Q3", "2024Q1", "2025H1")]
    ends += [datetime(2026, m, d, h, tzinfo=UTC) for m, d, h in
             ((3, 31, 16), (5, 31, 23), (8, 31, 0), (12, 31, 12), (3, 1, 0), (2, 28, 16))]
    ends += [datetime(2024, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(3 * 365 * 86400))
             for _ in range(300)]
    for end in ends:
        bound = still_current_since(end, months)
        assert add_months(bound.astimezone(CHINA), months) >= end
        assert add_months((bound - timedelta(microseconds=1)).astimezone(CHINA), months) < end


@pytest.mark.parametrize(("assessed", "current"), [
    # China 03-31 01:30 (UTC 03-30): due on 09-30 by the referral service, overdue at the end
    # of Q3; counted in UTC (03-30 + 6 months = 09-30 17:30 UTC, 10-01 in China) it was not.
    (datetime(2026, 3, 31, 1, 30, tzinfo=CHINA), False),
    (datetime(2026, 4, 1, 0, 30, tzinfo=CHINA), True),  # due 10-01: current at Q3's end
    (datetime(2026, 4, 1, 7, 59, tzinfo=CHINA), True),  # UTC 03-31 23:59 all the same
    (datetime(2026, 3, 31, 23, 59, tzinfo=CHINA), False),
])
def test_the_assessment_bound_counts_months_in_china(assessed: datetime, current: bool) -> None:
    case = _served(agreement_at=assessed, assessed_at=assessed.astimezone(UTC))
    assert standardized(case, service_test(Q3, Rules(reassessment_interval_months=6))) is current


def test_in_service_months_follow_the_spells() -> None:
    case = ArchiveCase("c1", state="evaluated")
    fx = apply(case, "AgreementSigned", {}, 5, china(6, 20))
    assert case.in_service_since == china(6, 20) and fx.tracked_changed
    apply(case, "ServiceRecorded", _service(), 6, china(7, 3))
    apply(case, "ServiceRecorded", _service(), 7, china(7, 9))
    assert case.service_months == "2026-07"
    apply(case, "RelapseReferred", {"hospital_org_id": "h", "risk_level": 3}, 8, china(9, 2))
    assert (case.in_service_months, case.in_service_since) == ("2026-06 2026-07 2026-08 2026-09",
                                                               None)
    # An ended spell covers its months up to, not including, the instant it ended.
    ended_at_midnight = datetime(2026, 11, 1, tzinfo=CHINA)
    apply(case, "ReturnedFromHospital", {}, 9, datetime(2026, 10, 5, tzinfo=CHINA))
    apply(case, "RelapseReferred", {"hospital_org_id": "h", "risk_level": 3}, 10,
          ended_at_midnight)
    assert case.in_service_months.split()[-1] == "2026-10"


def _service() -> dict[str, object]:
    return {"institution_id": "i1", "service_type": "life_skills", "form": "individual",
            "method": "in_person", "started_at": "2026-07-03T09:00:00+08:00",
            "duration_minutes": 60}


def test_urban_and_rural_come_from_the_division_code_not_the_county_name() -> None:
    # 开州区 (500154) is a district, yet its towns (镇) and townships (乡) are rural.
    assert [area_of_code(c) for c in ("500154001", "500154102", "500154215", "500154400",
                                      "500154", None)] == ["urban", "rural", "rural", None,
                                                           None, None]
    # A village-level code says more than its township: a 村 under a 街道 is rural.
    assert area_of_code("130102001201") == "rural"
    assert area_of_code("500154102003") == "urban"  # 居委会 in a town
    assert area_of_site("500154102", "urban") == "rural"
    assert area_of_site(None, "urban") == "urban" and area_of_site("130102500", "rural") == "rural"


def test_the_archive_keeps_masked_identity_and_recorded_times() -> None:
    at = datetime(2026, 7, 1, 2, tzinfo=UTC)
    upload = {"person": {"name": "张三丰", "id_number": "11010519491231002X",
                         "guardian": {"name": "李四", "relation": "母亲"}},
              "person_key": "k" * 64, "residence_region": "130102", "referring_org_id": "h",
              "risk_level": 2, "review_due_on": "2026-07-08", "dispatch_due_on": "2026-07-08"}
    case = ArchiveCase("c1")
    fx = apply(case, "MedicalAssessmentUploaded", upload, 1, at)
    assert (case.state, case.registered_at, case.patient_id) == ("registered", at, "k" * 64)
    assert fx.person is not None and (fx.person.masked_name, fx.person.masked_id_number) == (
        "张**", "110105********002X")
    assert fx.tracked_changed and fx.milestone["kind"] == "registered"
    fx = apply(case, "RelapseReferred", {"institution_id": "i", "hospital_org_id": "h",
                                               "risk_level": 4, "reason": "names 王五"}, 2, at)
    assert case.relapses == 1 and "reason" not in fx.milestone["detail"]
    fx = apply(case, "SomethingNew", {}, 3, at)
    assert case.version == 3 and not fx.tracked_changed  # unknown types change nothing


def _ctx(region: str = "130000", role: str = "civil_affairs") -> inst.Context:
    now = datetime(2026, 7, 1, 2, tzinfo=UTC)
    return inst.Context(inst.Actor("u", role, "org", region), now, date(2026, 7, 1),
                        RegionTable.bundled())


def test_institution_decisions() -> None:
    command = cmd.RegisterInstitution.model_validate(sc.institution_body(sc.INSTITUTIONS[0], 1))
    [registered] = inst.register("sjz-a", command, _ctx())
    state = inst.evolve(inst.Institution("sjz-a"), registered)
    assert (state.version, state.status, state.region) == (1, "operating", "130102")
    with pytest.raises(OutOfScope):
        inst.register("x", command, _ctx("130200"))
    with pytest.raises(InvalidField):
        inst.register("x", command.model_copy(update={"region": "130100"}), _ctx())
    assert inst.change(state, cmd.ChangeInstitution(capacity=20), _ctx()) == []  # no change
    [changed] = inst.change(state, cmd.ChangeInstitution(capacity=21), _ctx())
    assert changed.changes == {"capacity": 21}
    [suspended] = inst.change_status(state, cmd.ChangeStatus(action="suspend", reason="x"), _ctx())
    state = inst.evolve(state, suspended)
    with pytest.raises(InvalidStatusChange):
        inst.change_status(state, cmd.ChangeStatus(action="suspend", reason="x"), _ctx())
    itself = inst.Actor("u", "institution", "sjz-a", "130102")
    report = cmd.ReportStaff(period="2026Q2", lines=[cmd.StaffLine(profession="nurse", headcount=1)])
    assert inst.report_staff(state, report, replace(_ctx(), actor=itself))
    other = inst.Actor("u", "institution", "sjz-b", "130102")
    with pytest.raises(OutOfScope):
        inst.report_staff(state, report, replace(_ctx(), actor=other))


def test_staff_figures_add_up_each_profession() -> None:
    figures = staff_figures([line | {"training_hours": 0} for line in sc.STAFF_Q2])
    assert (figures.headcount, figures.qualified, figures.purchased_medical,
            figures.purchased_social_workers, figures.certified,
            figures.direct_service_under_training) == (7, 4, 3, 3, 6, 3)
    assert figures.as_dict()["qualified_share_met"] is True


def test_csv_rows_are_reported_by_line() -> None:
    header = "name,credit_code,region,address,level,kind,area,capacity\n"
    good = f"站一,{sc.credit_code(1)},130102,地址,village,station,urban,5\n"
    assert len(csv_import.parse(header + good, _ctx()).commands) == 1
    with pytest.raises(csv_import.InvalidCsv) as refused:
        csv_import.parse(header + good + "站二,bad,130102,地址,village,station,urban,x\n", _ctx())
    assert {(e["line"], e["field"]) for e in refused.value.extra["errors"]} == {
        (3, "credit_code"), (3, "capacity")}
    with pytest.raises(csv_import.InvalidCsv):
        csv_import.parse(header, _ctx())  # no rows


def test_the_example_csv_of_the_readme_imports() -> None:
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "institutions.csv"
    parsed = csv_import.parse(example.read_text(encoding="utf-8"), _ctx())
    assert [c.institution_id for c in parsed.commands] == ["hb-xh-01", "hb-jx-01", "hb-zd-01"]
    assert parsed.warnings == []


def test_a_malformed_csv_file_is_a_clear_refusal() -> None:
    header = "name,credit_code,region,address,level,kind,area,capacity\n"
    with pytest.raises(csv_import.InvalidCsv) as refused:
        csv_import.parse(header + "x" * 200_000 + ",a,b,c,d,e,f,1\n", _ctx())
    assert refused.value.field == "file"
