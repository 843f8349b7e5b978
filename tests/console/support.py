"""A console on a fresh SQLite accounts database, its clock in the test's hand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from jingkang.console.config import Settings
from jingkang.console.domain import totp
from jingkang.console.entrypoints.app import create_app

PASSWORD = "correct horse battery"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 12, 4, 2, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Console:
    client: TestClient
    clock: Clock
    app: Any
    database: Path

    def create(self, username: str, role: str, *, with_totp: bool = False) -> Any:
        async def create() -> Any:
            return await self.app.state.runtime.accounts.create(
                username=username, role=role, org_id="org-1", region="130102",
                display_name=username, password=PASSWORD, with_totp=with_totp,
                created_by="test")
        return self.client.portal.call(create)

    def csrf(self, path: str) -> str:
        found = _CSRF.search(self.client.get(path).text)
        assert found, f"no csrf field on {path}"
        return found.group(1)

    def sign_in(self, username: str, password: str = PASSWORD) -> Any:
        return self.client.post("/signin", data={
            "username": username, "password": password, "csrf": self.csrf("/signin")},
            follow_redirects=False)

    def code(self, secret: str, offset_steps: int = 0) -> Any:
        at = self.clock.now.timestamp() + offset_steps * totp.STEP_SECONDS
        return self.client.post("/signin/code", data={
            "code": totp.totp(secret, at), "csrf": self.csrf("/signin/code")},
            follow_redirects=False)

    def home(self) -> str:
        return self.client.get("/", follow_redirects=False).headers.get("location", "")


@contextmanager
def console(tmp_path: Path, base_url: str = "http://testserver",
            **settings: Any) -> Iterator[Console]:
    database = tmp_path / "console.db"
    clock = Clock()
    app = create_app(Settings(_env_file=None, console_database_url=f"sqlite+aiosqlite:///{database}",
                              data_dir=tmp_path, **settings), now=clock)
    with TestClient(app, base_url=base_url) as client:
        yield Console(client, clock, app, database)
