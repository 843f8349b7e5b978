"""Applying and checking each service database's Alembic migrations."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from jingkang_events import Database

# Editable installs (the README's way, and the container's) keep the tree in place.
MIGRATIONS_DIR = Path(__file__).resolve().parents[3] / "migrations"


def alembic_config(service: str, url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(MIGRATIONS_DIR / service / "versions"))
    config.attributes.update(service=service, url=url, quiet=True)
    return config


def upgrade_to_head(service: str, url: str) -> None:
    """Create the SQLite folder if needed and bring the database to the newest revision."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1]
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(service, url), "head")


async def upgrade_to_head_async(service: str, url: str) -> None:
    # Alembic's env.py runs its own event loop, so it gets a thread of its own.
    await asyncio.to_thread(upgrade_to_head, service, url)


@functools.cache
def head_revision(service: str) -> str:
    script = ScriptDirectory.from_config(alembic_config(service, "unused://"))
    heads = script.get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"{service} migrations must have one head, found {heads}")
    return heads[0]


async def current_revision(db: Database) -> str | None:
    async with db.connection() as conn:
        try:
            return await conn.fetchval("SELECT version_num FROM alembic_version")
        except Exception:  # no alembic_version table: never migrated
            return None
