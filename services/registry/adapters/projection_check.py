"""The registry's projections against the fold of their events (``jingkang verify``).

Both kinds are rebuilt into a scratch database (an empty one with the registry's migrations
applied) by the same projection code the service runs, then compared with the live tables row
by row, in any order:

- the institution tables (institutions, institution_history, staff_reports, baselines) from
  the registry's own institution and baseline streams, read in one snapshot together with the
  live tables;
- the archive tables from the referral service's feed, followed as the archive consumer
  follows it (the same view the feed gives the registry), up to the live consumer's cursor:
  the live archive holds exactly the events before it, and may lag the feed.

Every column is compared: each one is a function of the events and their recorded times (the
rebuild test holds a rebuilt registry equal to the live one, column for column).  One
exception, by row: a person the referral service erased after the live cursor reads as erased
in the feed now, while the live archive still holds their masked name, number and guardian
relation from before — those three are not compared for that person until the consumer has
applied the erasure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from jingkang.common.adapters.consistency import (
    ProjectionReport, TableRows, compare_table, snapshot,
)
from jingkang_events import Database, EventStore, FeedConsumer, FeedCursor

from . import tables
from .institution_repository import BASELINE_STREAM, INSTITUTION_STREAM
from .tables import ARCHIVE, PROJECTIONS
from .rebuild import project_recorded

# Masked, but still what the archive keeps of a person: never printed.
PERSONAL_COLUMNS = frozenset({"masked_name", "masked_id_number", "guardian_relation"})
_ERASED_LATER = frozenset(PERSONAL_COLUMNS)

ConsumerUpTo = Callable[[Database, FeedCursor], FeedConsumer]


def _order(cursor: FeedCursor) -> tuple[int, int]:
    return cursor.tx_id, cursor.position


async def check_institution_tables(live: Database, store: EventStore,
                                   scratch: Database) -> ProjectionReport:
    report = ProjectionReport("registry", "institution tables", "rows")
    async with snapshot(live) as conn:
        streams = [r[0] for r in await conn.fetch(
            "SELECT DISTINCT stream_id FROM events WHERE stream_type IN ($1, $2)",
            INSTITUTION_STREAM, BASELINE_STREAM)]
        recorded = [event for stream_id in streams
                    for event in await store.read_stream(stream_id, conn=conn)]
        recorded.sort(key=lambda event: _order(event.cursor))  # feed order, as a rebuild
        async with scratch.transaction() as out:
            states: dict[str, Any] = {}
            for event in recorded:
                await project_recorded(out, states, event)
        await _compare(report, PROJECTIONS, conn, scratch)
    return report


async def check_archive(live: Database, scratch: Database, consumer_name: str,
                        consumer_up_to: ConsumerUpTo) -> ProjectionReport:
    """The archive against the referral feed up to the live consumer's cursor.  Needs the
    referral service running; says so when its feed does not answer."""
    report = ProjectionReport("registry", "archive", "rows")
    async with snapshot(live) as conn:
        cursor = await conn.fetchval("SELECT cursor FROM consumer_cursors WHERE name = $1",
                                     consumer_name)
        until = FeedCursor.parse(cursor or "")
        if until != FeedCursor():
            consumer = consumer_up_to(scratch, until)
            try:
                while _order(consumer.cursor) < _order(until):
                    if not await consumer.step(0):
                        break  # the feed ends before the cursor: the rows will say what lacks
            except httpx.HTTPError as exc:
                report.not_checked = (
                    f"the referral feed at {consumer.source_url} did not answer "
                    f"({type(exc).__name__}); the archive is checked against it while the "
                    "referral service runs")
                return report
            finally:
                await consumer.stop()
        await _compare(report, ARCHIVE, conn, scratch, unknown=_erased_after_cursor)
    return report


def _erased_after_cursor(table: str, expected: dict[str, Any]) -> frozenset[str]:
    """Columns of an expected row the live archive cannot hold yet: a person the feed now
    reads as erased (no masked name) whose erasure the live consumer has not reached."""
    if table == "archive_patients" and expected["masked_name"] is None \
            and expected["erased_at"] is None:
        return _ERASED_LATER
    return frozenset()


async def _compare(report: ProjectionReport, names: tuple[str, ...], conn: Any,
                   scratch: Database, *,
                   unknown: Callable[[str, dict[str, Any]], frozenset[str]] | None = None) -> None:
    for name in names:
        table = tables.metadata.tables[name]
        async with scratch.connection() as out:
            expected = await TableRows(table).all(out)
        await compare_table(report, table, conn, expected, personal=PERSONAL_COLUMNS,
                            unknown=None if unknown is None else
                            (lambda row, name=name: unknown(name, row)))
