"""Case events: past tense, frozen, each complete enough for an auditor to read on its own.

Every event names the case and carries the facts of its step; who took it (actor, role, org,
request) travels in the store's metadata.  ``EVENT_TYPES`` maps each type name to its model and
schema version; bump ``SCHEMA_VERSION`` with an upcaster in ``upcasting.py`` when a model changes.
The values events carry are models of their own (``values.py``), not the request bodies.  Each
personal field is marked where it is declared (``PersonalText``, ``PERSONAL_FOR_SERVICES``) and
is sealed under the person's data key; ``privacy.PROTECTED_FIELDS`` is read from the marks.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from .values import (
    NOT_PERSONAL,
    OutcomeMeasures,
    PERSONAL_FOR_SERVICES,
    Consent,
    Person,
    PersonalText,
    TeamMember,
)
from .vocabulary import (
    AssessmentKind,
    Channel,
    CloseReason,
    ConsentGiver,
    ConsentPurpose,
    ExitDestination,
    ReporterKind,
    ServiceForm,
    ServiceMethod,
    ServiceType,
)

EVENT_TYPES: dict[str, type[CaseEvent]] = {}


class CaseEvent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    SCHEMA_VERSION: ClassVar[int] = 1

    case_id: str

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        EVENT_TYPES[cls.__name__] = cls

    @property
    def type(self) -> str:
        return type(self).__name__


# --- ways in --------------------------------------------------------------------------


class MedicalAssessmentUploaded(CaseEvent):
    """医疗机构评估转介: registered at once (DOMAIN.md, Ways in 1)."""

    person: Annotated[Person, PERSONAL_FOR_SERVICES]
    person_key: str = Field(description="keyed hash of the identity number: finds duplicates")
    residence_region: str
    referring_org_id: str
    assessment_kind: AssessmentKind
    assessed_on: date
    diagnosis: PersonalText
    risk_level: int
    recommendation: PersonalText
    consents: list[Consent]
    registered_at: datetime
    review_due_on: date = Field(description="5 working days after the application")
    dispatch_due_on: date = Field(description="5 working days after registration")


class ApplicationSubmitted(CaseEvent):
    """自愿申请 or 登记申请, waiting for a social worker's review."""

    channel: Channel
    reporter_kind: ReporterKind | None
    reporter_name: PersonalText | None
    person: Annotated[Person, PERSONAL_FOR_SERVICES]
    person_key: str
    residence_region: str
    needs: PersonalText
    applied_on: date
    submitted_by_org_id: str
    review_due_on: date
    consents: list[Consent] = Field(default_factory=list)


class ApplicationApproved(CaseEvent):
    needs_assessment: PersonalText
    registered_at: datetime
    dispatch_due_on: date


class ApplicationRejected(CaseEvent):
    needs_assessment: PersonalText
    reason: PersonalText


class WillingnessReconfirmed(CaseEvent):
    """再次审核: still willing; the 3-month clock starts again."""

    situation: PersonalText
    reconfirmed_at: datetime


# --- dispatch and acceptance ----------------------------------------------------------


class CaseDispatched(CaseEvent):
    institution_id: str
    institution_name: str
    institution_region: str
    chosen: str = Field(description="named, county or city: how the institution was chosen")


class CaseWaitlisted(CaseEvent):
    # the platform's own words (no institution with room), never the person's
    reason: Annotated[str, NOT_PERSONAL]


class CaseAccepted(CaseEvent):
    institution_id: str


class CaseDeclined(CaseEvent):
    institution_id: str
    reason: PersonalText


# --- in the institution ---------------------------------------------------------------


class EvaluationCompleted(OutcomeMeasures, CaseEvent):
    """综合评估 and the rehabilitation opinion; unsuitable closes the case."""

    institution_id: str
    evaluated_on: date
    team: list[TeamMember]
    suitable: bool
    opinion: PersonalText
    plan: PersonalText | None
    risk_level: int


class AgreementSigned(CaseEvent):
    institution_id: str
    signed_on: date
    informed_consent: bool
    service_agreement: bool
    electronic: bool
    signed_by_guardian: bool
    document_ref: str | None
    reassessment_due_on: date


class ServiceRecorded(CaseEvent):
    institution_id: str
    service_type: ServiceType
    form: ServiceForm
    method: ServiceMethod
    started_at: datetime
    duration_minutes: int
    staff: list[str]
    notes: PersonalText | None


class ReassessmentRecorded(OutcomeMeasures, CaseEvent):
    institution_id: str
    assessed_on: date
    rehabilitation_effect: PersonalText
    disease_state: PersonalText
    self_care: PersonalText
    employment_willingness: bool
    employment_ability: bool
    risk_level: int
    recommend_exit: bool
    exit_destination: ExitDestination | None
    next_due_on: date


# --- moves, relapses, exits -----------------------------------------------------------


class RelocationPushed(CaseEvent):
    """v2 names the receiving institution a push chose, so the case can show it once it takes
    over (a v1 push left the name to be read from the directory)."""

    SCHEMA_VERSION: ClassVar[int] = 2

    from_institution_id: str
    from_region: str
    to_region: str
    target_institution_id: str | None
    reason: PersonalText
    target_institution_name: str | None = None


class RelocationTargeted(CaseEvent):
    """The platform chose the receiving institution for a push that named none."""

    target_institution_id: str
    institution_name: str
    institution_region: str


class RelocationAccepted(CaseEvent):
    """The receiving institution takes over: residence and scope move in this same step."""

    from_institution_id: str
    institution_id: str
    new_residence_region: str


class RelocationDeclined(CaseEvent):
    from_institution_id: str
    institution_id: str
    reason: PersonalText


class RelapseReferred(CaseEvent):
    institution_id: str
    hospital_org_id: str
    risk_level: int
    reason: PersonalText


class ReturnedFromHospital(CaseEvent):
    discharged_on: date
    notes: PersonalText | None


class CaseClosed(CaseEvent):
    """登记结案, for every ending: exit (with destination), withdrawal, death, lost contact, unsuitable."""

    reason: CloseReason
    exit_destination: ExitDestination | None = None
    unwilling: bool = False
    notes: PersonalText | None = None
    closed_at: datetime
    follow_up_due_on: date


class FollowUpRecorded(CaseEvent):
    visited_on: date
    outcome: PersonalText


# --- consent --------------------------------------------------------------------------


class ConsentRecorded(CaseEvent):
    purpose: ConsentPurpose
    given_by: ConsentGiver
    given_on: date


class ConsentWithdrawn(CaseEvent):
    purpose: ConsentPurpose
    withdrawn_by: ConsentGiver
    withdrawn_on: date


class PersonErased(BaseModel):
    """A person's personal data was erased on request (crypto-shredding): their data keys are
    destroyed, so every sealed field of their cases reads as erased from now on.  On the
    person's own stream (``person-{patient_id}``); downstream projections forget the person's
    personal fields when they see it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    SCHEMA_VERSION: ClassVar[int] = 1

    patient_id: str
    case_ids: list[str]
    keys_destroyed: int
    # the ground for the erasure stays legible after the person's keys are gone
    reason: Annotated[str, NOT_PERSONAL]
    erased_at: datetime

    @property
    def type(self) -> str:
        return type(self).__name__
