"""The only place the registry service's concrete adapters are built."""

from __future__ import annotations

import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from jingkang.common.adapters.consistency import ProjectionReport
from jingkang.common.adapters.idempotency import IdempotencyStore
from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang.common.domain.calendar import china
from jingkang.common.domain.clock import Clock, system_clock
from jingkang.common.adapters.region_overrides import load_region_table
from jingkang.common.runtime import ServiceRuntime
from jingkang.common.web.auth import service_token_source
from jingkang_events import (
    Connection, Database, EventStore, EventTypes, FeedConsumer, FeedCursor, RecordedEvent,
    connect,
)

from .adapters import archive_indexes
from .adapters.archive_projection import ArchiveProjection
from .adapters.http_answers import HttpAnswers
from .adapters.institution_repository import RegistryRepository
from .adapters.registry_queries import RegistryQueries
from .adapters.report_repository import ReportRepository
from .adapters.statistics_queries import StatisticsQueries
from .application.archives import Archives
from .application.institutions import RegistryService
from .application.report_chain import Chain
from .application.report_reads import ReportReads
from .application.report_scans import ReportScans
from .application.reports import ReportService
from .adapters.projection_check import check_archive, check_institution_tables
from .application.statistics import Statistics
from .config import Settings
from .domain.events import EVENT_TYPES
from .domain.figures import Rules
from .domain.report_schedule import schedule_from

ApplyPage = Callable[[list[RecordedEvent], Connection], Awaitable[None]]
ARCHIVE_CONSUMER = "case_archive"


def event_types() -> EventTypes:
    """Every event type the registry store writes or may find stored, with its upcasters."""
    types = EventTypes()
    for name, model in EVENT_TYPES.items():
        types.register(name, model.SCHEMA_VERSION)
    return types


def rules_from(settings: Settings) -> Rules:
    return Rules(reassessment_interval_months=settings.reassessment_interval_months,
                 monthly_service=settings.standardized_monthly_service)


def archive_consumer(settings: Settings, db: Database, *,
                     until: FeedCursor | None = None) -> FeedConsumer:
    """Follows the referral service's feed into the archive tables (only up to ``until``, when
    given: ``jingkang verify`` rebuilds what the live archive holds, which may lag the feed)."""
    projection = ArchiveProjection()
    apply_page = projection.apply_page if until is None else _up_to(until, projection.apply_page)
    return FeedConsumer(ARCHIVE_CONSUMER, settings.referral_url, db,
                        apply_page=apply_page, on_reset=projection.forget,
                        before_commit=projection.flush, before_rollback=projection.abandon,
                        token=service_token_source(settings, "registry"),
                        batch_size=settings.archive_batch_size)


def _up_to(until: FeedCursor, apply_page: ApplyPage) -> ApplyPage:
    last = (until.tx_id, until.position)

    async def apply_until(events: list[RecordedEvent], conn: Connection) -> None:
        await apply_page([e for e in events if (e.cursor.tx_id, e.cursor.position) <= last], conn)

    return apply_until


async def check_projections(settings: Settings) -> list[ProjectionReport]:
    """``jingkang verify``: the institution tables and the archive, each rebuilt into a scratch
    SQLite database (removed afterwards) and compared with the live tables."""
    db = await connect(settings.database_url)
    try:
        with tempfile.TemporaryDirectory(prefix="jingkang-verify-") as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'registry.db'}"
            await upgrade_to_head_async("registry", url)
            scratch = await connect(url)
            try:
                institutions = await check_institution_tables(
                    db, EventStore(db, event_types()), scratch)
                archive = await check_archive(
                    db, scratch, ARCHIVE_CONSUMER,
                    lambda into, until: archive_consumer(settings, into, until=until))
            finally:
                await scratch.close()
        return [institutions, archive]
    finally:
        await db.close()


@dataclass
class RegistryRuntime(ServiceRuntime):
    registry: RegistryService | None = None
    queries: RegistryQueries | None = None
    archives: Archives | None = None
    statistics: Statistics | None = None
    reports: ReportService | None = None
    report_reads: ReportReads | None = None
    scans: ReportScans | None = None

    async def prepare(self) -> None:
        # A replay stopped part-way (killed, say) leaves the archive's secondary indexes out.
        await archive_indexes.ensure(self.db)


async def build_runtime(settings: Settings, clock: Clock | None = None) -> RegistryRuntime:
    clock = clock or system_clock
    db = await connect(settings.database_url)
    store = EventStore(db, event_types(), clock=clock, poll_interval=settings.feed_poll_seconds,
                       ledger_key=settings.ledger())
    regions = load_region_table(settings.region_overrides_file)
    answers, idempotency = HttpAnswers(), IdempotencyStore(db)
    registry = RegistryService(db, RegistryRepository(store), idempotency,
                               answers=answers, regions=regions, clock=clock)
    queries = RegistryQueries(db)
    statistics = Statistics(StatisticsQueries(db), regions, rules_from(settings), clock)
    report_store = ReportRepository(db, store)
    chain = Chain(report_store, statistics, regions, china(),
                  schedule_from(settings.report_schedule))
    reports = ReportService(db, chain, idempotency, answers=answers, clock=clock)
    scans = ReportScans(db, report_store, idempotency, answers=answers, clock=clock,
                        max_bytes=settings.report_scan_max_bytes)
    runtime = RegistryRuntime("registry", db, store, [archive_consumer(settings, db)], registry,
                              queries, Archives(queries), statistics, reports,
                              ReportReads(chain, clock), scans)
    runtime.checkpoint_interval = settings.checkpoint_interval_seconds
    return runtime
