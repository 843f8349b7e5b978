"""The feed's three shapes of one event are pinned equal field by field.

``RecordedEvent.to_json`` writes the feed, ``FeedEventOut`` documents it in the
OpenAPI schema (pydantic), and the consumer's ``_WireEvent`` decodes it with
msgspec for speed. They cannot be one class without giving up either the
schema or the decoding speed, so this test keeps them from drifting apart.
"""

import uuid
from datetime import datetime, timezone

import msgspec

from jingkang_events._feed_client import _WireEvent
from jingkang_events._feed_api import FeedEventOut
from jingkang_events._model import FeedCursor, RecordedEvent


def _recorded_event() -> RecordedEvent:
    return RecordedEvent(
        position=7, event_id=uuid.uuid4(), stream_id="case-1", stream_type="case",
        version=2, type="CaseOpened", schema_version=1, data={"a": 1},
        metadata={"actor_id": "x"}, recorded_at=datetime(2026, 1, 2, tzinfo=timezone.utc),
        prev_hash="0" * 64, hash="f" * 64, cursor=FeedCursor(tx_id=3, position=7),
    )


def test_served_json_has_the_documented_fields_in_order():
    served = list(_recorded_event().to_json())
    assert served == list(FeedEventOut.model_fields)


def test_wire_decoder_reads_every_served_field():
    assert list(_WireEvent.__struct_fields__) == list(FeedEventOut.model_fields)


def test_served_event_round_trips_through_the_wire_decoder():
    event = _recorded_event()
    wire = msgspec.json.decode(msgspec.json.encode(event.to_json()), type=_WireEvent)
    assert wire.recorded() == event
