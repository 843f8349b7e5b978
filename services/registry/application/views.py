"""The institution as the API shows it; computed before commit so an idempotent retry gets it back."""

from __future__ import annotations

from typing import Any

from ..domain.institution import Institution
from ..domain.staff import staff_figures
from ..domain.vocabulary import STATUS_MOVES


def present_institution(institution: Institution) -> dict[str, Any]:
    profile = institution.profile
    latest = max(institution.staff_reports, default=None)
    return {
        **{k: profile.get(k) for k in (
            "institution_id", "name", "credit_code", "region", "township_code", "township_name",
            "address", "level", "kind", "area", "capacity", "accepting", "services", "forms",
            "prices", "contact", "opened_on", "registered_at")},
        "status": str(institution.status),
        "version": institution.version,
        "latest_staff_report": None if latest is None else {
            "period": latest, **staff_figures(institution.staff_reports[latest]).as_dict()},
        "available_status_actions": [a.value for a, (sources, _) in STATUS_MOVES.items()
                                     if institution.status in sources],
    }
