"""Which parts of the case's events and state are personal data (PIPL art. 28: health data
is sensitive), and what they read as once the person has been erased.

The events mark their personal fields where they declare them (``values.Personal``); the
mappings the adapters seal and open by are read from those marks here."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, get_args

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from jingkang.common.domain.identity import mask_id_number, mask_name

from .events import EVENT_TYPES
from .values import NotPersonal, Personal

ERASED = "[已删除]"


def _marks_within(annotation: Any) -> Iterator[object]:
    for item in get_args(annotation):
        if isinstance(item, Personal | NotPersonal):
            yield item
        else:
            yield from _marks_within(item)


def privacy_marks(field: FieldInfo) -> list[Personal | NotPersonal]:
    """The marks on a field: on the field itself, or inside its type (``PersonalText | None``)."""
    return [m for m in (*field.metadata, *_marks_within(field.annotation))
            if isinstance(m, Personal | NotPersonal)]


def _is_record(field: FieldInfo) -> bool:
    return isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)


def _personal(model: type[BaseModel], *, for_services: bool) -> list[str]:
    return [name for name, field in model.model_fields.items()
            if any(isinstance(m, Personal) and (m.for_services or not for_services)
                   for m in privacy_marks(field))]


def _classified(model: type[BaseModel]) -> bool:
    return any(privacy_marks(field) for field in model.model_fields.values())


def personal_fields(models: Mapping[str, type[BaseModel]], *,
                    for_services: bool = False) -> dict[str, tuple[str, ...]]:
    """The fields each model marks ``Personal`` (only those opened for services, if asked):
    whole records (the person) first, then text in the order declared.  A model is listed when
    any of its fields is marked; with only ``NotPersonal`` marks, its entry is empty."""
    found: dict[str, tuple[str, ...]] = {}
    for name, model in models.items():
        personal = _personal(model, for_services=for_services)
        if personal or (not for_services and _classified(model)):
            fields = model.model_fields
            found[name] = tuple(sorted(personal, key=lambda f: not _is_record(fields[f])))
    return found


# Names, identity numbers, phones, addresses (all in ``person``), and every free-text field
# that may describe the person's health or life, as the events mark them (``values.Personal``).
# Identifiers of organisations, codes, dates and enumerations stay readable: the platform
# routes and counts by them.
PROTECTED_FIELDS: dict[str, tuple[str, ...]] = personal_fields(EVENT_TYPES)

# What the feed opens for the platform's own services (the registry): only what their
# projections keep, in the form they keep it — of a registration's person the masked name and
# identity number and the guardian's relation (``person_for_services``).  Phones, addresses,
# the guardian's name and all free text — diagnosis, recommendation, needs, notes, reasons —
# stay sealed in the feed as they are at rest (PIPL art. 6: no more than the purpose needs).
OPENED_FOR_SERVICES: dict[str, tuple[str, ...]] = personal_fields(
    EVENT_TYPES, for_services=True)

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
