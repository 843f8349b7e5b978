"""The servers under load, each started as production starts it, on a throwaway database."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx

from pgserver import PgServer

from jkhttp.fixture import INSTITUTION_CAPACITY, JWT_SECRET, institutions

CEILING_APP = Path(__file__).resolve().parents[1] / "http_ceiling_app.py"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_environment() -> dict[str, str]:
    """This process's environment without JINGKANG_* settings, so none leak into a server."""
    return {k: v for k, v in os.environ.items() if not k.startswith("JINGKANG_")}


class ServerProcess:
    """A server in a child process, its output in a log file; stopped with SIGINT like Ctrl-C."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], workdir: Path,
                 port: int) -> None:
        self.name, self.argv, self.env, self.workdir, self.port = name, argv, env, workdir, port
        self.log_path = workdir / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    async def start(self, timeout: float = 60.0) -> None:
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(self.argv, env=self.env, cwd=self.workdir,
                                            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(base_url=self.base_url, timeout=1.0) as http:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.name} exited during start-up:\n{self.log_tail()}")
                try:
                    if (await http.get("/healthz")).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.1)
        await self.stop()
        raise RuntimeError(f"{self.name} did not answer /healthz in {timeout:g} s:\n"
                           f"{self.log_tail()}")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    async def stop(self) -> None:
        if not self.alive():
            return
        assert self.process is not None
        self.process.send_signal(signal.SIGINT)
        try:
            await asyncio.to_thread(self.process.wait, 20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            await asyncio.to_thread(self.process.wait)


async def run_checked(argv: list[str], env: dict[str, str], workdir: Path) -> None:
    completed = await asyncio.to_thread(subprocess.run, argv, env=env, cwd=workdir,
                                        capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[1:])} failed ({completed.returncode}):\n"
                           f"{completed.stdout}{completed.stderr}")


@dataclass
class Target:
    """A started server and its database."""

    name: str
    database: str
    server: ServerProcess


def service_environment(pg: PgServer, database: str, port: int) -> dict[str, str]:
    return clean_environment() | {
        "JINGKANG_REFERRAL_DATABASE_URL": pg.sqlalchemy_url(database),
        "JINGKANG_REFERRAL_PORT": str(port),
        "JINGKANG_JWT_SECRET": JWT_SECRET,
        "JINGKANG_REGISTRY_URL": "http://127.0.0.1:9",
        "JINGKANG_LOG_LEVEL": "warning",
        # One load generator is one client: the per-client limit would measure itself.
        "JINGKANG_RATE_LIMIT_ENABLED": "false",
    }


async def seed_directory(pg: PgServer, database: str) -> None:
    """20 institutions in four Shijiazhuang counties, with room enough that none fills up."""
    conn = await asyncpg.connect(pg.dsn(database))
    try:
        await conn.executemany(
            "INSERT INTO institutions (institution_id, name, region, operating, accepting, "
            "capacity, source_version, updated_at) VALUES ($1, $2, $3, true, true, $4, 1, $5)",
            [(inst, name, county, INSTITUTION_CAPACITY, datetime.now(UTC))
             for inst, name, county in institutions()])
    finally:
        await conn.close()


async def migrate_service(pg: PgServer, workdir: Path, label: str = "service") -> str:
    """A new database migrated by ``jingkang migrate referral``, its directory seeded."""
    database = await pg.create(label)
    env = service_environment(pg, database, free_port())
    progress(f"migrating {database} (jingkang migrate referral)")
    await run_checked([sys.executable, "-m", "jingkang.cli", "migrate", "referral"], env, workdir)
    await seed_directory(pg, database)
    return database


async def serve_referral(pg: PgServer, database: str, workdir: Path,
                         name: str = "service", workers: int = 1) -> Target:
    """``jingkang serve referral --workers N`` over ``database`` (uvicorn, uvloop, httptools;
    one process, or a supervisor and N workers sharing its socket)."""
    port = free_port()
    server = ServerProcess(name, [sys.executable, "-m", "jingkang.cli", "serve", "referral",
                                  "--workers", str(workers)],
                           service_environment(pg, database, port), workdir, port)
    await server.start()
    progress(f"{name}: pid {server.pid}, {server.base_url}, database {database}")
    return Target(name, database, server)


async def start_service(pg: PgServer, workdir: Path, workers: int = 1) -> Target:
    return await serve_referral(pg, await migrate_service(pg, workdir), workdir,
                                workers=workers)


async def start_ceiling(pg: PgServer, workdir: Path, workers: int = 1) -> Target:
    database = await pg.create("ceiling")
    port = free_port()
    env = clean_environment() | {"CEILING_DATABASE_URL": pg.dsn(database),
                                 "CEILING_PORT": str(port), "CEILING_LOG_LEVEL": "warning",
                                 "CEILING_WORKERS": str(workers)}
    server = ServerProcess("ceiling", [sys.executable, str(CEILING_APP)], env, workdir, port)
    await server.start()
    progress(f"ceiling: pid {server.pid}, {server.base_url}, database {database}")
    return Target("ceiling", database, server)


async def analyze(pg: PgServer, database: str) -> None:
    conn = await asyncpg.connect(pg.dsn(database))
    try:
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
