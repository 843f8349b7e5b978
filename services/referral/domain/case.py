"""A case's current state as the fold of its events.  ``evolve`` is pure and never fails."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import singledispatch

from . import events as ev
from .vocabulary import CaseState, Channel, CloseReason, ConsentPurpose, ExitDestination


@dataclass(frozen=True)
class PendingRelocation:
    from_institution_id: str
    from_region: str
    to_region: str
    target_institution_id: str | None
    last_declined_by: str | None = None
    last_decline_reason: str | None = None
    target_institution_name: str | None = None


@dataclass(frozen=True)
class LastReassessment:
    assessed_on: date
    recommend_exit: bool
    exit_destination: ExitDestination | None


@dataclass(frozen=True)
class Case:
    case_id: str
    state: CaseState = CaseState.NEW
    version: int = 0
    channel: Channel | None = None
    person: dict | None = None
    person_key: str | None = None
    residence_region: str | None = None
    referring_org_id: str | None = None  # the hospital that uploaded, or who submitted
    institution_id: str | None = None  # dispatched to / serving now
    institution_name: str | None = None
    served_by: tuple[str, ...] = ()  # every institution that accepted the case, in order
    risk_level: int = 0
    consents: frozenset[tuple[ConsentPurpose, str]] = frozenset()  # (purpose, given_by)
    applied_on: date | None = None
    registered_at: datetime | None = None
    last_confirmed_at: datetime | None = None  # registration or re-review: the 3-month clock
    review_due_on: date | None = None
    dispatch_due_on: date | None = None
    reassessment_due_on: date | None = None
    follow_up_due_on: date | None = None
    evaluated: bool = False
    agreement_signed: bool = False
    last_reassessment: LastReassessment | None = None
    services_by_type: tuple[tuple[str, int], ...] = ()
    last_service_at: datetime | None = None
    relocation: PendingRelocation | None = None
    hospital_org_id: str | None = None
    last_decline: tuple[str, str] | None = None  # (institution, reason)
    close_reason: CloseReason | None = None
    exit_destination: ExitDestination | None = None
    closed_at: datetime | None = None
    unwilling: bool = False
    follow_ups: int = 0
    last_event_at: datetime | None = None

    def holds_consent(self, purpose: ConsentPurpose, today: date) -> bool:
        """Whether the case holds the consent for ``purpose``: the person's or the guardian's,
        and for a child under 14 the guardian's (PIPL art. 31)."""
        givers = {g for p, g in self.consents if p == purpose}
        if self.is_child(today):
            return "guardian" in givers
        return bool(givers)

    def is_child(self, today: date) -> bool:
        number = (self.person or {}).get("id_number") or ""
        if len(number) != 18 or not number[6:14].isdigit():
            return False
        born = (int(number[6:10]), int(number[10:12]), int(number[12:14]))
        return (today.year, today.month, today.day) < (born[0] + 14, born[1], born[2])


def fold(case_id: str, history: list[tuple[ev.CaseEvent, datetime]]) -> Case:
    case = Case(case_id)
    for event, recorded_at in history:
        case = evolve(case, event, recorded_at)
    return case


def evolve(case: Case, event: ev.CaseEvent, recorded_at: datetime) -> Case:
    changed = _apply(event, case)
    return replace(changed, version=case.version + 1, last_event_at=recorded_at)


def evolve_all(case: Case, events: Sequence[ev.CaseEvent], recorded_at: datetime) -> Case:
    """The case after the events one command decided, all stamped ``recorded_at``."""
    for event in events:
        case = evolve(case, event, recorded_at)
    return case


@singledispatch
def _apply(event: ev.CaseEvent, case: Case) -> Case:
    return case  # an event that changes no state (a future type read through an upcaster)


@_apply.register
def _(e: ev.MedicalAssessmentUploaded, case: Case) -> Case:
    consents = frozenset((c.purpose, c.given_by.value) for c in e.consents)
    return replace(case, state=CaseState.REGISTERED, channel=Channel.MEDICAL,
                   person=e.person.model_dump(mode="json"), person_key=e.person_key,
                   residence_region=e.residence_region, referring_org_id=e.referring_org_id,
                   risk_level=e.risk_level, consents=consents, applied_on=e.assessed_on,
                   registered_at=e.registered_at, last_confirmed_at=e.registered_at,
                   review_due_on=e.review_due_on, dispatch_due_on=e.dispatch_due_on)


@_apply.register
def _(e: ev.ApplicationSubmitted, case: Case) -> Case:
    consents = frozenset((c.purpose, c.given_by.value) for c in e.consents)
    return replace(case, state=CaseState.PENDING_REVIEW, channel=e.channel, consents=consents,
                   person=e.person.model_dump(mode="json"), person_key=e.person_key,
                   residence_region=e.residence_region, referring_org_id=e.submitted_by_org_id,
                   applied_on=e.applied_on, review_due_on=e.review_due_on)


@_apply.register
def _(e: ev.ApplicationApproved, case: Case) -> Case:
    return replace(case, state=CaseState.REGISTERED, registered_at=e.registered_at,
                   last_confirmed_at=e.registered_at, dispatch_due_on=e.dispatch_due_on)


@_apply.register
def _(e: ev.ApplicationRejected, case: Case) -> Case:
    return replace(case, state=CaseState.REJECTED)


@_apply.register
def _(e: ev.WillingnessReconfirmed, case: Case) -> Case:
    return replace(case, last_confirmed_at=e.reconfirmed_at)


@_apply.register
def _(e: ev.CaseDispatched, case: Case) -> Case:
    return replace(case, state=CaseState.DISPATCHED, institution_id=e.institution_id,
                   institution_name=e.institution_name)


@_apply.register
def _(e: ev.CaseWaitlisted, case: Case) -> Case:
    return replace(case, state=CaseState.WAITLISTED)


@_apply.register
def _(e: ev.CaseAccepted, case: Case) -> Case:
    return replace(case, state=CaseState.ACCEPTED, served_by=(*case.served_by, e.institution_id))


@_apply.register
def _(e: ev.CaseDeclined, case: Case) -> Case:
    return replace(case, state=CaseState.REGISTERED, institution_id=None, institution_name=None,
                   last_decline=(e.institution_id, e.reason))


@_apply.register
def _(e: ev.EvaluationCompleted, case: Case) -> Case:
    state = CaseState.EVALUATED if e.suitable else case.state  # CaseClosed follows if unsuitable
    return replace(case, state=state, evaluated=e.suitable, risk_level=e.risk_level)


@_apply.register
def _(e: ev.AgreementSigned, case: Case) -> Case:
    return replace(case, state=CaseState.IN_SERVICE, agreement_signed=True,
                   reassessment_due_on=e.reassessment_due_on)


@_apply.register
def _(e: ev.ServiceRecorded, case: Case) -> Case:
    counts = dict(case.services_by_type)
    counts[e.service_type.value] = counts.get(e.service_type.value, 0) + 1
    last = max(filter(None, (case.last_service_at, e.started_at)))
    return replace(case, services_by_type=tuple(sorted(counts.items())), last_service_at=last)


@_apply.register
def _(e: ev.ReassessmentRecorded, case: Case) -> Case:
    return replace(case, risk_level=e.risk_level, reassessment_due_on=e.next_due_on,
                   last_reassessment=LastReassessment(e.assessed_on, e.recommend_exit,
                                                      e.exit_destination))


@_apply.register
def _(e: ev.RelocationPushed, case: Case) -> Case:
    return replace(case, state=CaseState.RELOCATING, relocation=PendingRelocation(
        e.from_institution_id, e.from_region, e.to_region, e.target_institution_id,
        target_institution_name=e.target_institution_name))


@_apply.register
def _(e: ev.RelocationTargeted, case: Case) -> Case:
    if case.relocation is None:
        return case
    return replace(case, relocation=replace(case.relocation,
                                            target_institution_id=e.target_institution_id,
                                            target_institution_name=e.institution_name))


@_apply.register
def _(e: ev.RelocationAccepted, case: Case) -> Case:
    # The new institution evaluates and signs its own agreement (DOMAIN.md, Moves).  Only the
    # relocation's target may accept, so its name is the one the push or the platform chose
    # (unknown, not the sender's, for a v1 push that named its target without a name).
    relocation = case.relocation
    name = relocation.target_institution_name if relocation is not None else None
    return replace(case, state=CaseState.ACCEPTED, relocation=None,
                   institution_id=e.institution_id, institution_name=name,
                   residence_region=e.new_residence_region,
                   served_by=(*case.served_by, e.institution_id), evaluated=False,
                   agreement_signed=False, last_reassessment=None)


@_apply.register
def _(e: ev.RelocationDeclined, case: Case) -> Case:
    # The case stays with the sender, who sees the answer and may push again.
    return replace(case, state=CaseState.IN_SERVICE, relocation=None,
                   last_decline=(e.institution_id, e.reason))


@_apply.register
def _(e: ev.RelapseReferred, case: Case) -> Case:
    return replace(case, state=CaseState.HOSPITALIZED, hospital_org_id=e.hospital_org_id,
                   risk_level=e.risk_level)


@_apply.register
def _(e: ev.ReturnedFromHospital, case: Case) -> Case:
    return replace(case, state=CaseState.IN_SERVICE)


@_apply.register
def _(e: ev.CaseClosed, case: Case) -> Case:
    return replace(case, state=CaseState.CLOSED, close_reason=e.reason,
                   exit_destination=e.exit_destination, closed_at=e.closed_at,
                   unwilling=e.unwilling, follow_up_due_on=e.follow_up_due_on, relocation=None)


@_apply.register
def _(e: ev.FollowUpRecorded, case: Case) -> Case:
    return replace(case, follow_ups=case.follow_ups + 1)


@_apply.register
def _(e: ev.ConsentRecorded, case: Case) -> Case:
    return replace(case, consents=case.consents | {(e.purpose, e.given_by.value)})


@_apply.register
def _(e: ev.ConsentWithdrawn, case: Case) -> Case:
    return replace(case, consents=frozenset(
        (p, g) for p, g in case.consents if not (p == e.purpose and g == e.withdrawn_by.value)))
