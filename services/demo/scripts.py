"""The demo's cases as scripts, and the requests that play them.

A script: how the case comes in, the residence county, then its steps, each "verb[:arg…]".
Ways in: upload[:risk] / outpatient (hospital), self / guardian (social worker),
report:<reporter kind> (reporter).  Verbs are the keys of STEPS below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from .data import CHINA, COUNTIES, person
from .principals import PLATFORM, Who, city_of, hospital, institution, serving, social_worker


class Script(NamedTuple):
    way_in: str
    county: str
    steps: str = ""


IN_SERVICE = "dispatch accept evaluate agree"

SCRIPTS = [
    # exits, one to each destination, with follow-ups
    Script("upload", "130102", f"{IN_SERVICE} serve:life_skills serve:medication_training "
                               "reassess:employment exit follow_up"),
    Script("upload", "130104", f"{IN_SERVICE} serve:vocational serve:vocational "
                               "reassess:sheltered_employment exit follow_up:institution"),
    Script("upload", "130121", f"{IN_SERVICE} serve:home_guidance "
                               "reassess:other_rehab_service exit"),
    Script("upload", "130224", f"{IN_SERVICE} serve:family_support serve:peer_support "
                               "reassess:home exit follow_up"),
    Script("outpatient", "130202", f"{IN_SERVICE} serve:social_skills serve:recreation "
                                   "reassess:home exit"),
    Script("upload", "130104", f"{IN_SERVICE} reassess:employment exit follow_up follow_up"),
    # applications and reports: approved, rejected, withdrawn, still waiting for review
    Script("self", "130102", "approve dispatch accept evaluate agree serve:life_skills "
                             "serve:social_skills"),
    Script("guardian", "130123", "approve dispatch_to:hb-sjz-zd-01 decline "
                                 "dispatch_to:hb-sjz-centre-01 accept evaluate:unsuitable"),
    Script("report:committee", "130203", "reject"),
    Script("report:enterprise", "130602", "approve dispatch accept evaluate agree serve:vocational "
                                          "serve:medication_training serve:psychological"),
    Script("self", "130623", "reject"),
    Script("report:individual", "130121", "approve dispatch accept"),
    Script("report:social_organization", "130623", "approve dispatch accept evaluate:unsuitable"),
    Script("self", "130104", "withdraw:withdrawn:unwilling"),
    Script("guardian", "130202", "approve"),
    Script("self", "130203"),
    Script("guardian", "130224", "approve dispatch accept evaluate agree serve:family_support"),
    # waiting: 秦皇岛 has no institution yet
    Script("upload", "130302", "dispatch"),
    Script("upload", "130302", "dispatch reconfirm:willing"),
    Script("upload", "130303", "dispatch withdraw:lost_contact"),
    # the county's station is suspended: dispatch falls back to the city
    Script("upload", "130105", f"{IN_SERVICE} serve:life_skills"),
    Script("upload", "130105", "withdraw:deceased"),
    # willingness and withdrawals at every stage
    Script("upload", "130102", "reconfirm:unwilling"),
    Script("upload", "130104", "dispatch withdraw:withdrawn:unwilling"),
    Script("upload", "130602", "dispatch accept withdraw:withdrawn"),
    Script("upload", "130623", f"{IN_SERVICE} serve:life_skills withdraw:lost_contact"),
    Script("upload", "130123", "dispatch accept evaluate"),
    Script("upload", "130224", "dispatch"),
    # relapses and hospital returns
    Script("upload:2", "130202", f"{IN_SERVICE} relapse:4 return serve:medication_training"),
    Script("upload", "130203", f"{IN_SERVICE} relapse:3 return:institution withdraw:deceased"),
    Script("upload:3", "130224", f"{IN_SERVICE} relapse:5"),
    Script("upload:3", "130123", f"{IN_SERVICE} relapse:4 return reassess:other_rehab_service exit "
                                 "follow_up"),
    Script("self", "130102", "approve dispatch accept evaluate agree serve:life_skills relapse:4 "
                             "withdraw:lost_contact"),
    # relocations: taken over in another city, declined, still pending
    Script("upload", "130102", f"{IN_SERVICE} serve:life_skills relocate:130202 target "
                               "accept_relocation evaluate agree serve:social_skills"),
    Script("upload", "130121", f"{IN_SERVICE} relocate:130104:hb-sjz-qx-01 decline_relocation "
                               "serve:vocational"),
    Script("upload", "130602", f"{IN_SERVICE} relocate:130623 target serve:home_guidance"),
    Script("upload", "130102", f"{IN_SERVICE} relocate:130602 target accept_relocation evaluate "
                               "agree reassess:sheltered_employment exit follow_up"),
    # in service, with reassessments that do not recommend an exit
    Script("upload", "130602", f"{IN_SERVICE} serve:life_skills reassess serve:caregiver_training"),
    Script("upload", "130203", f"{IN_SERVICE} serve:social_skills serve:peer_support"),
    Script("upload", "130121", f"{IN_SERVICE} serve:vocational reassess"),
]

# Each service type's usual form and method.
SERVICE_FORMS = {
    "medication_training": ("day_training", "group_work"),
    "life_skills": ("day_training", "group_work"),
    "social_skills": ("day_training", "group_work"),
    "vocational": ("day_training", "group_work"),
    "home_guidance": ("home_support", "case_management"),
    "psychological": ("day_training", "case_management"),
    "peer_support": ("peer_support", "group_work"),
    "family_support": ("family_expert_exchange", "group_work"),
    "recreation": ("day_training", "group_work"),
    "caregiver_training": ("home_support", "case_management"),
}
REASSESSMENT_OUTLOOK = {  # exit destination → (employment willingness, employment ability)
    "employment": (True, True), "sheltered_employment": (True, False),
    "other_rehab_service": (False, False), "home": (False, False), None: (True, False),
}

DIAGNOSES = ["精神分裂症", "双相情感障碍", "偏执性精神病", "分裂情感性障碍", "抑郁症（复发性）"]
NEEDS = ["希望参加日间训练，恢复生活自理", "家属希望学习照护技能", "希望参加职业康复，重新就业"]
REPORTERS = {"committee": "社区居民委员会", "enterprise": "某制造有限公司工会",
             "social_organization": "心康社会工作服务中心", "individual": "邻居"}
TEAM = [{"name": "王医生", "profession": "psychiatrist"},
        {"name": "赵社工", "profession": "social_worker"},
        {"name": "孙护士", "profession": "nurse"}]


# --- requests -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One request of a step: ``path`` under the case, its body and who sends it."""

    path: str
    body: dict[str, Any]
    who: Who


@dataclass(frozen=True)
class Clock:
    now: datetime

    @property
    def today(self) -> date:
        return self.now.date()

    def days_ago(self, days: int) -> str:
        return (self.today - timedelta(days=days)).isoformat()


def current_quarter(now: datetime) -> str:
    local = now.astimezone(CHINA)
    return f"{local.year}Q{(local.month - 1) // 3 + 1}"


# 单独同意: the upload, sharing with the institution, a relocation (PIPL art. 29).
CONSENT_PURPOSES = ("referral_upload", "share_with_institution", "relocation")


def way_in_call(script: Script, serial: int, clock: Clock) -> Call:
    """The request that creates the case."""
    kind, _, arg = script.way_in.partition(":")
    someone = person(serial, script.county)
    if kind in ("upload", "outpatient"):
        assessed = clock.days_ago(2 + serial % 5)
        return Call("/v1/referrals/medical-assessments", {
            "person": someone, "residence_region": script.county,
            "assessment_kind": "outpatient" if kind == "outpatient" else "discharge",
            "assessed_on": assessed, "diagnosis": DIAGNOSES[serial % len(DIAGNOSES)],
            "risk_level": int(arg or 1), "recommendation": "病情稳定，建议转介社区康复",
            "consents": [{"purpose": purpose, "given_by": giver, "given_on": assessed}
                         for purpose in CONSENT_PURPOSES for giver in ("patient", "guardian")],
        }, hospital(script.county))
    applied = clock.days_ago(1 + serial % 3)
    body = {"channel": "third_party" if kind == "report" else kind, "person": someone,
            "residence_region": script.county, "needs": NEEDS[serial % len(NEEDS)],
            "applied_on": applied,
            "consents": [{"purpose": purpose, "given_by": "patient", "given_on": applied}
                         for purpose in CONSENT_PURPOSES[1:]]}
    if kind == "report":
        body |= {"reporter_kind": arg, "reporter_name": REPORTERS[arg]}
        return Call("/v1/referrals/applications", body,
                    Who("reporter", f"reporter-{arg}-{script.county}", script.county))
    city = city_of(script.county)
    return Call("/v1/referrals/applications", body, Who("social_worker", f"sw-{city}", city))


# --- steps: each turns the case (as last answered) into the request that moves it ----------

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
