"""The rows the progress summary and the coverage report are computed from.

Each query reads one region's subtree as of given moments; the definitions of the figures,
and the arithmetic, are in ``domain/figures.py``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from jingkang.common.domain.case_contract import REGISTERED_STATES, sql_list
from jingkang.common.domain.regions import bounds
from jingkang_events import Connection, Database

from ..application.ports import Placed, Registered
from ..domain.figures import SITE_LEVELS, ServiceTest
from ..domain.periods import Period
from .sql import as_json, as_time, when

_REGISTERED = sql_list(REGISTERED_STATES)
_SITES = "(" + ", ".join(f"'{s}'" for s in SITE_LEVELS) + ")"
_COVERS = "{t}.valid_from <= $3 AND ({t}.valid_to IS NULL OR {t}.valid_to > $3)"


class StatisticsQueries:
    def __init__(self, db: Database) -> None:
        self.db = db

    @asynccontextmanager
    async def _reading(self) -> AsyncIterator[Connection]:
        """A connection for one of the summary's queries.  On PostgreSQL each statement is
        planned for its own region and moments: a summary runs the same statement for many
        moments, and after five runs the server would switch to a generic plan made without
        the values — index loops fit for a county, which took twice as long over a province."""
        if self.db.dialect != "postgresql":
            async with self.db.connection() as conn:
                yield conn
            return
        async with self.db.transaction() as conn:
            await conn.execute("SET LOCAL plan_cache_mode = force_custom_plan")
            yield conn

    async def registered(self, region: str, moment: datetime,
                         test: ServiceTest) -> list[Registered]:
        """Cases registered and not closed at ``moment``, counted where they lived then (county
        and institution), with how many of them passed the standardized-service ``test``.

        ``figures.standardized`` says the rule; this is the same rule over the stored columns,
        counted by the database (the tests hold the two equal).
        """
        async with self._reading() as conn:
            months, args = [], [*bounds(region), when(conn, moment),
                                when(conn, test.assessed_since)]
            for label, month_end in test.months if test.monthly_service else ():
                args += [f"%{label}%", when(conn, month_end)]
                like, end = f"${len(args) - 1}", f"${len(args)}"
                months.append(f" AND (c.service_months LIKE {like} OR NOT ("
                              f"c.in_service_months LIKE {like} OR (c.in_service_since IS NOT "
                              f"NULL AND c.in_service_since < {end})))")
            rows = await conn.fetch(
                "SELECT i.residence_region, i.institution_id, COUNT(*), SUM(CASE WHEN "
                "i.evaluated_at IS NOT NULL AND i.agreement_at IS NOT NULL "
                f"AND i.assessed_at >= $4{''.join(months)} THEN 1 ELSE 0 END) "
                "FROM archive_intervals i JOIN archive_cases c ON c.case_id = i.case_id "
                "WHERE i.residence_region BETWEEN $1 AND $2 AND " + _COVERS.format(t="i") +
                f" AND i.state IN {_REGISTERED} GROUP BY i.residence_region, i.institution_id",
                *args)
        return [Registered(Placed(r[0], r[1]), r[2], r[3]) for r in rows]

    async def unwilling(self, region: str, period: Period) -> list[Placed]:
        """Cases closed in the period because the person was unwilling (column 7)."""
        async with self._reading() as conn:
            rows = await conn.fetch(
                "SELECT residence_region, institution_id FROM archive_cases "
                "WHERE residence_region BETWEEN $1 AND $2 AND unwilling = $3 "
                "AND closed_at >= $4 AND closed_at < $5", *bounds(region), True,
                when(conn, period.start), when(conn, period.end))
        return [Placed(r[0], r[1]) for r in rows]

    async def new_registrations(self, region: str, period: Period) -> list[Placed]:
        """Cases registered in the period, where they lived when registered (10, 11)."""
        async with self._reading() as conn:
            rows = await conn.fetch(
                "SELECT registered_region FROM archive_cases "
                "WHERE registered_region BETWEEN $1 AND $2 "
                "AND registered_at >= $3 AND registered_at < $4", *bounds(region),
                when(conn, period.start), when(conn, period.end))
        return [Placed(r[0], None) for r in rows]

    async def new_sites(self, region: str, period: Period) -> list[tuple[Placed, str]]:
        """Sites registered in the period, with their area (8, 9)."""
        async with self._reading() as conn:
            rows = await conn.fetch(
                "SELECT institution_id, region, area FROM institution_history "
                f"WHERE version = 1 AND level IN {_SITES} AND region BETWEEN $1 AND $2 "
                "AND valid_from >= $3 AND valid_from < $4", *bounds(region),
                when(conn, period.start), when(conn, period.end))
        return [(Placed(r[1], r[0]), r[2]) for r in rows]

    async def institutions_at(self, region: str, moment: datetime) -> list[dict[str, Any]]:
        """Each institution's region, township and status at ``moment``."""
        async with self._reading() as conn:
            rows = await conn.fetch(
                "SELECT h.institution_id, h.region, h.township_code, h.status "
                "FROM institution_history h WHERE h.region BETWEEN $1 AND $2 AND "
                + _COVERS.format(t="h"), *bounds(region), when(conn, moment))
        return [{"institution_id": r[0], "region": r[1], "township_code": r[2],
                 "status": r[3]} for r in rows]

    async def staff_before(self, institution_ids: list[str],
                           moment: datetime) -> dict[str, dict[str, Any]]:
        """Each institution's latest staff report recorded before ``moment``."""
        latest: dict[str, dict[str, Any]] = {}
        async with self._reading() as conn:
            for chunk in _chunks(institution_ids):
                rows = await conn.fetch(
                    "SELECT institution_id, version, purchased_medical, purchased_social_workers, "
                    "certified FROM staff_reports WHERE recorded_at < $1 AND institution_id IN "
                    f"({_marks(chunk, 2)})", when(conn, moment), *chunk)
                for r in rows:
                    if r[0] not in latest or latest[r[0]]["version"] < r[1]:
                        latest[r[0]] = {"version": r[1], "purchased_medical": r[2],
                                        "purchased_social_workers": r[3], "certified": r[4]}
        return latest

    async def baselines(self, region: str) -> list[dict[str, Any]]:
        async with self._reading() as conn:
            rows = await conn.fetch(
                "SELECT region, period, version, total_patients, severe_at_home_police, "
                "severe_at_home_health, general_at_home, psychiatric_medical_staff, "
                "purchased_teams, funding_10k_cny FROM baselines WHERE region BETWEEN $1 AND $2",
                *bounds(region))
        keys = ("region", "period", "version", "total_patients", "severe_at_home_police",
                "severe_at_home_health", "general_at_home", "psychiatric_medical_staff",
                "purchased_teams", "funding_10k_cny")
        return [{**dict(zip(keys, r, strict=True)), "purchased_teams": as_json(r[8])}
                for r in rows]

    async def deadlines(self, region: str) -> list[dict[str, Any]]:
        """Each case's review and dispatch deadlines and when they were met (5 + 5 days)."""
        async with self._reading() as conn:
            rows = await conn.fetch(
                "SELECT case_id, channel, review_due_on, reviewed_at, dispatch_due_on, "
                "dispatched_at FROM archive_cases WHERE residence_region BETWEEN $1 AND $2",
                *bounds(region))
        return [{"case_id": r[0], "channel": r[1], "review_due_on": r[2],
                 "reviewed_at": as_time(r[3]), "dispatch_due_on": r[4],
                 "dispatched_at": as_time(r[5])} for r in rows]


def _marks(items: Iterable[Any], first: int) -> str:
    return ", ".join(f"${first + i}" for i, _ in enumerate(items))


def _chunks(items: list[str], size: int = 400) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
