"""What callers ask of a case.  These models are also the API's request bodies.  The values
events keep (``Person``, ``Consent``, ``TeamMember``) have models of their own in ``values.py``;
``decide`` converts these into those, so a request body can change without changing what is
stored.

Field-level rules that need no case (formats, ranges, enumerations, identity-number checksums)
live here; rules that need the case's history live in ``decide``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from jingkang.common.domain.identity import validate_phone
from jingkang.common.domain.text import MULTILINE, CheckedStrings

from .values import SelfCareScore, SocialFunctioningScore
from .vocabulary import (
    EmploymentStatus,
    AssessmentKind,
    Channel,
    ConsentGiver,
    ConsentPurpose,
    ExitDestination,
    Profession,
    ReporterKind,
    ServiceForm,
    ServiceMethod,
    ServiceType,
    WithdrawalReason,
)

RegionCode = Annotated[str, Field(pattern=r"^\d{6}$", description=(
    "行政区划代码 GB/T 2260 six-digit county-level division code, valid today"))]
Phone = Annotated[str, AfterValidator(validate_phone),
                  Field(max_length=20, description="联系电话 mainland mobile or landline")]
OptionalPhone = Annotated[Phone | None, Field(description="联系电话 mainland mobile or landline")]
RiskLevel = Annotated[int, Field(ge=0, le=5, description=(
    "危险性评估 risk level 0–5 (严重精神障碍管理治疗工作规范): 0 none … 5 violence with weapons"))]
FreeText = Annotated[str, MULTILINE]  # tabs and line breaks allowed (jingkang.common.domain.text)
Note = Annotated[FreeText, Field(max_length=4000, description=(
    "说明 free text (protected personal data)"))]
OrgId = Annotated[str, Field(min_length=1, max_length=100, description="机构标识 organisation id")]


class Command(CheckedStrings):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Guardian(Command):
    name: str = Field(min_length=1, max_length=50, description="监护人姓名 guardian's name")
    relation: str = Field(min_length=1, max_length=20, description="与本人关系 relation, e.g. 母亲")
    phone: OptionalPhone = None


class Person(Command):
    """康复对象 the person: personal data, protected wherever it is stored."""

    name: str = Field(min_length=1, max_length=50, description="姓名 name")
    id_number: str = Field(description=(
        "居民身份证号码 18-character citizen identity number (GB 11643 check digit)"))
    phone: OptionalPhone = None
    address: str | None = Field(None, max_length=200, description="居住地址 residential address")
    guardian: Guardian | None = Field(None, description="监护人 guardian")


class Consent(Command):
    purpose: ConsentPurpose = Field(description="同意事项 what the consent is for (PIPL art. 29)")
    given_by: ConsentGiver = Field(description="同意人 patient or guardian")
    given_on: date = Field(description="同意日期 date the consent was given")


class UploadMedicalAssessment(Command):
    """医疗机构评估转介: a hospital uploads a discharge or outpatient assessment."""

    person: Person = Field(description="康复对象 the person")
    residence_region: RegionCode
    assessment_kind: AssessmentKind = Field(description="评估类型 discharge or outpatient")
    assessed_on: date = Field(description="评估日期 date of the assessment")
    diagnosis: str = Field(min_length=1, max_length=200, description="诊断 diagnosis")
    risk_level: RiskLevel
    recommendation: Note = Field(description="社区康复建议 the community-rehabilitation recommendation")
    consents: list[Consent] = Field(max_length=10, description=(
        "同意 consents given; the upload needs referral_upload from both patient and guardian"))


class SubmitApplication(Command):
    """自愿申请 / 登记申请: a self-application or a third-party report, for a social worker to review."""

    channel: Channel = Field(description="申请渠道 self, guardian or third_party")
    reporter_kind: ReporterKind | None = Field(None, description="报告方类型 who reports (third_party)")
    reporter_name: str | None = Field(None, max_length=100, description="报告方名称 reporter's name")
    person: Person = Field(description="康复对象 the person")
    residence_region: RegionCode
    needs: Note = Field(description="康复需求 the rehabilitation needs as stated")
    applied_on: date = Field(description="申请日期 date of the application")
    consents: list[Consent] = Field(default_factory=list, max_length=10, description=(
        "同意 consents given with the application (sharing with an institution, relocation)"))

    @model_validator(mode="after")
    def _reporter_goes_with_third_party(self) -> SubmitApplication:
        if self.channel == Channel.MEDICAL:
            raise ValueError("channel: medical referrals are uploaded by hospitals")
        if (self.channel == Channel.THIRD_PARTY) != (self.reporter_kind is not None):
            raise ValueError("reporter_kind: required for third_party and only then")
        return self


class Review(Command):
    """审核评估康复需求: approve (register) or reject an application."""

    approved: bool = Field(description="是否通过 true registers the case, false rejects it")
    needs_assessment: Note = Field(description="康复需求评估 the social worker's needs assessment")
    reason: FreeText | None = Field(None, max_length=1000, description="不予登记理由 reason, if rejected")

    @model_validator(mode="after")
    def _reason_when_rejected(self) -> Review:
        if not self.approved and not self.reason:
            raise ValueError("reason: required when the application is rejected")
        return self


class Reconfirm(Command):
    """再次审核申请人意愿和实际情况 after a wait of more than 3 months."""

    willing: bool = Field(description="是否仍愿意 whether the person still wants community rehabilitation")
    situation: Note = Field(description="实际情况 the person's current situation")


class Dispatch(Command):
    """汇总、分派、转送: to a named institution, or automatically by residence."""

    institution_id: OrgId | None = Field(None, description=(
        "指定机构 a named institution; omit to choose by residence (county first, then city)"))


class Acceptance(Command):
    accepted: bool = Field(description="是否接收 accept (true) or decline (false)")
    reason: FreeText | None = Field(None, max_length=1000, description="拒绝理由 reason, if declined")

    @model_validator(mode="after")
    def _reason_when_declined(self) -> Acceptance:
        if not self.accepted and not self.reason:
            raise ValueError("reason: required when declining")
        return self


class TeamMember(Command):
    name: str = Field(min_length=1, max_length=50, description="姓名 name")
    profession: Profession = Field(description="专业 profession")


class Evaluation(Command):
    """综合评估 by a multidisciplinary team, with the rehabilitation opinion."""

    evaluated_on: date = Field(description="评估日期 date")
    team: list[TeamMember] = Field(min_length=1, max_length=20, description="评估团队 the team")
    suitable: bool = Field(description="是否适宜社区康复 whether community rehabilitation suits")
    opinion: Note = Field(description="康复意见 the rehabilitation opinion")
    plan: Note | None = Field(None, description="康复计划 the plan, when suitable")
    risk_level: RiskLevel
    self_care_score: SelfCareScore | None = Field(None, description=(
        "生活自理能力 Barthel 指数 (ADL), 0–100, where measured"))
    social_functioning_score: SocialFunctioningScore | None = Field(None, description=(
        "个人和社会功能量表 PSP, 1–100, where measured"))
    employment_status: EmploymentStatus | None = Field(None, description="就业状况")


class Agreement(Command):
    """知情同意书、服务协议 signed with the person and the guardian before any service."""

    signed_on: date = Field(description="签订日期 date signed")
    informed_consent: bool = Field(description="知情同意书已签 informed consent signed")
    service_agreement: bool = Field(description="服务协议已签 service agreement signed")
    electronic: bool = Field(description="电子协议 signed electronically (encouraged, Hebei 7)")
    signed_by_guardian: bool = Field(description="监护人已签 the guardian signed too")
    document_ref: str | None = Field(None, max_length=200, description="协议编号 agreement reference")


class ServiceRecord(Command):
    """一次服务 one service given."""

    service_type: ServiceType = Field(description="服务内容 service content")
    form: ServiceForm = Field(description="服务形式 service form")
    method: ServiceMethod = Field(description="工作方法 case management or group work")
    started_at: datetime = Field(description="开始时间 start, RFC 3339 with offset")
    duration_minutes: int = Field(ge=1, le=24 * 60, description="时长（分钟） minutes")
    staff: list[Annotated[str, Field(min_length=1, max_length=50)]] = Field(
        min_length=1, max_length=20, description="服务人员 staff who gave it")
    notes: Note | None = Field(None, description="备注 notes (protected personal data)")


class Reassessment(Command):
    """定期转介评估: effect, disease state, self-care, employment; may recommend exit."""

    assessed_on: date = Field(description="评估日期 date")
    rehabilitation_effect: FreeText = Field(max_length=500, description=(
        "康复效果 rehabilitation effect"))
    disease_state: FreeText = Field(max_length=500, description="疾病状态 disease state")
    self_care: FreeText = Field(max_length=500, description="生活自理能力 self-care ability")
    employment_willingness: bool = Field(description="就业意愿 wishes to work")
    employment_ability: bool = Field(description="就业能力 able to work")
    risk_level: RiskLevel
    recommend_exit: bool = Field(description="建议结束社区康复 recommends exit")
    exit_destination: ExitDestination | None = Field(None, description="建议去向 recommended destination")
    self_care_score: SelfCareScore | None = Field(None, description=(
        "生活自理能力 Barthel 指数 (ADL), 0–100, where measured"))
    social_functioning_score: SocialFunctioningScore | None = Field(None, description=(
        "个人和社会功能量表 PSP, 1–100, where measured"))
    employment_status: EmploymentStatus | None = Field(None, description="就业状况")

    @model_validator(mode="after")
    def _destination_goes_with_exit(self) -> Reassessment:
        if self.recommend_exit != (self.exit_destination is not None):
            raise ValueError("exit_destination: required when recommending exit, and only then")
        return self


class Relocation(Command):
    """迁居推送 to the new residence."""

    to_region: RegionCode
    target_institution_id: OrgId | None = Field(None, description="接收机构 optional target")
    reason: Note = Field(description="迁居说明 the move")


class Relapse(Command):
    """复发绿色通道 referral to a mental-health hospital."""

    hospital_org_id: OrgId = Field(description="接收医院 receiving hospital")
    risk_level: RiskLevel
    reason: Note = Field(description="复发情况 what happened")


class HospitalReturn(Command):
    discharged_on: date = Field(description="出院日期 discharge date")
    notes: Note | None = Field(None, description="备注 notes (protected personal data)")


class Exit(Command):
    destination: ExitDestination = Field(description="去向 destination")
    notes: Note | None = Field(None, description="备注 notes (protected personal data)")


class Withdrawal(Command):
    reason: WithdrawalReason = Field(description="结案原因 withdrawn, deceased or lost_contact")
    unwilling: bool = Field(False, description="本人不愿参加 the person is unwilling (counted in statistics)")
    notes: Note | None = Field(None, description="备注 notes (protected personal data)")


class FollowUp(Command):
    """回访 after closing."""

    visited_on: date = Field(description="回访日期 date")
    outcome: Note = Field(description="回访情况 what was found")


class Erasure(Command):
    """删除个人信息 (PIPL art. 47): destroy the person's data keys."""

    reason: FreeText = Field(min_length=1, max_length=1000, description=(
        "删除依据 the ground for erasure, e.g. the person's request and its reference"))


class ConsentChange(Command):
    """单独同意 (PIPL art. 29): a consent for one purpose given, or withdrawn."""

    purpose: ConsentPurpose = Field(description="同意事项 what the consent is for")
    given_by: ConsentGiver = Field(description="同意人 patient or guardian")
    on: date = Field(description="日期 date it was given or withdrawn")
    withdrawn: bool = Field(False, description="撤回 true withdraws the consent")
