"""Which parts of the case's events and state are personal data (PIPL art. 28: health data
is sensitive), and what they read as once the person has been erased."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jingkang.common.domain.identity import mask_id_number, mask_name

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
# projections keep, in the form they keep it — of a registration's person the masked name and
# identity number and the guardian's relation (``person_for_services``).  Phones, addresses,
# the guardian's name and all free text — diagnosis, recommendation, needs, notes, reasons —
# stay sealed in the feed as they are at rest (PIPL art. 6: no more than the purpose needs).
OPENED_FOR_SERVICES: dict[str, tuple[str, ...]] = {
    "MedicalAssessmentUploaded": ("person",),
    "ApplicationSubmitted": ("person",),
}

# The case's own state: the person, and the free-text reasons it carries.
PROTECTED_STATE = ("person", "last_decline", "relocation")
# The same parts of the case as an answer shows it (kept for Idempotency-Key retries).
PROTECTED_ANSWER = PROTECTED_STATE

# Still a valid ``Person``, so erased events read back as events; the name marks it erased.
ERASED_PERSON = {"name": ERASED, "id_number": ERASED, "phone": None, "address": None,
                 "guardian": None}


def erased_value(field: str, original: Any = ERASED) -> Any:
    """What a protected field reads as when its key is gone."""
    if field == "person":
        return dict(ERASED_PERSON)
    return ERASED


def person_for_services(person: dict[str, Any]) -> dict[str, Any]:
    """A registration's person as the registry keeps it: the masked name and identity number
    (masking them again changes nothing) and the guardian's relation; an erased person as
    erased."""
    if person.get("name") == ERASED:
        return dict(ERASED_PERSON)
    guardian = person.get("guardian")
    return {"name": mask_name(person.get("name") or ""),
            "id_number": mask_id_number(person.get("id_number") or ""),
            "phone": None, "address": None,
            "guardian": {"relation": guardian.get("relation")} if guardian else None}


# How each opened field is shown to services.
FOR_SERVICES: dict[str, Callable[[Any], Any]] = {"person": person_for_services}
