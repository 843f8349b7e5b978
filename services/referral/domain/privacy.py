"""Which parts of the case's events and state are personal data (PIPL art. 28: health data
is sensitive), and what they read as once the person has been erased."""

from __future__ import annotations

from typing import Any

ERASED = "[已删除]"

# Names, identity numbers, phones, addresses (all in ``person``), and every free-text field
# that may describe the person's health or life.  Identifiers of organisations, codes, dates
# and enumerations stay readable: the platform routes and counts by them.
PROTECTED_FIELDS: dict[str, tuple[str, ...]] = {
    "MedicalAssessmentUploaded": ("person", "diagnosis", "recommendation"),
    "ApplicationSubmitted": ("person", "reporter_name", "needs"),
    "ApplicationApproved": ("needs_assessment",),
    "ApplicationRejected": ("needs_assessment", "reason"),
    "WillingnessReconfirmed": ("situation",),
    "CaseWaitlisted": (),
    "CaseDeclined": ("reason",),
    "EvaluationCompleted": ("opinion", "plan"),
    "ServiceRecorded": ("notes",),
    "ReassessmentRecorded": ("rehabilitation_effect", "disease_state", "self_care"),
    "RelocationPushed": ("reason",),
    "RelocationDeclined": ("reason",),
    "RelapseReferred": ("reason",),
    "ReturnedFromHospital": ("notes",),
    "CaseClosed": ("notes",),
    "FollowUpRecorded": ("outcome",),
}

# What the feed opens for the platform's own services (the registry): only what their
# projections keep, the person of a registration (the registry stores it masked).  Free text —
# diagnosis, recommendation, needs, notes, reasons — stays sealed in the feed as it is at rest
# (PIPL art. 6: no more than the purpose needs).
OPENED_FOR_SERVICES: dict[str, tuple[str, ...]] = {
    "MedicalAssessmentUploaded": ("person",),
    "ApplicationSubmitted": ("person",),
}

# The case's own state: the person, and the free-text reasons it carries.
PROTECTED_STATE = ("person", "last_decline", "relocation")

# Still a valid ``Person``, so erased events read back as events; the name marks it erased.
ERASED_PERSON = {"name": ERASED, "id_number": ERASED, "phone": None, "address": None,
                 "guardian": None}


def erased_value(field: str, original: Any = ERASED) -> Any:
    """What a protected field reads as when its key is gone."""
    if field == "person":
        return dict(ERASED_PERSON)
    return ERASED
