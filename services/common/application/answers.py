"""A command's answer as the services keep it for Idempotency-Key retries, and whose it is.

The principal is the whole verified identity — issuer, subject, organisation and role — as one
digest: the same ``sub`` from another organisation is somebody else and never finds another's
answers (the store: ``services/common/adapters/idempotency.py``)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Protocol


class Identity(Protocol):
    @property
    def issuer(self) -> str: ...
    @property
    def sub(self) -> str: ...
    @property
    def org_id(self) -> str: ...
    @property
    def role(self) -> str: ...


def principal_key(who: Identity) -> str:
    """Whose answers these are: a digest of the verified token's issuer, subject, organisation
    and role (fixed length, and no identifier of a person in the table)."""
    parts = json.dumps([who.issuer, who.sub, who.org_id, who.role], ensure_ascii=False)
    return hashlib.sha256(parts.encode()).hexdigest()


@dataclass(frozen=True)
class Answer:
    """A command's answer, exactly as first sent."""

    status_code: int
    body: str  # the JSON representation
    version: int
    location: str | None = None
    resource_id: str | None = None  # the case or institution it shows


class IdempotencyKeyReused(Exception):
    """The key was used with another request; the edge answers 422 ``idempotency_key_reused``."""


@dataclass(frozen=True)
class StoredAnswer:
    request_hash: str
    status_code: int
    body: str  # as stored: sealed parts still sealed, for services that seal
    location: str | None
    resource_id: str | None = None


def as_answer(stored: StoredAnswer, body: str) -> Answer:
    """The answer to send again: the stored status, location and ``body``."""
    version = json.loads(body).get("version", 0)
    return Answer(stored.status_code, body, version, stored.location, stored.resource_id)
