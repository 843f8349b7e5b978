"""Both services on loopback ports, on each engine, sharing a clock the test moves forward.

The referral service's directory follows the registry's feed and the registry's archive
follows the referral's: the same wiring as `make run`, in one process so the clock is shared.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang.common.web.auth import mint_token
from jingkang.referral.config import Settings as ReferralSettings
from jingkang.referral.entrypoints.app import create_app as create_referral
from jingkang.registry.config import Settings as RegistrySettings
from jingkang.registry.entrypoints.app import create_app as create_registry

from jingkang_events import connect

from ..conftest import create_pg_database, drop_pg_database
from ..services.support import free_port, serving

SECRET = "registry-tests-secret-0123456789abcdef01234"


@dataclass
class TravelClock:
    now: datetime = field(default_factory=lambda: datetime(2026, 6, 1, 2, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        assert moment >= self.now, "the clock only moves forward"
        self.now = moment

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    @property
    def today(self) -> str:
        return (self.now + timedelta(hours=8)).date().isoformat()


def token(role: str, org: str, region: str = "130000") -> dict[str, str]:
    jwt = mint_token(SECRET, sub=f"{role}-{org}", role=role, org_id=org, region=region)
    return {"Authorization": f"Bearer {jwt}"}


@dataclass
class Client:
    """A thin client that asserts the status it expects and returns the JSON body."""

    http: httpx.AsyncClient

    async def call(self, method: str, path: str, who: dict[str, str], status: int,
                   body: Any = None, **params: Any) -> Any:
        response = await self.http.request(method, path, json=body, headers=who, params=params)
        assert response.status_code == status, (method, path, response.status_code, response.text)
        return response.json() if "json" in response.headers.get("content-type", "") else response

    async def post(self, path: str, body: Any, who: dict[str, str], status: int = 200) -> Any:
        return await self.call("POST", path, who, status, body)

    async def get(self, path: str, who: dict[str, str], status: int = 200, **params: Any) -> Any:
        return await self.call("GET", path, who, status, **params)


@dataclass
class System:
    referral: Client
    registry: Client
    clock: TravelClock
    referral_url: str
    registry_url: str
    registry_db: str
    referral_db: str

    async def settle(self) -> None:
        """Wait until each service has applied everything the other has committed (read from
        the databases: the feeds' heads may lag behind a transaction open elsewhere)."""
        heads = [await _last_position(self.registry_db), await _last_position(self.referral_db)]
        for _ in range(600):
            referral = (await self.referral.http.get("/readyz")).json()["checks"]["consumers"][0]
            registry = (await self.registry.http.get("/readyz")).json()["checks"]["consumers"][0]
            if referral["position"] >= heads[0] and registry["position"] >= heads[1]:
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"consumers never caught up: {referral} {registry} {heads}")

    @staticmethod
    async def _head(client: Client) -> int:
        page = (await client.http.get("/v1/events", params={"limit": 1},
                                      headers=token("auditor", "audit"))).json()
        return (page.get("head") or {}).get("position", 0)


async def _last_position(url: str) -> int:
    db = await connect(url)
    try:
        async with db.connection() as conn:
            return await conn.fetchval("SELECT coalesce(max(position), 0) FROM events")
    finally:
        await db.close()




@contextlib.asynccontextmanager
async def running_system(referral_db: str, registry_db: str,
                         clock: TravelClock) -> AsyncIterator[System]:
    referral_port, registry_port = free_port(), free_port()
    urls = {"referral_url": f"http://127.0.0.1:{referral_port}",
            "registry_url": f"http://127.0.0.1:{registry_port}"}
    common = {"jwt_secret": SECRET, "log_level": "warning", "feed_poll_seconds": 0.2, **urls}
    referral = create_referral(ReferralSettings(referral_database_url=referral_db, **common),
                               clock=clock)
    registry = create_registry(RegistrySettings(registry_database_url=registry_db, **common),
                               clock=clock)
    async with serving(registry, registry_port), serving(referral, referral_port), \
            httpx.AsyncClient(base_url=urls["referral_url"], timeout=30) as r, \
            httpx.AsyncClient(base_url=urls["registry_url"], timeout=30) as g:
        yield System(Client(r), Client(g), clock, urls["referral_url"], urls["registry_url"],
                     registry_db, referral_db)


@pytest.fixture(params=["sqlite", "postgresql"])
async def databases(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[tuple[str, str]]:
    """Migrated referral and registry databases on each engine."""
    if request.param == "sqlite":
        urls = (f"sqlite+aiosqlite:///{tmp_path / 'referral.db'}",
                f"sqlite+aiosqlite:///{tmp_path / 'registry.db'}")
    else:
        urls = (await create_pg_database(), await create_pg_database())
    try:
        await upgrade_to_head_async("referral", urls[0])
        await upgrade_to_head_async("registry", urls[1])
        yield urls
    finally:
        if request.param == "postgresql":
            for url in urls:
                await drop_pg_database(url)


@pytest.fixture
async def system(databases: tuple[str, str]) -> AsyncIterator[System]:
    async with running_system(*databases, TravelClock()) as running:
        yield running
