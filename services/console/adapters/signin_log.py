"""The sign-in log in the console's database: rows only ever added (the database refuses
changes, see migrations/console)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, func, insert, select, true
from sqlalchemy.ext.asyncio import AsyncEngine

from jingkang.common.domain.chinatime import CHINA

from ..application.ports import SignInLog
from ..domain.signin_log import PAGE_SIZE, SignInEntry, SignInQuery
from .store import aware
from .tables import signins


class SqlSignInLog(SignInLog):
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def record(self, entry: SignInEntry) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(insert(signins).values(
                at=entry.at, username=entry.username[:64], outcome=entry.outcome,
                client=entry.client[:64], method=entry.method, detail=entry.detail[:200]))

    async def search(self, query: SignInQuery) -> tuple[list[SignInEntry], int]:
        where = and_(true(), *_conditions(query))
        async with self._engine.connect() as conn:
            total = (await conn.execute(
                select(func.count()).select_from(signins).where(where))).scalar_one()
            rows = (await conn.execute(
                select(signins).where(where).order_by(signins.c.id.desc())
                .limit(PAGE_SIZE).offset((query.page - 1) * PAGE_SIZE))).mappings()
            entries = [SignInEntry(**{k: v for k, v in aware(dict(row)).items() if k != "id"})
                       for row in rows]
        return entries, total


def _conditions(query: SignInQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.username:
        conditions.append(signins.c.username == query.username)
    if query.outcome:
        conditions.append(signins.c.outcome == query.outcome)
    if query.since:
        conditions.append(signins.c.at >= _china_midnight(query.since))
    if query.until:
        conditions.append(signins.c.at < _china_midnight(query.until) + timedelta(days=1))
    return conditions


def _china_midnight(day: date) -> datetime:
    """The start of a China day in UTC, as every time of the log is written."""
    return datetime.combine(day, time(), CHINA).astimezone(UTC)
