"""Accounts and sessions in SQLite or PostgreSQL through SQLAlchemy Core."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from ..application.ports import AccountStore, SessionStore
from ..domain.accounts import Account, Session
from .tables import accounts, sessions


def aware(row: dict[str, Any]) -> dict[str, Any]:
    """SQLite gives times back without their zone; they were written in UTC."""
    return {k: v.replace(tzinfo=UTC) if isinstance(v, datetime) and v.tzinfo is None else v
            for k, v in row.items()}


class SqlAccounts(AccountStore):
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, username: str) -> Account | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(
                select(accounts).where(accounts.c.username == username))).mappings().first()
        return Account(**aware(dict(row))) if row else None

    async def add(self, account: Account) -> bool:
        try:
            async with self._engine.begin() as conn:
                await conn.execute(insert(accounts).values(**asdict(account)))
        except IntegrityError:
            return False
        return True

    async def save(self, account: Account) -> None:
        values = {f.name: getattr(account, f.name) for f in fields(account)
                  if f.name != "username"}
        async with self._engine.begin() as conn:
            await conn.execute(update(accounts).where(
                accounts.c.username == account.username).values(**values))

    async def all(self) -> list[Account]:
        async with self._engine.connect() as conn:
            rows = (await conn.execute(select(accounts).order_by(accounts.c.username))).mappings()
            return [Account(**aware(dict(row))) for row in rows]


class SqlSessions(SessionStore):
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, session_id: str) -> Session | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(
                select(sessions).where(sessions.c.session_id == session_id))).mappings().first()
        return Session(**aware(dict(row))) if row else None

    async def save(self, session: Session) -> None:
        values = asdict(session)
        async with self._engine.begin() as conn:
            changed = await conn.execute(update(sessions).where(
                sessions.c.session_id == session.session_id).values(**values))
            if changed.rowcount == 0:
                await conn.execute(insert(sessions).values(**values))

    async def delete(self, session_id: str) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(delete(sessions).where(sessions.c.session_id == session_id))
