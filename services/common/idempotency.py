"""Stored answers to POST requests, keyed by (principal, Idempotency-Key)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jingkang_events import Connection, Database


@dataclass(frozen=True)
class StoredAnswer:
    request_hash: str
    status_code: int
    body: str
    location: str | None


class IdempotencyStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def find(self, principal: str, key: str) -> StoredAnswer | None:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                "SELECT request_hash, status_code, response, location FROM idempotency_keys "
                "WHERE principal = $1 AND key = $2", principal, key)
        return None if row is None else StoredAnswer(row[0], row[1], row[2], row[3])

    async def save(self, conn: Connection, principal: str, key: str, answer: StoredAnswer,
                   now: datetime) -> None:
        """In the command's transaction: the answer exists exactly when its events do."""
        await conn.execute(
            "INSERT INTO idempotency_keys (principal, key, request_hash, status_code, response, "
            "location, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            principal, key, answer.request_hash, answer.status_code, answer.body,
            answer.location, conn.timestamp(now))
