"""The outcomes report over HTTP: structured measures entered with evaluations and
reassessments reach the registry, and every figure below is counted by hand from the
timeline (three cases at 长安区's sjz-a)."""

from __future__ import annotations

from typing import Any

from . import scenario as sc
from .conftest import System

TEAM = [{"name": "王医生", "profession": "psychiatrist"},
        {"name": "赵社工", "profession": "social_worker"}]

def _measures(self_care: int | None, psp: int | None, status: str | None) -> dict[str, Any]:
    found = {"self_care_score": self_care, "social_functioning_score": psp,
             "employment_status": status}
    return {k: v for k, v in found.items() if v is not None}


async def _into_service(d: sc.Driver, name: str, measures: dict[str, Any]) -> None:
    who = d.institution("sjz-a")
    await d.upload(name, "130102")
    await d.dispatch(name, "sjz-a")
    await d._act(name, "acceptance", {"accepted": True}, who)
    await d._act(name, "evaluations", {
        "evaluated_on": d.today, "suitable": True, "opinion": "综合评估意见", "plan": "日间训练",
        "risk_level": 1, "team": TEAM,
        **measures}, who)
    await d._act(name, "agreements", {
        "signed_on": d.today, "informed_consent": True, "service_agreement": True,
        "electronic": True, "signed_by_guardian": True}, who)


async def _reassess(d: sc.Driver, name: str, measures: dict[str, Any],
                    exit_to: str | None = None) -> None:
    await d._act(name, "reassessments", {
        "assessed_on": d.today, "rehabilitation_effect": "改善", "disease_state": "稳定",
        "self_care": "基本自理", "employment_willingness": True, "employment_ability": True,
        "risk_level": 0, "recommend_exit": exit_to is not None, "exit_destination": exit_to,
        **measures}, d.institution("sjz-a"))
    if exit_to:
        await d._act(name, "exit", {"destination": exit_to}, d.institution("sjz-a"))


async def _outcomes(s: System, period: str, region: str = "130000") -> dict[str, Any]:
    await s.settle()
    return await s.registry.get("/v1/statistics/outcomes", sc.CIVIL_AFFAIRS, region=region,
                                period=period)


async def test_outcomes_of_a_quarter_counted_by_hand(system: System) -> None:
    s = system
    d = sc.Driver(s)
    s.clock.set(sc.JUNE)
    await d.register_institutions("june")
    await _into_service(d, "O1", _measures(40, 35, "not_employed"))
    await _into_service(d, "O2", _measures(60, 50, "not_employed"))
    await _into_service(d, "O3", {})

    s.clock.set(sc.at(7, 10))  # O1 relapses; back from hospital ten days later
    await d._act("O1", "relapses", {"hospital_org_id": "hosp-1", "risk_level": 4,
                                    "reason": "停药后复发"}, d.institution("sjz-a"))
    s.clock.set(sc.at(7, 20))
    await d._act("O1", "hospital-returns", {"discharged_on": d.today}, d.hospital)
    s.clock.set(sc.at(8, 5))
    await _reassess(d, "O1", _measures(55, 45, "supported_employment"))
    await _reassess(d, "O2", _measures(50, 50, "employed"), exit_to="employment")
    s.clock.set(sc.at(9, 10))
    await _reassess(d, "O3", {}, exit_to="home")

    s.clock.set(sc.at(10, 10))
    q3 = await _outcomes(s, "2026Q3")
    assert (q3["served"], q3["complete"]) == (3, True)
    assert q3["relapse"] == {"cases": 1, "rate": 0.3333}
    assert q3["rehospitalisation"] == {"admissions": 1, "returns": 1,
                                       "mean_days_in_hospital": 10.0}
    assert q3["employment_at_exit"] == {"exits": 2, "employed": 1, "share": 0.5}
    # O1 40 → 55, O2 60 → 50 (Barthel); O1 35 → 45, O2 50 → 50 (PSP); O3 never scored.
    assert q3["self_care"] == {"cases": 2, "improved": 1, "unchanged": 0, "worse": 1,
                               "mean_change": 2.5}
    assert q3["social_functioning"] == {"cases": 2, "improved": 1, "unchanged": 1,
                                        "worse": 0, "mean_change": 5.0}
    status = q3["employment_status"]
    assert (status["by_status"]["supported_employment"], status["by_status"]["employed"],
            status["assessed"], status["employed"], status["employed_share"]) == (1, 1, 2, 2, 1.0)

    q2 = await _outcomes(s, "2026Q2")
    assert (q2["served"], q2["relapse"]["cases"], q2["self_care"]["cases"]) == (3, 0, 0)
    assert q2["employment_status"]["by_status"]["not_employed"] == 2
    assert q2["employment_status"]["employed_share"] == 0.0
    # Another province's cases are not these.
    elsewhere = await s.registry.get("/v1/statistics/outcomes", sc.token(
        "civil_affairs", "ca-bj", "110000"), region="110000", period="2026Q3")
    assert elsewhere["served"] == 0 and elsewhere["relapse"]["rate"] is None


async def test_a_score_out_of_its_scale_is_refused_naming_the_field(system: System) -> None:
    s = system
    d = sc.Driver(s)
    s.clock.set(sc.JUNE)
    await d.register_institutions("june")
    await d.upload("X1", "130102")
    await d.dispatch("X1", "sjz-a")
    who = d.institution("sjz-a")
    await d._act("X1", "acceptance", {"accepted": True}, who)
    answer = await s.referral.call("POST", f"/v1/cases/{d.cases['X1']}/evaluations", who, 422, {
        "evaluated_on": d.today, "suitable": True, "opinion": "意见", "plan": "计划",
        "risk_level": 1, "team": TEAM,
        "self_care_score": 101})
    assert "self_care_score" in str(answer)
