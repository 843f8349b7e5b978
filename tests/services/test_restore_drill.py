"""The restore drills of docs/operations.md, performed: both services on PostgreSQL loaded with
the demonstration data through their API, both databases dumped with pg_dump, restored with
pg_restore into fresh databases, `jingkang verify` passes against the copies and the services
start on them and answer /readyz; and the same with SQLite's `.backup` of running services."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
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


def test_sqlite_backup_restore_verify_and_start(tmp_path: Path) -> None:
    """The SQLite drill: `.backup` of both databases while the services run, the copies put
    in a fresh data directory, the services started on them, `jingkang verify` passing."""
    original, restored = tmp_path / "original", tmp_path / "restored"
    original.mkdir()
    restored.mkdir()
    env = service_env(original)
    bases = [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"]]
    with running(["run"], env, bases):
        demo = _cli(env, "demo")
        assert demo.returncode == 0, demo.stderr
        for service in SERVICES:  # docs/operations.md, Backup: while the services run
            subprocess.run(["sqlite3", str(original / f"{service}.db"),
                            f".backup '{tmp_path / f'{service}-backup.db'}'"],
                           check=True, timeout=120)
    for service in SERVICES:
        shutil.copy(tmp_path / f"{service}-backup.db", restored / f"{service}.db")
        assert _sqlite_events(restored / f"{service}.db") == \
            _sqlite_events(original / f"{service}.db") != []

    env = service_env(restored)
    bases = [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"]]
    with running(["run"], env, bases):
        for base in bases:
            assert httpx.get(f"{base}/readyz", timeout=10).json()["status"] == "ready"
        verified = _cli(env, "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.count(" 0 broken") >= 2, verified.stdout


def _sqlite_events(path: Path) -> list[tuple[int, str]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT position, hash FROM events ORDER BY position").fetchall()
