"""Reads of the registry's tables: institutions, their archive figures, the patient archive."""

from __future__ import annotations

from typing import Any

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.case_contract import PLACED_STATES, sql_list
from jingkang.common.domain.regions import bounds
from jingkang_events import Database

from ..domain.institution import READ_ALL
from .sql import as_json, as_time


_ACTIVE = sql_list(PLACED_STATES)


def patient_scope(actor: Actor) -> tuple[str, list[Any]]:
    """A condition on ``archive_patients p`` that keeps what the caller may see."""
    if actor.role in READ_ALL:
        return "", []
    if actor.role in ("civil_affairs", "social_worker"):
        return "p.residence_region BETWEEN $1 AND $2", list(bounds(actor.region))
    column = {"institution": "institution_id", "hospital": "referring_org_id"}[actor.role]
    extra = " OR c.hospital_org_id = $1" if actor.role == "hospital" else ""
    return (f"EXISTS (SELECT 1 FROM archive_cases c WHERE c.patient_id = p.patient_id AND "
            f"(c.{column} = $1{extra} OR EXISTS (SELECT 1 FROM archive_milestones m WHERE "
            "m.case_id = c.case_id AND m.institution_id = $1)))", [actor.org_id])


class RegistryQueries:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- institutions ----------------------------------------------------------------------

    async def institution(self, institution_id: str) -> dict[str, Any] | None:
        async with self.db.connection() as conn:
            value = await conn.fetchval("SELECT profile FROM institutions WHERE institution_id = $1",
                                        institution_id)
        return None if value is None else as_json(value)

    async def institutions(self, filters: dict[str, Any], after: str | None,
                           limit: int) -> list[dict[str, Any]]:
        where, args = [], []
        if filters.get("region"):
            low, high = bounds(filters["region"])
            args += [low, high]
            where.append(f"region BETWEEN ${len(args) - 1} AND ${len(args)}")
        for column in ("kind", "level", "status", "accepting", "area"):
            if filters.get(column) is not None:
                args.append(filters[column])
                where.append(f"{column} = ${len(args)}")
        if after:
            args.append(after)
            where.append(f"institution_id > ${len(args)}")
        args.append(limit)
        sql = ("SELECT profile FROM institutions" + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY institution_id LIMIT ${len(args)}")
        async with self.db.connection() as conn:
            rows = await conn.fetch(sql, *args)
        return [as_json(r[0]) for r in rows]

    async def institution_figures(self, institution_id: str) -> dict[str, Any]:
        """Occupancy, services by type, exits by destination, relapses (the archive's figures)."""
        async with self.db.connection() as conn:
            active = await conn.fetchval(
                f"SELECT count(*) FROM archive_cases WHERE institution_id = $1 AND state IN {_ACTIVE}",
                institution_id)
            services = await conn.fetch(
                "SELECT service_type, count(*) FROM archive_services WHERE institution_id = $1 "
                "GROUP BY service_type ORDER BY service_type", institution_id)
            milestones = await conn.fetch(
                "SELECT kind, detail FROM archive_milestones WHERE institution_id = $1 "
                "AND kind IN ('closed', 'relapse', 'evaluation', 'agreement', 'reassessment')",
                institution_id)
            staff = await conn.fetch(
                "SELECT period, headcount, qualified, certified, direct_service, "
                "direct_service_under_training FROM staff_reports WHERE institution_id = $1 "
                "ORDER BY version", institution_id)
        exits: dict[str, int] = {}
        counts = {"relapses": 0, "evaluations": 0, "agreements": 0, "reassessments": 0}
        for kind, detail in milestones:
            detail = as_json(detail)
            if kind == "closed":
                key = detail.get("exit_destination") or detail.get("reason") or "other"
                exits[key] = exits.get(key, 0) + 1
            else:
                counts[{"relapse": "relapses", "evaluation": "evaluations",
                        "agreement": "agreements", "reassessment": "reassessments"}[kind]] += 1
        return {"active_cases": active, "services_by_type": {r[0]: r[1] for r in services},
                "closings": exits, **counts,
                "staff_reports": [dict(zip(("period", "headcount", "qualified", "certified",
                                            "direct_service", "direct_service_under_training"),
                                           r, strict=True)) for r in staff]}

    # --- the patient archive ---------------------------------------------------------------

    async def patients(self, actor: Actor, filters: dict[str, Any], after: str | None,
                       limit: int) -> list[dict[str, Any]]:
        """The patients in the caller's scope, filtered, after ``after`` in id order."""
        scope_sql, scope_args = patient_scope(actor)
        where, args = ([scope_sql] if scope_sql else []), list(scope_args)
        if filters.get("region"):
            low, high = bounds(filters["region"])
            args += [low, high]
            where.append(f"p.residence_region BETWEEN ${len(args) - 1} AND ${len(args)}")
        if filters.get("institution_id"):
            args.append(filters["institution_id"])
            where.append("EXISTS (SELECT 1 FROM archive_cases c WHERE c.patient_id = p.patient_id "
                         f"AND c.institution_id = ${len(args)})")
        if after:
            args.append(after)
            where.append(f"p.patient_id > ${len(args)}")
        args.append(limit)
        sql = ("SELECT p.patient_id, p.masked_name, p.masked_id_number, p.guardian_relation, "
               "p.residence_region, p.updated_at, p.erased_at FROM archive_patients p"
               + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY p.patient_id LIMIT ${len(args)}")
        async with self.db.connection() as conn:
            rows = await conn.fetch(sql, *args)
        return [_patient(r) for r in rows]

    async def patient(self, patient_id: str) -> dict[str, Any] | None:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                "SELECT patient_id, masked_name, masked_id_number, guardian_relation, "
                "residence_region, updated_at, erased_at FROM archive_patients "
                "WHERE patient_id = $1",
                patient_id)
            if row is None:
                return None
            cases = await conn.fetch(
                "SELECT case_id, channel, state, close_reason, exit_destination, unwilling, "
                "residence_region, institution_id, referring_org_id, hospital_org_id, risk_level, "
                "registered_at, closed_at, services, reassessments, relapses, version "
                "FROM archive_cases WHERE patient_id = $1 ORDER BY created_at", patient_id)
            case_ids = [c[0] for c in cases]
            marks = ", ".join(f"${i + 1}" for i in range(len(case_ids)))
            steps = await conn.fetch(
                "SELECT case_id, version, kind, type, recorded_at, institution_id, detail "
                f"FROM archive_milestones WHERE case_id IN ({marks}) ORDER BY recorded_at, version",
                *case_ids) if case_ids else []
            services = await conn.fetch(
                "SELECT case_id, service_type, count(*) FROM archive_services "
                f"WHERE case_id IN ({marks}) GROUP BY case_id, service_type", *case_ids
            ) if case_ids else []
        return {**_patient(row), "cases": [_case(c, steps, services) for c in cases]}


def _patient(row: Any) -> dict[str, Any]:
    return {"patient_id": row[0], "name": row[1], "id_number": row[2], "guardian_relation": row[3],
            "residence_region": row[4], "updated_at": _iso(row[5]), "masked": True,
            "erased": row[6] is not None}


def _iso(value: Any) -> str | None:
    moment = as_time(value)
    return None if moment is None else moment.isoformat()


_CASE_KEYS = ("case_id", "channel", "state", "close_reason", "exit_destination", "unwilling",
              "residence_region", "institution_id", "referring_org_id", "hospital_org_id",
              "risk_level", "registered_at", "closed_at", "services", "reassessments", "relapses",
              "version")


def _case(row: Any, steps: list[Any], services: list[Any]) -> dict[str, Any]:
    case = dict(zip(_CASE_KEYS, row, strict=True))
    case["unwilling"] = bool(case["unwilling"])
    case["registered_at"], case["closed_at"] = _iso(case["registered_at"]), _iso(case["closed_at"])
    case["services_by_type"] = {s[1]: s[2] for s in services if s[0] == case["case_id"]}
    case["steps"] = [{"version": s[1], "kind": s[2], "type": s[3], "recorded_at": _iso(s[4]),
                      "institution_id": s[5], "detail": as_json(s[6])}
                     for s in steps if s[0] == case["case_id"]]
    return case
