"""Cases on the event store, with the read model written in the same transaction."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from pydantic import TypeAdapter

from jingkang.common.domain.case_contract import ENDED_STATES, sql_list
from jingkang_events import (
    Connection, Database, EventStore, FeedEntry, Metadata, NewEvent,
)

from ..domain.case import Case, fold
from ..domain.deadlines import QUEUES, pending_deadlines
from ..domain.events import EVENT_TYPES, CaseEvent
from ..domain.privacy import OPENED_FOR_SERVICES
from ..domain.rules import Rules
from .protection import (
    SEALED_MARK,
    DataKey,
    DataKeys,
    key_id_of,
    protect_event,
    protect_state,
    reveal_event,
    reveal_for_services,
    reveal_state,
)

STREAM_TYPE = "case"
_SNAPSHOT = TypeAdapter(Case)

_COLUMNS = (
    "case_id, version, state, close_reason, exit_destination, person_key, residence_region, "
    "referring_org_id, institution_id, relocation_target_id, hospital_org_id, risk_level, "
    "review_due_on, dispatch_due_on, reconfirm_due_on, reassessment_due_on, follow_up_due_on, "
    "follow_ups, created_at, updated_at, snapshot, key_id, served_by"
)
_INTO = f"INSERT INTO cases ({_COLUMNS})"
_ON_CONFLICT = (
    "ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, state = excluded.state, "
    "close_reason = excluded.close_reason, exit_destination = excluded.exit_destination, "
    "residence_region = excluded.residence_region, institution_id = excluded.institution_id, "
    "relocation_target_id = excluded.relocation_target_id, "
    "hospital_org_id = excluded.hospital_org_id, risk_level = excluded.risk_level, "
    "review_due_on = excluded.review_due_on, dispatch_due_on = excluded.dispatch_due_on, "
    "reconfirm_due_on = excluded.reconfirm_due_on, "
    "reassessment_due_on = excluded.reassessment_due_on, "
    "follow_up_due_on = excluded.follow_up_due_on, follow_ups = excluded.follow_ups, "
    "updated_at = excluded.updated_at, snapshot = excluded.snapshot, key_id = excluded.key_id, "
    "served_by = excluded.served_by"
)
_MARKS = ", ".join(f"${n}" for n in range(1, len(_COLUMNS.split(",")) + 1))
_UPSERT = f"{_INTO} VALUES ({_MARKS}) {_ON_CONFLICT}"
# The row's state with the data key that opens its personal parts.
SELECT_STATE = ("snapshot, key_id, "
                "(SELECT wrapped_key FROM person_keys k WHERE k.key_id = cases.key_id) AS wrapped")
# The first key of PostgreSQL's two-key advisory locks taken on a person (the second is a hash
# of the person key); the consumers' leader locks use the one-key form, a space of its own.
PERSON_LOCK = 17_001
_HEX_DIGEST = re.compile(r"[0-9a-f]{64}")


def to_new_event(event: CaseEvent, metadata: Metadata, key: DataKey) -> NewEvent:
    data = protect_event(event.type, event.case_id, event.model_dump(mode="json"), key)
    return NewEvent(type=event.type, data=data, schema_version=event.SCHEMA_VERSION,
                    metadata=metadata)


def to_case_event(type_: str, data: dict[str, Any]) -> CaseEvent:
    return EVENT_TYPES[type_].model_validate(data)


def snapshot_json(case: Case, key: DataKey) -> str:
    state = protect_state(case.case_id, _SNAPSHOT.dump_python(case, mode="json"), key)
    return json.dumps(state, ensure_ascii=False, separators=(",", ":"))


def case_from_snapshot(text: str | dict, key: DataKey | None) -> Case:
    state = json.loads(text) if isinstance(text, str) else text
    return _SNAPSHOT.validate_python(reveal_state(state["case_id"], state, key))


class CaseRepository:
    def __init__(self, db: Database, store: EventStore, rules: Rules, keys: DataKeys) -> None:
        self.db = db
        self.store = store
        self.rules = rules
        self.keys = keys

    async def load(self, case_id: str, conn: Connection | None = None, *,
                   lock: bool = False) -> Case | None:
        """The case from its read-model row.  ``lock`` (inside a transaction) holds the row
        until the transaction ends, so commands on one case queue instead of deciding on the
        same version and all but one failing at the append.  On PostgreSQL that is ``FOR
        UPDATE`` (a waiting command then reads the row its predecessor committed); SQLite's
        write transactions begin IMMEDIATE and hold the whole database already."""
        sql = f"SELECT {SELECT_STATE} FROM cases WHERE case_id = $1"
        if lock and conn is not None and conn.dialect == "postgresql":
            sql += " FOR UPDATE OF cases"
        if conn is not None:
            row = await conn.fetchrow(sql, case_id)
        else:
            async with self.db.connection() as c:
                row = await c.fetchrow(sql, case_id)
        return None if row is None else self.from_row(row)

    def from_row(self, row: Any) -> Case:
        """A case from the columns of ``SELECT_STATE``."""
        return case_from_snapshot(row[0], self.keys.unwrap(row[1], row[2]))

    @staticmethod
    async def lock_person(conn: Connection, person_key: str) -> None:
        """Serialise, until the transaction ends, what must not interleave for one person:
        opening a case (the open-case check, then the data key) and erasing them (the
        open-case check, then destroying the keys).  Without it each could pass its check
        before the other commits: an erasure beside a new open case, sealed with the key
        the erasure destroyed.  No row to lock may exist yet, hence an advisory lock.
        SQLite's IMMEDIATE write transactions are serial already."""
        if conn.dialect == "postgresql":
            # Written out in full, so the transaction's BEGIN travels with it (a round trip
            # less); a person key is a hex digest, nothing else is let into the text.
            if not _HEX_DIGEST.fullmatch(person_key):
                raise ValueError("a person key is a lowercase hex digest")
            await conn.execute(
                f"SELECT pg_advisory_xact_lock({PERSON_LOCK}, hashtext('{person_key}'))")

    async def cases_of_person(self, conn: Connection,
                              person_key: str) -> list[tuple[str, str]]:
        """(case id, state) of each of the person's cases, oldest first; their rows locked
        on PostgreSQL, so a command in flight on one of them ends first."""
        lock = " FOR UPDATE" if conn.dialect == "postgresql" else ""
        rows = await conn.fetch("SELECT case_id, state FROM cases WHERE person_key = $1 "
                                "ORDER BY created_at" + lock, person_key)
        return [(row[0], row[1]) for row in rows]

    async def open_case_of(self, person_key: str, conn: Connection) -> str | None:
        return await conn.fetchval(
            "SELECT case_id FROM cases WHERE person_key = $1 "
            f"AND state NOT IN {sql_list(ENDED_STATES)}", person_key)

    async def append(self, conn: Connection, before: Case, after: Case,
                     events: Sequence[CaseEvent], metadata: Metadata,
                     recorded_at: datetime, due: dict[str, date] | None = None) -> DataKey:
        """Store the events after ``before.version`` and the new read-model row, together;
        the person's data key they were sealed with (the command's answer is sealed with it
        too, in the same transaction).

        ``after`` was folded with ``recorded_at``, which the events are stamped with too, so
        the row always equals the state rebuilt from the events."""
        key = await self.keys.active(conn, after.person_key or "", recorded_at,
                                     likely_new=before.version == 0)
        # The row goes with the events: on PostgreSQL in the append's own statement.
        row = (_INTO, self.row_values(conn, after, recorded_at, key, due=due), _ON_CONFLICT)
        await self.store.append(after.case_id, STREAM_TYPE, before.version,
                                [to_new_event(e, metadata, key) for e in events],
                                conn=conn, recorded_at=recorded_at, row=row)
        return key

    async def write_row(self, conn: Connection, case: Case, when: datetime,
                        key: DataKey, created_at: datetime | None = None,
                        due: dict[str, date] | None = None) -> None:
        await conn.execute(_UPSERT, *self.row_values(conn, case, when, key, created_at, due))

    def row_values(self, conn: Connection, case: Case, when: datetime, key: DataKey,
                   created_at: datetime | None = None,
                   due: dict[str, date] | None = None) -> tuple[Any, ...]:
        """The read-model row of ``case``, in column order."""
        created = created_at or case.registered_at or when  # kept from the first write
        copied = [self._day(conn, v) if name.endswith("_due_on") else v
                  for name, v in copied_columns(case, self.rules, due).items()]
        return (case.case_id, *copied, conn.timestamp(created), conn.timestamp(when),
                snapshot_json(case, key), key.key_id, copied_served_by(case))

    @staticmethod
    def _day(conn: Connection, day: date | None) -> Any:
        if day is None or conn.dialect == "postgresql":
            return day
        return day.isoformat()

    async def history(self, case_id: str, *, to_version: int | None = None,
                      as_of: datetime | None = None) -> list:
        """The case's events as stored: personal parts sealed."""
        return await self.store.read_stream(case_id, to_version=to_version, as_of=as_of)

    async def reveal(self, recorded: Sequence[Any]) -> list[tuple[Any, dict[str, Any]]]:
        """Each stored event with its data opened (or read as erased)."""
        async with self.db.connection() as conn:
            keys = await self.keys.many(conn, filter(None, (key_id_of(r.data) for r in recorded)))
        return [(r, reveal_event(r.type, r.stream_id, r.data, keys)) for r in recorded]

    async def reveal_entries(self, entries: list[FeedEntry]) -> None:
        """Open, in place, what the platform's services may read of a feed page's case events
        (``OPENED_FOR_SERVICES``).  Only the sealed events of those types are parsed; the rest
        are served as stored."""
        sealed = [(e, data) for e in entries
                  if e.type in OPENED_FOR_SERVICES and e.stream_type == STREAM_TYPE
                  and SEALED_MARK in e.data_json for data in (e.data(),) if key_id_of(data)]
        if not sealed:
            return
        async with self.db.connection() as conn:
            keys = await self.keys.many(conn, (key_id_of(data) or "" for _, data in sealed))
        for entry, data in sealed:
            entry.set_data(reveal_for_services(entry.type, entry.stream_id, data, keys))

    async def rebuild(self, case_id: str, *, to_version: int | None = None,
                      as_of: datetime | None = None) -> Case | None:
        """The case as its events say it was (all, up to a version, or at a time)."""
        recorded = await self.history(case_id, to_version=to_version, as_of=as_of)
        return await self.fold_recorded(case_id, recorded) if recorded else None

    async def fold_recorded(self, case_id: str, recorded: Sequence[Any]) -> Case:
        """The case the stored events (already read) add up to."""
        return fold(case_id, [(to_case_event(r.type, data), r.recorded_at)
                              for r, data in await self.reveal(recorded)])


# The due column of each work queue, in the read model's column order.
DUE_COLUMNS = dict(zip(QUEUES, ("review_due_on", "dispatch_due_on", "reconfirm_due_on",
                                "reassessment_due_on", "follow_up_due_on"), strict=True))


def copied_columns(case: Case, rules: Rules,
                   due: dict[str, date] | None = None) -> dict[str, Any]:
    """The read-model columns that copy the case's state, from ``version`` to ``follow_ups``
    in column order (``write_row`` writes them; ``jingkang verify`` compares them).  ``due``
    is the case's pending deadlines when the command has worked them out already."""
    relocation = case.relocation
    # A due column holds a date exactly while its step waits: the queues read it so.
    if due is None:
        due = pending_deadlines(case, rules)
    return {
        "version": case.version, "state": case.state.value,
        "close_reason": _value(case.close_reason),
        "exit_destination": _value(case.exit_destination),
        "person_key": case.person_key or "", "residence_region": case.residence_region or "",
        "referring_org_id": case.referring_org_id or "", "institution_id": case.institution_id,
        "relocation_target_id": relocation.target_institution_id if relocation else None,
        "hospital_org_id": case.hospital_org_id, "risk_level": case.risk_level,
        **{column: due.get(queue) for queue, column in DUE_COLUMNS.items()},
        "follow_ups": case.follow_ups,
    }


def copied_served_by(case: Case) -> str | None:
    return "," + ",".join(case.served_by) + "," if case.served_by else None


def _value(enum: Any) -> Any:
    return None if enum is None else enum.value
