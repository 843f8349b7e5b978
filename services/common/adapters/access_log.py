"""The access log (DOMAIN.md Privacy; 网络安全法 art. 21): every read of a case, an event
history or an archive by a person, and every refused call, recorded before the answer leaves.

Rows are append-only (triggers refuse UPDATE, and DELETE of anything younger than the legal
minimum of 180 days); ``jingkang purge-access-log`` removes what is older than the configured
retention.  Nothing personal is logged: who asked (their id, role, organisation), what (method,
path, the object's id), the answer's status, when, and from which address.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, MetaData, String, Table

from jingkang_events import Database

LEGAL_MINIMUM_DAYS = 180
SERVICE_ROLES = frozenset({"service"})  # machines following a feed are not persons reading


def add_access_log_table(metadata: MetaData) -> Table:
    return Table(
        "access_log", metadata,
        Column("id", BigInteger().with_variant(Integer(), "sqlite"), sa.Identity(),
               primary_key=True),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("actor_id", String(200), comment="the token's sub; null when unauthenticated"),
        Column("role", String(30)),
        Column("org_id", String(100)),
        Column("method", String(10), nullable=False),
        Column("path", String(300), nullable=False),
        Column("object_type", String(30)),
        Column("object_id", String(100)),
        Column("status", Integer, nullable=False),
        Column("outcome", String(10), nullable=False, comment="success or refused"),
        Column("client", String(100), comment="the caller's address"),
        Column("request_id", String(100)),
        Index("ix_access_log_at", "at"),
        Index("ix_access_log_actor", "actor_id", "at"),
        Index("ix_access_log_object", "object_id", "at"),
        sqlite_autoincrement=True,
    )


# --- schema steps for the services' Alembic revisions (frozen once released) ----------------

_PG_TRIGGERS = [
    f"""CREATE FUNCTION access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND OLD.at < now() - interval '{LEGAL_MINIMUM_DAYS} days' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'the access log is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END $$""",
    "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log "
    "FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change()",
    "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log "
    "FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change()",
    "CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change()",
]
_SQLITE_TRIGGERS = [
    "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log "
    "BEGIN SELECT RAISE(ABORT, 'the access log is append-only: UPDATE refused'); END",
    "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log "
    f"WHEN old.at > strftime('%Y-%m-%dT%H:%M:%S', 'now', '-{LEGAL_MINIMUM_DAYS} days') "
    "BEGIN SELECT RAISE(ABORT, 'the access log is append-only: DELETE refused'); END",
]


def create_access_log_v1() -> None:
    from alembic import op

    add_access_log_table(MetaData()).create(op.get_bind())
    pg = op.get_bind().dialect.name == "postgresql"
    for statement in _PG_TRIGGERS if pg else _SQLITE_TRIGGERS:
        op.execute(statement)


def drop_access_log_v1() -> None:
    from alembic import op

    op.drop_table("access_log")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION access_log_refuse_change()")


# --- what is watched ----------------------------------------------------------------------


@dataclass(frozen=True)
class Watched:
    """Reads to record: GET paths matching ``pattern``; its ``id`` group names the object."""

    object_type: str
    pattern: re.Pattern[str]


def watched(object_type: str, pattern: str) -> Watched:
    return Watched(object_type, re.compile(pattern))


@dataclass(frozen=True)
class Entry:
    at: datetime
    actor_id: str | None
    role: str | None
    org_id: str | None
    method: str
    path: str
    object_type: str | None
    object_id: str | None
    status: int
    client: str | None
    request_id: str | None

    @property
    def outcome(self) -> str:
        return "success" if self.status < 400 else "refused"


# Refusals logged whatever the method: a probe for what exists or what one may see.
REFUSALS_LOGGED = frozenset((401, 403, 404))


def classify(method: str, path: str, status: int, role: str | None,
             reads: Sequence[Watched]) -> tuple[str | None, str | None] | None:
    """(object type, object id) when the request is to be logged, else None."""
    if status in REFUSALS_LOGGED and not path.startswith(("/healthz", "/readyz", "/metrics")):
        match = next((w for w in reads if w.pattern.fullmatch(path)), None)
        return (match.object_type if match else None,
                _object_id(match, path) if match else None)
    if method != "GET" or status >= 400 or role in SERVICE_ROLES:
        return None
    for read in reads:
        if read.pattern.fullmatch(path):
            return read.object_type, _object_id(read, path)
    return None


def _object_id(read: Watched, path: str) -> str | None:
    match = read.pattern.fullmatch(path)
    return match.groupdict().get("id") if match else None


# --- the table ----------------------------------------------------------------------------

_INSERT = ("INSERT INTO access_log (at, actor_id, role, org_id, method, path, object_type, "
           "object_id, status, outcome, client, request_id) "
           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
_COLUMNS = ("id", "at", "actor_id", "role", "org_id", "method", "path", "object_type",
            "object_id", "status", "outcome", "client", "request_id")


# The widths of the table's text columns: an entry is cut to fit, so that a refusal of an
# over-long id (or a long method, subject or address) is recorded, not lost to an error.
WIDTHS = {column.name: column.type.length for column in add_access_log_table(MetaData()).columns
          if isinstance(column.type, String)}


def _fit(column: str, value: str | None) -> str | None:
    return None if value is None else value[:WIDTHS[column]]


class AccessLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(self, entry: Entry) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                _INSERT, conn.timestamp(entry.at), _fit("actor_id", entry.actor_id),
                _fit("role", entry.role), _fit("org_id", entry.org_id),
                _fit("method", entry.method), _fit("path", entry.path),
                _fit("object_type", entry.object_type), _fit("object_id", entry.object_id),
                entry.status, entry.outcome, _fit("client", entry.client),
                _fit("request_id", entry.request_id))

    async def query(self, filters: dict[str, Any], before: int | None,
                    limit: int) -> list[dict[str, Any]]:
        where, args = [], []
        for column in ("actor_id", "object_id", "outcome", "role", "org_id"):
            if filters.get(column) is not None:
                args.append(filters[column])
                where.append(f"{column} = ${len(args)}")
        async with self.db.connection() as conn:
            for column, op in (("since", ">="), ("until", "<")):
                if filters.get(column) is not None:
                    args.append(conn.timestamp(filters[column]))
                    where.append(f"at {op} ${len(args)}")
            if before is not None:
                args.append(before)
                where.append(f"id < ${len(args)}")
            args.append(limit)
            rows = await conn.fetch(
                f"SELECT {', '.join(_COLUMNS)} FROM access_log"
                + (" WHERE " + " AND ".join(where) if where else "")
                + f" ORDER BY id DESC LIMIT ${len(args)}", *args)
        return [_row(r) for r in rows]

    async def purge(self, retention_days: int, now: datetime | None = None) -> int:
        """Remove entries older than the retention (never younger than the legal minimum)."""
        days = max(retention_days, LEGAL_MINIMUM_DAYS)
        cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
        async with self.db.transaction() as conn:
            rows = await conn.fetch("DELETE FROM access_log WHERE at < $1 RETURNING id",
                                    conn.timestamp(cutoff))
        return len(rows)


def _row(row: Any) -> dict[str, Any]:
    values = dict(zip(_COLUMNS, row, strict=True))
    at = values["at"]
    values["at"] = (at if isinstance(at, datetime) else datetime.fromisoformat(at)).isoformat()
    return values

