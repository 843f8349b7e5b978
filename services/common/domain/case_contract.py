"""The case contract: the states a referral case passes through, and what each set of them means.

The referral service decides the states; the registry folds the referral's events into its
archive and counts cases by state; both services' SQL filters on them.  Each meaning is named
here once, so a new state or event is decided in one place (tests/referral/test_case_contract.py
fails until it is).
"""

from __future__ import annotations

from enum import StrEnum


class CaseState(StrEnum):
    NEW = "new"  # before the first event; never stored or shown
    PENDING_REVIEW = "pending_review"
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    DISPATCHED = "dispatched"
    ACCEPTED = "accepted"
    EVALUATED = "evaluated"
    IN_SERVICE = "in_service"
    RELOCATING = "relocating"
    HOSPITALIZED = "hospitalized"
    CLOSED = "closed"
    REJECTED = "rejected"


# A case that has ended: a person can have a new case only when every earlier one is here.
ENDED_STATES = frozenset({CaseState.CLOSED, CaseState.REJECTED})
# Started and not ended: the person's one case in progress (an application under review counts).
IN_PROGRESS_STATES = frozenset(CaseState) - {CaseState.NEW} - ENDED_STATES
# 登记参加社区康复 (archive columns 5 and 12): registered and not yet closed.
REGISTERED_STATES = IN_PROGRESS_STATES - {CaseState.PENDING_REVIEW}
# Occupying a place at an institution (active cases against capacity).
PLACED_STATES = frozenset({CaseState.DISPATCHED, CaseState.ACCEPTED, CaseState.EVALUATED,
                           CaseState.IN_SERVICE, CaseState.RELOCATING, CaseState.HOSPITALIZED})

# The state each event type leads to, where the type alone fixes it (EvaluationCompleted, for
# one, leaves the state to the case's history).
STATE_AFTER_EVENT: dict[str, CaseState] = {
    "MedicalAssessmentUploaded": CaseState.REGISTERED,
    "ApplicationSubmitted": CaseState.PENDING_REVIEW,
    "ApplicationApproved": CaseState.REGISTERED,
    "ApplicationRejected": CaseState.REJECTED,
    "CaseDispatched": CaseState.DISPATCHED,
    "CaseWaitlisted": CaseState.WAITLISTED,
    "CaseAccepted": CaseState.ACCEPTED,
    "CaseDeclined": CaseState.REGISTERED,
    "AgreementSigned": CaseState.IN_SERVICE,
    "RelocationPushed": CaseState.RELOCATING,
    "RelocationAccepted": CaseState.ACCEPTED,
    "RelocationDeclined": CaseState.IN_SERVICE,
    "RelapseReferred": CaseState.HOSPITALIZED,
    "ReturnedFromHospital": CaseState.IN_SERVICE,
    "CaseClosed": CaseState.CLOSED,
}


def sql_list(states: frozenset[CaseState]) -> str:
    """The states as a SQL literal list, sorted so the query text is stable: ('a', 'b')."""
    return "(" + ", ".join(f"'{state}'" for state in sorted(states)) + ")"
