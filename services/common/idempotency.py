"""Stored answers to POST requests, keyed by (principal, Idempotency-Key): a retry with the same
key and body gets the first answer, the same key with another body is refused (API.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text

from jingkang_events import Connection, Database

if TYPE_CHECKING:  # requests imports problems, which maps this module's error
    from .requests import RequestMeta


def add_idempotency_table(metadata: MetaData) -> Table:
    """Answers to POST requests by Idempotency-Key, so a retry returns the first answer."""
    return Table(
        "idempotency_keys", metadata,
        Column("principal", String(200), primary_key=True),
        Column("key", String(200), primary_key=True),
        Column("request_hash", String(64), nullable=False),
        Column("status_code", Integer, nullable=False),
        Column("response", Text, nullable=False),
        Column("location", String(300)),
        Column("created_at", DateTime(timezone=True), nullable=False),
    )


@dataclass(frozen=True)
class Answer:
    """A command's answer, exactly as first sent."""

    status_code: int
    body: str  # the JSON representation
    version: int
    location: str | None = None


class IdempotencyKeyReused(Exception):
    """The key was used with another request; the edge answers 422 ``idempotency_key_reused``."""


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

    async def replay(self, principal: str, meta: RequestMeta) -> Answer | None:
        """The first answer to this key, if any (``IdempotencyKeyReused`` for another body)."""
        if meta.idempotency_key is None:
            return None
        stored = await self.find(principal, meta.idempotency_key)
        if stored is None:
            return None
        if stored.request_hash != meta.request_hash:
            raise IdempotencyKeyReused("this Idempotency-Key was used with another request")
        version = json.loads(stored.body).get("version", 0)
        return Answer(stored.status_code, stored.body, version, stored.location)

    async def remember(self, conn: Connection, principal: str, meta: RequestMeta,
                       answer: Answer, now: datetime) -> None:
        if meta.idempotency_key is not None:
            await self.save(conn, principal, meta.idempotency_key, StoredAnswer(
                meta.request_hash, answer.status_code, answer.body, answer.location), now)
