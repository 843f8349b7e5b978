"""The demo's data: every request body it sends is one the services' own models accept."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import BaseModel
from stdnum.cn import uscc

from jingkang.common.domain.identity import validate_id_number
from jingkang.common.domain.regions import RegionTable
from jingkang.common.domain.vocabulary import ExitDestination
from jingkang.demo import data, scripts, steps
from jingkang.referral.domain import commands as referral
from jingkang.registry.domain import commands as registry
from jingkang.registry.domain.vocabulary import Area, Kind, Level

NOW = datetime(2026, 11, 23, 2, tzinfo=UTC)
CLOCK = scripts.Clock(NOW.astimezone(data.CHINA))
REGIONS = RegionTable.bundled()

STEP_MODELS: dict[str, type[BaseModel]] = {
    "review": referral.Review, "reconfirmation": referral.Reconfirm,
    "dispatch": referral.Dispatch, "acceptance": referral.Acceptance,
    "evaluations": referral.Evaluation, "agreements": referral.Agreement,
    "service-records": referral.ServiceRecord, "reassessments": referral.Reassessment,
    "exit": referral.Exit, "relocations": referral.Relocation, "relapses": referral.Relapse,
    "hospital-returns": referral.HospitalReturn, "withdrawal": referral.Withdrawal,
    "follow-ups": referral.FollowUp,
}
A_CASE: dict[str, Any] = {
    "case_id": "0b6c1f0e-demo", "version": 4, "state": "in_service",
    "residence_region": "130102", "institution": {"institution_id": "hb-sjz-ca-01"},
    "relocation": {"target_institution_id": "hb-ts-ln-01"}, "risk_level": 1,
    "services_by_type": {"life_skills": 2}, "last_reassessment": {"exit_destination": "home"},
    "served_by": ["hb-sjz-ca-01"], "hospital_org_id": "hosp-sjz-8",
}


def test_every_county_is_valid_today() -> None:
    for code in data.COUNTIES:
        assert REGIONS.county(code, NOW.year) is not None, code
    for code in data.CITIES:
        assert REGIONS.get(code, NOW.year) is not None, code


def test_institutions_register_with_valid_bodies_covering_every_level_kind_and_area() -> None:
    bodies = [registry.RegisterInstitution(**data.register_body(i, site))
              for i, site in enumerate(data.SITES)]
    assert {b.level for b in bodies} == set(Level)
    assert {b.kind for b in bodies} == set(Kind)
    assert {b.area for b in bodies} == set(Area)
    assert len({b.institution_id for b in bodies}) == len(bodies)
    assert len({b.credit_code for b in bodies}) == len(bodies)
    for body in bodies:
        assert uscc.is_valid(body.credit_code)
        assert body.township_code is None or body.township_code.startswith(body.region)


def test_staff_reports_and_baselines_are_valid() -> None:
    for site in data.SITES:
        registry.ReportStaff(**data.staff_report_body(site, "2026"))
    for county in {site.region for site in data.SITES}:
        registry.RecordBaseline(**data.baseline_body(county))
    assert data.staff_report_body(data.SITES[0], "2026") == data.staff_report_body(
        data.SITES[0], "2026")


def test_status_changes_name_known_institutions() -> None:
    for institution_id, action, reason in data.STATUS_CHANGES:
        assert institution_id in data.SITE_BY_ID
        registry.ChangeStatus(action=action, reason=reason)


def test_persons_are_valid_distinct_and_the_same_on_every_run() -> None:
    numbers = set()
    for serial, script in enumerate(scripts.SCRIPTS, 1):
        person = data.person(serial, script.county)
        assert person == data.person(serial, script.county)
        validate_id_number(person["id_number"], today=CLOCK.today, regions=REGIONS)
        assert person["id_number"][:6] == script.county
        numbers.add(person["id_number"])
    assert len(numbers) == len(scripts.SCRIPTS)


def test_ways_in_are_valid_requests() -> None:
    for serial, script in enumerate(scripts.SCRIPTS, 1):
        call = scripts.way_in_call(script, serial, CLOCK)
        model = (referral.UploadMedicalAssessment if call.path.endswith("medical-assessments")
                 else referral.SubmitApplication)
        model(**call.body)


@pytest.mark.parametrize("verb", sorted(steps.STEPS))
def test_every_step_builds_a_valid_request(verb: str) -> None:
    args = {"serve": ["vocational"], "relocate": ["130202", "hb-ts-ln-01"], "relapse": ["4"],
            "withdraw": ["withdrawn", "unwilling"], "reconfirm": ["willing"],
            "dispatch_to": ["hb-sjz-ca-02"], "reassess": ["employment"]}.get(verb, [])
    call = steps.STEPS[verb](A_CASE, args, CLOCK)
    STEP_MODELS[call.path](**call.body)
    assert call.who.role in ("social_worker", "platform", "institution", "hospital")


def test_scripts_parse_and_cover_every_exit_and_ending() -> None:
    words = []
    for script in scripts.SCRIPTS:
        assert script.county in data.COUNTIES
        for verb, args in steps.parse_steps(script.steps):
            words.append(":".join([verb, *args]))
            if verb in ("dispatch_to", "relocate") and len(args) > (verb == "relocate"):
                named = args[-1]
                assert named in data.SITE_BY_ID
                assert named not in {i for i, _, _ in data.STATUS_CHANGES}
    assert {f"reassess:{d.value}" for d in ExitDestination} <= set(words)
    assert {"withdraw:withdrawn:unwilling", "withdraw:deceased", "withdraw:lost_contact",
            "evaluate:unsuitable", "reject", "decline", "decline_relocation",
            "accept_relocation", "return", "return:institution", "follow_up",
            "reconfirm:willing", "reconfirm:unwilling"} <= set(words)
    with pytest.raises(ValueError, match="unknown step"):
        steps.parse_steps("dispatch teleport")


def test_current_quarter_is_counted_in_china_time() -> None:
    assert scripts.current_quarter(NOW) == "2026Q4"
    assert scripts.current_quarter(datetime(2026, 12, 31, 17, tzinfo=UTC)) == "2027Q1"
