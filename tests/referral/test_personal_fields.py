"""The personal fields of case events are marked where they are declared; the mapping the
adapters seal by is read from the marks, and every text field of every event is classified."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, get_args

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from jingkang.referral.domain.commands import Command
from jingkang.referral.domain.events import EVENT_TYPES, CaseEvent, PersonErased
from jingkang.referral.domain.privacy import (
    OPENED_FOR_SERVICES, PROTECTED_FIELDS, personal_fields, privacy_marks,
)
from jingkang.referral.domain.values import NOT_PERSONAL, PERSONAL, PERSONAL_FOR_SERVICES

# Every event type the service registers with its store (see bootstrap).
REGISTERED: dict[str, type[BaseModel]] = {**EVENT_TYPES, "PersonErased": PersonErased}

# The mapping as it was written out by hand before the fields carried the marks: removing a
# mark, or adding one, must show here.
PROTECTED_BEFORE_MARKS: dict[str, tuple[str, ...]] = {
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
OPENED_BEFORE_MARKS: dict[str, tuple[str, ...]] = {
    "MedicalAssessmentUploaded": ("person",),
    "ApplicationSubmitted": ("person",),
}

# Unmarked string fields, deliberately readable: ids and codes the platform routes and counts
# by, institutions' names, and the names of staff (not of the person).  A new string field must
# be marked ``PERSONAL`` / ``NOT_PERSONAL`` or listed here.
READABLE: set[str] = {
    "CaseEvent.case_id",
    "MedicalAssessmentUploaded.person_key",
    "MedicalAssessmentUploaded.residence_region",
    "MedicalAssessmentUploaded.referring_org_id",
    "ApplicationSubmitted.person_key",
    "ApplicationSubmitted.residence_region",
    "ApplicationSubmitted.submitted_by_org_id",
    "CaseDispatched.institution_id",
    "CaseDispatched.institution_name",
    "CaseDispatched.institution_region",
    "CaseDispatched.chosen",
    "CaseAccepted.institution_id",
    "CaseDeclined.institution_id",
    "EvaluationCompleted.institution_id",
    "EvaluationCompleted.team.name",
    "AgreementSigned.institution_id",
    "AgreementSigned.document_ref",
    "ServiceRecorded.institution_id",
    "ServiceRecorded.staff",
    "ReassessmentRecorded.institution_id",
    "RelocationPushed.from_institution_id",
    "RelocationPushed.from_region",
    "RelocationPushed.to_region",
    "RelocationPushed.target_institution_id",
    "RelocationPushed.target_institution_name",
    "RelocationTargeted.target_institution_id",
    "RelocationTargeted.institution_name",
    "RelocationTargeted.institution_region",
    "RelocationAccepted.from_institution_id",
    "RelocationAccepted.institution_id",
    "RelocationAccepted.new_residence_region",
    "RelocationDeclined.from_institution_id",
    "RelocationDeclined.institution_id",
    "RelapseReferred.institution_id",
    "RelapseReferred.hospital_org_id",
    "PersonErased.patient_id",
    "PersonErased.case_ids",
}
# Free text marked ``NOT_PERSONAL``, each with its reason on the field.
READABLE_TEXT = {"CaseWaitlisted.reason", "PersonErased.reason"}


def _owner(model: type[BaseModel], name: str) -> str:
    return "CaseEvent" if name in CaseEvent.model_fields else model.__name__


def _text_in(annotation: Any, path: str) -> Iterator[str]:
    """The paths of the plain strings in a type (enumerations are not free text)."""
    if annotation is str:
        yield path
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, field in annotation.model_fields.items():
            yield from _unmarked_text(field, f"{path}.{name}")
    else:
        for item in get_args(annotation):
            yield from _text_in(item, path)


def _unmarked_text(field: FieldInfo, path: str) -> Iterator[str]:
    if not privacy_marks(field):
        yield from _text_in(field.annotation, path)


def _unmarked_strings(model: type[BaseModel]) -> set[str]:
    return {path for name, field in model.model_fields.items()
            for path in _unmarked_text(field, f"{_owner(model, name)}.{name}")}


def _marked(mark: object) -> set[str]:
    return {f"{_owner(model, name)}.{name}" for model in REGISTERED.values()
            for name, field in model.model_fields.items() if mark in privacy_marks(field)}


def test_the_marks_give_exactly_the_mapping_written_before_them() -> None:
    assert PROTECTED_FIELDS == PROTECTED_BEFORE_MARKS
    assert list(PROTECTED_FIELDS) == list(PROTECTED_BEFORE_MARKS)
    assert OPENED_FOR_SERVICES == OPENED_BEFORE_MARKS


def test_every_string_field_of_every_registered_event_is_classified() -> None:
    unclassified = set().union(*(_unmarked_strings(m) for m in REGISTERED.values())) - READABLE
    assert unclassified == set(), "mark these PERSONAL or NOT_PERSONAL, or list them as readable"


def test_the_readable_list_names_only_unmarked_fields_that_exist() -> None:
    every = set().union(*(_unmarked_strings(m) for m in REGISTERED.values()))
    assert READABLE - every == set()


def test_free_text_left_readable_is_marked_so() -> None:
    assert _marked(NOT_PERSONAL) == READABLE_TEXT
    assert _marked(PERSONAL_FOR_SERVICES) == {"MedicalAssessmentUploaded.person",
                                              "ApplicationSubmitted.person"}


def test_an_unmarked_text_field_is_found_and_a_marked_one_derived() -> None:
    class Probe(BaseModel):
        remark: str
        summary: Annotated[str, PERSONAL] | None = None
        code: Annotated[str, NOT_PERSONAL] = ""

    assert _unmarked_strings(Probe) == {"Probe.remark"}
    assert personal_fields({"Probe": Probe}) == {"Probe": ("summary",)}
    assert personal_fields({"Probe": Probe}, for_services=True) == {}


def _models_in(annotation: Any) -> Iterator[type]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        for field in annotation.model_fields.values():
            yield from _models_in(field.annotation)
    for item in get_args(annotation):
        yield from _models_in(item)


def test_events_embed_their_own_values_not_request_bodies() -> None:
    embedded = {m for model in REGISTERED.values()
                for field in model.model_fields.values() for m in _models_in(field.annotation)}
    assert embedded, "the walk finds the person, consents and team members"
    assert {m.__name__ for m in embedded if issubclass(m, Command)} == set()
