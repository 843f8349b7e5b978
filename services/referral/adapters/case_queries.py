"""Listing cases: scope, filters, work queues and keyset pagination over the read model."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.regions import bounds
from jingkang.common.domain.text import refused_character
from jingkang_events import Database

from ..application.ports import CaseFilter, InvalidListCursor
from ..domain.scope import SEE_ALL
from ..domain.case import Case
from ..domain.vocabulary import Role
from .case_repository import SELECT_STATE

# due=<queue> → the read-model column holding its due date, which is set exactly while the
# step waits (domain/deadlines.py), so "waiting" is "the column is not null".
DUE_COLUMNS: dict[str, str] = {
    "review": "review_due_on",
    "dispatch": "dispatch_due_on",
    "reconfirmation": "reconfirm_due_on",
    "reassessment": "reassessment_due_on",
    "follow_up": "follow_up_due_on",
}


class _Sql:
    """Collects WHERE clauses with numbered parameters in the driver's types."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.where: list[str] = []
        self.args: list[Any] = []

    def arg(self, value: Any) -> str:
        if self.dialect == "sqlite" and isinstance(value, datetime):
            value = value.astimezone(UTC).isoformat(timespec="microseconds")  # as stored
        elif self.dialect == "sqlite" and isinstance(value, date):
            value = value.isoformat()
        self.args.append(value)
        return f"${len(self.args)}"

    def add(self, clause: str, *values: Any) -> None:
        self.where.append(clause.format(*(self.arg(v) for v in values)))


def _scope(sql: _Sql, actor: Actor) -> None:
    role = actor.role
    if role in SEE_ALL:
        return
    if role == Role.HOSPITAL:
        sql.add("(referring_org_id = {0} OR hospital_org_id = {0})", actor.org_id)
    elif role == Role.INSTITUTION:
        # and the cases it served before (can_see): "served_by" holds ",a,b," for a LIKE
        sql.add("(institution_id = {0} OR relocation_target_id = {0} "
                "OR served_by LIKE {1})", actor.org_id, f"%,{actor.org_id},%")
    elif role in (Role.SOCIAL_WORKER, Role.CIVIL_AFFAIRS):
        sql.add("residence_region BETWEEN {0} AND {1}", *bounds(actor.region))
    elif role == Role.REPORTER:
        sql.add("referring_org_id = {0}", actor.org_id)
    else:
        sql.where.append("1 = 0")


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _decode(cursor: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidListCursor("not a cursor this service issued") from exc
    if not _issued(values):
        raise InvalidListCursor("not a cursor this service issued")
    return values


def _issued(values: Any) -> bool:
    """The shape _encode gives: [priority 0 or 1, a time or a date (or null), a case id]; a
    forged one must not reach the database (a dict or a 20-digit number fails there)."""
    return (isinstance(values, list) and len(values) == 3 and values[0] in (0, 1)
            and type(values[0]) is int and (values[1] is None or _is_time(values[1]))
            and isinstance(values[2], str) and len(values[2]) <= 100
            and refused_character(values[2]) is None)


def _is_time(value: Any) -> bool:
    """An ISO time or date, as _plain writes them."""
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


class CaseQueries:
    def __init__(self, db: Database, high_risk_level: int,
                 cases_from: Callable[[Any], Case]) -> None:
        self.db = db
        self.high_risk_level = high_risk_level
        self.cases_from = cases_from  # a row of SELECT_STATE → the case

    async def list(self, actor: Actor, f: CaseFilter, *, today: date, limit: int,
                   cursor: str | None) -> tuple[list[Case], str | None]:
        sql = _Sql(self.db.dialect)
        _scope(sql, actor)
        self._filters(sql, f, today)
        if f.due:
            column = DUE_COLUMNS[f.due]
            sql.where.append(f"{column} IS NOT NULL")
            priority = f"CASE WHEN risk_level >= {int(self.high_risk_level)} THEN 0 ELSE 1 END"
            keys, direction = (priority, column, "case_id"), ">"
            order = f"{priority}, {column}, case_id"
        else:  # both directions walk ix_cases_updated (updated_at, case_id)
            way = "ASC" if f.oldest_first else "DESC"
            keys, direction = ("0", "updated_at", "case_id"), ">" if f.oldest_first else "<"
            order = f"updated_at {way}, case_id {way}"
        if cursor:
            last = _decode(cursor)
            sql.add(f"({keys[0]}, {keys[1]}, {keys[2]}) {direction} ({{0}}, {{1}}, {{2}})",
                    last[0], self._key_value(keys[1], last[1]), last[2])
        where = " AND ".join(sql.where) or "1 = 1"
        query = (f"SELECT {keys[0]} AS k0, {keys[1]} AS k1, case_id, {SELECT_STATE} FROM cases "
                 f"WHERE {where} ORDER BY {order} LIMIT {int(limit) + 1}")
        async with self.db.connection() as conn:
            rows = await conn.fetch(query, *sql.args)
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = _encode([rows[-1][0], _plain(rows[-1][1]), rows[-1][2]]) if more else None
        return [self.cases_from(tuple(r)[3:]) for r in rows], next_cursor

    def _filters(self, sql: _Sql, f: CaseFilter, today: date) -> None:
        if f.state:
            sql.add("state = {0}", f.state)
        if f.region:
            sql.add("residence_region BETWEEN {0} AND {1}", *bounds(f.region))
        if f.institution_id:
            sql.add("institution_id = {0}", f.institution_id)
        if f.risk_level_min is not None:
            sql.add("risk_level >= {0}", f.risk_level_min)
        if f.updated_since is not None:
            sql.add("updated_at >= {0}", f.updated_since)
        if f.due and f.overdue is not None:
            column = DUE_COLUMNS[f.due]
            sql.add(f"{column} {'<' if f.overdue else '>='} {{0}}", today)

    def _key_value(self, column: str, value: Any) -> Any:
        if self.db.dialect == "sqlite" or value is None:
            return value
        try:  # a time where a date belongs, or the other way round
            if column == "updated_at":
                return datetime.fromisoformat(value)
            return date.fromisoformat(value)
        except ValueError as exc:
            raise InvalidListCursor("not a cursor this service issued") from exc


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value
