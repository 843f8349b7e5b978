"""Both services on loopback ports, on each engine: the registry tests' fixtures, reused.

The per-client rate limit is switched off here (it has its own tests): the security tests send
hundreds of requests with one token each, and a 429 must never stand in for an answer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from ..registry.conftest import System, TravelClock, databases, running_system

__all__ = ["databases", "system"]


@pytest.fixture
async def system(databases: tuple[str, str],
                 monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[System]:
    monkeypatch.setenv("JINGKANG_RATE_LIMIT_ENABLED", "false")
    async with running_system(*databases, TravelClock()) as running:
        yield running
