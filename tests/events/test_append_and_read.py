"""Appending and reading streams, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from jingkang_events import (
    GENESIS_HASH,
    ConcurrencyError,
    EventIdConflictError,
    EventStore,
    Metadata,
    NewEvent,
)


def thing(n: int = 0, **meta: str) -> NewEvent:
    return NewEvent("ThingHappened", {"n": n, "名称": "康复"}, metadata=Metadata(**meta))


async def test_append_assigns_versions_positions_and_chain(store: EventStore) -> None:
    result = await store.append("case-1", "case", 0, [thing(1), thing(2)])
    assert [e.version for e in result.events] == [1, 2]
    assert result.events[0].prev_hash == GENESIS_HASH
    assert result.events[1].prev_hash == result.events[0].hash
    assert result.events[0].position < result.events[1].position
    assert not result.already_stored

    stored = await store.read_stream("case-1")
    assert stored == list(result.events)
    assert stored[0].data == {"n": 1, "名称": "康复"}


async def test_metadata_is_stored_with_each_event(store: EventStore) -> None:
    meta = dict(actor_id="u1", role="hospital", org_id="h1", request_id="r1",
                correlation_id="c1", causation_id="x1")
    await store.append("case-1", "case", 0, [thing(**meta)])
    (event,) = await store.read_stream("case-1")
    assert event.metadata == meta


async def test_wrong_expected_version_writes_nothing(store: EventStore) -> None:
    await store.append("case-1", "case", 0, [thing(1)])
    for wrong in (0, 2, 7):
        with pytest.raises(ConcurrencyError) as caught:
            await store.append("case-1", "case", wrong, [thing(9), thing(10)])
        assert caught.value.actual_version == 1
    assert [e.version for e in await store.read_stream("case-1")] == [1]


async def test_read_up_to_version_and_as_of_time(db, url) -> None:
    from tests.conftest import sample_types

    clock_times = iter(datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=d) for d in range(10))
    store = EventStore(db, sample_types(), clock=lambda: next(clock_times))
    for version in range(3):
        await store.append("case-1", "case", version, [thing(version)])
    assert [e.version for e in await store.read_stream("case-1", to_version=2)] == [1, 2]
    as_of = datetime(2026, 1, 2, 12, tzinfo=UTC)
    assert [e.version for e in await store.read_stream("case-1", as_of=as_of)] == [1, 2]
    assert await store.read_stream("case-1", as_of=datetime(2025, 1, 1, tzinfo=UTC)) == []


async def test_fifty_concurrent_appends_one_wins(store: EventStore) -> None:
    await store.append("case-1", "case", 0, [thing(0)])

    async def attempt(i: int) -> bool:
        try:
            await store.append("case-1", "case", 1, [thing(i), thing(i)])
            return True
        except ConcurrencyError:
            return False

    outcomes = await asyncio.gather(*(attempt(i) for i in range(50)))
    assert outcomes.count(True) == 1
    versions = [e.version for e in await store.read_stream("case-1")]
    assert versions == [1, 2, 3]  # no holes, the winner's two events only
    assert (await store.verify_stream("case-1")).valid


async def test_same_batch_twice_is_stored_once(store: EventStore) -> None:
    batch = [thing(1), thing(2)]
    first = await store.append("case-1", "case", 0, batch)
    again = await store.append("case-1", "case", 0, batch)
    assert again.already_stored
    assert again.events == first.events
    later = await store.append("case-1", "case", 2, [thing(3)])
    retry_after_more = await store.append("case-1", "case", 0, batch)
    assert retry_after_more.already_stored and later.version == 3
    assert len(await store.read_stream("case-1")) == 3


async def test_concurrent_retries_store_the_batch_once(store: EventStore) -> None:
    batch = [thing(1), thing(2), thing(3)]
    results = await asyncio.gather(*(store.append("case-1", "case", 0, batch) for _ in range(10)),
                                   return_exceptions=True)
    stored = [r for r in results if not isinstance(r, Exception)]
    assert stored, results
    assert all(r.events[-1].version == 3 for r in stored)
    assert sum(not r.already_stored for r in stored) == 1
    assert all(isinstance(r, ConcurrencyError) for r in results if isinstance(r, Exception))
    assert len(await store.read_stream("case-1")) == 3


async def test_reused_event_ids_in_another_batch_are_refused(store: EventStore) -> None:
    reused = thing(1)
    await store.append("case-1", "case", 0, [reused])
    with pytest.raises(EventIdConflictError):
        await store.append("case-2", "case", 0, [NewEvent("ThingHappened", {}), reused])
    assert await store.read_stream("case-2") == []


async def test_append_inside_a_callers_transaction_rolls_back_with_it(store: EventStore) -> None:
    with pytest.raises(RuntimeError):
        async with store.db.transaction() as conn:
            await store.append("case-1", "case", 0, [thing(1)], conn=conn)
            raise RuntimeError("the caller's projection failed")
    assert await store.read_stream("case-1") == []
    # The store's guess of the stream head was wrong after the rollback; it recovers.
    result = await store.append("case-1", "case", 0, [thing(2)])
    assert result.version == 1


async def test_unregistered_type_or_old_schema_is_refused_on_write(store: EventStore) -> None:
    with pytest.raises(Exception, match="NotRegistered"):
        await store.append("case-1", "case", 0, [NewEvent("NotRegistered", {})])
    with pytest.raises(ValueError, match="schema version"):
        await store.append("case-1", "case", 0, [NewEvent("ThingHappened", {}, schema_version=2)])


async def test_event_ids_are_uuids_round_trip(store: EventStore) -> None:
    event_id = uuid.uuid4()
    await store.append("s", "t", 0, [NewEvent("ThingHappened", {}, event_id=event_id)])
    (event,) = await store.read_stream("s")
    assert event.event_id == event_id


async def test_a_stale_head_guess_is_caught_and_corrected(store: EventStore) -> None:
    other = EventStore(store.db, store.types)  # another process's store on the same database
    with pytest.raises(RuntimeError):
        async with store.db.transaction() as conn:
            await store.append("case-1", "case", 0, [thing(1)], conn=conn)  # guesses (1, hash A)
            raise RuntimeError("rolled back")
    await other.append("case-1", "case", 0, [thing(2)])  # the real version 1, hash B
    result = await store.append("case-1", "case", 1, [thing(3)])
    assert result.version == 2
    assert result.events[0].prev_hash == (await other.read_stream("case-1"))[0].hash
    assert (await store.verify_stream("case-1")).valid


async def test_stream_ids_lists_every_stream_once_in_order(store: EventStore) -> None:
    assert await store.stream_ids() == []
    await store.append("case-2", "case", 0, [thing(1), thing(2)])
    await store.append("case-1", "case", 0, [thing(3)])
    await store.append("inst-1", "institution", 0, [thing(4)])
    assert await store.stream_ids() == ["case-1", "case-2", "inst-1"]
