"""Versioned schema steps for the event store, called from each service's Alembic revisions.

Each function is frozen once released: a later schema change gets a new function and a new
revision, never an edit here, so an old database upgrades the way it was created.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

_PG_IMMUTABLE = [
    """CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'events are immutable: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END $$""",
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
    "FOR EACH ROW EXECUTE FUNCTION events_refuse_change()",
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
    "FOR EACH ROW EXECUTE FUNCTION events_refuse_change()",
    "CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events "
    "FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change()",
]

_SQLITE_IMMUTABLE = [
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
    "BEGIN SELECT RAISE(ABORT, 'events are immutable: UPDATE refused'); END",
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
    "BEGIN SELECT RAISE(ABORT, 'events are immutable: DELETE refused'); END",
]


def create_event_store_v1() -> None:
    """The ``events`` table with its immutability triggers, and ``consumer_cursors``."""
    position = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    event_id = sa.Uuid(as_uuid=True).with_variant(sa.String(36), "sqlite")
    op.create_table(
        "events",
        sa.Column("position", position, sa.Identity(), primary_key=True,
                  comment="global position, assigned at insert"),
        sa.Column("event_id", event_id, nullable=False),
        sa.Column("stream_id", sa.String(200), nullable=False),
        sa.Column("stream_type", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("type", sa.String(200), nullable=False),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("data", sa.JSON, nullable=False, comment="canonical JSON text, as hashed"),
        sa.Column("metadata", sa.JSON, nullable=False, comment="canonical JSON text, as hashed"),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("tx_id", sa.BigInteger, nullable=False,
                  comment="writing transaction (PostgreSQL xid8; 0 on SQLite): feed order"),
        sa.UniqueConstraint("event_id", name="uq_events_event_id"),
        sa.UniqueConstraint("stream_id", "version", name="uq_events_stream_version"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_events_feed", "events", ["tx_id", "position"])
    op.create_index("ix_events_type_schema", "events", ["type", "schema_version"])
    op.create_table(
        "consumer_cursors",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("cursor", sa.String(60), nullable=False, comment="last applied feed cursor"),
        sa.Column("position", sa.BigInteger, nullable=False, comment="position of that event"),
        sa.Column("source_recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    pg = op.get_bind().dialect.name == "postgresql"
    for statement in _PG_IMMUTABLE if pg else _SQLITE_IMMUTABLE:
        op.execute(statement)


def drop_event_store_v1() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE events CASCADE")
        op.execute("DROP FUNCTION events_refuse_change()")
    else:
        op.drop_table("events")
    op.drop_table("consumer_cursors")


_PG_LEDGER_IMMUTABLE = [
    """CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '% rows are immutable: % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END $$""",
    *(f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
      f"FOR EACH {'STATEMENT' if op == 'TRUNCATE' else 'ROW'} "
      "EXECUTE FUNCTION ledger_refuse_change()"
      for table in ("event_seals", "checkpoints") for op in ("UPDATE", "DELETE", "TRUNCATE")),
]

_SQLITE_LEDGER_IMMUTABLE = [
    f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
    f"BEGIN SELECT RAISE(ABORT, '{table} rows are immutable: {op} refused'); END"
    for table in ("event_seals", "checkpoints") for op in ("UPDATE", "DELETE")
]


def create_ledger_v1() -> None:
    """``event_seals`` (one HMAC seal per event, written with it) and ``checkpoints`` (signed
    Merkle tree heads of the feed), both append-only like ``events``.

    Events stored before this step stay unsealed: the database never holds the ledger key, so
    only ``jingkang seal-legacy``, run with the key, can seal them."""
    position = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "event_seals",
        sa.Column("position", position, primary_key=True, autoincrement=False,
                  comment="the sealed event's position"),
        sa.Column("tx_id", sa.BigInteger, nullable=False, comment="its tx_id when it was sealed"),
        sa.Column("stream_id", sa.String(200), nullable=False,
                  comment="its stream and version: names an event that was removed"),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False, comment="ledger key that sealed it"),
        sa.Column("seal", sa.String(64), nullable=False,
                  comment="HMAC-SHA256 of (position, tx_id, stream_id, version, hash), hex"),
    )
    op.create_index("ix_event_seals_stream", "event_seals", ["stream_id", "version"])
    op.create_table(
        "checkpoints",
        sa.Column("tree_size", sa.BigInteger, primary_key=True, autoincrement=False,
                  comment="events covered: the first tree_size of the feed"),
        sa.Column("origin", sa.String(100), nullable=False,
                  comment="the service whose store it is"),
        sa.Column("root_hash", sa.String(64), nullable=False,
                  comment="RFC 9162 Merkle tree hash, hex"),
        sa.Column("last_tx_id", sa.BigInteger, nullable=False,
                  comment="feed cursor of the last leaf"),
        sa.Column("last_position", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False, comment="ledger key that signed it"),
        sa.Column("public_key", sa.String(64), nullable=False, comment="Ed25519, base64"),
        sa.Column("signature", sa.String(100), nullable=False,
                  comment="Ed25519 over the signed text"),
        sa.Column("frontier", sa.Text, nullable=False,
                  comment="roots of the perfect subtrees (right edge), hex, space-separated"),
    )
    pg = op.get_bind().dialect.name == "postgresql"
    for statement in _PG_LEDGER_IMMUTABLE if pg else _SQLITE_LEDGER_IMMUTABLE:
        op.execute(statement)


def drop_ledger_v1() -> None:
    op.drop_table("checkpoints")
    op.drop_table("event_seals")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION ledger_refuse_change()")
