"""Alembic environment shared by both service databases; the service picks the metadata."""

from __future__ import annotations

import asyncio
import importlib
import logging.config

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

config = context.config
service = config.attributes.get("service") or config.get_main_option("service")
if service not in ("referral", "registry", "console"):
    raise SystemExit("choose the database: alembic -n referral|registry|console ...")
if config.config_file_name and not config.attributes.get("quiet"):
    logging.config.fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = importlib.import_module(f"jingkang.{service}.adapters.tables").metadata


def _url() -> str:
    url = config.attributes.get("url") or config.get_main_option("sqlalchemy.url")
    if url:
        return url
    settings = importlib.import_module(f"jingkang.{service}.config").Settings()
    return settings.database_url


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = create_async_engine(_url())
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
