"""Each service database upgrades from empty to head, and the result matches the code's tables."""

from __future__ import annotations

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from jingkang.common.migrations import head_revision, upgrade_to_head_async


@pytest.mark.parametrize("service", ["referral", "registry"])
async def test_upgrade_from_empty_matches_the_code(empty_url: str, service: str) -> None:
    await upgrade_to_head_async(service, empty_url)
    metadata = importlib.import_module(f"jingkang.{service}.adapters.tables").metadata
    engine = create_async_engine(empty_url)
    try:
        async with engine.connect() as conn:
            def diff(sync_conn):
                context = MigrationContext.configure(sync_conn)
                return context.get_current_revision(), compare_metadata(context, metadata)

            revision, differences = await conn.run_sync(diff)
    finally:
        await engine.dispose()
    assert revision == head_revision(service)
    assert differences == []


async def test_upgrading_twice_is_harmless(empty_url: str) -> None:
    await upgrade_to_head_async("referral", empty_url)
    await upgrade_to_head_async("referral", empty_url)
