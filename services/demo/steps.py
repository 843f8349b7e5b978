"""The steps of the demo's scripts: each turns the case (as last answered) into the request
that moves it.  A script's steps are "verb[:arg…]" words; the verbs are the keys of STEPS."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from .data import COUNTIES
from .principals import PLATFORM, Who, city_of, hospital, institution, serving, social_worker
from .scripts import REASSESSMENT_OUTLOOK, SERVICE_FORMS, TEAM, Call, Clock


Step = Callable[[dict[str, Any], list[str], Clock], Call]


def _review(approved: bool) -> Step:
    def step(case: dict[str, Any], _: list[str], clock: Clock) -> Call:
        body: dict[str, Any] = {"approved": approved, "needs_assessment": (
            "有社区康复需求，建议登记转介" if approved else "暂无社区康复需求")}
        if not approved:
            body["reason"] = "目前正在住院治疗，出院后再申请"
        return Call("review", body, social_worker(case))
    return step


def _reconfirm(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    willing = args[0] == "willing"
    situation = "仍愿意参加社区康复" if willing else "本人及家属表示不愿参加社区康复"
    return Call("reconfirmation", {"willing": willing, "situation": situation},
                social_worker(case))


def _dispatch(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    return Call("dispatch", {"institution_id": args[0]} if args else {}, PLATFORM)


def _accept(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    return Call("acceptance", {"accepted": True}, serving(case))


def _decline(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    return Call("acceptance", {"accepted": False, "reason": "本月名额已满"}, serving(case))


def _relocation_answer(accepted: bool) -> Step:
    def step(case: dict[str, Any], _: list[str], clock: Clock) -> Call:
        body: dict[str, Any] = {"accepted": accepted}
        if not accepted:
            body["reason"] = "本机构名额已满"
        return Call("acceptance", body, institution(case["relocation"]["target_institution_id"]))
    return step


def _evaluate(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    suitable = not args
    return Call("evaluations", {
        "evaluated_on": clock.today.isoformat(), "team": TEAM, "suitable": suitable,
        "opinion": "病情稳定，适宜社区康复" if suitable else "病情尚不稳定，暂不适宜社区康复",
        "plan": "日间训练、服药训练、社交技能训练" if suitable else None,
        "risk_level": case.get("risk_level") or 0}, serving(case))


def _agree(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    return Call("agreements", {
        "signed_on": clock.today.isoformat(), "informed_consent": True,
        "service_agreement": True, "electronic": True, "signed_by_guardian": True,
        "document_ref": f"XY-{case['case_id'][:8]}-{case['version']}"}, serving(case))


def _serve(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    form, method = SERVICE_FORMS[args[0]]
    given = sum(case.get("services_by_type", {}).values())
    started = (clock.now - timedelta(hours=3 + 2 * given)).replace(second=0, microsecond=0)
    return Call("service-records", {
        "service_type": args[0], "form": form, "method": method,
        "started_at": started.isoformat(), "duration_minutes": 60 if method == "case_management"
        else 90, "staff": ["赵社工", "刘康复师"]}, serving(case))


def _reassess(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    destination = args[0] if args else None
    willing, able = REASSESSMENT_OUTLOOK[destination]
    return Call("reassessments", {
        "assessed_on": clock.today.isoformat(),
        "rehabilitation_effect": "明显改善" if destination else "有所改善",
        "disease_state": "稳定", "self_care": "基本自理" if destination else "部分自理",
        "employment_willingness": willing, "employment_ability": able, "risk_level": 0,
        "recommend_exit": destination is not None, "exit_destination": destination},
        serving(case))


def _exit(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    destination = case["last_reassessment"]["exit_destination"]
    return Call("exit", {"destination": destination, "notes": "达到结案条件，登记结案"},
                serving(case))


def _relocate(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    body: dict[str, Any] = {"to_region": args[0],
                            "reason": f"随家人迁居{COUNTIES[args[0]]}"}
    if len(args) > 1:
        body["target_institution_id"] = args[1]
    return Call("relocations", body, serving(case))


def _relapse(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    return Call("relapses", {"hospital_org_id": hospital(case["residence_region"]).org_id,
                             "risk_level": int(args[0]), "reason": "自行停药后病情复发"},
                serving(case))


def _return(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    if args == ["institution"]:
        who = serving(case)
    else:  # the hospital the relapse was referred to
        who = Who("hospital", case["hospital_org_id"], city_of(case["residence_region"]))
    return Call("hospital-returns", {"discharged_on": clock.today.isoformat(),
                                     "notes": "病情缓解出院，回到社区"}, who)


_WAITING = ("pending_review", "registered", "waitlisted")  # no institution holds the case yet
WITHDRAWAL_NOTES = {"withdrawn": "本人决定不再参加", "deceased": "家属告知已病故",
                    "lost_contact": "多次电话及上门均未联系上"}


def _withdraw(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    who = social_worker(case) if case["state"] in _WAITING else serving(case)
    return Call("withdrawal", {"reason": args[0], "unwilling": "unwilling" in args[1:],
                               "notes": WITHDRAWAL_NOTES[args[0]]}, who)


def _follow_up(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    who = institution(case["served_by"][-1]) if args == ["institution"] else social_worker(case)
    return Call("follow-ups", {"visited_on": clock.today.isoformat(),
                               "outcome": "情况稳定，按时服药"}, who)


STEPS: dict[str, Step] = {
    "approve": _review(True), "reject": _review(False), "reconfirm": _reconfirm,
    "dispatch": _dispatch, "dispatch_to": _dispatch, "target": _dispatch,
    "accept": _accept, "decline": _decline,
    "accept_relocation": _relocation_answer(True), "decline_relocation": _relocation_answer(False),
    "evaluate": _evaluate, "agree": _agree, "serve": _serve, "reassess": _reassess,
    "exit": _exit, "relocate": _relocate, "relapse": _relapse, "return": _return,
    "withdraw": _withdraw, "follow_up": _follow_up,
}


def parse_steps(text: str) -> list[tuple[str, list[str]]]:
    steps = []
    for word in text.split():
        verb, *args = word.split(":")
        if verb not in STEPS:
            raise ValueError(f"unknown step {verb!r}")
        steps.append((verb, args))
    return steps
