"""Writes the archive tables from pages of the referral service's feed.

The consumer calls ``ArchiveProjection.apply_page`` inside the transaction that moves its
cursor, so a page is applied exactly once.  Pages are folded in memory first (case rows kept
between pages, read from the database only when not seen yet) into a batch of rows, written
with one statement per table once it holds ``WRITE_EVENTS`` events, while the next pages are
folded; so is a state-history row once it has closed.  The case rows and the still-open
state-history rows a transaction changed are written once, just before it commits
(``flush``): catching up, a transaction spans many pages, and most events change a case that
an earlier page of the same transaction changed too.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import OrderedDict, deque
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
_UPSERT_CASE = Bulk(tables.archive_cases, CASE_COLUMNS, keys=("case_id",))
_INSERT_CASE = Bulk(tables.archive_cases, CASE_COLUMNS)
_UPSERT_PATIENT = Bulk(tables.archive_patients, (
    "patient_id", "masked_name", "masked_id_number", "guardian_relation", "residence_region",
    "updated_at", "erased_at"), keys=("patient_id",))
_MOVE_PATIENT = ("UPDATE archive_patients SET residence_region = $1, updated_at = $2 "
                 "WHERE patient_id = $3")
_FORGET_PATIENT = ("UPDATE archive_patients SET masked_name = NULL, masked_id_number = NULL, "
                   "guardian_relation = NULL, erased_at = $1, updated_at = $1 "
                   "WHERE patient_id = $2")
_INSERT_INTERVAL = Bulk(tables.archive_intervals, (
    "case_id", "seq", "valid_from", "valid_to", "state", "residence_region", "institution_id",
    "evaluated_at", "agreement_at", "assessed_at"))
_CLOSE_INTERVAL = "UPDATE archive_intervals SET valid_to = $1 WHERE case_id = $2 AND seq = $3"
_INSERT_SERVICE = Bulk(tables.archive_services, (
    "case_id", "version", "institution_id", "service_type", "form", "method", "started_at",
    "duration_minutes", "recorded_at"))
_INSERT_MILESTONE = Bulk(tables.archive_milestones, (
    "case_id", "version", "kind", "type", "recorded_at", "institution_id", "detail"))
# A COPY costs the writer and the database about half a millisecond whatever its size: a batch
# of 2,000 events (one full page, or several smaller ones gathered) takes three quarters of
# that off every event against batches of 500.
WRITE_EVENTS = 2000  # a batch is written once it holds this many events (and before commit)
WRITES_AHEAD = 4  # batch writes queued while folding goes on
# Folding gives the event loop a turn every FOLD_TURN events, so a queued write sends its next
# statement as soon as the database has answered the last one.  Without the turns, a write
# went one statement further per page (a page's fold runs for tens of milliseconds) and the
# database sat idle in between: a rebuild took a fifth longer.
FOLD_TURN = 20
CASE_STREAM = "case"
PERSON_STREAM = "person"


class _History:
    """State-history rows not written yet: those opened since the last flush and still open
    (one that closes before the flush is written with its batch, closed, and never updated),
    and the end times of rows written before it."""

    def __init__(self) -> None:
        self.opened: dict[tuple[str, int], list[Any]] = {}  # new rows, by (case, seq)
        self.closed: dict[tuple[str, int], datetime] = {}  # rows already written

    def clear(self) -> None:
        self.opened.clear()
        self.closed.clear()


class _Batch:
    """What the pages folded since the last write add, gathered before anything is written;
    folding several pages into one batch is folding one longer page."""

    def __init__(self, cases: dict[str, ArchiveCase], history: _History) -> None:
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


async def _load_cases(conn: Connection, case_ids: list[str]) -> dict[str, ArchiveCase]:
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


class ArchiveProjection:
    """The archive consumer's projection: folds pages of the referral feed into the archive
    tables, inside the transaction that moves the consumer's cursor.

    It keeps the case rows it has folded between pages, so a page reads from the database
    only the cases it has not seen: it is the only writer of those rows (one consumer runs,
    elected by lock).  A changed case row is written by ``flush``, which the consumer calls
    before each commit (and which runs early when more than ``keep`` cases are held, so an
    unwritten row is never dropped).  The consumer calls ``forget`` whenever a transaction
    fails or it reloads its cursor, so nothing folded in a transaction that did not commit is
    ever used.
    """

    def __init__(self, keep: int = 100_000, write_events: int = WRITE_EVENTS) -> None:
        self.keep = keep
        self.write_events = write_events
        self._cases: OrderedDict[str, ArchiveCase] = OrderedDict()
        self._unwritten: set[str] = set()
        # Cases begun since the last flush: not in the table yet, so inserted (by COPY on
        # PostgreSQL), not upserted: an upsert as JSON cost several times as much a row, and
        # a rebuild's last flush writes every case.
        self._begun: set[str] = set()
        self._history = _History()
        # Folded pages gather in a batch; a batch's rows are written while the next pages are
        # folded, each write after the one before (up to WRITES_AHEAD batches queued);
        # anything else that uses the connection has the batch written first and waits for
        # the writes (``_written``).
        self._batch: _Batch | None = None
        self._writes: deque[asyncio.Task[None]] = deque()

    def forget(self) -> None:
        self._cases.clear()
        self._unwritten.clear()
        self._begun.clear()
        self._history.clear()
        self._batch = None

    async def abandon(self, conn: Connection) -> None:
        """The transaction is failing: let a write still running end (its error, if any, is
        the transaction's already), so the connection is free for the rollback."""
        self._batch = None  # not written: the transaction is going
        with contextlib.suppress(Exception):
            await self._written(conn)
        self.forget()

    async def _written(self, conn: Connection) -> None:
        """Write the batch, and wait for every queued write (the last waits for those before
        it)."""
        self._write_batch(conn)
        if self._writes:
            last = self._writes[-1]
            self._writes.clear()
            await last

    def _write_batch(self, conn: Connection) -> None:
        if self._batch is None:
            return
        rows, self._batch = _rows(conn, self._batch), None
        after = self._writes[-1] if self._writes else None
        self._writes.append(asyncio.create_task(_write(conn, rows, after)))

    async def apply_page(self, events: list[RecordedEvent], conn: Connection) -> None:
        """Fold a page of the referral feed into the archive tables.  Runs of case events are
        folded together; an erasure is applied where it stands."""
        run: list[RecordedEvent] = []
        for event in events:
            if event.stream_type == CASE_STREAM:
                run.append(event)
            elif event.stream_type == PERSON_STREAM and event.type == "PersonErased":
                await self._fold(conn, run)
                run = []
                await self._written(conn)
                await conn.execute(_FORGET_PATIENT, when(conn, event.recorded_at),
                                   event.data["patient_id"])
        await self._fold(conn, run)

    async def flush(self, conn: Connection) -> None:
        """Write the case rows and the state history changed since the last flush (after the
        batch being written)."""
        await self._written(conn)
        changed = sorted(self._unwritten - self._begun)
        begun = sorted(self._unwritten & self._begun)
        await _UPSERT_CASE.run_objects(conn, [self._cases[c] for c in changed])
        await _INSERT_CASE.run_objects(conn, [self._cases[c] for c in begun])
        history = self._history
        await _INSERT_INTERVAL.run(conn, [engine_values(conn, row)
                                          for row in history.opened.values()])
        await conn.executemany(_CLOSE_INTERVAL, [
            (when(conn, at), case_id, seq) for (case_id, seq), at in history.closed.items()])
        self._unwritten.clear()
        self._begun.clear()
        history.clear()

    async def _fold(self, conn: Connection, case_events: list[RecordedEvent]) -> None:
        if not case_events:
            return
        cases = self._cases
        # A case's first event starts it: only cases begun before this page and not held
        # are looked up (one that begins and goes on within the page is not).
        first: dict[str, int] = {}
        for event in case_events:
            first.setdefault(event.stream_id, event.version)
        wanted = sorted(case_id for case_id, version in first.items()
                        if version > 1 and case_id not in cases)
        if wanted:
            await self._written(conn)
            cases.update(await _load_cases(conn, wanted))
        batch = self._batch or _Batch(cases, self._history)
        self._batch = batch
        for count, event in enumerate(case_events, 1):
            batch.take(event)
            if count % FOLD_TURN == 0:
                await asyncio.sleep(0)
        batch.events += len(case_events)
        if batch.events >= self.write_events:
            if len(self._writes) >= WRITES_AHEAD:
                await self._writes.popleft()
            self._write_batch(conn)
        for case_id in first:
            cases.move_to_end(case_id)
        self._unwritten.update(first)
        self._begun.update(case_id for case_id, version in first.items() if version == 1)
        if len(cases) > self.keep:
            await self.flush(conn)
            while len(cases) > self.keep:
                cases.popitem(last=False)


def _rows(conn: Connection, batch: _Batch) -> list[tuple[Any, list[Any]]]:
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
        (_INSERT_INTERVAL, [engine_values(conn, row) for row in batch.intervals]),
        (_INSERT_MILESTONE, [
            (case_id, version, m["kind"], m["type"], when(conn, at), institution_id,
             orjson.dumps(m["detail"]).decode())  # the event's own JSON values
            for case_id, version, m, at, institution_id in batch.milestones]),
    ]


async def _write(conn: Connection, rows: list[tuple[Any, list[Any]]],
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
