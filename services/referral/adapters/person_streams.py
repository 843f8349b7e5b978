"""The person's own stream in the event store, where an erasure is recorded."""

from __future__ import annotations

from datetime import datetime

from jingkang_events import Connection, EventStore, Metadata, NewEvent

from ..domain.events import PersonErased

PERSON_STREAM = "person"


def person_stream(patient_id: str) -> str:
    return f"person-{patient_id}"


class PersonStreams:
    """The referral service's ``PersonStreams``."""

    def __init__(self, store: EventStore) -> None:
        self.store = store

    async def record_erasure(self, conn: Connection, patient_id: str, event: PersonErased,
                             metadata: Metadata, now: datetime) -> None:
        stream = await self.store.read_stream(person_stream(patient_id), conn=conn)
        await self.store.append(
            person_stream(patient_id), PERSON_STREAM, len(stream),
            [NewEvent(event.type, event.model_dump(mode="json"), event.SCHEMA_VERSION,
                      metadata)],
            conn=conn, recorded_at=now)
