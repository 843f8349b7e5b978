"""The rows the progress summary and the coverage report are computed from.

Each query reads one region's subtree as of given moments; the definitions of the figures,
and the arithmetic, are in ``domain/figures.py``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

from jingkang.common.domain.case_contract import REGISTERED_STATES, sql_list
from jingkang.common.domain.regions import bounds
from jingkang_events import Connection, Database

from ..application.ports import NewRegistration, Placed, Registered
from ..domain.figures import ServiceTest
from ..domain.outcomes import Milestone
from ..domain.periods import CHINA, Period
from .sql import as_json, as_time, when

_REGISTERED = sql_list(REGISTERED_STATES)
_OUTCOME_KINDS = "('evaluation', 'reassessment', 'relapse', 'hospital_return', 'closed')"
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

    async def new_registrations(self, region: str, period: Period,
                                moment: datetime) -> list[NewRegistration]:
        """Cases registered in the period, where they lived when registered (10, 11), with
        the township and area of the institution they are at ``moment``."""
        async with self._reading() as conn:
            rows = await conn.fetch(
                "SELECT c.registered_region, i.institution_id, h.township_code, h.area "
                "FROM archive_cases c LEFT JOIN archive_intervals i ON i.case_id = c.case_id "
                "AND i.valid_from <= $5 AND (i.valid_to IS NULL OR i.valid_to > $5) "
                "LEFT JOIN institution_history h ON h.institution_id = i.institution_id "
                "AND h.valid_from <= $5 AND (h.valid_to IS NULL OR h.valid_to > $5) "
                "WHERE c.registered_region BETWEEN $1 AND $2 "
                "AND c.registered_at >= $3 AND c.registered_at < $4", *bounds(region),
                when(conn, period.start), when(conn, period.end), when(conn, moment))
        return [NewRegistration(Placed(r[0], r[1]), r[2], r[3]) for r in rows]

    async def institutions_at(self, region: str, moment: datetime) -> list[dict[str, Any]]:
        """Each institution's region, township, status, level and area at ``moment``, with
        its opening date and the day it was registered."""
        async with self._reading() as conn:
            rows = await conn.fetch(
                "SELECT h.institution_id, h.region, h.township_code, h.status, h.level, "
                "h.area, n.profile, n.registered_at FROM institution_history h "
                "JOIN institutions n ON n.institution_id = h.institution_id "
                "WHERE h.region BETWEEN $1 AND $2 AND " + _COVERS.format(t="h"),
                *bounds(region), when(conn, moment))
        return [{"institution_id": r[0], "region": r[1], "township_code": r[2],
                 "status": r[3], "level": r[4], "area": r[5],
                 "opened_on": _day(as_json(r[6]).get("opened_on")),
                 "registered_on": as_time(r[7]).astimezone(CHINA).date()} for r in rows]

    async def staff_reports(self, institution_ids: list[str],
                            moment: datetime) -> dict[str, list[dict[str, Any]]]:
        """Each institution's staff reports recorded before ``moment``, every period and
        version (the summary picks the one of its period)."""
        found: dict[str, list[dict[str, Any]]] = {}
        async with self._reading() as conn:
            for chunk in _chunks(institution_ids):
                rows = await conn.fetch(
                    "SELECT institution_id, version, period, purchased_medical, "
                    "purchased_social_workers, certified FROM staff_reports "
                    f"WHERE recorded_at < $1 AND institution_id IN ({_marks(chunk, 2)})",
                    when(conn, moment), *chunk)
                for r in rows:
                    found.setdefault(r[0], []).append(
                        {"version": r[1], "period": r[2], "purchased_medical": r[3],
                         "purchased_social_workers": r[4], "certified": r[5]})
        return found

    async def baselines(self, region: str) -> list[dict[str, Any]]:
        """Every entry of the region and of every region and township inside it."""
        low, high = bounds(region)
        async with self._reading() as conn:
            rows = await conn.fetch(
                "SELECT region, period, version, total_patients, severe_at_home_police, "
                "severe_at_home_health, general_at_home, psychiatric_medical_staff, "
                "purchased_teams, funding_10k_cny FROM baselines WHERE region BETWEEN $1 AND $2",
                low, high + "999")  # the townships' nine-digit codes too
        keys = ("region", "period", "version", "total_patients", "severe_at_home_police",
                "severe_at_home_health", "general_at_home", "psychiatric_medical_staff",
                "purchased_teams", "funding_10k_cny")
        return [{**dict(zip(keys, r, strict=True)), "purchased_teams": as_json(r[8])}
                for r in rows]

    async def served(self, region: str, period: Period) -> dict[str, list[Milestone]]:
        """The cases registered at some moment of the period while living in the region, each
        with its milestones recorded before the period's end, in order (the outcomes)."""
        served: dict[str, list[Milestone]] = {}
        async with self._reading() as conn:
            rows = await conn.fetch(
                "SELECT DISTINCT i.case_id FROM archive_intervals i "
                "WHERE i.residence_region BETWEEN $1 AND $2 AND i.valid_from < $4 "
                f"AND (i.valid_to IS NULL OR i.valid_to > $3) AND i.state IN {_REGISTERED}",
                *bounds(region), when(conn, period.start), when(conn, period.end))
            ids = sorted(r[0] for r in rows)
            for chunk in _chunks(ids):
                found = await conn.fetch(
                    "SELECT case_id, kind, recorded_at, detail FROM archive_milestones "
                    f"WHERE recorded_at < $1 AND kind IN {_OUTCOME_KINDS} "
                    f"AND case_id IN ({_marks(chunk, 2)}) ORDER BY case_id, version",
                    when(conn, period.end), *chunk)
                for r in found:
                    served.setdefault(r[0], []).append(
                        Milestone(r[1], as_time(r[2]), as_json(r[3])))
        return {case_id: served.get(case_id, []) for case_id in ids}

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


def _day(text: str | None) -> date | None:
    return None if not text else date.fromisoformat(text)


def _marks(items: Iterable[Any], first: int) -> str:
    return ", ".join(f"${first + i}" for i, _ in enumerate(items))


def _chunks(items: list[str], size: int = 400) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
