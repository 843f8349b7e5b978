"""Opening a database from a URL: the one place that knows both engines."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from ._db import Database
from ._db_pg import PostgresDatabase
from ._db_sqlite import SqliteDatabase


async def connect(url: str, *, pool_size: int = 10) -> Database:
    """Open a database from a SQLAlchemy-style URL (``postgresql+asyncpg://`` or ``sqlite+aiosqlite://``)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        return await PostgresDatabase.open(dsn, pool_size=pool_size)
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise ValueError("SQLite needs a file path: the store uses several connections")
        return await SqliteDatabase.open(Path(parsed.database), readers=min(pool_size, 4))
    raise ValueError(f"unsupported database URL scheme {parsed.drivername!r}")
