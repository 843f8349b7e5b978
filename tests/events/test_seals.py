"""Every event appended with a ledger key gets its seal in the same transaction."""

from __future__ import annotations

import os

import pytest

from jingkang_events import ConcurrencyError, EventStore, LedgerKey, NewEvent

from ..conftest import sample_types

KEY = LedgerKey(os.urandom(32))


@pytest.fixture
async def sealed(db) -> EventStore:
    store = EventStore(db, sample_types(), ledger_key=KEY)
    await store.start()
    yield store
    await store.stop()


async def _seals(store: EventStore) -> dict[int, tuple]:
    async with store.db.connection() as c:
        rows = await c.fetch("SELECT s.position, s.tx_id, s.key_id, s.seal, e.stream_id, "
                             "e.version, e.hash, e.tx_id AS event_tx FROM event_seals s "
                             "JOIN events e ON e.position = s.position ORDER BY s.position")
    return {r["position"]: tuple(r) for r in rows}


async def test_single_and_batch_appends_seal_each_event_with_its_feed_place(sealed) -> None:
    one = await sealed.append("s-1", "thing", 0, [NewEvent("ThingHappened", {"n": 1})])
    batch = await sealed.append("s-1", "thing", 1, [
        NewEvent("ThingHappened", {"n": n}) for n in range(2, 6)])
    async with sealed.db.transaction() as conn:  # inside a caller's transaction too
        inside = await sealed.append("s-2", "thing", 0, [
            NewEvent("ThingHappened", {"n": 0}), NewEvent("ThingChanged", {"n": 1})], conn=conn)
    events = [*one.events, *batch.events, *inside.events]
    seals = await _seals(sealed)
    assert sorted(seals) == [e.position for e in events]
    for event in events:
        position, tx_id, key_id, seal, stream_id, version, hash_, event_tx = seals[event.position]
        assert (tx_id, key_id) == (event_tx, KEY.key_id)
        assert (tx_id, stream_id, version, hash_) == (event.cursor.tx_id, event.stream_id,
                                                      event.version, event.hash)
        assert KEY.seal_matches(seal, position, tx_id, stream_id, version, hash_)
        # the seal covers the feed place: another position or transaction does not match it
        assert not KEY.seal_matches(seal, position + 1, tx_id, stream_id, version, hash_)
        assert not KEY.seal_matches(seal, position, tx_id + 1, stream_id, version, hash_)


async def test_a_rolled_back_caller_transaction_leaves_neither_event_nor_seal(sealed) -> None:
    with pytest.raises(RuntimeError):
        async with sealed.db.transaction() as conn:
            await sealed.append("s-1", "thing", 0, [NewEvent("ThingHappened", {})], conn=conn)
            raise RuntimeError("the caller's projection failed")
    assert await _seals(sealed) == {}
    assert await sealed.read_stream("s-1") == []


async def test_an_event_is_never_stored_without_its_seal(sealed, monkeypatch) -> None:
    """The store's own append is one transaction: a failure between the event's insert and
    its seal's stores neither (on PostgreSQL the append used to be one autocommit statement)."""
    await sealed.append("s-1", "thing", 0, [NewEvent("ThingHappened", {"n": 1})])

    def broken(*_args):
        raise RuntimeError("the process died between the two statements")

    monkeypatch.setattr(KEY, "seal", broken)
    for events in ([NewEvent("ThingChanged", {"n": 2})],
                   [NewEvent("ThingChanged", {"n": 2}), NewEvent("ThingClosed", {})]):
        with pytest.raises(RuntimeError):
            await sealed.append("s-1", "thing", 1, events)
    monkeypatch.undo()
    assert [e.version for e in await sealed.read_stream("s-1")] == [1]
    assert len(await _seals(sealed)) == 1
    again = await sealed.append("s-1", "thing", 1, [NewEvent("ThingChanged", {"n": 2})])
    assert again.version == 2 and len(await _seals(sealed)) == 2


async def test_a_retry_and_a_conflict_of_a_sealed_append_keep_their_meaning(sealed) -> None:
    events = [NewEvent("ThingHappened", {"n": 1}), NewEvent("ThingChanged", {"n": 2})]
    first = await sealed.append("s-1", "thing", 0, events)
    sealed._heads.clear()  # no head guess: the retry is found by its ids
    retried = await sealed.append("s-1", "thing", 0, events)
    assert retried.already_stored and retried.events == first.events
    with pytest.raises(ConcurrencyError):
        await sealed.append("s-1", "thing", 0, [NewEvent("ThingHappened", {})])
    assert len(await _seals(sealed)) == 2
