"""Who may read which archive (DOMAIN.md, Who uses the system), and the archive reads."""

from __future__ import annotations

from typing import Any

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.regions import contains

from ..domain.errors import InstitutionNotFound, OutOfScope
from ..domain.institution import READ_ALL
from ..domain.staff import QUALIFIED_SHARE_TARGET, TRAINING_HOURS_TARGET
from .ports import ArchiveQueries

ARCHIVE_ROLES = ("civil_affairs", "social_worker", "institution", "hospital", "auditor", "admin")


class PatientNotFound(InstitutionNotFound):
    pass


def _sees_case(actor: Actor, case: dict[str, Any]) -> bool:
    if actor.role in READ_ALL:
        return True
    if actor.role in ("civil_affairs", "social_worker"):
        return contains(actor.region, case["residence_region"])
    if actor.role == "hospital":
        return actor.org_id in (case["referring_org_id"], case["hospital_org_id"])
    return actor.org_id == case["institution_id"] or any(
        s["institution_id"] == actor.org_id for s in case["steps"])


class Archives:
    def __init__(self, queries: ArchiveQueries) -> None:
        self.queries = queries

    async def patients(self, actor: Actor, filters: dict[str, Any], after: str | None,
                       limit: int) -> list[dict[str, Any]]:
        return await self.queries.patients(actor, filters, after, limit)

    async def patient(self, actor: Actor, patient_id: str) -> dict[str, Any]:
        patient = await self.queries.patient(patient_id)
        if patient is None:
            raise PatientNotFound(f"no patient {patient_id} in the archive")
        visible = [c for c in patient["cases"] if _sees_case(actor, c)]
        if not visible:
            raise PatientNotFound(f"no patient {patient_id} in the caller's scope")
        return {**patient, "cases": visible}

    async def institution(self, actor: Actor, institution_id: str) -> dict[str, Any]:
        profile = await self.queries.institution(institution_id)
        if profile is None:
            raise InstitutionNotFound(f"no institution {institution_id}")
        if actor.role == "institution" and actor.org_id != institution_id:
            raise OutOfScope("an institution reads only its own archive", field="institution_id")
        if actor.role in ("civil_affairs", "social_worker") and \
                not contains(actor.region, profile["region"]):
            raise OutOfScope(f"institution {institution_id} is outside the caller's jurisdiction",
                             field="institution_id")
        figures = await self.queries.institution_figures(institution_id)
        capacity = profile.get("capacity") or 0
        return {"institution": profile, **figures,
                "occupancy": None if not capacity else round(figures["active_cases"] / capacity, 4),
                "staff_compliance": _compliance(figures["staff_reports"])}


def _compliance(reports: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The latest report against the 30 % qualified share and the 20 training hours (冀 12–13)."""
    if not reports:
        return None
    latest = reports[-1]
    headcount = latest["headcount"]
    share = None if not headcount else round(latest["qualified"] / headcount, 4)
    return {"period": latest["period"], "qualified_share": share,
            "qualified_share_target": QUALIFIED_SHARE_TARGET,
            "qualified_share_met": None if share is None else share >= QUALIFIED_SHARE_TARGET,
            "direct_service": latest["direct_service"],
            "direct_service_under_training_hours": latest["direct_service_under_training"],
            "training_hours_target": TRAINING_HOURS_TARGET}
