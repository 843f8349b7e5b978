"""A running referral service on a loopback port, on each engine, with a registry test double.

The registry double is an event store of institution events served by the same libs/events
feed router the registry uses; the referral service's directory consumer follows it.  The
service's clock is a ``TravelClock`` the test can move forward.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang.common.web.auth import mint_token
from jingkang.referral.config import Settings
from jingkang.referral.entrypoints.app import create_app
from jingkang_events import EventStore, EventTypes, NewEvent, connect

from ..events.support import serve_feed

SECRET = "referral-tests-secret-0123456789abcdef0123"

# The test double's institutions: two in one county, one in the same city, one elsewhere.
INSTITUTIONS = [
    {"institution_id": "inst-a", "name": "长安区精康站", "region": "130102", "capacity": 10},
    {"institution_id": "inst-b", "name": "长安区日间照料中心", "region": "130102", "capacity": 1},
    {"institution_id": "inst-c", "name": "桥西区精康中心", "region": "130104", "capacity": 10},
    {"institution_id": "inst-d", "name": "路南区精康站", "region": "130202", "capacity": 10},
]


@dataclass
class TravelClock:
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 2, 2, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, days: float) -> None:
        self.now += timedelta(days=days)


def token(role: str, org: str, region: str = "130100", sub: str | None = None) -> dict[str, str]:
    jwt = mint_token(SECRET, sub=sub or f"{role}-{org}", role=role, org_id=org, region=region)
    return {"Authorization": f"Bearer {jwt}"}


@dataclass
class Api:
    """A thin client that asserts the status it expects and returns the JSON body."""

    http: httpx.AsyncClient
    clock: TravelClock
    db_url: str

    async def post(self, path: str, body: dict[str, Any], who: dict[str, str], status: int = 200,
                   **headers: str) -> dict[str, Any]:
        response = await self.http.post(path, json=body, headers={**who, **headers})
        assert response.status_code == status, (path, response.status_code, response.text)
        return response.json()

    async def get(self, path: str, who: dict[str, str], status: int = 200, **params: Any) -> Any:
        response = await self.http.get(path, headers=who, params=params)
        assert response.status_code == status, (path, response.status_code, response.text)
        return response.json()


async def _registry_double(tmp_path: Path) -> EventStore:
    url = f"sqlite+aiosqlite:///{tmp_path / 'registry-double.db'}"
    await upgrade_to_head_async("registry", url)
    types = EventTypes()
    for name in ("InstitutionRegistered", "InstitutionChanged", "InstitutionStatusChanged"):
        types.register(name)
    store = EventStore(await connect(url), types)
    for institution in INSTITUTIONS:
        await store.append(institution["institution_id"], "institution", 0, [NewEvent(
            "InstitutionRegistered", {**institution, "status": "operating", "accepting": True})])
    return store


@contextlib.asynccontextmanager
async def running_referral(db_url: str, registry_url: str,
                           clock: TravelClock) -> AsyncIterator[str]:
    settings = Settings(referral_database_url=db_url, jwt_secret=SECRET,
                        registry_url=registry_url, log_level="warning")
    app = create_app(settings, clock=clock)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                           timeout_graceful_shutdown=2))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    base = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    try:
        yield base
    finally:
        server.should_exit = True
        await task


async def _directory_loaded(http: httpx.AsyncClient) -> None:
    for _ in range(300):
        consumers = (await http.get("/readyz")).json()["checks"]["consumers"]
        if consumers and consumers[0]["caught_up"] and consumers[0]["position"] > 0:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"directory never caught up: {consumers}")


@pytest.fixture
async def registry_double(tmp_path: Path) -> AsyncIterator[EventStore]:
    store = await _registry_double(tmp_path)
    yield store
    await store.db.close()


@pytest.fixture
async def api(url: str, registry_double: EventStore) -> AsyncIterator[Api]:
    """The referral service on a loopback port over the ``url`` database (both engines)."""
    clock = TravelClock()
    async with serve_feed(registry_double) as registry_base, \
            running_referral(url, registry_base, clock) as base, \
            httpx.AsyncClient(base_url=base, timeout=30) as http:
        await _directory_loaded(http)
        yield Api(http, clock, url)
