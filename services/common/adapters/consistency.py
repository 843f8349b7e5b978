"""Checking a projection against the fold of its events (``jingkang verify``).

Events are the truth: a read-model row changed behind the service's back (an UPDATE by anyone
with database access) is served as it stands, while the hash chain of the events still
verifies.  Each service rebuilds what its projections should hold from the events and compares;
these are the pieces both use: a consistent read of the live database, values read back the
same way on both engines, and a report that names the first difference without printing
anyone's personal data.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table

from jingkang_events import Connection, Database

HIDDEN = "(hidden)"  # a personal value: the check says it differs, never what it is


@dataclass(frozen=True)
class Difference:
    where: str  # "case c-1", "archive_cases case_id=c-1"
    column: str
    stored: str
    expected: str

    def __str__(self) -> str:
        return f"{self.where}, {self.column}: stored {self.stored}, expected {self.expected}"


@dataclass
class ProjectionReport:
    """What checking one projection found: how much it compared, how many rows differ from
    the fold of the events, and the first of them."""

    service: str
    projection: str
    unit: str  # what ``checked`` counts: "cases", "rows"
    checked: int = 0
    differing: int = 0
    first: Difference | None = None
    not_checked: str | None = None  # why the projection could not be compared

    @property
    def ok(self) -> bool:
        return self.differing == 0 and self.not_checked is None

    def differs(self, difference: Difference) -> None:
        self.differing += 1
        if self.first is None:
            self.first = difference

    def line(self) -> str:
        head = f"{self.service}: {self.projection}: "
        if self.not_checked is not None:
            return head + f"not checked: {self.not_checked}"
        text = f"{self.checked} {self.unit} checked, {self.differing} differ"
        return head + text + (f"; first: {self.first}" if self.first else "")


def shown(value: Any, personal: bool = False) -> str:
    """A value as a report prints it: personal ones hidden, absent ones said so."""
    if personal and value is not None:
        return HIDDEN
    if value is None:
        return "null"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return repr(value)


@contextlib.asynccontextmanager
async def snapshot(db: Database) -> AsyncIterator[Connection]:
    """A read-only transaction whose every statement sees the same committed state: rows and
    events read in it agree even while the service goes on writing."""
    if db.dialect == "postgresql":
        async with db.transaction() as conn:
            await conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield conn
        return
    async with db.connection() as conn:  # a reader: in WAL mode a transaction is a snapshot
        await conn.execute("BEGIN")
        try:
            yield conn
        finally:
            await conn.execute("ROLLBACK")


def as_utc(value: Any) -> datetime | None:
    """A stored time (a datetime, or SQLite's text) as an aware UTC datetime."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def as_day(value: Any) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    return date.fromisoformat(str(value)[:10])


def normalizer(table: Table, column: str) -> Any:
    """How to read ``column`` of ``table`` so both engines give equal values for equal data
    (SQLite keeps times and decimals as text, booleans as 0/1, JSON as text)."""
    kind = table.c[column].type.__visit_name__.lower()
    if kind in ("datetime", "timestamp"):
        return as_utc
    if kind == "date":
        return as_day
    if kind == "boolean":
        return lambda v: None if v is None else bool(v)
    if kind == "json":
        return lambda v: json.loads(v) if isinstance(v, str) else v
    if kind == "numeric":
        return lambda v: None if v is None else Decimal(str(v))
    if kind in ("integer", "biginteger", "smallinteger"):
        return lambda v: None if v is None else int(v)
    return _same


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class TableRows:
    """Reads a table's rows, normalized, keyed by primary key, in pages by key."""

    table: Table
    page: int = 5000

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.table.primary_key.columns)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.table.columns)

    @functools.cached_property
    def _readers(self) -> list[tuple[int, str, Any]]:
        """Each column's position, name and normalizer: built once, used for every row."""
        return [(i, c, normalizer(self.table, c)) for i, c in enumerate(self.columns)]

    def _normal(self, row: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
        values = {c: read(row[i]) for i, c, read in self._readers}
        return tuple(values[k] for k in self.keys), values

    async def pages(self, conn: Connection) -> AsyncIterator[list[tuple[tuple, dict[str, Any]]]]:
        keys, names = self.keys, ", ".join(self.columns)
        order = ", ".join(keys)
        after: tuple[Any, ...] | None = None
        while True:
            # Names come from the table's metadata, never from input.
            if after is None:
                rows = await conn.fetch(
                    f"SELECT {names} FROM {self.table.name} ORDER BY {order} LIMIT {self.page}")
            else:
                marks = ", ".join(f"${i}" for i in range(1, len(keys) + 1))
                rows = await conn.fetch(
                    f"SELECT {names} FROM {self.table.name} WHERE ({order}) > ({marks}) "
                    f"ORDER BY {order} LIMIT {self.page}", *after)
            if not rows:
                return
            yield [self._normal(r) for r in rows]
            after = tuple(rows[-1][k] for k in keys)

    async def all(self, conn: Connection) -> dict[tuple, dict[str, Any]]:
        found: dict[tuple, dict[str, Any]] = {}
        async for page in self.pages(conn):
            found.update(page)
        return found


async def compare_table(report: ProjectionReport, table: Table, live: Connection,
                        expected: dict[tuple, dict[str, Any]], *,
                        personal: Iterable[str] = (), ignored: Iterable[str] = (),
                        unknown: Callable[[dict[str, Any]], frozenset[str]] | None = None,
                        ) -> None:
    """Compare the live rows of ``table`` with the rows the events give (``expected``, by
    primary key; consumed), in any order: a row that differs, is missing or should not be
    there is counted and the first one named.  ``ignored`` columns are not compared, nor the
    columns ``unknown`` names for an expected row (values the live row cannot hold yet)."""
    rows = TableRows(table)
    hidden, skipped = frozenset(personal), frozenset(ignored)
    compared = [c for c in rows.columns if c not in skipped]

    def where(key: tuple) -> str:
        return f"{table.name} " + ", ".join(f"{k}={v}" for k, v in zip(rows.keys, key))

    async for page in rows.pages(live):
        for key, stored in page:
            report.checked += 1
            wanted = expected.pop(key, None)
            if wanted is None:
                report.differs(Difference(where(key), "(row)", "present",
                                          "absent: no event gives this row"))
                continue
            unsure = unknown(wanted) if unknown is not None else frozenset()
            for column in compared:
                if column not in unsure and stored[column] != wanted[column]:
                    report.differs(Difference(
                        where(key), column, shown(stored[column], column in hidden),
                        shown(wanted[column], column in hidden)))
                    break
    for key in sorted(expected, key=repr):
        report.checked += 1
        report.differs(Difference(where(key), "(row)", "absent", "present: the events give it"))
