"""The per-stream hash chain.

Each event's hash covers its canonical content and the previous event's hash, so altering,
removing or reordering any stored event breaks every hash after it.  Data and metadata are
stored as the exact canonical JSON text that was hashed, so verification needs no
re-serialisation that could differ between engines or library versions.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(value: Any) -> str:
    """One text per value: sorted keys, no spaces, UTF-8 kept as is."""
    return _CANONICAL.encode(value)


def format_time(moment: datetime) -> str:
    """The stored and hashed form of a time: UTC, microseconds, fixed width."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def chain_hash(
    prev_hash: str,
    *,
    event_id: str,
    stream_id: str,
    stream_type: str,
    version: int,
    type: str,
    schema_version: int,
    recorded_at: str,
    data_json: str,
    metadata_json: str,
) -> str:
    """SHA-256 over the fields, each preceded by its length: unambiguous, and no re-escaping."""
    digest = hashlib.sha256()
    for field in (prev_hash, event_id, stream_id, stream_type, str(version), type,
                  str(schema_version), recorded_at, data_json, metadata_json):
        encoded = field.encode()
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.hexdigest()
