"""A batch of new events made ready to insert (versions, canonical JSON, chain hashes), and
what an append answers: the events as recorded, or those a retry had stored already."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ._chain import canonical_json, chain_hash, format_time
from ._errors import EventIdConflictError
from ._model import AppendResult, FeedCursor, NewEvent, RecordedEvent
from ._rows import to_recorded
from ._types import EventTypes


@dataclass(frozen=True, slots=True)
class Prepared:
    """A batch with versions, canonical JSON and chain hashes computed, ready to insert."""

    stream_id: str
    stream_type: str
    expected_version: int
    prev_hash: str
    recorded_at: datetime
    event_ids: list[str]
    versions: list[int]
    types: list[str]
    schema_versions: list[int]
    data: list[str]
    metadata: list[str]
    prev_hashes: list[str]
    hashes: list[str]


def prepare(stream_id: str, stream_type: str, expected: int, prev_hash: str,
            events: Sequence[NewEvent], recorded_at: datetime) -> Prepared:
    when = format_time(recorded_at)
    b = Prepared(stream_id, stream_type, expected, prev_hash, recorded_at,
                 event_ids=[], versions=[], types=[], schema_versions=[], data=[],
                 metadata=[], prev_hashes=[], hashes=[])
    previous = prev_hash
    for offset, event in enumerate(events, start=1):
        event_id, version = str(event.event_id), expected + offset
        data, metadata = canonical_json(event.data), canonical_json(event.metadata.to_dict())
        digest = chain_hash(previous, event_id=event_id, stream_id=stream_id,
                            stream_type=stream_type, version=version, type=event.type,
                            schema_version=event.schema_version, recorded_at=when,
                            data_json=data, metadata_json=metadata)
        b.event_ids.append(event_id)
        b.versions.append(version)
        b.types.append(event.type)
        b.schema_versions.append(event.schema_version)
        b.data.append(data)
        b.metadata.append(metadata)
        b.prev_hashes.append(previous)
        b.hashes.append(digest)
        previous = digest
    return b


def recorded(b: Prepared, rows: Sequence[Any], events: Sequence[NewEvent]) -> AppendResult:
    """The append's answer from the rows it inserted (their positions and transaction ids)
    and the caller's own events (their data as given, not read back)."""
    return AppendResult(b.stream_id, tuple(
        RecordedEvent(
            position=row["position"], event_id=event.event_id, stream_id=b.stream_id,
            stream_type=b.stream_type, version=b.versions[i], type=event.type,
            schema_version=event.schema_version, data=event.data,
            metadata=event.metadata.to_dict(), recorded_at=b.recorded_at,
            prev_hash=b.prev_hashes[i], hash=b.hashes[i],
            cursor=FeedCursor(row["tx_id"], row["position"]),
        )
        for i, (row, event) in enumerate(zip(rows, events, strict=True))
    ))


def already_stored(stream_id: str, events: Sequence[NewEvent], stored_rows: Sequence[Any],
                   types: EventTypes) -> AppendResult:
    """A retry's answer: the events stored by its first try, which must be exactly these."""
    stored = [to_recorded(r, types) for r in stored_rows]
    wanted = [e.event_id for e in events]
    if [e.event_id for e in stored] != wanted or any(e.stream_id != stream_id for e in stored):
        raise EventIdConflictError(stream_id, [str(e.event_id) for e in stored])
    return AppendResult(stream_id, tuple(stored), already_stored=True)
