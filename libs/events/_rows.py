"""Turning stored rows into ``RecordedEvent`` and back into the exact hashed content."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from ._chain import chain_hash, format_time
from ._model import FeedCursor, FeedEntry, RecordedEvent
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


def to_entry(row: Any, types: EventTypes) -> FeedEntry:
    """The row as the feed serves it, its stored ``data`` and ``metadata`` text spliced in as
    they are (canonical JSON); only an event stored at an older schema is parsed, to upcast."""
    kind, data_json, schema_version = row["type"], *_current(row, types)
    before = (f'{{"cursor":"{row["tx_id"]}:{row["position"]}","position":{row["position"]},'
              f'"event_id":"{as_uuid(row["event_id"])}","stream_id":{_string(row["stream_id"])},'
              f'"stream_type":{_string(row["stream_type"])},"version":{row["version"]},'
              f'"type":{_string(kind)},"schema_version":{schema_version},"data":')
    after = (f',"metadata":{row["metadata"]},'
             f'"recorded_at":"{as_datetime(row["recorded_at"]).isoformat()}",'
             f'"prev_hash":{_string(row["prev_hash"])},"hash":{_string(row["hash"])}}}')
    return FeedEntry(row["stream_id"], row["stream_type"], kind, data_json, before.encode(),
                     after.encode())


SCHEMA_KEY = b',"schema_version":'


def to_served_entry(row: Any, types: EventTypes) -> FeedEntry:
    """A row of ``PG_SERVED_FEED``, whose JSON text (UTF-8) the database has built around the
    stored ``data``; only an event stored at an older schema is parsed here, to upcast."""
    kind, data_json, schema_version = row["type"], *_current(row, types)
    before = row["before_data"]
    if schema_version != row["schema_version"]:  # upcast: the text names the new version
        ids = before.rpartition(SCHEMA_KEY)[0]
        before = b'%s%s%d,"data":' % (ids, SCHEMA_KEY, schema_version)
    return FeedEntry(row["stream_id"], row["stream_type"], kind, data_json, before,
                     row["after_data"])


def _current(row: Any, types: EventTypes) -> tuple[bytes, int]:
    """The row's data text (UTF-8) and schema version, upcast (parsed and re-encoded) only
    when the stored schema is older than the newest."""
    kind, schema_version, data_json = row["type"], row["schema_version"], row["data"]
    if types.current_version(kind) != schema_version:
        data, schema_version = types.upcast(kind, schema_version, json.loads(data_json))
        data_json = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # PostgreSQL's served rows hold bytes already; SQLite's rows and an upcast hold text
    return data_json if isinstance(data_json, bytes) else data_json.encode(), schema_version


def _string(value: str) -> str:
    """A JSON string; ids are almost always plain ASCII, which needs no escaping."""
    if value.isascii() and value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'
    return json.dumps(value, ensure_ascii=False)


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
