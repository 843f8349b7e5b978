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

from jingkang_events import Connection, RecordedEvent

from ..domain.archive import ArchiveCase
from .archive_batch import (
    CLOSE_INTERVAL, FORGET_PATIENT, INSERT_CASE, INSERT_INTERVAL, UPSERT_CASE, Batch, History,
    batch_rows, load_cases, write_rows,
)
from .sql import engine_values, when

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
        self._history = History()
        # Folded pages gather in a batch; a batch's rows are written while the next pages are
        # folded, each write after the one before (up to WRITES_AHEAD batches queued);
        # anything else that uses the connection has the batch written first and waits for
        # the writes (``_written``).
        self._batch: Batch | None = None
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
        rows, self._batch = batch_rows(conn, self._batch), None
        after = self._writes[-1] if self._writes else None
        self._writes.append(asyncio.create_task(write_rows(conn, rows, after)))

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
                await conn.execute(FORGET_PATIENT, when(conn, event.recorded_at),
                                   event.data["patient_id"])
        await self._fold(conn, run)

    async def flush(self, conn: Connection) -> None:
        """Write the case rows and the state history changed since the last flush (after the
        batch being written)."""
        await self._written(conn)
        changed = sorted(self._unwritten - self._begun)
        begun = sorted(self._unwritten & self._begun)
        await UPSERT_CASE.run_objects(conn, [self._cases[c] for c in changed])
        await INSERT_CASE.run_objects(conn, [self._cases[c] for c in begun])
        history = self._history
        await INSERT_INTERVAL.run(conn, [engine_values(conn, row)
                                          for row in history.opened.values()])
        await conn.executemany(CLOSE_INTERVAL, [
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
            cases.update(await load_cases(conn, wanted))
        batch = self._batch or Batch(cases, self._history)
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
