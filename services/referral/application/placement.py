"""Where a case can go: the institutions of its residence (for a relocation, of the new
residence, the sending institution left out) in the order dispatch by residence takes them,
each with its free places, and the one it would take now.  The platform reads this before it
dispatches by name or by residence; the dispatch itself decides again under its room lock."""

from __future__ import annotations

from typing import Any

from jingkang.common.domain.actor import Actor

from ..domain.case import Case
from ..domain.institutions import Institution, placement_order
from ..domain.vocabulary import CaseState
from .ports import Directory, UnitOfWork
from .queries import CaseReads


def _residence_and_excluded(case: Case) -> tuple[str, str | None]:
    if case.state == CaseState.RELOCATING and case.relocation is not None:
        return case.relocation.to_region, case.relocation.from_institution_id
    return case.residence_region or "", None


def _option(institution: Institution, scope: str) -> dict[str, Any]:
    return {"institution_id": institution.institution_id, "name": institution.name,
            "region": institution.region, "scope": scope,
            "operating": institution.operating, "accepting": institution.accepting,
            "capacity": institution.capacity, "active_cases": institution.active_cases,
            "free_places": max(institution.capacity - institution.active_cases, 0)
            if institution.operating and institution.accepting else 0,
            "has_room": institution.has_room}


class PlacementOptions:
    def __init__(self, reads: CaseReads, db: UnitOfWork, directory: Directory) -> None:
        self.reads, self.db, self.directory = reads, db, directory

    async def of(self, case_id: str, actor: Actor) -> dict[str, Any]:
        case = await self.reads.visible(case_id, actor)
        residence, excluded = _residence_and_excluded(case)
        async with self.db.connection() as conn:
            found = await self.directory.in_city_of(residence, conn) if residence else []
        ordered = [(i, scope) for i, scope in placement_order(residence, found)
                   if i.institution_id != excluded]
        chosen = next(((i, scope) for i, scope in ordered if i.has_room), None)
        return {"case_id": case.case_id, "state": case.state.value,
                "residence_region": residence,
                "by_residence": None if chosen is None else {
                    "institution_id": chosen[0].institution_id, "scope": chosen[1]},
                "institutions": [_option(i, scope) for i, scope in ordered]}


__all__ = ["PlacementOptions"]
