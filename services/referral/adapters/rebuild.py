"""Rebuilding the referral service's projections from the events (``jingkang replay referral``):
the case read model from the case streams, the institution directory from the registry's feed.
Run it with the referral service stopped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from jingkang_events import Database, FeedConsumer

from .case_repository import STREAM_TYPE, CaseRepository
from .protection import key_id_of


@dataclass(frozen=True)
class Rebuilt:
    cases: int
    registry_events: int


async def rebuild_cases(db: Database, repo: CaseRepository) -> int:
    """Empty the case read model and fold every case stream into it again, in one transaction."""
    async with db.connection() as conn:
        case_ids = [r[0] for r in await conn.fetch(
            "SELECT DISTINCT stream_id FROM events WHERE stream_type = $1 ORDER BY stream_id",
            STREAM_TYPE)]
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM cases")
        for case_id in case_ids:
            recorded = await repo.history(case_id)
            case = await repo.fold_recorded(case_id, recorded)
            kid = next(filter(None, (key_id_of(r.data) for r in recorded)), None)
            keys = await repo.keys.many(conn, [kid] if kid else [])
            key = keys[kid] if kid else await repo.keys.active(
                conn, case.person_key or "", datetime.now(UTC))
            await repo.write_row(conn, case, recorded[-1].recorded_at, key,
                                 created_at=recorded[0].recorded_at)
    return len(case_ids)


async def rebuild_all(db: Database, repo: CaseRepository, directory: FeedConsumer) -> Rebuilt:
    cases = await rebuild_cases(db, repo)
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM institutions")
        await conn.execute("DELETE FROM consumer_cursors WHERE name = $1", directory.name)
    return Rebuilt(cases, await directory.catch_up())
