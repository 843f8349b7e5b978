"""Table definitions of the event store, added to each service's own ``MetaData``.

These are the code's statement of the schema; the Alembic revisions under ``migrations/``
create it (with the immutability triggers) and a test checks that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
)

# SQLite needs exactly INTEGER PRIMARY KEY for an AUTOINCREMENT rowid (positions never reused).
_POSITION = BigInteger().with_variant(Integer(), "sqlite")
# A seal names an event by its position; SQLite's INTEGER PRIMARY KEY is then the row id.
_SEALED_POSITION = BigInteger().with_variant(Integer(), "sqlite")
_EVENT_ID = Uuid(as_uuid=True).with_variant(String(36), "sqlite")


@dataclass(frozen=True)
class EventTables:
    events: Table
    consumer_cursors: Table
    event_seals: Table
    checkpoints: Table


def add_event_tables(metadata: MetaData) -> EventTables:
    events = Table(
        "events",
        metadata,
        Column("position", _POSITION, Identity(), primary_key=True,
               comment="global position, assigned at insert"),
        Column("event_id", _EVENT_ID, nullable=False),
        Column("stream_id", String(200), nullable=False),
        Column("stream_type", String(100), nullable=False),
        Column("version", Integer, nullable=False),
        Column("type", String(200), nullable=False),
        Column("schema_version", Integer, nullable=False),
        Column("data", JSON, nullable=False, comment="canonical JSON text, as hashed"),
        Column("metadata", JSON, nullable=False, comment="canonical JSON text, as hashed"),
        Column("recorded_at", DateTime(timezone=True), nullable=False),
        Column("prev_hash", String(64), nullable=False),
        Column("hash", String(64), nullable=False),
        Column("tx_id", BigInteger, nullable=False,
               comment="writing transaction (PostgreSQL xid8; 0 on SQLite): feed order"),
        UniqueConstraint("event_id", name="uq_events_event_id"),
        UniqueConstraint("stream_id", "version", name="uq_events_stream_version"),
        Index("ix_events_feed", "tx_id", "position"),
        Index("ix_events_type_schema", "type", "schema_version"),
        sqlite_autoincrement=True,
    )
    consumer_cursors = Table(
        "consumer_cursors",
        metadata,
        Column("name", String(100), primary_key=True),
        Column("cursor", String(60), nullable=False, comment="last applied feed cursor"),
        Column("position", BigInteger, nullable=False, comment="position of that event"),
        Column("source_recorded_at", DateTime(timezone=True), nullable=True),
        Column("updated_at", DateTime(timezone=True), nullable=False),
    )
    event_seals = Table(
        "event_seals",
        metadata,
        Column("position", _SEALED_POSITION, primary_key=True, autoincrement=False,
               comment="the sealed event's position"),
        Column("tx_id", BigInteger, nullable=False, comment="its tx_id when it was sealed"),
        Column("stream_id", String(200), nullable=False,
               comment="its stream and version: names an event that was removed"),
        Column("version", Integer, nullable=False),
        Column("key_id", String(16), nullable=False, comment="ledger key that sealed it"),
        Column("seal", String(64), nullable=False,
               comment="HMAC-SHA256 of (position, tx_id, stream_id, version, hash), hex"),
        Index("ix_event_seals_stream", "stream_id", "version"),
    )
    checkpoints = Table(
        "checkpoints",
        metadata,
        Column("tree_size", BigInteger, primary_key=True, autoincrement=False,
               comment="events covered: the first tree_size of the feed"),
        Column("origin", String(100), nullable=False, comment="the service whose store it is"),
        Column("root_hash", String(64), nullable=False, comment="RFC 9162 Merkle tree hash, hex"),
        Column("last_tx_id", BigInteger, nullable=False, comment="feed cursor of the last leaf"),
        Column("last_position", BigInteger, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("key_id", String(16), nullable=False, comment="ledger key that signed it"),
        Column("public_key", String(64), nullable=False, comment="Ed25519, base64"),
        Column("signature", String(100), nullable=False, comment="Ed25519 over the signed text"),
        Column("frontier", Text, nullable=False,
               comment="roots of the perfect subtrees (right edge), hex, space-separated"),
    )
    return EventTables(events=events, consumer_cursors=consumer_cursors,
                       event_seals=event_seals, checkpoints=checkpoints)
