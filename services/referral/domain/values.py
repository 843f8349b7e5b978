"""The values case events carry (the person, a guardian, a consent, a team member) and the
marks that say which fields of an event are personal data.

These models belong to the events, apart from the request bodies in ``commands`` that validate
what callers send: an event keeps what was decided, so a change to a request body cannot change
what is stored unless it is made here too.  ``decide`` converts a command's value into an
event's value field by field.  Each model's JSON is the one stored since schema version 1: the
same field names, in the same order.

A field of an event is personal data when its annotation carries ``PERSONAL`` (or
``PERSONAL_FOR_SERVICES``); ``privacy.PROTECTED_FIELDS`` is read from these marks.  Free text
that is deliberately left readable carries ``NOT_PERSONAL``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_serializer

from .vocabulary import ConsentGiver, ConsentPurpose, EmploymentStatus, Profession


@dataclass(frozen=True)
class Personal:
    """Marks an event field as personal data: sealed under the person's data key wherever the
    event is stored or served, and read as erased once that key is destroyed.
    ``for_services``: the feed opens it for the platform's own services, in the reduced form
    ``privacy.FOR_SERVICES`` gives it."""

    for_services: bool = False


@dataclass(frozen=True)
class NotPersonal:
    """Marks free text that is deliberately left readable (the field says why)."""


PERSONAL = Personal()
PERSONAL_FOR_SERVICES = Personal(for_services=True)
NOT_PERSONAL = NotPersonal()

PersonalText = Annotated[str, PERSONAL]


class Value(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Guardian(Value):
    """监护人 the guardian."""

    name: str
    relation: str
    phone: str | None = None


class Person(Value):
    """康复对象 the person: name, identity number, phone, address and guardian."""

    name: str
    id_number: str
    phone: str | None = None
    address: str | None = None
    guardian: Guardian | None = None


class Consent(Value):
    """A consent for one purpose, by the patient or the guardian (PIPL art. 29)."""

    purpose: ConsentPurpose
    given_by: ConsentGiver
    given_on: date


class TeamMember(Value):
    """A member of an evaluation team: a staff member, not the person."""

    name: str
    profession: Profession


SelfCareScore = Annotated[int, Field(ge=0, le=100, description=(
    "生活自理能力 Barthel 指数 (ADL), 0–100: 100 fully self-caring"))]
SocialFunctioningScore = Annotated[int, Field(ge=1, le=100, description=(
    "个人和社会功能量表 PSP, 1–100: 71–100 mild difficulties at most, 30 and below needs "
    "intensive support"))]
OUTCOME_FIELDS = ("self_care_score", "social_functioning_score", "employment_status")


class OutcomeMeasures(BaseModel):
    """The structured measures an evaluation or reassessment may carry next to its free text,
    for the outcomes report.  Stored only where measured: an event without them is stored
    exactly as before they existed."""

    self_care_score: SelfCareScore | None = None
    social_functioning_score: SocialFunctioningScore | None = None
    employment_status: EmploymentStatus | None = None

    @model_serializer(mode="wrap")
    def _only_what_was_measured(self, handler: Any) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for name in OUTCOME_FIELDS:
                if data.get(name) is None:
                    data.pop(name, None)
        return data
