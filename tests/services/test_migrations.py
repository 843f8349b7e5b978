"""Each service database upgrades from empty to head, and the result matches the code's tables."""

from __future__ import annotations

import pytest

from jingkang.common.adapters.migrations import head_revision, upgrade_to_head_async

from ..conftest import schema_state


@pytest.mark.parametrize("service", ["referral", "registry"])
async def test_upgrade_from_empty_matches_the_code(empty_url: str, service: str) -> None:
    await upgrade_to_head_async(service, empty_url)
    revision, differences = await schema_state(empty_url, service)
    assert revision == head_revision(service)
    assert differences == []


async def test_upgrading_twice_is_harmless(empty_url: str) -> None:
    await upgrade_to_head_async("referral", empty_url)
    await upgrade_to_head_async("referral", empty_url)
