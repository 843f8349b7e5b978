"""The case as the API shows it; computed before commit so an idempotent retry gets it back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.chinatime import china_date
from jingkang.common.domain.identity import mask_id_number, mask_name

from ..domain.case import Case
from ..domain.lifecycle import GuardContext, available_actions
from ..domain.deadlines import pending_deadlines
from ..domain.privacy import ERASED
from ..domain.rules import Rules
from ..domain.vocabulary import CaseState, Role
from ..domain.scope import holds_case

# Roles that need the full identity number and name: the referring hospital, the serving
# institution and the reviewing social worker (DOMAIN.md, Privacy).
_FULL_PERSON_ROLES = frozenset({Role.HOSPITAL, Role.INSTITUTION, Role.SOCIAL_WORKER})
ERASED_PERSON_VIEW = {"name": None, "id_number": None, "phone": None, "address": None,
                      "guardian": None, "masked": True, "erased": True}


def reads_person(case: Case, actor: Actor) -> bool:
    """Whether the actor sees the case's person in full now.  Of institutions, only the one
    serving the case or offered it: one it has moved away from sees the person masked."""
    if actor.role not in _FULL_PERSON_ROLES:
        return False
    return actor.role != Role.INSTITUTION or holds_case(case, actor.org_id)


def person_view(person: dict[str, Any] | None, in_full: bool) -> dict[str, Any] | None:
    """The person as an answer shows it: in full, masked (``张*``, no contacts) or erased."""
    if person is None:
        return None
    if person.get("name") == ERASED:
        return dict(ERASED_PERSON_VIEW)
    if in_full or person.get("masked"):
        return person
    return {"name": mask_name(person.get("name") or ""),
            "id_number": mask_id_number(person.get("id_number") or ""),
            "phone": None, "address": None, "guardian": None, "masked": True}


def _deadlines(due: dict[str, date], now: datetime) -> dict[str, Any]:
    today = china_date(now)
    return {queue: {"due_on": day.isoformat(), "overdue": day < today}
            for queue, day in due.items()}


def present(case: Case, actor: Actor, now: datetime, rules: Rules, *,
            person_in_full: bool | None = None,
            due: dict[str, date] | None = None) -> dict[str, Any]:
    """The case for the actor.  ``person_in_full`` says whether the person shows in full when
    that depends on another state of the case than this one (a past version: what the actor
    may read is decided by the case now); by default this state decides.  ``due`` is the
    case's pending deadlines when the caller has worked them out already."""
    relocation = case.relocation
    if person_in_full is None:
        person_in_full = reads_person(case, actor)
    last = case.last_reassessment
    return {
        "case_id": case.case_id,
        "state": case.state.value,
        "version": case.version,
        "close_reason": case.close_reason.value if case.close_reason else None,
        "exit_destination": case.exit_destination.value if case.exit_destination else None,
        "unwilling": case.unwilling,
        "channel": case.channel.value if case.channel else None,
        "person": person_view(case.person, person_in_full),
        "patient_id": case.person_key,
        "residence_region": case.residence_region,
        "referring_org_id": case.referring_org_id,
        "institution": None if case.institution_id is None else {
            "institution_id": case.institution_id, "name": case.institution_name},
        "served_by": list(case.served_by),
        "relocation": None if relocation is None else {
            "from_institution_id": relocation.from_institution_id,
            "from_region": relocation.from_region, "to_region": relocation.to_region,
            "target_institution_id": relocation.target_institution_id},
        "last_decline": None if case.last_decline is None else {
            "institution_id": case.last_decline[0], "reason": case.last_decline[1]},
        "hospital_org_id": case.hospital_org_id if case.state == CaseState.HOSPITALIZED else None,
        "risk_level": case.risk_level,
        "consents": [{"purpose": p.value, "given_by": g}
                     for p, g in sorted(case.consents, key=lambda c: (c[0].value, c[1]))],
        "evaluated": case.evaluated,
        "agreement_signed": case.agreement_signed,
        "last_reassessment": None if last is None else {
            "assessed_on": last.assessed_on.isoformat(), "recommend_exit": last.recommend_exit,
            "exit_destination": last.exit_destination.value if last.exit_destination else None},
        "services_by_type": dict(case.services_by_type),
        "follow_ups": case.follow_ups,
        "deadlines": _deadlines(pending_deadlines(case, rules) if due is None else due, now),
        "registered_at": case.registered_at.isoformat() if case.registered_at else None,
        "closed_at": case.closed_at.isoformat() if case.closed_at else None,
        "updated_at": case.last_event_at.isoformat() if case.last_event_at else None,
        "available_actions": available_actions(GuardContext(case, actor, now, rules)),
    }
