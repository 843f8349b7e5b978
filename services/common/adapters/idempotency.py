"""Stored answers to POST requests, keyed by (principal, Idempotency-Key): a retry with the same
key and body gets the first answer, the same key with another body is refused (API.md).

The principal is the whole verified identity — issuer, subject, organisation and role — as one
digest: the same ``sub`` from another organisation is somebody else and never finds these
answers.  A service whose answers hold personal data stores them sealed (the referral service,
``services/referral/adapters/answers.py``); this module keeps whatever text it is given."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table, Text

from jingkang_events import Connection, Database

from jingkang.common.application.answers import (
    Answer, IdempotencyKeyReused, StoredAnswer, as_answer,
)
from jingkang.common.application.request_meta import RequestMeta


_RESOURCE_COMMENT = ("the case or institution the answer shows: replays check the caller may "
                     "still see it, erasure finds a person's answers by it")


def add_idempotency_table(metadata: MetaData) -> Table:
    """Answers to POST requests by Idempotency-Key, so a retry returns the first answer."""
    return Table(
        "idempotency_keys", metadata,
        Column("principal", String(200), primary_key=True),  # principal_key()
        Column("key", String(200), primary_key=True),
        Column("request_hash", String(64), nullable=False),
        Column("status_code", Integer, nullable=False),
        Column("response", Text, nullable=False),
        Column("location", String(300)),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("resource_id", String(100), comment=_RESOURCE_COMMENT),
        Index("ix_idempotency_keys_resource", "resource_id"),
    )


class IdempotencyStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def find(self, principal: str, key: str) -> StoredAnswer | None:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                "SELECT request_hash, status_code, response, location, resource_id "
                "FROM idempotency_keys WHERE principal = $1 AND key = $2", principal, key)
        return None if row is None else StoredAnswer(*tuple(row))

    async def save(self, conn: Connection, principal: str, key: str, answer: StoredAnswer,
                   now: datetime) -> None:
        """In the command's transaction: the answer exists exactly when its events do."""
        await conn.execute(
            "INSERT INTO idempotency_keys (principal, key, request_hash, status_code, response, "
            "location, created_at, resource_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            principal, key, answer.request_hash, answer.status_code, answer.body,
            answer.location, conn.timestamp(now), answer.resource_id)

    async def stored(self, principal: str, meta: RequestMeta) -> StoredAnswer | None:
        """The stored answer to this key, as stored (``IdempotencyKeyReused`` for another
        body); the caller checks scope and opens it."""
        if meta.idempotency_key is None:
            return None
        stored = await self.find(principal, meta.idempotency_key)
        if stored is not None and stored.request_hash != meta.request_hash:
            raise IdempotencyKeyReused("this Idempotency-Key was used with another request")
        return stored

    async def replay(self, principal: str, meta: RequestMeta) -> Answer | None:
        """The first answer to this key, if any, for answers stored as sent."""
        stored = await self.stored(principal, meta)
        return None if stored is None else as_answer(stored, stored.body)

    async def remember(self, conn: Connection, principal: str, meta: RequestMeta,
                       answer: Answer, now: datetime, *, stored_body: str | None = None) -> None:
        """Keep the answer for retries; ``stored_body`` is what to store instead of the body
        sent (the body with its personal parts sealed)."""
        if meta.idempotency_key is not None:
            await self.save(conn, principal, meta.idempotency_key, StoredAnswer(
                meta.request_hash, answer.status_code,
                answer.body if stored_body is None else stored_body, answer.location,
                answer.resource_id), now)

    async def about(self, conn: Connection,
                    resource_ids: list[str]) -> list[tuple[str, str, str]]:
        """(principal, key, stored body) of every answer showing one of the resources."""
        if not resource_ids:
            return []
        marks = ", ".join(f"${i}" for i in range(1, len(resource_ids) + 1))
        rows = await conn.fetch(
            "SELECT principal, key, response FROM idempotency_keys "
            f"WHERE resource_id IN ({marks}) ORDER BY created_at", *resource_ids)
        return [(r[0], r[1], r[2]) for r in rows]

    async def rewrite(self, conn: Connection, principal: str, key: str, body: str) -> None:
        """Replace a stored body (erasure writes what a replay will show from then on)."""
        await conn.execute("UPDATE idempotency_keys SET response = $1 "
                           "WHERE principal = $2 AND key = $3", body, principal, key)


def add_answer_resources_v1() -> None:
    """Migration (both services): stored answers name their resource; the answers stored under
    the bare subject are deleted (no request can reach them under the new principal digest, and
    the referral's held the person in the clear).  Frozen: later changes get a new function."""
    import sqlalchemy as sa
    from alembic import op

    op.execute("DELETE FROM idempotency_keys")
    with op.batch_alter_table("idempotency_keys") as batch:
        batch.add_column(sa.Column("resource_id", sa.String(100), comment=_RESOURCE_COMMENT))
    op.create_index("ix_idempotency_keys_resource", "idempotency_keys", ["resource_id"])


def drop_answer_resources_v1() -> None:
    from alembic import op

    op.drop_index("ix_idempotency_keys_resource", "idempotency_keys")
    with op.batch_alter_table("idempotency_keys") as batch:
        batch.drop_column("resource_id")
