"""Pure domain helpers: a clock, actors, a directory and a case built by deciding and folding."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from jingkang.common.domain.regions import RegionTable
from jingkang.referral.domain import commands as cmd
from jingkang.referral.domain import decide
from jingkang.common.domain.calendar import china
from jingkang.referral.domain.case import Case, evolve
from jingkang.referral.domain.institutions import Institution
from jingkang.common.domain.actor import Actor
from jingkang.referral.domain.rules import Rules
from jingkang.referral.domain.vocabulary import (
    AssessmentKind, ConsentGiver, ConsentPurpose, ExitDestination, Profession, ServiceForm,
    ServiceMethod, ServiceType,
)

NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)  # a Monday, 10:00 in China
RESIDENCE = "130102"  # 石家庄市长安区
SAME_CITY = "130104"  # 石家庄市桥西区
OTHER_CITY = "130202"  # 唐山市路南区

HOSPITAL = Actor("doc-1", "hospital", "hosp-1", "130100")
SOCIAL_WORKER = Actor("sw-1", "social_worker", "sw-org", "130100")
PLATFORM = Actor("platform", "platform", "platform", "130000")
INSTITUTION = Actor("front-desk", "institution", "inst-county", RESIDENCE)
OTHER_INSTITUTION = Actor("other-desk", "institution", "inst-other-city", OTHER_CITY)

DIRECTORY = [
    Institution("inst-county", "长安区精康站", RESIDENCE, True, True, 10, 3),
    Institution("inst-city", "桥西区精康中心", SAME_CITY, True, True, 10, 1),
    Institution("inst-other-city", "路南区精康站", OTHER_CITY, True, True, 10, 0),
]


def context(actor: Actor, now: datetime = NOW) -> decide.Context:
    return decide.Context(actor=actor, now=now, rules=Rules(), calendar=china(),
                          regions=RegionTable.bundled())


def person(**overrides) -> cmd.Person:
    values = {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000",
              "address": "长安区某街道1号", "guardian": cmd.Guardian(name="李四", relation="母亲")}
    return cmd.Person(**{**values, **overrides})


def upload(**overrides) -> cmd.UploadMedicalAssessment:
    values = {
        "person": person(), "residence_region": RESIDENCE, "assessment_kind": AssessmentKind.DISCHARGE,
        "assessed_on": date(2026, 10, 30), "diagnosis": "精神分裂症", "risk_level": 1,
        "recommendation": "建议社区康复",
        "consents": [cmd.Consent(purpose=purpose, given_by=g, given_on=date(2026, 10, 30))
                     for purpose in ConsentPurpose
                     for g in (ConsentGiver.PATIENT, ConsentGiver.GUARDIAN)],
    }
    return cmd.UploadMedicalAssessment(**{**values, **overrides})


def evaluation(suitable: bool = True) -> cmd.Evaluation:
    return cmd.Evaluation(
        evaluated_on=NOW.date(), suitable=suitable, opinion="适宜社区康复" if suitable else "不适宜",
        plan="日间训练" if suitable else None, risk_level=1,
        team=[cmd.TeamMember(name="王医生", profession=Profession.PSYCHIATRIST),
              cmd.TeamMember(name="赵社工", profession=Profession.SOCIAL_WORKER)])


def agreement() -> cmd.Agreement:
    return cmd.Agreement(signed_on=NOW.date(), informed_consent=True, service_agreement=True,
                         electronic=True, signed_by_guardian=True)


def service() -> cmd.ServiceRecord:
    return cmd.ServiceRecord(service_type=ServiceType.LIFE_SKILLS, form=ServiceForm.DAY_TRAINING,
                             method=ServiceMethod.GROUP_WORK, started_at=NOW - timedelta(hours=2),
                             duration_minutes=90, staff=["赵社工"])


def reassessment(recommend_exit: bool = True,
                 destination: ExitDestination | None = ExitDestination.EMPLOYMENT) -> cmd.Reassessment:
    return cmd.Reassessment(
        assessed_on=NOW.date(), rehabilitation_effect="好", disease_state="稳定", self_care="自理",
        employment_willingness=True, employment_ability=True, risk_level=0,
        recommend_exit=recommend_exit, exit_destination=destination if recommend_exit else None)


@dataclass
class Story:
    """A case grown by deciding commands and folding their events, as the service will."""

    case: Case = field(default_factory=lambda: Case("case-1"))
    events: list = field(default_factory=list)

    def apply(self, new_events: list) -> Story:
        for event in new_events:
            self.case = evolve(self.case, event, NOW)
            self.events.append(event)
        return self

    def uploaded(self) -> Story:
        return self.apply(decide.upload_medical_assessment("case-1", "pk-1", upload(),
                                                           context(HOSPITAL)))

    def in_service(self) -> Story:
        self.uploaded()
        self.apply(decide.dispatch(self.case, cmd.Dispatch(), context(PLATFORM), DIRECTORY))
        self.apply(decide.answer_dispatch(self.case, cmd.Acceptance(accepted=True),
                                          context(INSTITUTION)))
        self.apply(decide.evaluate(self.case, evaluation(), context(INSTITUTION)))
        return self.apply(decide.sign_agreement(self.case, agreement(), context(INSTITUTION)))
