"""The statements the store runs, per engine.

PostgreSQL appends a whole batch in one statement: the WHERE clause checks that the stream is
still at the expected version (by the hash of its last event) and that none of the event ids
is stored; the (stream, version) and event-id unique constraints settle any race.  The feed
serves only rows of transactions older than the oldest transaction still running, ordered by
transaction id, so a position taken early but committed late is never skipped.

SQLite serialises writers, so position order is commit order and the feed is by position.
"""

from __future__ import annotations

from ._rows import COLUMNS

PG_HORIZON = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"

PG_APPEND = """
WITH batch AS (
    SELECT $1::text AS stream_id, $2::text AS stream_type, $3::timestamptz AS recorded_at,
           $12::int AS expected, $13::text AS expected_hash
)
INSERT INTO events (event_id, stream_id, stream_type, version, type, schema_version,
                    data, metadata, recorded_at, prev_hash, hash, tx_id)
SELECT e.event_id, b.stream_id, b.stream_type, e.version, e.type, e.schema_version,
       e.data::json, e.metadata::json, b.recorded_at, e.prev_hash, e.hash,
       pg_current_xact_id()::text::bigint
FROM batch AS b,
     unnest($4::uuid[], $5::int[], $6::text[], $7::int[], $8::text[], $9::text[],
            $10::text[], $11::text[])
     AS e(event_id, version, type, schema_version, data, metadata, prev_hash, hash)
WHERE (CASE WHEN b.expected = 0
            -- every stream has a version 1; asking for it keeps the check on the unique index
            THEN NOT EXISTS (SELECT 1 FROM events WHERE stream_id = b.stream_id AND version = 1)
            ELSE EXISTS (SELECT 1 FROM events WHERE stream_id = b.stream_id
                         AND version = b.expected AND hash = b.expected_hash) END)
  -- a join over the ids, not "= ANY": a cached generic plan must not scan the table
  AND NOT EXISTS (SELECT 1 FROM unnest($4::uuid[]) AS i(id) JOIN events x ON x.event_id = i.id)
ORDER BY e.version
RETURNING position, version, tx_id
"""

# The same for a batch of one, with plain parameters: encoding arrays costs more than the
# statement when there is a single event.
PG_APPEND_ONE = """
INSERT INTO events (event_id, stream_id, stream_type, version, type, schema_version,
                    data, metadata, recorded_at, prev_hash, hash, tx_id)
SELECT $4::uuid, $1::text, $2::text, $5::int, $6::text, $7::int, $8::json, $9::json,
       $3::timestamptz, $10::text, $11::text, pg_current_xact_id()::text::bigint
WHERE (CASE WHEN $12::int = 0
            THEN NOT EXISTS (SELECT 1 FROM events WHERE stream_id = $1::text AND version = 1)
            ELSE EXISTS (SELECT 1 FROM events WHERE stream_id = $1::text
                         AND version = $12::int AND hash = $13::text) END)
  AND NOT EXISTS (SELECT 1 FROM events WHERE event_id = $4::uuid)
RETURNING position, version, tx_id
"""

# Seals, written in the transaction that inserted their events.  A seal row already at a
# position (someone with INSERT on event_seals put it there first) is left for verify to report
# rather than refusing every append that reaches that position.
SEAL_ROW = """
INSERT INTO event_seals (position, tx_id, stream_id, version, key_id, seal)
VALUES ($1, $2, $5, $6, $3, $4)
ON CONFLICT (position) DO NOTHING
"""
_HEX = frozenset("0123456789abcdef")


# The same on PostgreSQL, written out in full (see pg_seals).
PG_SEALS = """
INSERT INTO event_seals (position, tx_id, stream_id, version, key_id, seal)
SELECT s.position, s.tx_id, e.stream_id, e.version, '{key_id}', s.seal
FROM (VALUES {rows}) AS s(position, tx_id, seal) JOIN events AS e ON e.position = s.position
ON CONFLICT (position) DO NOTHING
"""


def pg_seals(positions: list[int], tx_ids: list[int], key_id: str, seals: list[str]) -> str:
    """The seals' insert as a statement without parameters, so that it can share a simple
    query with the transaction's COMMIT (a round trip less).  The values are written out:
    integers and lowercase hex only (the stream id, free text, is taken from the events just
    inserted)."""
    if not all(set(text) <= _HEX for text in (key_id, *seals)):
        raise ValueError("seals and key ids are lowercase hex")
    rows = ",".join(f"({int(p)}::bigint,{int(t)}::bigint,'{s}')"
                    for p, t, s in zip(positions, tx_ids, seals, strict=True))
    return PG_SEALS.format(key_id=key_id, rows=rows).strip()


PG_BY_IDS = f"SELECT {COLUMNS} FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY position"

PG_FEED = f"""
SELECT {COLUMNS} FROM events
WHERE (tx_id, position) > ($1, $2) AND tx_id < {PG_HORIZON}
ORDER BY tx_id, position
LIMIT $3
"""

# The served feed's page with each event's JSON text around its data built here rather than in
# Python (``_rows.to_served_entry``): ``before`` ends with '"data":', ``after`` runs from
# ',"metadata":' to the closing brace; ``recorded_at`` reads as Python's ``isoformat`` of the
# UTC time (no fraction when it is whole seconds), independent of the session's settings.
# The three parts come as UTF-8 bytes (bytea), spliced into the page without decoding.
PG_SERVED_FEED = f"""
SELECT tx_id, position, stream_id, stream_type, type, schema_version,
       convert_to(data::text, 'UTF8') AS data,
       convert_to('{{"cursor":"' || tx_id || ':' || position || '","position":' || position
       || ',"event_id":"' || event_id || '","stream_id":' || to_json(stream_id)
       || ',"stream_type":' || to_json(stream_type) || ',"version":' || version
       || ',"type":' || to_json(type) || ',"schema_version":' || schema_version
       || ',"data":', 'UTF8') AS before_data,
       convert_to(',"metadata":' || metadata::text || ',"recorded_at":"'
       || replace(to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
                  '.000000', '')
       || '+00:00","prev_hash":' || to_json(prev_hash) || ',"hash":' || to_json(hash)
       || '}}', 'UTF8') AS after_data
FROM events
WHERE (tx_id, position) > ($1, $2) AND tx_id < {PG_HORIZON}
ORDER BY tx_id, position
LIMIT $3
"""

PG_FEED_HEAD = f"""
SELECT tx_id, position, recorded_at FROM events
WHERE tx_id < {PG_HORIZON}
ORDER BY tx_id DESC, position DESC
LIMIT 1
"""

# A lag figure, not an audit: bounded work per page.  Counting 10,000 took a third of the
# database's time for each page served to a reader catching up, in line before the page;
# beyond 1,000 the head position against the reader's tells the size of the lag.
REMAINING_CAP = 1_000

PG_REMAINING = f"""
SELECT count(*) FROM (SELECT 1 FROM events
                      WHERE (tx_id, position) > ($1, $2) AND tx_id < {PG_HORIZON}
                      LIMIT {REMAINING_CAP}) AS later
"""

SQLITE_REMAINING = (
    f"SELECT count(*) FROM (SELECT 1 FROM events WHERE position > $2 LIMIT {REMAINING_CAP})"
)

PG_UNSETTLED = f"SELECT EXISTS (SELECT 1 FROM events WHERE tx_id >= {PG_HORIZON})"

# A store restored into another cluster could see transaction ids lower than stored ones,
# which would put new events behind every reader's cursor.
PG_TX_IDS_AHEAD = """
SELECT coalesce(max(tx_id), 0) >= pg_snapshot_xmax(pg_current_snapshot())::text::bigint
FROM events
"""

SQLITE_INSERT_ROW = (
    "INSERT INTO events (event_id, stream_id, stream_type, version, type, schema_version, "
    "data, metadata, recorded_at, prev_hash, hash, tx_id) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0) RETURNING position, version, tx_id"
)

SQLITE_FEED = f"SELECT {COLUMNS} FROM events WHERE position > $2 ORDER BY position LIMIT $3"

SQLITE_FEED_HEAD = "SELECT tx_id, position, recorded_at FROM events ORDER BY position DESC LIMIT 1"

STREAM_HEAD = "SELECT version, hash FROM events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1"

STREAM_IDS = "SELECT DISTINCT stream_id FROM events ORDER BY stream_id"
STREAM = f"SELECT {COLUMNS} FROM events WHERE stream_id = $1 ORDER BY version"
STREAM_TO_VERSION = (
    f"SELECT {COLUMNS} FROM events WHERE stream_id = $1 AND version <= $2 ORDER BY version"
)
STREAM_AS_OF = (
    f"SELECT {COLUMNS} FROM events WHERE stream_id = $1 AND recorded_at <= $2 ORDER BY version"
)

STORED_TYPES = "SELECT type, schema_version FROM events GROUP BY type, schema_version"


def sqlite_by_ids(count: int) -> str:
    marks = ", ".join(f"${i}" for i in range(1, count + 1))
    return f"SELECT {COLUMNS} FROM events WHERE event_id IN ({marks}) ORDER BY position"


# --- the ledger (_ledger.py): events as Merkle leaves in feed order, and checkpoints -------

_LEAF_COLUMNS = ("e.position, e.tx_id, e.stream_id, e.version, e.hash, s.seal, s.key_id, "
                 "s.tx_id AS sealed_tx_id FROM events AS e "
                 "LEFT JOIN event_seals AS s ON s.position = e.position")
SEALED_STREAM = f"SELECT {_LEAF_COLUMNS} WHERE e.stream_id = $1 ORDER BY e.version"
# A seal whose event is gone: a removed event (or one moved to another position).
ORPHAN_SEALS = """
SELECT s.position, s.tx_id, s.stream_id, s.version FROM event_seals AS s
WHERE NOT EXISTS (SELECT 1 FROM events AS e WHERE e.position = s.position)
ORDER BY s.position
"""
STREAM_ORPHAN_SEALS = """
SELECT s.position, s.tx_id, s.stream_id, s.version FROM event_seals AS s
WHERE s.stream_id = $1
  AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.position = s.position)
ORDER BY s.version
"""
# Where sealing began: events before the first sealed one (feed order) were stored unsealed.
FIRST_SEAL = "SELECT position, tx_id FROM event_seals ORDER BY position LIMIT 1"
PG_LEAVES = f"""
SELECT {_LEAF_COLUMNS}
WHERE (e.tx_id, e.position) > ($1, $2) AND e.tx_id < {PG_HORIZON}
ORDER BY e.tx_id, e.position
LIMIT $3
"""
# Verification reads every stored row, settled or not (tx_id can be anything after tampering).
PG_ALL_LEAVES = f"""
SELECT {_LEAF_COLUMNS}
WHERE (e.tx_id, e.position) > ($1, $2)
ORDER BY e.tx_id, e.position
LIMIT $3
"""
SQLITE_LEAVES = f"""
SELECT {_LEAF_COLUMNS}
WHERE e.position > $2 AND $1 = $1
ORDER BY e.position
LIMIT $3
"""

_CHECKPOINT_COLUMNS = ("tree_size, origin, root_hash, last_tx_id, last_position, created_at, "
                       "key_id, public_key, signature, frontier")
LATEST_CHECKPOINT = (f"SELECT {_CHECKPOINT_COLUMNS} FROM checkpoints "
                     "ORDER BY tree_size DESC LIMIT 1")
CHECKPOINT_AT = f"SELECT {_CHECKPOINT_COLUMNS} FROM checkpoints WHERE tree_size = $1"
ALL_CHECKPOINTS = f"SELECT {_CHECKPOINT_COLUMNS} FROM checkpoints ORDER BY tree_size"
INSERT_CHECKPOINT = (f"INSERT INTO checkpoints ({_CHECKPOINT_COLUMNS}) "
                     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
POSITION_OF_EVENT = "SELECT position FROM events WHERE event_id = $1"
