"""The institution directory: projected from the registry's feed, read by dispatch.

The registry publishes (API.md) ``InstitutionRegistered`` (institution_id, name, region,
status, accepting, capacity, …), ``InstitutionChanged`` (institution_id, changes: any of name,
region, capacity, accepting) and ``InstitutionStatusChanged`` (institution_id, status:
operating | suspended | closed).  Other registry events do not concern dispatch.  Occupancy is
counted from this service's own cases, which are always current.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jingkang.common.domain.case_contract import PLACED_STATES, sql_list
from jingkang_events import Connection, Database, RecordedEvent

from ..domain.institutions import Institution

_ACTIVE = sql_list(PLACED_STATES)
_SELECT = (
    "SELECT i.institution_id, i.name, i.region, i.operating, i.accepting, i.capacity, "
    f"(SELECT count(*) FROM cases c WHERE c.institution_id = i.institution_id "
    f"AND c.state IN {_ACTIVE}) AS active FROM institutions i "
)


# The first key of the two-key advisory locks taken on an institution's room (the second is a
# hash of its id); see ``InstitutionDirectory.hold_room``.
ROOM_LOCK = 17_002


def _institution(row: Any) -> Institution:
    return Institution(row[0], row[1], row[2], bool(row[3]), bool(row[4]), row[5], row[6])


class InstitutionDirectory:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def hold_room(self, institution_id: str, conn: Connection) -> bool:
        """Lock the institution's room until the transaction ends, then say whether it still
        has room.  Every choice that fills a bed (or checks one is free) holds this lock on
        the institution chosen, so the count read after it includes every such choice
        committed before, and no other can add to it until this transaction ends — under
        READ COMMITTED each statement sees what was committed when it began.  An advisory
        lock, not a row lock: the directory's consumer updates the rows and must not wait.
        SQLite's IMMEDIATE write transactions are serial already: nothing to check again."""
        if conn.dialect != "postgresql":
            return True
        await conn.execute("SELECT pg_advisory_xact_lock($1, hashtext($2))", ROOM_LOCK,
                           institution_id)
        found = await self.get(institution_id, conn)
        return found is not None and found.has_room

    async def in_city_of(self, region: str, conn: Connection) -> list[Institution]:
        """Every institution in the city of ``region`` (county-first choice happens in the domain)."""
        prefix = region[:4]
        rows = await conn.fetch(_SELECT + "WHERE i.region >= $1 AND i.region <= $2",
                                prefix + "00", prefix + "99")
        return [_institution(r) for r in rows]

    async def get(self, institution_id: str, conn: Connection) -> Institution | None:
        row = await conn.fetchrow(_SELECT + "WHERE i.institution_id = $1", institution_id)
        return None if row is None else _institution(row)


async def apply_registry_event(event: RecordedEvent, conn: Connection) -> None:
    """The directory's projection; the consumer calls it inside the cursor's transaction."""
    data, now = event.data, conn.timestamp(datetime.now(UTC))
    if event.type == "InstitutionRegistered":
        await conn.execute(
            "INSERT INTO institutions (institution_id, name, region, operating, accepting, "
            "capacity, source_version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
            "ON CONFLICT (institution_id) DO NOTHING",
            data["institution_id"], data["name"], data["region"],
            data.get("status", "operating") == "operating", bool(data.get("accepting", True)),
            int(data.get("capacity", 0)), event.version, now)
    elif event.type == "InstitutionChanged":
        changes = {k: v for k, v in data.get("changes", {}).items()
                   if k in ("name", "region", "capacity", "accepting")}
        for column, value in changes.items():  # column names come from the fixed list above
            await conn.execute(
                f"UPDATE institutions SET {column} = $1, source_version = $2, updated_at = $3 "
                "WHERE institution_id = $4", value, event.version, now, data["institution_id"])
    elif event.type == "InstitutionStatusChanged":
        await conn.execute(
            "UPDATE institutions SET operating = $1, source_version = $2, updated_at = $3 "
            "WHERE institution_id = $4", data["status"] == "operating", event.version, now,
            data["institution_id"])
