"""Forged history, made the ways an attacker with database access would, named by `jingkang
verify` (both engines; PostgreSQL first).

Each alteration is made through a privileged connection with the immutability triggers
bypassed (PostgreSQL: ``session_replication_role = replica`` as superuser; SQLite: triggers
dropped and restored), except the INSERT-only forgeries, which on PostgreSQL are made by a role
holding only what docs/event-store.md grants the service (SELECT, INSERT).  Before seals and
checkpoints, every one of them but nothing else passed `verify` (the chain was recomputed or
untouched)."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang_events import EventStore, Ledger, LedgerKey, Metadata, NewEvent, connect
from jingkang_events._chain import canonical_json, chain_hash, format_time

from ..conftest import sample_types
from ..events.support import servable

KEY_TEXT = base64.b64encode(os.urandom(32)).decode()
KEY = LedgerKey.from_base64(KEY_TEXT)
STREAMS = ("case-a", "case-b", "case-c")


@dataclass
class Store:
    url: str
    dir: Path
    events: dict[tuple[str, int], object]  # (stream, version) -> RecordedEvent
    exported: Path  # a checkpoint an auditor kept, made before any tampering

    def position(self, stream: str, version: int) -> int:
        return self.events[(stream, version)].position

    def verify(self, *extra: str) -> subprocess.CompletedProcess[str]:
        # The store holds sample events, not cases: the projection checks have nothing to fold.
        env = {**os.environ, "JINGKANG_REFERRAL_DATABASE_URL": self.url,
               "JINGKANG_LEDGER_KEY": KEY_TEXT, "JINGKANG_DATA_DIR": str(self.dir)}
        return subprocess.run([sys.executable, "-m", "jingkang.cli", "verify", "referral",
                               "--no-projections", *extra], env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
async def store(empty_url: str, tmp_path: Path) -> Store:
    await upgrade_to_head_async("referral", empty_url)
    db = await connect(empty_url)
    try:
        events_store = EventStore(db, sample_types(), ledger_key=KEY)
        events = {}
        for stream in STREAMS:
            meta = Metadata(actor_id="doctor-1", role="hospital", org_id="hosp-1")
            result = await events_store.append(stream, "case", 0, [
                NewEvent("ThingHappened", {"referring_org_id": "hosp-1", "n": n}, metadata=meta)
                for n in range(3)])
            events.update({(stream, e.version): e for e in result.events})
        await servable(events_store, len(events))  # the checkpoint covers settled events
        made = await Ledger(db, "referral", KEY).checkpoint()
    finally:
        await db.close()
    exported = tmp_path / "checkpoint.json"
    exported.write_text(json.dumps(made.to_json()), encoding="utf-8")
    return Store(empty_url, tmp_path, events, exported)


async def as_superuser(url: str, *statements: str) -> None:
    """What a DBA or superuser can do: write with the triggers out of the way."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        conn = await asyncpg.connect(parsed.set(drivername="postgresql").render_as_string(False))
        try:
            async with conn.transaction():
                await conn.execute("SET LOCAL session_replication_role = replica")
                for statement in statements:
                    await conn.execute(statement)
        finally:
            await conn.close()
        return
    raw = sqlite3.connect(parsed.database)
    try:
        triggers = raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for name, _ in triggers:
            raw.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            raw.execute(statement)
        for _, sql in triggers:
            raw.execute(sql)
        raw.commit()
    finally:
        raw.close()


async def insert_only(url: str, statement: str, *args: object) -> None:
    """What the service's own database role can do (SELECT, INSERT; docs/event-store.md).  On
    PostgreSQL a role with exactly those grants runs it; SQLite has no roles."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raw = sqlite3.connect(parsed.database)
        try:
            raw.execute(statement.replace("$", "?"), args)
            raw.commit()
        finally:
            raw.close()
        return
    dsn = parsed.set(drivername="postgresql").render_as_string(False)
    role = f"jk_app_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(dsn)
    try:
        await admin.execute(f"CREATE ROLE {role} LOGIN")
        await admin.execute(f"GRANT SELECT, INSERT ON events, event_seals TO {role}")
        await admin.execute(f"GRANT USAGE ON SEQUENCE events_position_seq TO {role}")
        app = await asyncpg.connect(parsed.set(drivername="postgresql", username=role,
                                               password=None).render_as_string(False))
        try:
            for refused in ("UPDATE events SET type = 'x'", "DELETE FROM event_seals"):
                with pytest.raises(asyncpg.PostgresError):
                    await app.execute(refused)
            await app.execute(statement, *args)
        finally:
            await app.close()
    finally:
        await admin.execute(f"DROP OWNED BY {role}")
        await admin.execute(f"DROP ROLE {role}")
        await admin.close()


def forged_row(url: str, last, kind: str, data: dict) -> tuple[str, list[object]]:
    """The INSERT of an event chained correctly after ``last``, its stream's last event."""
    stream, version = last.stream_id, last.version + 1
    event_id, recorded_at = str(uuid.uuid4()), format_time(last.recorded_at)
    data_json, meta_json = canonical_json(data), canonical_json(last.metadata)
    digest = chain_hash(last.hash, event_id=event_id, stream_id=stream, stream_type="case",
                        version=version, type=kind, schema_version=1, recorded_at=recorded_at,
                        data_json=data_json, metadata_json=meta_json)
    pg = url.startswith("postgresql")
    cast, tx = ("::json", "pg_current_xact_id()::text::bigint") if pg else ("", "0")
    statement = ("INSERT INTO events (event_id, stream_id, stream_type, version, type, "
                 "schema_version, data, metadata, recorded_at, prev_hash, hash, tx_id) VALUES "
                 f"($1{'::uuid' if pg else ''}, $2, 'case', {version}, $3, 1, $4{cast}, $5{cast}, "
                 f"$6{'::timestamptz' if pg else ''}, $7, $8, {tx})")
    return statement, [event_id, stream, kind, data_json, meta_json,
                       last.recorded_at if pg else recorded_at, last.hash, digest]


def rewritten(store: Store, stream: str) -> list[str]:
    """UPDATEs that move the stream to another referring organisation, chain recomputed."""
    statements, previous = [], "0" * 64
    for version in (1, 2, 3):
        event = store.events[(stream, version)]
        data = canonical_json({**event.data, "referring_org_id": "hosp-2"})
        meta = canonical_json({**event.metadata, "org_id": "hosp-2"})
        digest = chain_hash(previous, event_id=str(event.event_id), stream_id=stream,
                            stream_type="case", version=version, type=event.type,
                            schema_version=1, recorded_at=format_time(event.recorded_at),
                            data_json=data, metadata_json=meta)
        statements.append(f"UPDATE events SET data = '{data}', metadata = '{meta}', "
                          f"prev_hash = '{previous}', hash = '{digest}' "
                          f"WHERE position = {event.position}")
        previous = digest
    return statements


def assert_named(result: subprocess.CompletedProcess[str], *texts: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    for text in texts:
        assert text in result.stdout, (text, result.stdout)


async def test_the_untouched_store_verifies_and_matches_the_exported_checkpoint(store) -> None:
    result = store.verify("--strict", "--against", str(store.exported))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "referral: 3 streams, 9 events checked, 0 broken" in result.stdout
    assert (f"referral: seals: 9 of 9 events sealed under key {KEY.key_id}, "
            "0 unsealed from before seals, 0 bad") in result.stdout
    assert "referral: checkpoints: 1 stored, latest at tree size 9, 0 bad" in result.stdout
    assert ("against the checkpoint at tree size 9: the store still holds exactly the history"
            in result.stdout)


async def test_a_changed_tx_id_is_named(store) -> None:
    """tx_id orders the feed and is outside the chain: moved ahead, the event is hidden from
    readers past it (PostgreSQL) — the chain still verified."""
    at = store.position("case-b", 2)
    await as_superuser(store.url, f"UPDATE events SET tx_id = tx_id + 1000000 WHERE position = {at}")
    result = store.verify()
    assert "referral: 3 streams, 9 events checked, 0 broken" in result.stdout
    assert_named(result, f"stream case-b, version 2, position {at}: tx_id",
                 "is not the one sealed",
                 "checkpoint at tree size 9", "no longer hash to its root")


async def test_a_changed_position_is_named_where_it_went_and_where_it_was(store) -> None:
    at = store.position("case-b", 2)
    await as_superuser(store.url, f"UPDATE events SET position = 100000 WHERE position = {at}")
    result = store.verify()
    assert "0 broken" in result.stdout  # the chain does not cover the position
    assert_named(result, "stream case-b, version 2, position 100000: no seal",
                 f"stream case-b, version 2, position {at}: sealed event missing")


async def test_a_deleted_last_event_of_a_stream_is_named(store) -> None:
    """Nothing follows it, so no chain breaks; every command on the case would answer 409."""
    at = store.position("case-c", 3)
    await as_superuser(store.url, f"DELETE FROM events WHERE position = {at}")
    result = store.verify()
    assert "referral: 3 streams, 8 events checked, 0 broken" in result.stdout
    assert_named(result, f"stream case-c, version 3, position {at}: sealed event missing",
                 "the store holds only 8 events where the checkpoint covered 9")


async def test_a_deleted_stream_is_named_event_by_event(store) -> None:
    await as_superuser(store.url, "DELETE FROM events WHERE stream_id = 'case-a'")
    result = store.verify()
    assert "referral: 2 streams, 6 events checked, 0 broken" in result.stdout
    assert_named(result, *(f"stream case-a, version {v}, position {store.position('case-a', v)}: "
                           "sealed event missing" for v in (1, 2, 3)))


async def test_a_stream_rewritten_with_a_recomputed_chain_is_named(store) -> None:
    """A new referring organisation changes who may see the case; the chain verifies."""
    await as_superuser(store.url, *rewritten(store, "case-b"))
    result = store.verify()
    assert "referral: 3 streams, 9 events checked, 0 broken" in result.stdout
    assert_named(result, f"stream case-b, version 1, position {store.position('case-b', 1)}: "
                         "seal does not match",
                 f"stream case-b, version 3, position {store.position('case-b', 3)}: "
                 "seal does not match")


async def test_an_event_forged_with_insert_only_is_named(store) -> None:
    statement, args = forged_row(store.url, store.events[("case-c", 3)], "ThingClosed",
                                 {"reason": "withdrawn"})
    await insert_only(store.url, statement, *args)
    result = store.verify()
    assert "referral: 3 streams, 10 events checked, 0 broken" in result.stdout  # chain is valid
    assert_named(result, "stream case-c, version 4, position", "no seal: not appended by the store")
    # with a seal row forged as well (key id copied; the HMAC needs the key)
    await insert_only(store.url, "INSERT INTO event_seals (position, tx_id, stream_id, version, "
                                 "key_id, seal) SELECT position, tx_id, stream_id, version, $1, "
                                 "$2 FROM events WHERE stream_id = 'case-c' AND version = 4",
                      KEY.key_id, "0" * 64)
    assert_named(store.verify(), "stream case-c, version 4, position", "seal does not match")


async def test_a_deleted_last_event_with_its_traces_is_found_by_the_exported_checkpoint(
        store) -> None:
    """A superuser who also removes the seal and every stored checkpoint leaves nothing in the
    store to compare with; the checkpoint an auditor kept still tells."""
    at = store.position("case-c", 3)
    await as_superuser(store.url, f"DELETE FROM events WHERE position = {at}",
                       f"DELETE FROM event_seals WHERE position = {at}",
                       "DELETE FROM checkpoints")
    assert store.verify().returncode == 0  # consistent in itself
    result = store.verify("--against", str(store.exported))
    assert_named(result, "against the checkpoint at tree size 9: the store no longer holds "
                         "that history",
                 "the store holds only 8 events where the checkpoint covered 9: events were "
                 "removed")


async def test_a_rewritten_stream_with_its_traces_is_found_by_the_exported_checkpoint(
        store) -> None:
    """The first stream in feed order rewritten, its seals and the stored checkpoints removed:
    its events now look like events from before seals; --strict and the kept checkpoint say
    otherwise."""
    positions = [store.position("case-a", v) for v in (1, 2, 3)]
    await as_superuser(store.url, *rewritten(store, "case-a"),
                       f"DELETE FROM event_seals WHERE position IN {tuple(positions)}",
                       "DELETE FROM checkpoints")
    plain = store.verify()
    assert plain.returncode == 0 and "3 unsealed from before seals" in plain.stdout
    assert_named(store.verify("--strict"), "3 events are unsealed (--strict)")
    result = store.verify("--against", str(store.exported))
    assert_named(result, "checkpoint at tree size 9", "no longer hash to its root",
                 "its last event is still in place")


async def test_a_checkpoint_from_another_key_or_edited_is_not_trusted(store) -> None:
    body = json.loads(store.exported.read_text(encoding="utf-8"))
    edited = store.dir / "edited.json"
    edited.write_text(json.dumps({**body, "tree_size": 8}), encoding="utf-8")
    assert_named(store.verify("--against", str(edited)), "signature does not match")
    other = LedgerKey(os.urandom(32))
    foreign = store.dir / "foreign.json"
    foreign.write_text(json.dumps({**body, "public_key": other.public.base64,
                                   "key_id": other.key_id}), encoding="utf-8")
    assert_named(store.verify("--against", str(foreign)), "not by this service's key")
    # an auditor trusting only the public key it was given checks the same way
    trusted = store.verify("--against", str(store.exported), "--public-key", KEY.public.base64)
    assert trusted.returncode == 0, trusted.stdout


def _cli(store: Store, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JINGKANG_REFERRAL_DATABASE_URL": store.url,
           "JINGKANG_LEDGER_KEY": KEY_TEXT, "JINGKANG_DATA_DIR": str(store.dir)}
    return subprocess.run([sys.executable, "-m", "jingkang.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120)


async def test_legacy_events_are_sealed_once_and_a_later_unsealed_one_never(empty_url: str,
                                                                            tmp_path: Path) -> None:
    """Events from before seals are reported apart (failures only with --strict); seal-legacy
    seals them, but not an unsealed event inserted after sealing began."""
    await upgrade_to_head_async("referral", empty_url)
    db = await connect(empty_url)
    try:
        old = await EventStore(db, sample_types()).append("old", "case", 0, [
            NewEvent("ThingHappened", {"n": n}) for n in range(2)])  # no key: as before seals
        sealed_store = EventStore(db, sample_types(), ledger_key=KEY)
        new = await sealed_store.append("new", "case", 0, [NewEvent("ThingHappened", {})])
        await servable(sealed_store, 3)
    finally:
        await db.close()
    events = {("old", 1): old.events[0], ("old", 2): old.events[1], ("new", 1): new.events[0]}
    store = Store(empty_url, tmp_path, events, tmp_path / "unused.json")
    plain = store.verify()
    assert plain.returncode == 0, plain.stdout
    assert "1 of 3 events sealed" in plain.stdout and "2 unsealed from before seals" in plain.stdout
    assert_named(store.verify("--strict"), "2 events are unsealed (--strict)")

    statement, args = forged_row(empty_url, new.events[0], "ThingClosed", {})
    await insert_only(empty_url, statement, *args)
    sealing = _cli(store, "seal-legacy", "referral")
    assert "referral: sealed 2 events stored before seals" in sealing.stdout, sealing.stderr
    assert "referral: sealed 0 events" in _cli(store, "seal-legacy", "referral").stdout
    after = store.verify("--strict")
    assert "3 of 4 events sealed" in after.stdout and "0 unsealed from before seals" in after.stdout
    assert_named(after, "stream new, version 2, position", "no seal")

    made = _cli(store, "checkpoint", "referral", "--out", str(tmp_path / "{service}.json"))
    assert made.returncode == 0 and "referral: checkpoint at tree size 4" in made.stdout, made
    kept = json.loads((tmp_path / "referral.json").read_text(encoding="utf-8"))
    assert (kept["tree_size"], kept["key_id"]) == (4, KEY.key_id)
    assert "no new events since the checkpoint at tree size 4" in _cli(
        store, "checkpoint", "referral").stdout
    against = store.verify("--against", str(tmp_path / "referral.json"))
    assert "the store still holds exactly the history of the checkpoint (4 events" in against.stdout
