"""Writes the archive tables from pages of the referral service's feed.

The consumer calls ``apply_page`` inside the transaction that moves its cursor, so a page is
applied exactly once.  A page is folded in memory first (each case row read once) and then
written with one statement per table: a rebuild from an empty start reads the feed as fast
as it can serve it.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime
from typing import Any

from jingkang_events import Connection, RecordedEvent

from ..domain.archive import ArchiveCase, Effects, Person, apply
from .sql import as_time, dumps, insert, upsert, when

CASE_COLUMNS = tuple(f.name for f in fields(ArchiveCase))
_TIME_COLUMNS = frozenset(f.name for f in fields(ArchiveCase) if "datetime" in str(f.type))
_UPSERT_CASE = upsert("archive_cases", CASE_COLUMNS, ("case_id",))
_UPSERT_PATIENT = upsert("archive_patients", ("patient_id", "masked_name", "masked_id_number",
                                              "guardian_relation", "residence_region",
                                              "updated_at", "erased_at"), ("patient_id",))
_FORGET_PATIENT = ("UPDATE archive_patients SET masked_name = NULL, masked_id_number = NULL, "
                   "guardian_relation = NULL, erased_at = $1, updated_at = $1 "
                   "WHERE patient_id = $2")
_INTERVAL_COLUMNS = ("case_id", "seq", "valid_from", "valid_to", "state", "residence_region",
                     "institution_id", "evaluated_at", "agreement_at", "assessed_at")
_INSERT_INTERVAL = insert("archive_intervals", _INTERVAL_COLUMNS)
_MOVE_PATIENT = ("UPDATE archive_patients SET residence_region = $1, updated_at = $2 "
                 "WHERE patient_id = $3")
_CLOSE_INTERVAL = "UPDATE archive_intervals SET valid_to = $1 WHERE case_id = $2 AND seq = $3"
_INSERT_SERVICE = insert("archive_services", ("case_id", "version", "institution_id",
                                              "service_type", "form", "method", "started_at",
                                              "duration_minutes", "recorded_at"))
_INSERT_MILESTONE = insert("archive_milestones", ("case_id", "version", "kind", "type",
                                                  "recorded_at", "institution_id", "detail"))
CASE_STREAM = "case"
PERSON_STREAM = "person"


class _Page:
    """What one page changes, gathered before anything is written."""

    def __init__(self, cases: dict[str, ArchiveCase]) -> None:
        self.cases = cases
        self.changed: set[str] = set()
        self.patients: dict[str, tuple[Person, datetime]] = {}
        self.moves: dict[str, tuple[str, datetime]] = {}  # patients from before this page
        self.intervals: dict[tuple[str, int], list[Any]] = {}  # new rows, by (case, seq)
        self.closed: dict[tuple[str, int], datetime] = {}  # rows from before this page
        self.services: list[tuple[str, int, dict[str, Any], datetime]] = []
        self.milestones: list[tuple[str, int, dict[str, Any], datetime, str | None]] = []

    def take(self, event: RecordedEvent) -> None:
        before = self.cases.get(event.stream_id) or ArchiveCase(event.stream_id)
        at = event.recorded_at
        after, fx = apply(before, event.type, event.data, event.version, at)
        if fx.tracked_changed:
            after = self._move(before, after, at)
        self.cases[after.case_id] = after
        self.changed.add(after.case_id)
        self._effects(after, fx, event.version, at)
        if after.residence_region != before.residence_region and fx.person is None:
            self._moved(after.patient_id, after.residence_region, at)

    def _move(self, before: ArchiveCase, after: ArchiveCase, at: datetime) -> ArchiveCase:
        if before.interval_seq:
            key = (before.case_id, before.interval_seq)
            if key in self.intervals:
                self.intervals[key][3] = at
            else:
                self.closed[key] = at
        after = replace(after, interval_seq=before.interval_seq + 1)
        self.intervals[(after.case_id, after.interval_seq)] = [
            after.case_id, after.interval_seq, at, None, *after.tracked]
        return after

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


async def _load_cases(conn: Connection, case_ids: list[str]) -> dict[str, ArchiveCase]:
    found: dict[str, ArchiveCase] = {}
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start:start + 500]
        marks = ", ".join(f"${i}" for i in range(1, len(chunk) + 1))
        rows = await conn.fetch(f"SELECT {', '.join(CASE_COLUMNS)} FROM archive_cases "
                                f"WHERE case_id IN ({marks})", *chunk)
        for row in rows:
            values = {c: (as_time(row[c]) if c in _TIME_COLUMNS else row[c]) for c in CASE_COLUMNS}
            values["unwilling"] = bool(values["unwilling"])
            found[values["case_id"]] = ArchiveCase(**values)
    return found


async def apply_page(events: list[RecordedEvent], conn: Connection) -> None:
    """Fold a page of the referral feed into the archive tables (the consumer's projection).
    Runs of case events are folded together; an erasure is applied where it stands."""
    run: list[RecordedEvent] = []
    for event in events:
        if event.stream_type == CASE_STREAM:
            run.append(event)
        elif event.stream_type == PERSON_STREAM and event.type == "PersonErased":
            await _fold(conn, run)
            run = []
            await conn.execute(_FORGET_PATIENT, when(conn, event.recorded_at),
                               event.data["patient_id"])
    await _fold(conn, run)


async def _fold(conn: Connection, case_events: list[RecordedEvent]) -> None:
    if not case_events:
        return
    page = _Page(await _load_cases(conn, sorted({e.stream_id for e in case_events})))
    for event in case_events:
        page.take(event)
    await _write(conn, page)


def _case_row(conn: Connection, case: ArchiveCase) -> list[Any]:
    # getattr, not dataclasses.astuple: that deep-copies every field (most of a rebuild's CPU)
    values = (getattr(case, column) for column in CASE_COLUMNS)
    return [when(conn, v) if isinstance(v, datetime) else v for v in values]


async def _write(conn: Connection, page: _Page) -> None:
    await conn.executemany(_UPSERT_CASE, [_case_row(conn, page.cases[c]) for c in sorted(page.changed)])
    await conn.executemany(_UPSERT_PATIENT, [
        (p.patient_id, p.masked_name, p.masked_id_number, p.guardian_relation,
         p.residence_region, when(conn, at), None) for p, at in page.patients.values()])
    await conn.executemany(_MOVE_PATIENT, [
        (region, when(conn, at), patient_id) for patient_id, (region, at) in page.moves.items()])
    await conn.executemany(_CLOSE_INTERVAL, [
        (when(conn, at), case_id, seq) for (case_id, seq), at in page.closed.items()])
    await conn.executemany(_INSERT_INTERVAL, [
        [when(conn, v) if isinstance(v, datetime) else v for v in row]
        for row in page.intervals.values()])
    await conn.executemany(_INSERT_SERVICE, [
        (case_id, version, s["institution_id"], s["service_type"], s["form"], s["method"],
         str(s["started_at"]), s["duration_minutes"], when(conn, at))
        for case_id, version, s, at in page.services])
    await conn.executemany(_INSERT_MILESTONE, [
        (case_id, version, m["kind"], m["type"], when(conn, at), institution_id, dumps(m["detail"]))
        for case_id, version, m, at, institution_id in page.milestones])
