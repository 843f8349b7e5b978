"""Report streams (``report-{form}-{region}-{period}``) in the registry's event store, and
the scans of signed forms in ``report_scans``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from jingkang_events import Connection, Database, EventStore, Metadata, NewEvent

from ..application.ports import Scan
from ..domain.events import RegistryEvent
from ..domain.reporting import Report, evolve, report_stream
from .institution_repository import RegistryRepository, to_event
from .sql import when

REPORT_STREAM = "report"


class ReportRepository:
    """The registry's ``ReportStore``."""

    lock_stream = staticmethod(RegistryRepository.lock_stream)

    def __init__(self, db: Database, store: EventStore) -> None:
        self.db, self.store = db, store

    async def load(self, region: str, period: str, form: str,
                   conn: Connection | None = None) -> Report:
        recorded = await self.store.read_stream(report_stream(region, period, form), conn=conn)
        report = Report(region, period, form)
        for event in recorded:
            report = evolve(report, to_event(event))
        return report

    async def load_many(self, keys: Sequence[tuple[str, str, str]]) -> list[Report]:
        """The reports that exist among ``keys`` (one read per key: a region has tens of
        children at most)."""
        found = []
        async with self.db.connection() as conn:
            for region, period, form in keys:
                report = await self.load(region, period, form, conn)
                if report.version:
                    found.append(report)
        return found

    async def append(self, conn: Connection, before: Report, events: Sequence[RegistryEvent],
                     metadata: Metadata, at: datetime) -> Report:
        await self.store.append(
            report_stream(before.region, before.period, before.form), REPORT_STREAM,
            before.version,
            [NewEvent(e.type, e.model_dump(mode="json"), e.SCHEMA_VERSION, metadata)
             for e in events], conn=conn, recorded_at=at)
        after = before
        for event in events:
            after = evolve(after, event)
        return after

    async def save_scan(self, conn: Connection, scan: Scan, region: str, at: datetime) -> None:
        """Stored once: the same bytes uploaded again (by anyone) change nothing."""
        await conn.execute(
            "INSERT INTO report_scans (sha256, media_type, region, size, content, stored_at) "
            "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING", scan.sha256,
            scan.media_type, region, len(scan.content), scan.content, when(conn, at))

    async def scan(self, sha256: str) -> Scan | None:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                "SELECT media_type, content FROM report_scans WHERE sha256 = $1", sha256)
        return None if row is None else Scan(sha256, row[0], bytes(row[1]))

    async def scan_region(self, sha256: str) -> str | None:
        async with self.db.connection() as conn:
            return await conn.fetchval("SELECT region FROM report_scans WHERE sha256 = $1",
                                       sha256)
