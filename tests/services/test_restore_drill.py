"""The restore drill of docs/operations.md, performed: both services on PostgreSQL loaded with
the demonstration data through their API, both databases dumped with pg_dump, restored with
pg_restore into fresh databases, `jingkang verify` passes against the copies and the services
start on them and answer /readyz."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from ..conftest import create_pg_database, drop_pg_database
from .support import running, service_env

SERVICES = ("referral", "registry")


def _libpq(url: str) -> str:
    """The URL as pg_dump, pg_restore and asyncpg take it (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jingkang.cli", *args], env=env,
                          capture_output=True, text=True, timeout=300)


def _env(tmp_path: Path, urls: dict[str, str]) -> dict[str, str]:
    return service_env(tmp_path, JINGKANG_REFERRAL_DATABASE_URL=urls["referral"],
                       JINGKANG_REGISTRY_DATABASE_URL=urls["registry"])


async def _events(url: str) -> list[tuple[int, str]]:
    conn = await asyncpg.connect(_libpq(url))
    try:
        return [tuple(r) for r in await conn.fetch("SELECT position, hash FROM events "
                                                   "ORDER BY position")]
    finally:
        await conn.close()


async def test_dump_restore_verify_and_start(tmp_path: Path) -> None:
    originals = {s: await create_pg_database() for s in SERVICES}
    copies = {s: await create_pg_database() for s in SERVICES}
    try:
        env = _env(tmp_path / "original", originals)
        (tmp_path / "original").mkdir()
        bases = [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"]]
        with running(["run"], env, bases):
            demo = _cli(env, "demo")
            assert demo.returncode == 0, demo.stderr
        written = {s: await _events(originals[s]) for s in SERVICES}
        assert all(written.values()), "the demonstration wrote events in both services"

        for service in SERVICES:  # the commands of docs/operations.md, Backup and Restore
            dump = tmp_path / f"{service}.dump"
            subprocess.run(["pg_dump", "--format=custom", f"--file={dump}",
                            _libpq(originals[service])], check=True, timeout=120)
            subprocess.run(["pg_restore", "--no-owner", "--exit-on-error",
                            f"--dbname={_libpq(copies[service])}", str(dump)],
                           check=True, timeout=120)
            assert await _events(copies[service]) == written[service]

        (tmp_path / "copy").mkdir()
        env = _env(tmp_path / "copy", copies)
        bases = [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"]]
        with running(["run"], env, bases):
            for base in bases:
                ready = httpx.get(f"{base}/readyz", timeout=10)
                assert ready.status_code == 200, ready.text
                assert ready.json()["status"] == "ready"
            verified = _cli(env, "verify")
        assert verified.returncode == 0, verified.stdout + verified.stderr
        for service in SERVICES:
            assert f"{service}: " in verified.stdout and " 0 broken" in verified.stdout
    finally:
        for url in (*originals.values(), *copies.values()):
            await drop_pg_database(url)
