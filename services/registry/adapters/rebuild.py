"""Rebuilding every registry projection from the events (``jingkang replay registry``).

The institution tables are replayed from this service's own store; the archive tables are
emptied and the archive consumer follows the referral feed again from its start.  Run it with
the registry service stopped: on PostgreSQL the consumer's lock refuses a second instance.
"""

from __future__ import annotations

from dataclasses import dataclass

from jingkang_events import (
    Connection, Database, EventStore, FeedConsumer, FeedCursor, RecordedEvent,
)

from . import archive_indexes
from .institution_repository import (
    BASELINE_STREAM,
    INSTITUTION_STREAM,
    project,
    project_baseline,
    to_event,
)
from .tables import ARCHIVE, PROJECTIONS
from ..domain.institution import Institution, evolve

PAGE = 500


@dataclass(frozen=True)
class Rebuilt:
    registry_events: int
    referral_events: int


async def rebuild_institutions(db: Database, store: EventStore) -> int:
    """Empty the institution tables and replay the registry's events into them, in one
    transaction: readers see the old tables or the new ones, never a half-built state."""
    states: dict[str, Institution] = {}
    replayed = 0
    async with db.transaction() as conn:
        for table in PROJECTIONS:
            await conn.execute(f"DELETE FROM {table}")  # names from a fixed tuple
        cursor = FeedCursor()
        while True:
            page = await store.read_feed(cursor, PAGE)
            for recorded in page.events:
                await project_recorded(conn, states, recorded)
            replayed += len(page.events)
            if not page.events:
                return replayed
            cursor = page.next


async def project_recorded(conn: Connection, states: dict[str, Institution],
                           recorded: RecordedEvent) -> None:
    """One registry event into the institution tables, in feed order (``states``: each
    institution folded so far)."""
    event = to_event(recorded)
    if recorded.stream_type == INSTITUTION_STREAM:
        state = evolve(states.get(recorded.stream_id) or Institution(recorded.stream_id), event)
        states[recorded.stream_id] = state
        await project(conn, state, event, recorded.recorded_at)
    elif recorded.stream_type == BASELINE_STREAM:
        await project_baseline(conn, event, recorded.version, recorded.recorded_at)


async def reset_archive(db: Database, consumer_name: str) -> None:
    """Empty the archive tables, set their secondary indexes aside and move the consumer back
    to the feed's start, together."""
    async with db.transaction() as conn:
        if db.dialect == "postgresql":
            # Leaves no dead rows behind for the refill to wade through, as DELETE would.
            await conn.execute(f"TRUNCATE {', '.join(ARCHIVE)}")  # names from a fixed tuple
        else:
            for table in ARCHIVE:
                await conn.execute(f"DELETE FROM {table}")  # names from a fixed tuple
        await archive_indexes.drop(conn)
        await conn.execute("DELETE FROM consumer_cursors WHERE name = $1", consumer_name)


async def rebuild_archive(db: Database, consumer: FeedConsumer) -> int:
    """Empty the archive and follow the referral feed into it from the start: rows first,
    then the secondary indexes built over the filled tables, then fresh planner statistics.
    Returns the events applied."""
    await reset_archive(db, consumer.name)
    try:
        applied = await consumer.catch_up()
    finally:  # a replay that fails part-way leaves a usable archive to go on from
        await archive_indexes.ensure(db)
    await analyze_archive(db)
    return applied


async def rebuild_all(db: Database, store: EventStore, consumer: FeedConsumer) -> Rebuilt:
    registry_events = await rebuild_institutions(db, store)
    return Rebuilt(registry_events, await rebuild_archive(db, consumer))


async def analyze_archive(db: Database) -> None:
    """Fresh planner statistics for tables just filled: without them PostgreSQL plans the
    statistics' joins for a handful of rows (a progress summary took 4 × longer)."""
    if db.dialect != "postgresql":
        return
    async with db.connection() as conn:
        for table in ARCHIVE:
            await conn.execute(f"ANALYZE {table}")  # names from a fixed tuple
