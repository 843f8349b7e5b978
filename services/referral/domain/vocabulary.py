"""The enumerations of DOMAIN.md, with their API spellings."""

from __future__ import annotations

from enum import StrEnum

from jingkang.common.domain.case_contract import CaseState  # noqa: F401
from jingkang.common.domain.vocabulary import (  # noqa: F401 - the case vocabulary includes these
    EmploymentStatus,
    ExitDestination,
    Profession,
    ServiceForm,
    ServiceMethod,
    ServiceType,
)



class Role(StrEnum):
    HOSPITAL = "hospital"
    SOCIAL_WORKER = "social_worker"
    REPORTER = "reporter"
    INSTITUTION = "institution"
    PLATFORM = "platform"
    CIVIL_AFFAIRS = "civil_affairs"
    AUDITOR = "auditor"
    ADMIN = "admin"
    SERVICE = "service"


class CloseReason(StrEnum):
    EXITED = "exited"
    WITHDRAWN = "withdrawn"
    DECEASED = "deceased"
    LOST_CONTACT = "lost_contact"
    UNSUITABLE = "unsuitable"


class WithdrawalReason(StrEnum):
    """Ends other than an exit (docs/referral.md)."""

    WITHDRAWN = "withdrawn"
    DECEASED = "deceased"
    LOST_CONTACT = "lost_contact"


class Channel(StrEnum):
    MEDICAL = "medical"  # 医疗机构评估转介
    SELF = "self"  # 自愿申请 (patient)
    GUARDIAN = "guardian"  # 自愿申请 (guardian)
    THIRD_PARTY = "third_party"  # 登记申请 by others


class ReporterKind(StrEnum):
    ENTERPRISE = "enterprise"  # 企事业单位
    COMMITTEE = "committee"  # 村（居）委会
    SOCIAL_ORGANIZATION = "social_organization"  # 社会组织
    INDIVIDUAL = "individual"  # 个人


class AssessmentKind(StrEnum):
    DISCHARGE = "discharge"  # 出院康复评估
    OUTPATIENT = "outpatient"  # 门诊就诊诊断评估


class ConsentPurpose(StrEnum):
    REFERRAL_UPLOAD = "referral_upload"  # 经患者及监护人同意 upload (seeds, item 5)
    SHARE_WITH_INSTITUTION = "share_with_institution"  # PIPL art. 29 (design)
    RELOCATION = "relocation"  # PIPL art. 29 (design)


class ConsentGiver(StrEnum):
    PATIENT = "patient"
    GUARDIAN = "guardian"
