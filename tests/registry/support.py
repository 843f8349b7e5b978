"""Helpers for the registry's projection tests: synthetic case histories and table dumps."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from jingkang.registry.adapters.sql import as_json
from jingkang.registry.adapters.tables import ARCHIVE, PROJECTIONS, metadata
from jingkang_events import Database, EventStore, EventTypes, NewEvent

CASE_TYPES = ("MedicalAssessmentUploaded", "CaseDispatched", "CaseAccepted",
              "EvaluationCompleted", "AgreementSigned", "ServiceRecorded", "RelapseReferred",
              "ReturnedFromHospital", "ReassessmentRecorded", "CaseClosed")


def case_types() -> EventTypes:
    types = EventTypes()
    for name in CASE_TYPES:
        types.register(name)
    return types


def case_history(serial: int, start: datetime) -> list[tuple[str, dict[str, Any]]]:
    """One case from upload to exit, shaped like the referral service's events."""
    county = ("130102", "130104", "130121", "130202")[serial % 4]
    institution = f"inst-{county}"
    key = hashlib.sha256(f"person-{serial}".encode()).hexdigest()
    history = [
        ("MedicalAssessmentUploaded", {
            "person": {"name": f"测试{serial}", "id_number": f"130102199001{serial % 28 + 1:02d}0011",
                       "guardian": {"name": "家属", "relation": "母亲"}},
            "person_key": key, "residence_region": county, "referring_org_id": "hosp-1",
            "risk_level": serial % 5, "review_due_on": "2026-07-08",
            "dispatch_due_on": "2026-07-08"}),
        ("CaseDispatched", {"institution_id": institution, "institution_name": "站",
                            "institution_region": county, "chosen": "named"}),
        ("CaseAccepted", {"institution_id": institution}),
        ("EvaluationCompleted", {"institution_id": institution, "suitable": True, "risk_level": 1,
                                 "team": [{"name": "王", "profession": "psychiatrist"}]}),
        ("AgreementSigned", {"institution_id": institution, "signed_on": "2026-07-01"}),
    ]
    for month in range(3):
        history.append(("ServiceRecorded", {
            "institution_id": institution, "service_type": "life_skills", "form": "day_training",
            "method": "group_work", "started_at": (start + timedelta(days=30 * month)).isoformat(),
            "duration_minutes": 60}))
    if serial % 3 == 0:
        history += [("RelapseReferred", {"institution_id": institution, "hospital_org_id": "h-1",
                                         "risk_level": 4}),
                    ("ReturnedFromHospital", {"discharged_on": "2026-08-01"})]
    if serial % 2 == 0:
        history += [("ReassessmentRecorded", {"institution_id": institution, "risk_level": 0,
                                              "recommend_exit": True,
                                              "exit_destination": "home"}),
                    ("CaseClosed", {"reason": "exited", "exit_destination": "home",
                                    "unwilling": False})]
    return history


async def append_cases(store: EventStore, count: int) -> int:
    """``count`` synthetic cases in the referral store; returns how many events."""
    start, written = datetime(2026, 7, 1, 2, tzinfo=UTC), 0
    for serial in range(count):
        case_id = str(uuid.UUID(int=serial + 1))
        history = case_history(serial, start)
        for version, (kind, data) in enumerate(history):
            await store.append(case_id, "case", version, [NewEvent(kind, {"case_id": case_id, **data})],
                               recorded_at=start + timedelta(minutes=serial, seconds=version))
        written += len(history)
    return written


def _normal(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(("[", "{")):
        return as_json(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value


async def dump(db: Database, tables: tuple[str, ...] = PROJECTIONS + ARCHIVE) -> dict[str, list]:
    """Every row of the registry's projections, in primary-key order."""
    dumped = {}
    async with db.connection() as conn:
        for name in tables:
            keys = ", ".join(c.name for c in metadata.tables[name].primary_key.columns)
            rows = await conn.fetch(f"SELECT * FROM {name} ORDER BY {keys}")
            dumped[name] = [tuple(_normal(v) for v in row) for row in rows]
    return dumped
