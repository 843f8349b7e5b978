"""What every command request carries besides its body, as the handlers see it: request and
correlation ids, the Idempotency-Key with the hash of the request it was first used for, and
If-Match (API.md).  The edge reads them from the headers (``services/common/web/requests.py``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# Versions are stored as 32-bit integers: a larger one is no version, not a database error.
MAX_VERSION = 2_147_483_647


@dataclass(frozen=True)
class RequestMeta:
    request_id: str
    correlation_id: str
    idempotency_key: str | None = None
    request_hash: str = ""
    if_match: int | None = None


def request_hash(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + body).hexdigest()
