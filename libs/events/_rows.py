"""Turning stored rows into ``RecordedEvent`` and back into the exact hashed content."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from ._chain import chain_hash, format_time
from ._model import FeedCursor, RecordedEvent
from ._types import EventTypes

COLUMNS = (
    "position, event_id, stream_id, stream_type, version, type, schema_version, "
    "data, metadata, recorded_at, prev_hash, hash, tx_id"
)


def as_uuid(value: Any) -> uuid.UUID:
    return value if type(value) is uuid.UUID else uuid.UUID(str(value))


def as_datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def to_recorded(row: Any, types: EventTypes) -> RecordedEvent:
    data, schema_version = types.upcast(row["type"], row["schema_version"], json.loads(row["data"]))
    return RecordedEvent(
        position=row["position"],
        event_id=as_uuid(row["event_id"]),
        stream_id=row["stream_id"],
        stream_type=row["stream_type"],
        version=row["version"],
        type=row["type"],
        schema_version=schema_version,
        data=data,
        metadata=json.loads(row["metadata"]),
        recorded_at=as_datetime(row["recorded_at"]),
        prev_hash=row["prev_hash"],
        hash=row["hash"],
        cursor=FeedCursor(row["tx_id"], row["position"]),
    )


def recompute_hash(row: Any, prev_hash: str) -> str:
    """The hash a stored row should carry, from its stored columns exactly as they are."""
    return chain_hash(
        prev_hash,
        event_id=str(as_uuid(row["event_id"])),
        stream_id=row["stream_id"],
        stream_type=row["stream_type"],
        version=row["version"],
        type=row["type"],
        schema_version=row["schema_version"],
        recorded_at=format_time(as_datetime(row["recorded_at"])),
        data_json=row["data"],
        metadata_json=row["metadata"],
    )
