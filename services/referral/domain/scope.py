"""Who may see which case (DOMAIN.md, Who uses the system): out of scope reads as not found."""

from __future__ import annotations

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.regions import contains

from .case import Case
from .vocabulary import Role

SEE_ALL = frozenset({Role.AUDITOR, Role.ADMIN, Role.PLATFORM, Role.SERVICE})


def can_see(case: Case, actor: Actor) -> bool:
    role, org = actor.role, actor.org_id
    if role in SEE_ALL:
        return True
    if role == Role.HOSPITAL:
        return org in (case.referring_org_id, case.hospital_org_id)
    if role == Role.INSTITUTION:
        return holds_case(case, org) or org in case.served_by
    if role in (Role.SOCIAL_WORKER, Role.CIVIL_AFFAIRS):
        return case.residence_region is not None and contains(actor.region, case.residence_region)
    if role == Role.REPORTER:
        return org == case.referring_org_id
    return False


def holds_case(case: Case, institution_id: str) -> bool:
    """Whether the institution serves the case now (or it is dispatched to it), or is offered
    it by a pending relocation.  An institution that served it before still sees the case, but
    not the person in full (docs/security.md)."""
    relocation = case.relocation
    return (institution_id == case.institution_id
            or (relocation is not None and institution_id == relocation.target_institution_id))
