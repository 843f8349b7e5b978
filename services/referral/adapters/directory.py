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

from jingkang_events import Connection, Database, RecordedEvent

from ..domain.institutions import Institution

_ACTIVE = "('dispatched', 'accepted', 'evaluated', 'in_service', 'relocating', 'hospitalized')"
_SELECT = (
    "SELECT i.institution_id, i.name, i.region, i.operating, i.accepting, i.capacity, "
    f"(SELECT count(*) FROM cases c WHERE c.institution_id = i.institution_id "
    f"AND c.state IN {_ACTIVE}) AS active FROM institutions i "
)


# The first key of the two-key advisory locks taken on an institution's room (the second is a
# hash of its id); see ``InstitutionDirectory.lock_rooms``.
ROOM_LOCK = 17_002
# Lock, in the order of their lock keys, the city's institutions and a named one.
_LOCK_ROOMS = (
    "SELECT id, pg_advisory_xact_lock($4, hashtext(id)) FROM ("
    "SELECT institution_id AS id FROM institutions WHERE region >= $1 AND region <= $2 "
    "UNION SELECT $3::text WHERE $3::text IS NOT NULL) ids ORDER BY hashtext(id)"
)


def _institution(row: Any) -> Institution:
    return Institution(row[0], row[1], row[2], bool(row[3]), bool(row[4]), row[5], row[6])


class InstitutionDirectory:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def lock_rooms(self, region: str, named: str | None,
                         conn: Connection) -> set[str] | None:
        """Serialise, until the transaction ends, every choice that could fill a bed in the
        city of ``region`` or at ``named``: lock each such institution, in one fixed order (so
        no two choices wait on each other in a cycle), before its occupancy is counted.  Read
        afterwards, the count includes every dispatch committed before — under READ
        COMMITTED each statement sees what was committed when it began.  Advisory locks,
        not row locks: the directory's consumer updates the rows without them, and cannot
        deadlock with a dispatch.  SQLite's IMMEDIATE write transactions are serial already.

        Returns the ids locked (None: everything is): an institution the directory gains
        after this statement is not among them, and must not be chosen this time."""
        if conn.dialect != "postgresql":
            return None
        prefix = region[:4]
        rows = await conn.fetch(_LOCK_ROOMS, prefix + "00", prefix + "99", named, ROOM_LOCK)
        return {r[0] for r in rows}

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
