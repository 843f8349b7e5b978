"""The values case events carry: the person, a guardian, a consent, a team member.

These models belong to the events, apart from the request bodies in ``commands`` that validate
what callers send: an event keeps what was decided, so a change to a request body cannot change
what is stored unless it is made here too.  ``decide`` converts a command's value into an
event's value field by field.  Each model's JSON is the one stored since schema version 1: the
same field names, in the same order.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from .vocabulary import ConsentGiver, ConsentPurpose, Profession


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
