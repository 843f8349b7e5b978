"""The case as the API shows it; computed before commit so an idempotent retry gets it back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jingkang.common.chinatime import china_date
from jingkang.common.identity import mask_id_number

from ..domain.case import Case
from ..domain.lifecycle import Actor, GuardContext, available_actions
from ..domain.deadlines import pending_deadlines
from ..domain.privacy import ERASED
from ..domain.rules import Rules
from ..domain.vocabulary import CaseState, Role

# Roles that need the full identity number and name: the referring hospital, the serving
# institution and the reviewing social worker (DOMAIN.md, Privacy).
_FULL_PERSON_ROLES = frozenset({Role.HOSPITAL, Role.INSTITUTION, Role.SOCIAL_WORKER})


def reads_person(actor: Actor) -> bool:
    return actor.role in _FULL_PERSON_ROLES


def _person(case: Case, actor: Actor) -> dict[str, Any] | None:
    person = case.person
    if person is None:
        return None
    if person.get("name") == ERASED:
        return {"name": None, "id_number": None, "phone": None, "address": None,
                "guardian": None, "masked": True, "erased": True}
    if reads_person(actor):
        return person
    name = person.get("name") or ""
    return {"name": name[:1] + "*" * max(len(name) - 1, 1),
            "id_number": mask_id_number(person.get("id_number", "")),
            "phone": None, "address": None, "guardian": None, "masked": True}


def _deadlines(case: Case, rules: Rules, now: datetime) -> dict[str, Any]:
    today = china_date(now)
    return {queue: {"due_on": due.isoformat(), "overdue": due < today}
            for queue, due in pending_deadlines(case, rules).items()}


def present(case: Case, actor: Actor, now: datetime, rules: Rules) -> dict[str, Any]:
    relocation = case.relocation
    last = case.last_reassessment
    return {
        "case_id": case.case_id,
        "state": case.state.value,
        "version": case.version,
        "close_reason": case.close_reason.value if case.close_reason else None,
        "exit_destination": case.exit_destination.value if case.exit_destination else None,
        "unwilling": case.unwilling,
        "channel": case.channel.value if case.channel else None,
        "person": _person(case, actor),
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
        "deadlines": _deadlines(case, rules, now),
        "registered_at": case.registered_at.isoformat() if case.registered_at else None,
        "closed_at": case.closed_at.isoformat() if case.closed_at else None,
        "updated_at": case.last_event_at.isoformat() if case.last_event_at else None,
        "available_actions": available_actions(GuardContext(case, actor, now, rules)),
    }
