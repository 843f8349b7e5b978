"""Immutability is enforced by the database; verify names the first altered event."""

from __future__ import annotations

import sqlite3

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from jingkang_events import EventStore, Metadata, NewEvent


async def _seed(store: EventStore) -> list:
    meta = Metadata(actor_id="worker-1", role="institution")
    result = await store.append("case-1", "case", 0, [
        NewEvent("ThingHappened", {"n": n, "note": "原文"}, metadata=meta) for n in range(5)])
    return list(result.events)


async def test_update_and_delete_are_refused_by_the_database(store: EventStore) -> None:
    await _seed(store)
    statements = ["UPDATE events SET type = 'Forged' WHERE version = 2",
                  "DELETE FROM events WHERE version = 5"]
    if store.db.dialect == "postgresql":
        statements.append("TRUNCATE events")
    for statement in statements:
        with pytest.raises((asyncpg.PostgresError, sqlite3.DatabaseError), match="immutable"):
            async with store.db.transaction() as conn:
                await conn.execute(statement)
    assert [e.type for e in await store.read_stream("case-1")] == ["ThingHappened"] * 5
    assert (await store.verify_stream("case-1")).valid


async def _tamper(url: str, statement: str) -> None:
    """What an attacker with the database owner's rights could do: bypass the triggers."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        conn = await asyncpg.connect(parsed.set(drivername="postgresql").render_as_string(False))
        try:
            async with conn.transaction():
                await conn.execute("SET LOCAL session_replication_role = replica")
                await conn.execute(statement)
        finally:
            await conn.close()
        return
    raw = sqlite3.connect(parsed.database)
    try:
        trigger = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'events_no_update'").fetchone()[0]
        raw.execute("DROP TRIGGER events_no_update")
        raw.execute(statement)
        raw.execute(trigger)
        raw.commit()
    finally:
        raw.close()


async def test_verify_names_the_event_whose_byte_was_altered(store: EventStore, url: str) -> None:
    events = await _seed(store)
    target = events[2]
    await _tamper(url, "UPDATE events SET data = replace(CAST(data AS TEXT), '原文', '改文')"
                       f"{'::json' if store.db.dialect == 'postgresql' else ''}"
                       f" WHERE position = {target.position}")
    result = await store.verify_stream("case-1")
    assert not result.valid
    assert result.first_bad_position == target.position
    assert result.first_bad_event_id == str(target.event_id)
    assert result.first_bad_version == 3
    assert result.events_checked == 3
    assert "content" in result.reason


async def test_verify_names_a_one_byte_change_in_metadata(store: EventStore, url: str) -> None:
    events = await _seed(store)
    target = events[4]
    cast = "::json" if store.db.dialect == "postgresql" else ""
    await _tamper(url, f"UPDATE events SET metadata = replace(CAST(metadata AS TEXT), 'worker-1', 'worker-2'){cast}"
                       f" WHERE position = {target.position}")
    result = await store.verify_stream("case-1")
    assert (result.valid, result.first_bad_version) == (False, 5)


async def test_verify_detects_a_removed_event(store: EventStore, url: str) -> None:
    events = await _seed(store)
    await _tamper_delete(url, events[1].position)
    result = await store.verify_stream("case-1")
    assert (result.valid, result.first_bad_position) == (False, events[2].position)
    assert "version 3" in result.reason


async def _tamper_delete(url: str, position: int) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        await _tamper(url, f"DELETE FROM events WHERE position = {position}")
        return
    raw = sqlite3.connect(parsed.database)
    try:
        trigger = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'events_no_delete'").fetchone()[0]
        raw.execute("DROP TRIGGER events_no_delete")
        raw.execute(f"DELETE FROM events WHERE position = {position}")
        raw.execute(trigger)
        raw.commit()
    finally:
        raw.close()


async def test_intact_stream_verifies(store: EventStore) -> None:
    await _seed(store)
    result = await store.verify_stream("case-1")
    assert (result.valid, result.events_checked, result.first_bad_position) == (True, 5, None)
