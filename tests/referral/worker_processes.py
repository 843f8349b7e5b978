"""The referral service as ``jingkang serve referral --workers 2`` for the race tests: two
processes, each with its own pool and event loop, behind one socket."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from ..services.support import free_port
from .conftest import SECRET


@contextlib.asynccontextmanager
async def serving_workers(db_url: str, registry_url: str, tmp_path: Path) -> AsyncIterator[str]:
    port = free_port()
    env = {**os.environ, "JINGKANG_REFERRAL_DATABASE_URL": db_url, "JINGKANG_JWT_SECRET": SECRET,
           "JINGKANG_REFERRAL_PORT": str(port), "JINGKANG_REGISTRY_URL": registry_url,
           "JINGKANG_DATA_DIR": str(tmp_path), "JINGKANG_LOG_LEVEL": "warning",
           "JINGKANG_RATE_LIMIT_ENABLED": "false",
           "JINGKANG_SHARED_STATE_DIR": str(tmp_path / "shared")}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "jingkang.cli", "serve", "referral", "--workers", "2", env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=2) as http:
            for _ in range(600):
                assert process.returncode is None, "the workers exited during start-up"
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get("/healthz")).status_code == 200:
                        break
                await asyncio.sleep(0.1)
        await both_answering(base, tmp_path / "shared" / "metrics")
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        await asyncio.wait_for(process.wait(), timeout=30)


async def both_answering(base: str, metrics: Path) -> None:
    """Connections opened at once reach both workers (each writes its own metrics file once it
    has answered): the kernel hands a new connection to whichever process accepts first."""
    async def once() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            await http.get("/healthz")

    for _ in range(50):
        await asyncio.gather(*(once() for _ in range(16)))
        if len(list(metrics.glob("counter_*.db"))) == 2:
            return
    raise AssertionError("one of the two workers never answered")


async def directory_rows(db_url: str, count: int) -> None:
    """The directory consumer (in whichever worker holds its lock) has written every row."""
    conn = await asyncpg.connect(make_url(db_url).set(drivername="postgresql")
                                 .render_as_string(hide_password=False))
    try:
        for _ in range(300):
            if await conn.fetchval("SELECT count(*) FROM institutions") >= count:
                return
            await asyncio.sleep(0.05)
        raise AssertionError("the directory never caught up")
    finally:
        await conn.close()
