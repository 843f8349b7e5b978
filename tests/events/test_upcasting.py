"""Old schemas are read through upcasters; stored rows stay as written; unknown types stop start-up."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from jingkang_events import (
    Database, EventStore, EventTypes, FeedCursor, NewEvent, UnknownEventTypeError,
)

from .support import servable


def _v1() -> EventTypes:
    types = EventTypes()
    types.register("AssessmentUploaded", 1)
    return types


def _v3() -> EventTypes:
    types = EventTypes()
    types.register("AssessmentUploaded", 3)
    types.add_upcaster("AssessmentUploaded", 1, lambda d: {**d, "risk_level": 0})
    types.add_upcaster("AssessmentUploaded", 2,
                       lambda d: {"hospital": d["hospital_name"], "risk_level": d["risk_level"]})
    return types


async def test_reads_return_the_newest_schema_without_rewriting_rows(db: Database) -> None:
    old = EventStore(db, _v1())
    await old.append("case-1", "case", 0, [NewEvent("AssessmentUploaded", {"hospital_name": "市精神卫生中心"})])

    new = EventStore(db, _v3())
    await new.start()
    (event,) = await new.read_stream("case-1")
    assert event.schema_version == 3
    assert event.data == {"hospital": "市精神卫生中心", "risk_level": 0}

    async with db.connection() as conn:
        row = await conn.fetchrow("SELECT schema_version, data FROM events")
    assert row["schema_version"] == 1
    assert json.loads(row["data"]) == {"hospital_name": "市精神卫生中心"}
    assert (await new.verify_stream("case-1")).valid
    await new.stop()


async def test_start_up_fails_on_a_stored_type_nothing_knows(db: Database) -> None:
    types = _v1()
    types.register("LegacyThing", 1)
    await EventStore(db, types).append("s", "t", 0, [NewEvent("LegacyThing", {})])
    with pytest.raises(UnknownEventTypeError, match="LegacyThing v1"):
        await EventStore(db, _v1()).start()


async def test_start_up_fails_on_a_schema_version_without_upcaster(db: Database) -> None:
    await EventStore(db, _v1()).append("s", "t", 0, [NewEvent("AssessmentUploaded", {})])
    types = EventTypes()
    types.register("AssessmentUploaded", 2)  # forgot the 1 → 2 upcaster
    with pytest.raises(UnknownEventTypeError, match="AssessmentUploaded v1"):
        await EventStore(db, types).start()


def test_upcaster_chain_is_checked_without_a_database() -> None:
    types = _v3()
    assert types.can_read("AssessmentUploaded", 1)
    assert not types.can_read("AssessmentUploaded", 4)
    assert not types.can_read("Other", 1)


async def test_the_served_feed_is_the_recorded_events_json(db: Database) -> None:
    """The feed router splices stored text instead of re-encoding: each served entry must be
    exactly ``RecordedEvent.to_json`` — upcast where the schema is old, non-ASCII, quotes and
    backslashes in ids and data, metadata as stored."""
    old = EventStore(db, _v1())
    await old.append('case-"1"\\\x01\n', "case", 0, [
        NewEvent("AssessmentUploaded", {"hospital_name": "市精神卫生中心", "note": 'a "b" \\ c'})])
    new = EventStore(db, _v3())
    await new.append("case-2", "case", 0, [
        NewEvent("AssessmentUploaded", {"hospital": "县医院", "risk_level": 2}, schema_version=3),
        NewEvent("AssessmentUploaded", {"hospital": "x", "risk_level": 1, "nested": {"z": [1, None]}},
                 schema_version=3)])
    # A whole second has no fraction in the served time, as in ``isoformat``.
    await new.append("case-3", "case", 0, [NewEvent("AssessmentUploaded", {
        "hospital": "y", "risk_level": 0}, schema_version=3)],
        recorded_at=datetime(2026, 5, 1, 9, 30, tzinfo=UTC))
    await servable(new, 4)
    recorded = (await new.read_feed(FeedCursor(), 10)).events
    served = (await new.read_served_feed(FeedCursor(), 10)).events
    assert len(served) == len(recorded) == 4
    assert [json.loads(e.json()) for e in served] == [e.to_json() for e in recorded]
    assert served[0].data() == {"hospital": "市精神卫生中心", "risk_level": 0}  # upcast
    served[1].set_data({"hospital": "改", "risk_level": 3})
    assert json.loads(served[1].json())["data"] == {"hospital": "改", "risk_level": 3}
