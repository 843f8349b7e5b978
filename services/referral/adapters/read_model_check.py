"""The case read model against the fold of the case streams (``jingkang verify``).

Every ``cases`` row must be what ``CaseRepository.write_row`` writes for the state the case's
events fold to: the columns that copy the state, the first and last event's times, and the
snapshot — compared opened (its personal parts are sealed with a fresh nonce at every write,
so the bytes never repeat).  The row's data key must be one of the case's person.  A row
without events, and a case stream without a row, are differences too.

Everything is read in one snapshot of the database, so commands committed meanwhile cannot
show as differences.  Personal values are never printed: the report names the column and
says the values differ.
"""

from __future__ import annotations

from dataclasses import fields
from enum import Enum
from typing import Any

from jingkang.common.adapters.consistency import (
    Difference, ProjectionReport, as_utc, normalizer, shown, snapshot,
)
from jingkang_events import Connection, Database, RecordedEvent

from . import tables
from .case_repository import (
    STREAM_TYPE, CaseRepository, case_from_snapshot, copied_columns, copied_served_by,
)
from .protection import key_id_of
from ..domain.case import Case
from ..domain.privacy import PROTECTED_STATE

PERSONAL_COLUMNS = frozenset({"person_key"})  # the keyed hash of the identity number
_COLUMNS = [c.name for c in tables.cases.columns]
_ROW = (f"SELECT {', '.join(_COLUMNS)}, "
        "(SELECT wrapped_key FROM person_keys k WHERE k.key_id = cases.key_id) AS wrapped, "
        "(SELECT patient_id FROM person_keys k WHERE k.key_id = cases.key_id) AS key_owner "
        "FROM cases WHERE case_id = $1")


async def check_read_model(db: Database, repo: CaseRepository) -> ProjectionReport:
    report = ProjectionReport("referral", "case read model", "cases")
    async with snapshot(db) as conn:
        case_ids = [r[0] for r in await conn.fetch(
            "SELECT DISTINCT stream_id FROM events WHERE stream_type = $1 ORDER BY stream_id",
            STREAM_TYPE)]
        orphans = [r[0] for r in await conn.fetch(
            "SELECT case_id FROM cases WHERE case_id NOT IN "
            "(SELECT stream_id FROM events WHERE stream_type = $1) ORDER BY case_id",
            STREAM_TYPE)]
        for case_id in case_ids:
            report.checked += 1
            difference = await _case_difference(conn, repo, case_id)
            if difference is not None:
                report.differs(difference)
    for case_id in orphans:
        report.checked += 1
        report.differs(Difference(f"case {case_id}", "(row)", "present",
                                  "absent: the case has no events"))
    return report


async def _case_difference(conn: Connection, repo: CaseRepository,
                           case_id: str) -> Difference | None:
    where = f"case {case_id}"
    recorded = await repo.store.read_stream(case_id, conn=conn)
    row = await conn.fetchrow(_ROW, case_id)
    if row is None:
        return Difference(where, "(row)", "absent", "present: the case has events")
    try:
        case = await repo.fold_recorded(case_id, recorded)
    except Exception as exc:  # noqa: BLE001 - a stream that does not fold is reported
        return Difference(where, "(events)", "-", f"a fold, not {type(exc).__name__}")
    return (_column_difference(where, row, case, recorded, repo)
            or await _key_difference(where, conn, repo, row, case, recorded)
            or _snapshot_difference(where, row, case, repo))


def _column_difference(where: str, row: Any, case: Case, recorded: list[RecordedEvent],
                       repo: CaseRepository) -> Difference | None:
    expected: dict[str, Any] = {
        **copied_columns(case, repo.rules),
        "created_at": recorded[0].recorded_at,  # written by the first command, kept after
        "updated_at": recorded[-1].recorded_at,
        "served_by": copied_served_by(case),
    }
    for column, wanted in expected.items():
        stored = normalizer(tables.cases, column)(row[column])
        if column.endswith("_at"):
            wanted = as_utc(wanted)
        if stored != wanted:
            personal = column in PERSONAL_COLUMNS
            return Difference(where, column, shown(stored, personal), shown(wanted, personal))
    return None


async def _key_difference(where: str, conn: Connection, repo: CaseRepository, row: Any,
                          case: Case, recorded: list[RecordedEvent]) -> Difference | None:
    """The row's data key must be its person's; a destroyed one only when the case's events
    cannot be opened either (the person was erased)."""
    if row["key_id"] is None or row["key_owner"] != (case.person_key or ""):
        return Difference(where, "key_id", "a key of another person" if row["key_id"] else "null",
                          "a data key of the case's person")
    if row["wrapped"] is None:
        event_keys = await repo.keys.many(conn, filter(None, map(key_id_of,
                                                                 (r.data for r in recorded))))
        if any(key.key is not None for key in event_keys.values()):
            return Difference(where, "key_id", "a destroyed key",
                              "a key that opens, as the case's events' keys do")
    return None


def _snapshot_difference(where: str, row: Any, case: Case,
                         repo: CaseRepository) -> Difference | None:
    key = repo.keys.unwrap(row["key_id"], row["wrapped"])
    try:
        stored = case_from_snapshot(row["snapshot"], key)
    except Exception as exc:  # noqa: BLE001 - a snapshot that does not read is reported
        return Difference(where, "snapshot", f"unreadable ({type(exc).__name__})",
                          "the folded state")
    if stored.case_id != case.case_id:
        return Difference(where, "snapshot.case_id", shown(stored.case_id), shown(case.case_id))
    erased = key is None or key.key is None  # both read as erased: nothing to compare
    for field in fields(Case):
        if erased and field.name in PROTECTED_STATE:
            continue
        mine, theirs = getattr(stored, field.name), getattr(case, field.name)
        if mine != theirs:
            personal = field.name in PROTECTED_STATE
            return Difference(where, f"snapshot.{field.name}", _shown(mine, personal),
                              _shown(theirs, personal))
    return None


def _shown(value: Any, personal: bool) -> str:
    return shown(value.value if isinstance(value, Enum) else value, personal)
