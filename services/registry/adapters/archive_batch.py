"""The rows one batch of the archive projection writes: cases folded in memory, the patient,
interval, service and milestone rows their events produce, and the statements that write them
(one per table).  ``archive_projection.ArchiveProjection`` decides when a batch is written."""

from __future__ import annotations

import asyncio
from dataclasses import fields, replace
from datetime import datetime
from typing import Any

import orjson

from jingkang_events import Connection, RecordedEvent

from ..domain.archive import ArchiveCase, Effects, Person, apply
from . import tables
from .sql import Bulk, as_time, engine_values, when

CASE_COLUMNS = tuple(f.name for f in fields(ArchiveCase))
_TIME_COLUMNS = frozenset(f.name for f in fields(ArchiveCase) if "datetime" in str(f.type))
UPSERT_CASE = Bulk(tables.archive_cases, CASE_COLUMNS, keys=("case_id",))
INSERT_CASE = Bulk(tables.archive_cases, CASE_COLUMNS)
_UPSERT_PATIENT = Bulk(tables.archive_patients, (
    "patient_id", "masked_name", "masked_id_number", "guardian_relation", "residence_region",
    "updated_at", "erased_at"), keys=("patient_id",))
_MOVE_PATIENT = ("UPDATE archive_patients SET residence_region = $1, updated_at = $2 "
                 "WHERE patient_id = $3")
FORGET_PATIENT = ("UPDATE archive_patients SET masked_name = NULL, masked_id_number = NULL, "
                   "guardian_relation = NULL, erased_at = $1, updated_at = $1 "
                   "WHERE patient_id = $2")
INSERT_INTERVAL = Bulk(tables.archive_intervals, (
    "case_id", "seq", "valid_from", "valid_to", "state", "residence_region", "institution_id",
    "evaluated_at", "agreement_at", "assessed_at"))
CLOSE_INTERVAL = "UPDATE archive_intervals SET valid_to = $1 WHERE case_id = $2 AND seq = $3"
_INSERT_SERVICE = Bulk(tables.archive_services, (
    "case_id", "version", "institution_id", "service_type", "form", "method", "started_at",
    "duration_minutes", "recorded_at"))
_INSERT_MILESTONE = Bulk(tables.archive_milestones, (
    "case_id", "version", "kind", "type", "recorded_at", "institution_id", "detail"))
# A COPY costs the writer and the database about half a millisecond whatever its size: a batch


class History:
    """State-history rows not written yet: those opened since the last flush and still open
    (one that closes before the flush is written with its batch, closed, and never updated),
    and the end times of rows written before it."""

    def __init__(self) -> None:
        self.opened: dict[tuple[str, int], list[Any]] = {}  # new rows, by (case, seq)
        self.closed: dict[tuple[str, int], datetime] = {}  # rows already written

    def clear(self) -> None:
        self.opened.clear()
        self.closed.clear()


class Batch:
    """What the pages folded since the last write add, gathered before anything is written;
    folding several pages into one batch is folding one longer page."""

    def __init__(self, cases: dict[str, ArchiveCase], history: History) -> None:
        self.cases = cases  # folded in place
        self.history = history  # added to in place
        self.events = 0
        self.patients: dict[str, tuple[Person, datetime]] = {}
        self.moves: dict[str, tuple[str, datetime]] = {}  # patients from before this batch
        self.services: list[tuple[str, int, dict[str, Any], datetime]] = []
        self.milestones: list[tuple[str, int, dict[str, Any], datetime, str | None]] = []
        self.intervals: list[list[Any]] = []  # history rows opened and closed since the flush

    def take(self, event: RecordedEvent) -> None:
        case = self.cases.get(event.stream_id)
        if case is None:
            case = self.cases[event.stream_id] = ArchiveCase(event.stream_id)
        seq, region, at = case.interval_seq, case.residence_region, event.recorded_at
        fx = apply(case, event.type, event.data, event.version, at)
        if fx.tracked_changed:
            self._move(case, seq, at)
        self._effects(case, fx, event.version, at)
        if case.residence_region != region and fx.person is None:
            self._moved(case.patient_id, case.residence_region, at)

    def _move(self, case: ArchiveCase, previous_seq: int, at: datetime) -> None:
        """Close the case's open history row and open one with what it tracks now."""
        history = self.history
        if previous_seq:
            key = (case.case_id, previous_seq)
            if key in history.opened:
                # Closed, so final: written with this batch, not held for the flush.
                row = history.opened.pop(key)
                row[3] = at
                self.intervals.append(row)
            else:
                history.closed[key] = at
        case.interval_seq = previous_seq + 1
        history.opened[(case.case_id, case.interval_seq)] = [
            case.case_id, case.interval_seq, at, None, *case.tracked]

    def _effects(self, case: ArchiveCase, fx: Effects, version: int, at: datetime) -> None:
        if fx.person is not None:
            self.patients[fx.person.patient_id] = (fx.person, at)
        if fx.service is not None:
            self.services.append((case.case_id, version, fx.service, at))
        if fx.milestone is not None:
            self.milestones.append((case.case_id, version, fx.milestone, at,
                                    fx.milestone["detail"].get("institution_id")
                                    or case.institution_id))

    def _moved(self, patient_id: str, region: str, at: datetime) -> None:
        if patient_id in self.patients:
            person, _ = self.patients[patient_id]
            self.patients[patient_id] = (replace(person, residence_region=region), at)
        else:
            self.moves[patient_id] = (region, at)


_LOAD_CASES_PG = f"SELECT {', '.join(CASE_COLUMNS)} FROM archive_cases WHERE case_id = ANY($1)"


async def load_cases(conn: Connection, case_ids: list[str]) -> dict[str, ArchiveCase]:
    found: dict[str, ArchiveCase] = {}
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start:start + 500]
        if conn.dialect == "postgresql":
            # Always by the key's index: a rebuild's first plan sees an empty table and would
            # scan it, and go on scanning it once it holds this transaction's rows.
            await conn.execute("SET LOCAL enable_seqscan = off")
            rows = await conn.fetch(_LOAD_CASES_PG, chunk)
        else:
            marks = ", ".join(f"${i}" for i in range(1, len(chunk) + 1))
            rows = await conn.fetch(f"SELECT {', '.join(CASE_COLUMNS)} FROM archive_cases "
                                    f"WHERE case_id IN ({marks})", *chunk)
        for row in rows:
            values = {c: (as_time(row[c]) if c in _TIME_COLUMNS else row[c]) for c in CASE_COLUMNS}
            values["unwilling"] = bool(values["unwilling"])
            found[values["case_id"]] = ArchiveCase(**values)
    return found


def batch_rows(conn: Connection, batch: Batch) -> list[tuple[Any, list[Any]]]:
    """The batch's rows by statement, in the order they are written; the case rows and the
    state history are not among them (``ArchiveProjection.flush`` writes those)."""
    return [
        (_UPSERT_PATIENT, [
            (p.patient_id, p.masked_name, p.masked_id_number, p.guardian_relation,
             p.residence_region, when(conn, at), None) for p, at in batch.patients.values()]),
        (_MOVE_PATIENT, [(region, when(conn, at), patient_id)
                         for patient_id, (region, at) in batch.moves.items()]),
        (_INSERT_SERVICE, [
            (case_id, version, s["institution_id"], s["service_type"], s["form"], s["method"],
             str(s["started_at"]), s["duration_minutes"], when(conn, at))
            for case_id, version, s, at in batch.services]),
        (INSERT_INTERVAL, [engine_values(conn, row) for row in batch.intervals]),
        (_INSERT_MILESTONE, [
            (case_id, version, m["kind"], m["type"], when(conn, at), institution_id,
             orjson.dumps(m["detail"]).decode())  # the event's own JSON values
            for case_id, version, m, at, institution_id in batch.milestones]),
    ]


async def write_rows(conn: Connection, rows: list[tuple[Any, list[Any]]],
                 after: asyncio.Task[None] | None) -> None:
    if after is not None:
        await after  # a failed write fails every one queued after it
    for statement, values in rows:
        if not values:
            continue
        if isinstance(statement, Bulk):
            await statement.run(conn, values)
        else:
            await conn.executemany(statement, values)
