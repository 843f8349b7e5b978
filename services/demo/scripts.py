"""The demo's cases as scripts, and the requests that play them.

A script: how the case comes in, the residence county, then its steps, each "verb[:arg…]".
Ways in: upload[:risk] / outpatient (hospital), self / guardian (social worker),
report:<reporter kind> (reporter).  Verbs are the keys of steps.STEPS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from .data import CHINA, person
from .principals import Who, city_of, hospital


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
