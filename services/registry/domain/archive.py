"""The patient archive (康复对象档案) as a fold of the referral service's case events.

The registry keeps no one's full identity: the archive holds the masked name and identity
number, the guardian's relation, and the facts of each case step with the time the platform
recorded it.  Every time here is that recorded time, so a figure asked "as of" a moment is
the same whenever it is asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from jingkang.common.domain.case_contract import STATE_AFTER_EVENT
from jingkang.common.domain.identity import mask_id_number

from .periods import month_of, months_from

# Events kept in the archive's list of steps (service records are counted instead).
MILESTONES = {
    "MedicalAssessmentUploaded": "registered", "ApplicationApproved": "registered",
    "ApplicationRejected": "rejected", "CaseDispatched": "dispatched",
    "CaseWaitlisted": "waitlisted", "CaseAccepted": "accepted", "CaseDeclined": "declined",
    "EvaluationCompleted": "evaluation", "AgreementSigned": "agreement",
    "ReassessmentRecorded": "reassessment", "RelocationPushed": "relocation_pushed",
    "RelocationAccepted": "relocation_accepted", "RelocationDeclined": "relocation_declined",
    "RelapseReferred": "relapse", "ReturnedFromHospital": "hospital_return",
    "CaseClosed": "closed", "FollowUpRecorded": "follow_up",
}
# What of each milestone the archive shows (no names, no free-text notes).
_MILESTONE_FIELDS = frozenset({
    "institution_id", "assessment_kind", "risk_level", "suitable", "evaluated_on", "signed_on",
    "electronic", "assessed_on", "recommend_exit", "exit_destination", "employment_willingness",
    "employment_ability", "from_region", "to_region", "new_residence_region",
    "target_institution_id", "hospital_org_id", "discharged_on", "reason", "unwilling",
    "visited_on", "chosen", "from_institution_id", "self_care_score", "social_functioning_score",
    "employment_status"})
_FREE_TEXT_REASONS = frozenset({"RelapseReferred", "CaseDeclined", "RelocationDeclined",
                                "RelocationPushed", "CaseWaitlisted", "ApplicationRejected"})


@dataclass(slots=True)
class ArchiveCase:
    """A case as the archive keeps it.  ``apply`` changes it in place: a rebuild folds a
    million events, and a copy per event was most of its time."""

    case_id: str
    patient_id: str = ""
    version: int = 0
    channel: str | None = None
    state: str = "new"
    close_reason: str | None = None
    exit_destination: str | None = None
    unwilling: bool = False
    residence_region: str = ""
    institution_id: str | None = None
    referring_org_id: str | None = None
    hospital_org_id: str | None = None
    risk_level: int = 0
    created_at: datetime | None = None
    registered_at: datetime | None = None
    registered_region: str | None = None  # where the person lived when registered (10, 11)
    review_due_on: str | None = None
    reviewed_at: datetime | None = None
    dispatch_due_on: str | None = None
    dispatched_at: datetime | None = None
    evaluated_at: datetime | None = None
    agreement_at: datetime | None = None
    assessed_at: datetime | None = None  # the agreement or the latest reassessment
    # Months (China time) with a service record, of finished in-service spells, and the start
    # of the current one: the standardized-service test's monthly part (domain/figures.py).
    service_months: str = ""
    in_service_months: str = ""
    in_service_since: datetime | None = None
    services: int = 0
    reassessments: int = 0
    relapses: int = 0
    closed_at: datetime | None = None
    updated_at: datetime | None = None
    interval_seq: int = 0  # the open row of the case's state history

    @property
    def tracked(self) -> tuple[Any, ...]:
        """What the state history keeps as of every moment: state, residence, institution,
        and the evaluation, agreement and assessment the standardized-service test reads."""
        return (self.state, self.residence_region, self.institution_id, self.evaluated_at,
                self.agreement_at, self.assessed_at)


# What the referral service's feed shows for the fields of a person it has erased.
ERASED = "[已删除]"


@dataclass(frozen=True)
class Person:
    """What the archive keeps of a person: masked, never the plain name or number; nothing
    once the person is erased."""

    patient_id: str
    masked_name: str | None
    masked_id_number: str | None
    guardian_relation: str | None
    residence_region: str


@dataclass(slots=True)
class Effects:
    """What one event adds besides the new case row."""

    person: Person | None = None
    milestone: dict[str, Any] | None = None
    service: dict[str, Any] | None = None
    tracked_changed: bool = False


def mask_name(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1)


def _person(data: dict[str, Any], patient_id: str, region: str) -> Person:
    person = data.get("person")
    if not isinstance(person, dict) or person.get("name") in (None, ERASED):
        return Person(patient_id, None, None, None, region)  # erased, or never shown to us
    guardian = person.get("guardian") or {}
    return Person(patient_id, mask_name(person["name"]),
                  mask_id_number(person.get("id_number") or "0" * 18),
                  guardian.get("relation"), region)


def _milestone(event_type: str, data: dict[str, Any]) -> dict[str, Any]:
    # In the event's own key order; an event holds far fewer keys than the archive shows.
    detail = {k: v for k, v in data.items() if v is not None and k in _MILESTONE_FIELDS}
    if event_type in _FREE_TEXT_REASONS:
        detail.pop("reason", None)  # free text may name people; the referral service keeps it
    if event_type == "EvaluationCompleted":
        detail["team"] = sorted({m["profession"] for m in data.get("team", [])})
    return {"kind": MILESTONES[event_type], "type": event_type, "detail": detail}


def apply(case: ArchiveCase, event_type: str, data: dict[str, Any], version: int,
          at: datetime) -> Effects:
    """Fold one recorded event into ``case`` (in place); returns what else it adds."""
    effects = Effects()
    tracked = case.tracked
    changes: dict[str, Any] = {"version": version, "updated_at": at,
                               "state": STATE_AFTER_EVENT.get(event_type, case.state)}
    _facts(case, event_type, data, at, effects, changes)
    _spells(case, changes["state"], at, changes)
    for name, value in changes.items():
        setattr(case, name, value)
    if event_type in MILESTONES:
        effects.milestone = _milestone(event_type, data)
    effects.tracked_changed = case.tracked != tracked
    return effects


def _spells(case: ArchiveCase, state: str, at: datetime, changes: dict[str, Any]) -> None:
    """Starting or ending an in-service spell; an ended spell covers its months up to, not
    including, the instant it ended."""
    if state == "in_service" and case.state != "in_service":
        changes["in_service_since"] = at
    elif case.state == "in_service" and state != "in_service" and case.in_service_since:
        last = at - timedelta(microseconds=1)
        changes["in_service_months"] = _with_months(
            case.in_service_months, months_from(case.in_service_since, last))
        changes["in_service_since"] = None


def _moment(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _with_months(months: str, more: list[str]) -> str:
    known = months.split()
    return " ".join(known + [m for m in more if m not in known])


def _facts(c: ArchiveCase, t: str, d: dict[str, Any], at: datetime, fx: Effects,
           changes: dict[str, Any]) -> None:
    """The case's fields an event sets (into ``changes``, read against the case before it)
    and what else it adds (``fx``)."""
    if t in ("MedicalAssessmentUploaded", "ApplicationSubmitted"):
        medical = t == "MedicalAssessmentUploaded"
        changes.update(
            patient_id=d["person_key"], channel="medical" if medical else d["channel"],
            residence_region=d["residence_region"], created_at=at,
            referring_org_id=d.get("referring_org_id") or d.get("submitted_by_org_id"),
            risk_level=d.get("risk_level", 0), review_due_on=d.get("review_due_on"),
            dispatch_due_on=d.get("dispatch_due_on"),
            registered_at=at if medical else None, reviewed_at=at if medical else None,
            registered_region=d["residence_region"] if medical else None)
        fx.person = _person(d, d["person_key"], d["residence_region"])
    elif t == "ApplicationApproved":
        changes.update(registered_at=at, reviewed_at=at, registered_region=c.residence_region,
                       dispatch_due_on=d.get("dispatch_due_on"))
    elif t == "ApplicationRejected":
        changes.update(reviewed_at=at)
    elif t == "CaseDispatched":
        changes.update(institution_id=d["institution_id"], dispatched_at=c.dispatched_at or at)
    elif t == "CaseDeclined":
        changes.update(institution_id=None)
    elif t == "EvaluationCompleted":
        changes.update(risk_level=d["risk_level"], evaluated_at=at if d["suitable"] else None)
        if d["suitable"]:
            changes["state"] = "evaluated"
    elif t == "AgreementSigned":
        changes.update(agreement_at=at, assessed_at=at)
    elif t == "ServiceRecorded":
        changes["services"] = c.services + 1
        # A month is credited by when the service took place: a record entered after the
        # month is over still counts for it.
        month = month_of(_moment(d["started_at"]))
        if month not in c.service_months:
            changes["service_months"] = f"{c.service_months} {month}".lstrip()
        fx.service = {"institution_id": d["institution_id"], "service_type": d["service_type"],
                      "form": d["form"], "method": d["method"], "started_at": d["started_at"],
                      "duration_minutes": d["duration_minutes"]}
    elif t == "ReassessmentRecorded":
        changes.update(risk_level=d["risk_level"], assessed_at=at,
                       reassessments=c.reassessments + 1)
    elif t == "RelocationAccepted":
        # The new institution evaluates and signs its own agreement (DOMAIN.md, Moves).
        changes.update(institution_id=d["institution_id"],
                       residence_region=d["new_residence_region"], evaluated_at=None,
                       agreement_at=None, assessed_at=None)
    elif t == "RelapseReferred":
        changes.update(hospital_org_id=d["hospital_org_id"], risk_level=d["risk_level"],
                       relapses=c.relapses + 1)
    elif t == "CaseClosed":
        changes.update(close_reason=d["reason"], exit_destination=d.get("exit_destination"),
                       unwilling=bool(d.get("unwilling")), closed_at=at)
