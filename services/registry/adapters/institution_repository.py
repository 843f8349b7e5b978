"""Institutions and baselines: their events, and the tables projected from them in the same
transaction (``project``), which a rebuild replays too."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from jingkang_events import Connection, EventStore, Metadata, NewEvent, RecordedEvent

from ..domain.events import EVENT_TYPES, RegistryEvent
from ..domain.institution import Institution, evolve
from ..domain.staff import staff_figures
from .sql import dumps, insert, number, upsert, when

INSTITUTION_STREAM = "institution"
BASELINE_STREAM = "baseline"
# The first key of PostgreSQL's two-key advisory locks taken on a stream (the second is a
# hash of its id); the consumers' leader locks use the one-key form, a space of its own.
STREAM_LOCK = 17_003
_TABLE_COLUMNS = ("institution_id", "version", "name", "credit_code", "region", "township_code",
                  "level", "kind", "area", "status", "capacity", "accepting", "registered_at",
                  "updated_at", "profile")
_UPSERT_INSTITUTION = upsert("institutions", _TABLE_COLUMNS, ("institution_id",))
_OPEN_HISTORY = insert("institution_history", ("institution_id", "version", "valid_from",
                                               "valid_to", "region", "township_code", "status",
                                               "area", "level"))
_CLOSE_HISTORY = ("UPDATE institution_history SET valid_to = $1 "
                  "WHERE institution_id = $2 AND valid_to IS NULL")
_INSERT_STAFF = insert("staff_reports", ("institution_id", "version", "period", "recorded_at",
                                         "headcount", "qualified", "certified",
                                         "purchased_medical", "purchased_social_workers",
                                         "direct_service", "direct_service_under_training",
                                         "lines"))
_INSERT_BASELINE = insert("baselines", ("region", "period", "version", "recorded_at",
                                        "total_patients", "severe_at_home_police",
                                        "severe_at_home_health", "general_at_home",
                                        "psychiatric_medical_staff", "purchased_teams",
                                        "funding_10k_cny"))


def baseline_stream(region: str, period: str) -> str:
    return f"baseline-{region}-{period}"


def to_event(recorded: RecordedEvent) -> RegistryEvent:
    return EVENT_TYPES[recorded.type].model_validate(recorded.data)


def fold(institution_id: str, recorded: Sequence[RecordedEvent]) -> Institution:
    state = Institution(institution_id)
    for event in recorded:
        state = evolve(state, to_event(event))
    return state


class RegistryRepository:
    def __init__(self, store: EventStore) -> None:
        self.store = store

    @staticmethod
    async def lock_stream(conn: Connection, stream_id: str) -> None:
        """Hold ``stream_id`` until the transaction ends: commands on one institution (or one
        baseline) queue, and each reads what the one before committed, instead of deciding on
        the same version and all but one failing at the append.  SQLite's IMMEDIATE write
        transactions are serial already."""
        if conn.dialect == "postgresql":
            await conn.execute("SELECT pg_advisory_xact_lock($1, hashtext($2))", STREAM_LOCK,
                               stream_id)

    async def load(self, institution_id: str, conn: Connection | None = None) -> Institution:
        recorded = await self.store.read_stream(institution_id, conn=conn)
        if recorded and recorded[0].stream_type != INSTITUTION_STREAM:
            return Institution(institution_id)
        return fold(institution_id, recorded)

    async def registered_already(self, ids: Sequence[str],
                                 identities: Sequence[tuple[str, str, str]]
                                 ) -> tuple[set[str], set[tuple[str, str, str]]]:
        """Which of these ids, and which (credit code, county, name) identities, are taken."""
        async with self.store.db.connection() as conn:
            taken_ids = set()
            for i in range(0, len(ids), 400):
                chunk = list(ids[i:i + 400])
                marks = ", ".join(f"${n + 1}" for n in range(len(chunk)))
                rows = await conn.fetch(
                    f"SELECT institution_id FROM institutions WHERE institution_id IN ({marks})",
                    *chunk)
                taken_ids |= {r[0] for r in rows}
            codes = sorted({credit for credit, _, _ in identities})
            taken = set()
            for i in range(0, len(codes), 400):
                chunk = codes[i:i + 400]
                marks = ", ".join(f"${n + 1}" for n in range(len(chunk)))
                rows = await conn.fetch(
                    "SELECT credit_code, region, name FROM institutions "
                    f"WHERE credit_code IN ({marks})", *chunk)
                taken |= {(r[0], r[1], r[2]) for r in rows} & set(identities)
        return taken_ids, taken

    async def history(self, institution_id: str) -> list[RecordedEvent]:
        recorded = await self.store.read_stream(institution_id)
        return recorded if recorded and recorded[0].stream_type == INSTITUTION_STREAM else []

    async def append(self, conn: Connection, before: Institution,
                     events: Sequence[RegistryEvent], metadata: Metadata,
                     at: datetime) -> Institution:
        await self.store.append(before.institution_id, INSTITUTION_STREAM, before.version,
                                [_new(e, metadata) for e in events], conn=conn, recorded_at=at)
        state = before
        for event in events:
            state = evolve(state, event)
            await project(conn, state, event, at)
        return state

    async def current_baseline(self, region: str, period: str,
                               conn: Connection) -> tuple[int, dict[str, Any] | None]:
        await self.lock_stream(conn, baseline_stream(region, period))
        recorded = await self.store.read_stream(baseline_stream(region, period), conn=conn)
        return (recorded[-1].version, recorded[-1].data) if recorded else (0, None)

    async def append_baseline(self, conn: Connection, version: int, event: RegistryEvent,
                              metadata: Metadata, at: datetime) -> None:
        stream = baseline_stream(event.region, event.period)  # type: ignore[attr-defined]
        await self.store.append(stream, BASELINE_STREAM, version, [_new(event, metadata)],
                                conn=conn, recorded_at=at)
        await project_baseline(conn, event, version + 1, at)


def _new(event: RegistryEvent, metadata: Metadata) -> NewEvent:
    return NewEvent(event.type, event.model_dump(mode="json"), event.SCHEMA_VERSION, metadata)


async def project(conn: Connection, state: Institution, event: RegistryEvent,
                  at: datetime) -> None:
    """The institution's rows after ``event`` (``state`` already includes it)."""
    profile = state.profile
    registered_at = datetime.fromisoformat(profile["registered_at"])
    await conn.execute(
        _UPSERT_INSTITUTION, state.institution_id, state.version, profile["name"],
        profile["credit_code"], profile["region"], profile.get("township_code"),
        profile["level"], profile["kind"], profile["area"], str(state.status),
        profile["capacity"], profile["accepting"], when(conn, registered_at), when(conn, at),
        dumps({**profile, "status": str(state.status), "version": state.version}))
    if event.type == "StaffReported":
        await _project_staff(conn, state, event, at)
    elif event.type == "InstitutionRegistered" or event.type == "InstitutionStatusChanged" or (
            event.type == "InstitutionChanged" and "township_code" in event.changes):  # type: ignore[attr-defined]
        await conn.execute(_CLOSE_HISTORY, when(conn, at), state.institution_id)
        await conn.execute(_OPEN_HISTORY, state.institution_id, state.version, when(conn, at),
                           None, profile["region"], profile.get("township_code"),
                           str(state.status), profile["area"], profile["level"])


async def _project_staff(conn: Connection, state: Institution, event: Any, at: datetime) -> None:
    lines = [line.model_dump(mode="json") for line in event.lines]
    figures = staff_figures(lines)
    await conn.execute(
        _INSERT_STAFF, state.institution_id, state.version, event.period, when(conn, at),
        figures.headcount, figures.qualified, figures.certified, figures.purchased_medical,
        figures.purchased_social_workers, figures.direct_service,
        figures.direct_service_under_training, dumps(lines))


async def project_baseline(conn: Connection, event: Any, version: int, at: datetime) -> None:
    await conn.execute(
        _INSERT_BASELINE, event.region, event.period, version, when(conn, at),
        event.total_patients, event.severe_at_home_police, event.severe_at_home_health,
        event.general_at_home, event.psychiatric_medical_staff,
        dumps([t.model_dump(mode="json") for t in event.purchased_teams]),
        number(conn, event.funding_10k_cny))
