"""The person and guardian as a form gives them (the hospital's upload, the social worker's
application): the API's body, and the identity number checked here too (check digit, birth
date) so a mistyped one is named before anything is sent."""

from __future__ import annotations

from datetime import date
from typing import Any

from jingkang.common.domain.identity import InvalidIdentity, validate_id_number

from .refusals import in_chinese

PERSON_REQUIRED = {"person.name": "姓名", "person.id_number": "身份证号码",
                   "residence_region": "居住地行政区划代码"}
PERSON_OPTIONAL = ("person.phone", "person.address", "person.guardian.name",
                   "person.guardian.relation", "person.guardian.phone")
GIVERS = {"consent.patient": "patient", "consent.guardian": "guardian"}


def id_number_problem(value: str, today: date) -> str:
    """"" when the number is valid, else what is wrong, in Chinese."""
    try:
        validate_id_number(value, today=today)
    except InvalidIdentity as exc:
        return in_chinese(str(exc))
    return ""


def stripped(form: dict[str, Any], names: Any) -> dict[str, str]:
    return {name: str(form.get(name, "")).strip() for name in names}


def required_missing(value: dict[str, str], required: Any) -> dict[str, str]:
    return {name: "此项必填" for name in required if not value.get(name)}


def person_of(value: dict[str, str], today: date) -> tuple[dict[str, Any], dict[str, str]]:
    """The API's ``person`` (guardian only when one is named) and what is wrong with it."""
    errors: dict[str, str] = {}
    if value["person.id_number"] and (
            problem := id_number_problem(value["person.id_number"], today)):
        errors["person.id_number"] = problem
    person: dict[str, Any] = {"name": value["person.name"],
                              "id_number": value["person.id_number"]}
    person.update({key: value[f"person.{key}"] for key in ("phone", "address")
                   if value[f"person.{key}"]})
    if value["person.guardian.name"] or value["person.guardian.relation"]:
        person["guardian"] = {key: value[f"person.guardian.{key}"]
                              for key in ("name", "relation", "phone")
                              if value[f"person.guardian.{key}"]}
    return person, errors


def consents_of(form: dict[str, Any], purpose: str, given_on: str) -> list[dict[str, str]]:
    """One consent for each of patient and guardian whose box is ticked."""
    return [{"purpose": purpose, "given_by": giver, "given_on": given_on}
            for box, giver in GIVERS.items() if form.get(box)]
