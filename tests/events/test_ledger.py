"""Signed checkpoints of the feed, made incrementally, and the proofs served against them."""

from __future__ import annotations

import asyncio
import os

from jingkang_events import EventStore, FeedCursor, Ledger, LedgerKey, NewEvent
from jingkang_events import _merkle as merkle

from ..conftest import sample_types
from .support import servable

KEY = LedgerKey(os.urandom(32))


async def _append(store: EventStore, streams: int, per_stream: int, tag: str) -> list:
    events = []
    for s in range(streams):
        result = await store.append(f"{tag}-{s}", "thing", 0, [
            NewEvent("ThingHappened", {"n": n}) for n in range(per_stream)])
        events += result.events
    return events


async def test_checkpoints_grow_incrementally_and_prove_every_event(db) -> None:
    store = EventStore(db, sample_types(), ledger_key=KEY)
    ledger = Ledger(db, "referral", KEY)
    assert await ledger.checkpoint() is None  # nothing to sign yet
    first_events = await _append(store, 3, 4, "a")
    await servable(store, 12)  # a checkpoint covers what the feed serves
    first = await ledger.checkpoint()
    assert first is not None and first.tree_size == 12
    assert first.signature_problem(KEY.public) is None and first.frontier_matches()
    assert first.last_cursor == max((e.cursor for e in first_events),
                                    key=lambda c: (c.tx_id, c.position))
    assert await ledger.checkpoint() is None  # not grown: no new checkpoint
    later_events = await _append(store, 2, 5, "b")
    await servable(store, 22)
    second = await ledger.checkpoint()
    assert second is not None and second.tree_size == 22
    # made from the frontier and the new leaves only, it equals a tree over every leaf
    leaves = [leaf.leaf_hash() async for leaf in ledger.leaves()]
    assert second.root_hash == merkle.root(leaves).hex()
    assert first.root_hash == merkle.root(leaves[:12]).hex()
    assert [c.tree_size for c in await ledger.all()] == [12, 22]
    assert (await ledger.latest()).root_hash == second.root_hash
    assert (await ledger.at(12)).to_json() == first.to_json()

    proof = await ledger.consistency(12, 22)
    assert merkle.verify_consistency(12, 22, bytes.fromhex(first.root_hash),
                                     bytes.fromhex(second.root_hash), proof)
    for event in [*first_events, *later_events]:
        made = await ledger.inclusion(str(event.event_id), 22)
        assert made.leaf.position == event.position and made.leaf.hash == event.hash
        assert merkle.verify_inclusion(made.leaf_index, 22, made.leaf.leaf_hash(), made.proof,
                                       bytes.fromhex(second.root_hash))


async def test_racing_instances_store_one_checkpoint_per_size(db) -> None:
    store = EventStore(db, sample_types(), ledger_key=KEY)
    await _append(store, 2, 3, "a")
    await servable(store, 6)
    made = await asyncio.gather(*(Ledger(db, "referral", KEY).checkpoint() for _ in range(4)))
    assert {m.tree_size for m in made if m is not None} == {6}  # None: found it made
    assert len(await Ledger(db, "referral").all()) == 1


async def test_a_tampered_checkpoint_text_or_foreign_key_is_named(db) -> None:
    store = EventStore(db, sample_types(), ledger_key=KEY)
    await _append(store, 1, 2, "a")
    await servable(store, 2)
    made = await Ledger(db, "referral", KEY).checkpoint()
    other = LedgerKey(os.urandom(32))
    from dataclasses import replace

    assert "signature" in replace(made, tree_size=1).signature_problem(KEY.public)
    assert "signature" in replace(made, last_cursor=FeedCursor(0, 1)).signature_problem()
    assert "not by this service's key" in made.signature_problem(other.public)
    forged = replace(made, public_key=other.public.base64, key_id=other.key_id)
    assert forged.signature_problem() == "signature does not match"


async def test_a_running_service_checkpoints_at_start_and_when_the_feed_grows(url: str) -> None:
    from jingkang.common.runtime import ServiceRuntime
    from jingkang_events import connect

    db = await connect(url)
    store = EventStore(db, sample_types(), ledger_key=KEY)
    await _append(store, 1, 3, "before")
    await servable(store, 3)
    runtime = ServiceRuntime("referral", db, store)
    runtime.checkpoint_interval = 0.1
    await runtime.start()
    try:
        ledger = Ledger(db, "referral")
        for expected in (3, 8):
            for _ in range(200):
                latest = await ledger.latest()
                if latest is not None and latest.tree_size == expected:
                    break
                await asyncio.sleep(0.05)
            assert latest is not None and latest.tree_size == expected
            assert latest.signature_problem(KEY.public) is None
            if expected == 3:
                await _append(store, 1, 5, "after")
    finally:
        await runtime.stop()
