"""The registry's domain without a database: periods, the standardized-service rule, the
archive fold, institution decisions and CSV rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from jingkang.common.regions import RegionTable
from jingkang.registry.application import csv_import
from jingkang.registry.domain import commands as cmd
from jingkang.registry.domain import institution as inst
from jingkang.registry.domain.archive import ArchiveCase, apply
from jingkang.registry.domain.errors import InvalidField, InvalidStatusChange, OutOfScope
from jingkang.registry.domain.figures import CaseFacts, Rules, area_of_county, standardized
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


def _served(**overrides: object) -> CaseFacts:
    facts = CaseFacts("c", in_service=[(china(6, 1), None)], evaluations=[china(6, 1)],
                      agreements=[china(6, 1)], service_months={0, 1, 2})
    for key, value in overrides.items():
        setattr(facts, key, value)
    return facts


def test_standardized_service_needs_every_part() -> None:
    rules = Rules()
    assert standardized(_served(), Q3, rules)
    assert not standardized(_served(service_months={0, 2}), Q3, rules)  # August missed
    assert not standardized(_served(evaluations=[]), Q3, rules)
    assert not standardized(_served(agreements=[]), Q3, rules)
    # An agreement older than six months at the period's end: a reassessment is overdue.
    assert not standardized(_served(agreements=[china(3, 1)]), Q3, rules)
    assert standardized(_served(agreements=[china(3, 1)], reassessments=[china(8, 1)]), Q3, rules)
    # After a relocation the new institution's evaluation and agreement count, not the old.
    assert not standardized(_served(takeovers=[china(8, 6)]), Q3, rules)
    moved = _served(takeovers=[china(8, 6)], evaluations=[china(6, 1), china(8, 6)],
                    agreements=[china(6, 1), china(8, 6)])
    assert standardized(moved, Q3, rules)
    # Months not in service need no record; the thresholds are settings.
    assert standardized(_served(in_service=[(china(9, 1), None)], service_months={2}), Q3, rules)
    assert standardized(_served(service_months=set()), Q3, Rules(monthly_service=False))


def test_urban_and_rural_counties() -> None:
    regions = RegionTable.bundled()
    names = {code: regions.get(code, 2026).name for code in ("130102", "130121", "130181")}
    assert [area_of_county(n) for n in names.values()] == ["urban", "rural", "urban"]


def test_the_archive_keeps_masked_identity_and_recorded_times() -> None:
    at = datetime(2026, 7, 1, 2, tzinfo=UTC)
    upload = {"person": {"name": "张三丰", "id_number": "11010519491231002X",
                         "guardian": {"name": "李四", "relation": "母亲"}},
              "person_key": "k" * 64, "residence_region": "130102", "referring_org_id": "h",
              "risk_level": 2, "review_due_on": "2026-07-08", "dispatch_due_on": "2026-07-08"}
    case, fx = apply(ArchiveCase("c1"), "MedicalAssessmentUploaded", upload, 1, at)
    assert (case.state, case.registered_at, case.patient_id) == ("registered", at, "k" * 64)
    assert fx.person is not None and (fx.person.masked_name, fx.person.masked_id_number) == (
        "张**", "110105********002X")
    assert fx.placement_changed and fx.milestone["kind"] == "registered"
    case, fx = apply(case, "RelapseReferred", {"institution_id": "i", "hospital_org_id": "h",
                                               "risk_level": 4, "reason": "names 王五"}, 2, at)
    assert case.relapses == 1 and "reason" not in fx.milestone["detail"]
    case, fx = apply(case, "SomethingNew", {}, 3, at)
    assert case.version == 3 and not fx.placement_changed  # unknown types change nothing


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
    assert len(csv_import.parse(header + good, _ctx())) == 1
    with pytest.raises(csv_import.InvalidCsv) as refused:
        csv_import.parse(header + good + "站二,bad,130102,地址,village,station,urban,x\n", _ctx())
    assert {(e["line"], e["field"]) for e in refused.value.extra["errors"]} == {
        (3, "credit_code"), (3, "capacity")}
    with pytest.raises(csv_import.InvalidCsv):
        csv_import.parse(header, _ctx())  # no rows


def test_the_example_csv_of_the_readme_imports() -> None:
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "institutions.csv"
    commands = csv_import.parse(example.read_text(encoding="utf-8"), _ctx())
    assert [c.institution_id for c in commands] == ["hb-xh-01", "hb-jx-01", "hb-zd-01"]


def test_a_malformed_csv_file_is_a_clear_refusal() -> None:
    header = "name,credit_code,region,address,level,kind,area,capacity\n"
    with pytest.raises(csv_import.InvalidCsv) as refused:
        csv_import.parse(header + "x" * 200_000 + ",a,b,c,d,e,f,1\n", _ctx())
    assert refused.value.field == "file"
