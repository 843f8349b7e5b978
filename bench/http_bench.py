"""Requests per second and latency of the referral service over HTTP, next to a ceiling.

What is measured
----------------
* service -- the real referral service, started as production starts it
             (``python -m jingkang.cli serve referral``: uvicorn, uvloop, httptools, one
             process) on a throwaway PostgreSQL database migrated with
             ``python -m jingkang.cli migrate referral``.  Its institution directory is seeded
             straight into the ``institutions`` table: 20 institutions in four Shijiazhuang
             counties, with room enough that none fills up.  (The directory consumer points
             at a closed port and just retries.)
* ceiling -- bench/http_ceiling_app.py: a bare FastAPI app with one POST endpoint that does
             one asyncpg INSERT (uuid, text, jsonb) inside a transaction, served the same way,
             on a throwaway database of its own.

Both are driven by the same client code: N concurrent workers (default 32), each an asyncio
task with an ``httpx.AsyncClient`` of its own (HTTP/1.1, keep-alive), each sending its next
request as soon as the previous one is answered (a closed loop).  Each service worker loops
over cases of its own, the way the clients of the service would use it::

    upload a medical assessment (hospital)          POST /v1/referrals/medical-assessments
    dispatch, institution chosen by residence        POST /v1/cases/{id}/dispatch  {}
    accept, evaluate, sign the agreement (the institution dispatched to)
    10 service records, a case read after every second one (5 reads of GET /v1/cases/{id})

so a case is 20 requests, 15 of them writes.  Every person has an identity number of their
own.  The ceiling workers POST ~500-byte JSON bodies, about the size of the service's.

After a warm-up of each (then ANALYZE, as autovacuum would have done by then), the two take
turns for ``--repetitions`` windows of ``--duration`` seconds; requests answered within a
window count.  Reported per window and as medians: requests/s, p50/p95/p99 latency as the
client saw it, errors (any status other than the expected 2xx), and CPU time per request of
the server process, of PostgreSQL backends, of this load generator and of everything else.
Then the ratios service/ceiling next to the goals, and the service's latency per operation.

The load generator runs on the same machine and cores as the servers and PostgreSQL: on a
small machine it takes a good share of the CPU, which caps both sides (the ceiling more).
Compare the ratios of one run, not absolute rates across runs or machines.

Reproduce
---------
Against a PostgreSQL server where the user may create databases (default: the local server,
trust auth; otherwise set ``JINGKANG_BENCH_PG_URL`` to an admin URL)::

    .venv/bin/pip install -e '.[test,bench]'
    .venv/bin/python bench/http_bench.py            # full run, about 3 minutes
    .venv/bin/python bench/http_bench.py --quick    # smoke run: 1 repetition of 3 seconds

The throwaway databases are named ``jk_http_<random>_service`` / ``..._ceiling`` and dropped at
the end.  Progress (and the server PIDs, for a profiler) goes to stderr, results to stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import httpx
from stdnum.cn import ric

from pgserver import PgServer
from jingkang.common.web.auth import mint_token

ADMIN_URL_ENV = "JINGKANG_BENCH_PG_URL"
DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
CEILING_APP = Path(__file__).with_name("http_ceiling_app.py")

JWT_SECRET = "http-bench-secret-0123456789abcdef012345"  # 40 characters
CHINA = ZoneInfo("Asia/Shanghai")

GOAL_THROUGHPUT = 0.5  # service requests/s >= 0.5 x ceiling
GOAL_P99 = 1.5         # service p99 <= 1.5 x ceiling p99

# Shijiazhuang: 长安区, 桥西区, 新华区, 裕华区; five institutions in each.
COUNTIES = ("130102", "130104", "130105", "130108")
INSTITUTIONS_PER_COUNTY = 5
INSTITUTION_CAPACITY = 100_000
SERVICE_RECORDS_PER_CASE = 10
READ_EVERY = 2  # a case read after every second service record: 5 reads per case

HOSPITAL_ORG = "hosp-1"
SERVICE_OPERATIONS = ("upload", "dispatch", "acceptance", "evaluation", "agreement",
                      "service_record", "get_case")
ERROR_SAMPLES = 5
SATURATED = 0.85  # a process using this share of a core or more is (near) its limit


# --- settings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    admin_url: str
    clients: int
    duration: float
    warmup: float
    repetitions: int
    only: str | None


def parse_settings(argv: list[str] | None = None) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (32)")
    parser.add_argument("--duration", type=float, default=20.0,
                        help="seconds per measured window (20)")
    parser.add_argument("--warmup", type=float, default=5.0, help="warm-up seconds (5)")
    parser.add_argument("--repetitions", type=int, default=3, help="windows per target (3)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 1 repetition of 3 s after a 1 s warm-up")
    parser.add_argument("--only", choices=("service", "ceiling"),
                        help="drive one target only (for profiling it; no ratios)")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.warmup, args.repetitions = 3.0, 1.0, 1
    if args.clients < 1 or args.duration <= 0 or args.repetitions < 1 or args.warmup < 0:
        parser.error("--clients and --repetitions must be at least 1, --duration above 0")
    return Settings(os.environ.get(ADMIN_URL_ENV, DEFAULT_ADMIN_URL), args.clients,
                    args.duration, args.warmup, args.repetitions, args.only)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- throwaway databases ----------------------------------------------------------------------


# --- server processes -------------------------------------------------------------------------


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


# --- CPU accounting from /proc ----------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_ticks(pid: int | str) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return None


def _machine_ticks() -> tuple[int, int, int] | None:
    """(busy, all, stolen) jiffies of the whole machine: idle and iowait are not busy; stolen
    is time the hypervisor gave to other guests while this one had work."""
    try:
        with open("/proc/stat") as stat:
            values = [int(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    steal = values[7] if len(values) > 7 else 0
    return sum(values) - values[3] - values[4] - steal, sum(values), steal


def _postgres_ticks(database: str) -> tuple[dict[int, int], dict[int, int]]:
    """Ticks of PostgreSQL processes: (backends of ``database``, every other postgres process)."""
    ours: dict[int, int] = {}
    rest: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/comm") as comm:
                if comm.read().strip() != "postgres":
                    continue
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().decode(errors="replace")
        except OSError:
            continue
        ticks = _proc_ticks(entry)
        if ticks is not None:
            (ours if f" {database} " in command else rest)[int(entry)] = ticks
    return ours, rest


@dataclass
class CpuSnapshot:
    machine: tuple[int, int, int] | None
    server: int | None
    client: int | None
    pg_ours: dict[int, int]
    pg_rest: dict[int, int]


def cpu_snapshot(server_pid: int, database: str) -> CpuSnapshot:
    ours, rest = _postgres_ticks(database)
    return CpuSnapshot(_machine_ticks(), _proc_ticks(server_pid), _proc_ticks(os.getpid()),
                       ours, rest)


@dataclass(frozen=True)
class CpuUse:
    """CPU seconds spent during a window, by whom; ``other`` is the rest of the machine."""

    server: float
    postgres: float
    postgres_other: float
    client: float
    other: float
    busy_share: float  # of all the machine's cores
    steal_share: float  # of all the machine's cores, taken by the hypervisor

    def per_request_ms(self, requests: int) -> dict[str, float]:
        scale = 1000 / max(requests, 1)
        return {"server": self.server * scale, "postgres": self.postgres * scale,
                "client": self.client * scale, "pg_other": self.postgres_other * scale,
                "other": self.other * scale}


def cpu_use(start: CpuSnapshot, end: CpuSnapshot) -> CpuUse | None:
    if None in (start.machine, end.machine, start.server, end.server, start.client, end.client):
        return None

    def grown(before: dict[int, int], after: dict[int, int]) -> int:
        return sum(ticks - before.get(pid, 0) for pid, ticks in after.items())

    busy = end.machine[0] - start.machine[0]  # type: ignore[index]
    total = end.machine[1] - start.machine[1]  # type: ignore[index]
    steal = end.machine[2] - start.machine[2]  # type: ignore[index]
    server = end.server - start.server  # type: ignore[operator]
    client = end.client - start.client  # type: ignore[operator]
    pg_ours, pg_rest = grown(start.pg_ours, end.pg_ours), grown(start.pg_rest, end.pg_rest)
    other = max(busy - server - client - pg_ours - pg_rest, 0)
    return CpuUse(server / CLOCK_TICKS, pg_ours / CLOCK_TICKS, pg_rest / CLOCK_TICKS,
                  client / CLOCK_TICKS, other / CLOCK_TICKS, busy / total if total else 0.0,
                  steal / total if total else 0.0)


# --- one measured window ----------------------------------------------------------------------


@dataclass
class Window:
    """Requests answered between ``start`` and ``deadline``; workers stop sending at the deadline."""

    duration: float
    start: float = 0.0
    deadline: float = math.inf
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: list[str] = field(default_factory=list)
    writes_ok: int = 0  # every successful POST, also those answered after the deadline

    def begin(self) -> None:
        self.start = time.perf_counter()
        self.deadline = self.start + self.duration

    def closed(self) -> bool:
        return time.perf_counter() >= self.deadline

    async def call(self, http: httpx.AsyncClient, op: str, method: str, path: str,
                   headers: dict[str, str], body: bytes | None, expect: int) -> httpx.Response | None:
        """Send one request; the response if it had the expected status, else None."""
        if self.closed():
            return None
        started = time.perf_counter()
        try:
            response = await http.request(method, path, headers=headers, content=body)
        except httpx.HTTPError as exc:
            self._error(op, time.perf_counter(), f"{op}: {type(exc).__name__}: {exc}")
            return None
        answered = time.perf_counter()
        if response.status_code != expect:
            self._error(op, answered, f"{op} {method} {path} -> {response.status_code}: "
                                      f"{response.text[:400]}")
            return None
        if method == "POST":
            self.writes_ok += 1
        if answered <= self.deadline:
            self.latencies[op].append((answered - started) * 1000)
        return response

    def flow_error(self, op: str, detail: str) -> None:
        self._error(op, time.perf_counter(), f"{op}: {detail}")

    def _error(self, op: str, when: float, detail: str) -> None:
        if when <= self.deadline:
            self.errors[op] += 1
        if len(self.error_samples) < ERROR_SAMPLES:
            self.error_samples.append(detail)

    @property
    def ok(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def all_latencies(self) -> list[float]:
        return sorted(itertools.chain.from_iterable(self.latencies.values()))


def percentile(ordered: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of an ascending sequence."""
    if not ordered:
        return math.nan
    return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)]


@dataclass(frozen=True)
class Sample:
    target: str
    repetition: int
    requests_per_s: float
    p50: float
    p95: float
    p99: float
    requests: int
    errors: int
    cpu: CpuUse | None
    duration: float

    def core_share(self, who: str) -> float:
        """The share of one core that ``who`` (server or client) used during the window."""
        if self.cpu is None:
            return math.nan
        return getattr(self.cpu, who) / self.duration


# --- the two targets --------------------------------------------------------------------------


class Target:
    name: str
    database: str
    server: ServerProcess
    writes_ok: int = 0

    async def worker(self, http: httpx.AsyncClient, window: Window) -> None:
        raise NotImplementedError


def auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}", "content-type": "application/json"}


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


_BIRTH_FIRST = date(1950, 1, 1)
_BIRTH_DAYS = (date(2000, 12, 31) - _BIRTH_FIRST).days + 1


def id_number(serial: int) -> str:
    """A valid identity number per serial, unique for the first ~18 million serials: Beijing
    Dongcheng, a birth date from 1950 to 2000, a three-digit sequence code."""
    born = _BIRTH_FIRST + timedelta(days=serial % _BIRTH_DAYS)
    body = f"110101{born:%Y%m%d}{serial // _BIRTH_DAYS % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def institutions() -> list[tuple[str, str, str]]:
    """(institution_id, name, county) of the seeded directory."""
    return [(f"inst-{county}-{i}", f"精康站 {county}-{i}", county)
            for county in COUNTIES for i in range(1, INSTITUTIONS_PER_COUNTY + 1)]


class ReferralService(Target):
    name = "service"

    def __init__(self, database: str, server: ServerProcess) -> None:
        self.database, self.server = database, server
        self.serials = itertools.count()
        self.hospital = auth(mint_token(JWT_SECRET, sub="doctor-1", role="hospital",
                                        org_id=HOSPITAL_ORG, region="130100", ttl_seconds=86400))
        self.platform = auth(mint_token(JWT_SECRET, sub="dispatcher-1", role="platform",
                                        org_id="platform", region="130000", ttl_seconds=86400))
        self.institution = {
            inst: auth(mint_token(JWT_SECRET, sub=f"staff-{inst}", role="institution",
                                  org_id=inst, region=county, ttl_seconds=86400))
            for inst, _, county in institutions()}
        now = datetime.now(UTC)
        today = now.astimezone(CHINA).date().isoformat()
        started = (now - timedelta(hours=2)).astimezone(CHINA).replace(microsecond=0)
        self.today = today
        self.accept = dumps({"accepted": True})
        self.dispatch_body = dumps({})
        self.evaluation = dumps({
            "evaluated_on": today, "suitable": True, "opinion": "适宜社区康复",
            "plan": "日间训练、服药训练", "risk_level": 1,
            "team": [{"name": "王医生", "profession": "psychiatrist"},
                     {"name": "赵社工", "profession": "social_worker"}]})
        self.agreement = dumps({"signed_on": today, "informed_consent": True,
                                "service_agreement": True, "electronic": True,
                                "signed_by_guardian": True})
        self.service_record = dumps({
            "service_type": "life_skills", "form": "day_training", "method": "group_work",
            "started_at": started.isoformat(), "duration_minutes": 90, "staff": ["赵社工"]})

    def upload(self, serial: int) -> bytes:
        return dumps({
            "person": {"name": "张三", "id_number": id_number(serial), "phone": "13800138000",
                       "address": "长安区建设北大街1号",
                       "guardian": {"name": "李四", "relation": "母亲"}},
            "residence_region": COUNTIES[serial % len(COUNTIES)],
            "assessment_kind": "discharge", "assessed_on": self.today, "diagnosis": "精神分裂症",
            "risk_level": 1, "recommendation": "病情稳定，建议社区康复",
            "consents": [{"purpose": purpose, "given_by": giver, "given_on": self.today}
                         for purpose in ("referral_upload", "share_with_institution")
                         for giver in ("patient", "guardian")]})

    def body_sizes(self) -> dict[str, int]:
        return {"upload": len(self.upload(0)), "service_record": len(self.service_record),
                "evaluation": len(self.evaluation)}

    async def worker(self, http: httpx.AsyncClient, window: Window) -> None:
        while not window.closed():
            await self.one_case(http, window)

    async def one_case(self, http: httpx.AsyncClient, window: Window) -> None:
        created = await window.call(http, "upload", "POST", "/v1/referrals/medical-assessments",
                                    self.hospital, self.upload(next(self.serials)), 201)
        if created is None:
            return
        case = f"/v1/cases/{created.json()['case_id']}"
        dispatched = await window.call(http, "dispatch", "POST", f"{case}/dispatch",
                                       self.platform, self.dispatch_body, 200)
        if dispatched is None:
            return
        chosen = (dispatched.json().get("institution") or {}).get("institution_id")
        if chosen not in self.institution:
            window.flow_error("dispatch", f"no institution chosen: {dispatched.text[:300]}")
            return
        staff = self.institution[chosen]
        for op, path, body in (("acceptance", "acceptance", self.accept),
                               ("evaluation", "evaluations", self.evaluation),
                               ("agreement", "agreements", self.agreement)):
            if await window.call(http, op, "POST", f"{case}/{path}", staff, body, 200) is None:
                return
        for record in range(1, SERVICE_RECORDS_PER_CASE + 1):
            if await window.call(http, "service_record", "POST", f"{case}/service-records",
                                 staff, self.service_record, 200) is None:
                return
            if record % READ_EVERY == 0 and await window.call(
                    http, "get_case", "GET", case, staff, None, 200) is None:
                return


CEILING_PAYLOAD: dict[str, Any] = {
    "kind": "ServiceRecorded",
    "case_id": "",
    "institution_id": "inst-130102-1",
    "person": {"name": "张三", "district": "长安区", "age_band": "40-49"},
    "service_type": "life_skills", "form": "day_training", "method": "group_work",
    "started_at": "2026-11-02T09:00:00+08:00", "duration_minutes": 90,
    "staff": ["赵社工", "王医生"],
    "notes": "病情稳定，参加日间训练，服药规律，需定期随访；家属支持，社区协助。",
    "plan": "日间训练、服药训练",
    "seq": 0,
}


class Ceiling(Target):
    name = "ceiling"

    def __init__(self, database: str, server: ServerProcess) -> None:
        self.database, self.server = database, server
        self.serials = itertools.count()
        self.headers = {"content-type": "application/json"}

    def body(self, serial: int) -> bytes:
        return dumps({**CEILING_PAYLOAD, "case_id": str(uuid.uuid4()), "seq": serial})

    async def worker(self, http: httpx.AsyncClient, window: Window) -> None:
        while not window.closed():
            await window.call(http, "insert", "POST", "/items", self.headers,
                              self.body(next(self.serials)), 201)


async def drive(target: Target, clients: int, duration: float, repetition: int) -> tuple[Sample, Window]:
    """One window: connect every client, then all send for ``duration`` seconds."""
    window = Window(duration)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with AsyncExitStack() as stack:
        https = [await stack.enter_async_context(httpx.AsyncClient(
            base_url=target.server.base_url, http1=True, http2=False, limits=limits,
            timeout=httpx.Timeout(60.0))) for _ in range(clients)]
        await asyncio.gather(*(http.get("/healthz") for http in https))  # connections open
        before = cpu_snapshot(target.server.pid, target.database)
        window.begin()

        async def at_deadline() -> CpuSnapshot:
            await asyncio.sleep(max(window.deadline - time.perf_counter(), 0))
            return cpu_snapshot(target.server.pid, target.database)

        after_task = asyncio.create_task(at_deadline())
        await asyncio.gather(*(target.worker(http, window) for http in https))
        after = await after_task
    if not target.server.alive():
        raise RuntimeError(f"{target.name} died:\n{target.server.log_tail()}")
    target.writes_ok += window.writes_ok
    ordered = window.all_latencies()
    sample = Sample(target.name, repetition, window.ok / duration, percentile(ordered, 50),
                    percentile(ordered, 95), percentile(ordered, 99), window.ok,
                    window.error_count, cpu_use(before, after), duration)
    return sample, window


# --- set-up -----------------------------------------------------------------------------------


async def start_service(pg: PgServer, workdir: Path) -> ReferralService:
    database = await pg.create("service")
    port = free_port()
    env = clean_environment() | {
        "JINGKANG_REFERRAL_DATABASE_URL": pg.sqlalchemy_url(database),
        "JINGKANG_REFERRAL_PORT": str(port),
        "JINGKANG_JWT_SECRET": JWT_SECRET,
        "JINGKANG_REGISTRY_URL": "http://127.0.0.1:9",
        "JINGKANG_LOG_LEVEL": "warning",
        # One load generator is one client: the per-client limit would measure itself.
        "JINGKANG_RATE_LIMIT_ENABLED": "false",
    }
    progress("migrating the service database (jingkang migrate referral)")
    await run_checked([sys.executable, "-m", "jingkang.cli", "migrate", "referral"], env, workdir)
    conn = await asyncpg.connect(pg.dsn(database))
    try:
        await conn.executemany(
            "INSERT INTO institutions (institution_id, name, region, operating, accepting, "
            "capacity, source_version, updated_at) VALUES ($1, $2, $3, true, true, $4, 1, $5)",
            [(inst, name, county, INSTITUTION_CAPACITY, datetime.now(UTC))
             for inst, name, county in institutions()])
    finally:
        await conn.close()
    server = ServerProcess("service", [sys.executable, "-m", "jingkang.cli", "serve", "referral"],
                           env, workdir, port)
    await server.start()
    progress(f"service: pid {server.pid}, {server.base_url}, database {database}")
    return ReferralService(database, server)


async def start_ceiling(pg: PgServer, workdir: Path) -> Ceiling:
    database = await pg.create("ceiling")
    port = free_port()
    env = clean_environment() | {"CEILING_DATABASE_URL": pg.dsn(database),
                                 "CEILING_PORT": str(port), "CEILING_LOG_LEVEL": "warning"}
    server = ServerProcess("ceiling", [sys.executable, str(CEILING_APP)], env, workdir, port)
    await server.start()
    progress(f"ceiling: pid {server.pid}, {server.base_url}, database {database}")
    return Ceiling(database, server)


async def analyze(pg: PgServer, target: Target) -> None:
    conn = await asyncpg.connect(pg.dsn(target.database))
    try:
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


# --- report -----------------------------------------------------------------------------------


def load_average() -> str:
    if not hasattr(os, "getloadavg"):
        return "load average unknown"
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min), {fifteen:.2f} (15 min)"


def busy_processes(own: set[int]) -> list[str]:
    """Other processes that used a noticeable share of a core over the last half second."""
    def snapshot() -> dict[int, tuple[str, int]]:
        found = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                ticks = _proc_ticks(entry)
                try:
                    with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                        words = cmdline.read().split(b"\0")
                except OSError:
                    continue
                name = " ".join(Path(w.decode(errors="replace")).name if i == 0 else
                                w.decode(errors="replace") for i, w in enumerate(words[:3]))
                name = name.strip()[:60] or "?"
                if ticks is not None:
                    found[int(entry)] = (name, ticks)
        return found

    first = snapshot()
    time.sleep(0.5)
    second = snapshot()
    busy = []
    for pid, (name, ticks) in second.items():
        used = (ticks - first.get(pid, (name, ticks))[1]) / CLOCK_TICKS / 0.5
        if used >= 0.1 and pid not in own:
            busy.append(f"{name} [{pid}] {used:.0%}")
    return busy


def code_version() -> str:
    """The commit the servers ran, and whether the work tree differed from it."""
    root = Path(__file__).resolve().parents[1]
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, check=True,
                              capture_output=True, text=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                                 cwd=root, check=True, capture_output=True,
                                 text=True).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return f"git {head}" + (f" with uncommitted changes in {len(changed)} files" if changed
                            else "")


def print_header(settings: Settings, pg: dict[str, str], service: ReferralService | None,
                 ceiling: Ceiling | None) -> None:
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print("HTTP benchmark: the referral service next to a bare FastAPI + asyncpg ceiling")
    print(f"machine     {cores} cores ({usable} usable), {platform.machine()}, Python "
          f"{platform.python_version()}; the load generator (this process, uvloop) shares "
          f"these cores with both servers and PostgreSQL")
    print(f"packages    fastapi {package_version('fastapi')}, uvicorn {package_version('uvicorn')}"
          f", uvloop {package_version('uvloop')}, httptools {package_version('httptools')}, "
          f"asyncpg {package_version('asyncpg')}, httpx {package_version('httpx')}")
    print(f"PostgreSQL  {pg['server_version']}: fsync={pg['fsync']}, synchronous_commit="
          f"{pg['synchronous_commit']}, wal_sync_method={pg['wal_sync_method']}, "
          f"shared_buffers={pg['shared_buffers']}")
    print(f"code        {code_version()}")
    print("servers     uvicorn, loop=uvloop, http=httptools, 1 process each; pool of 10 "
          "connections each")
    print(f"clients     {settings.clients} concurrent workers, one httpx.AsyncClient (HTTP/1.1 "
          f"keep-alive) each, closed loop")
    print(f"runs        {settings.repetitions} x {settings.duration:g} s per target after a "
          f"{settings.warmup:g} s warm-up each (then ANALYZE); targets take turns; medians")
    if service is not None:
        sizes = service.body_sizes()
        reads = SERVICE_RECORDS_PER_CASE // READ_EVERY
        print(f"service mix per case: upload, dispatch, acceptance, evaluation, agreement, "
              f"{SERVICE_RECORDS_PER_CASE} service records, {reads} case reads = "
              f"{5 + SERVICE_RECORDS_PER_CASE + reads} requests; {len(COUNTIES)} counties x "
              f"{INSTITUTIONS_PER_COUNTY} institutions")
        print(f"            bodies: upload {sizes['upload']} B, service record "
              f"{sizes['service_record']} B, evaluation {sizes['evaluation']} B")
    if ceiling is not None:
        print(f"ceiling     POST /items, {len(ceiling.body(0))} B JSON body, one INSERT (uuid, "
              f"text, jsonb) in a transaction per request")
    print(f"load        {load_average()} at the start")
    own = {os.getpid(), *(t.server.pid for t in (service, ceiling) if t is not None)}
    others = busy_processes(own)
    print(f"            busy processes at the start: {', '.join(others) if others else 'none'}")
    print()


def fmt(value: float, digits: int = 1) -> str:
    return "-" if math.isnan(value) else f"{value:,.{digits}f}"


def print_samples(samples: list[Sample]) -> None:
    print("Per window: latency as the client saw it; CPU ms per answered request of the "
          "server process (server),")
    print("its PostgreSQL backends (pg), other PostgreSQL processes: WAL writer, checkpointer, "
          "other databases (pg bg),")
    print("this load generator (client), and everything else incl. kernel and other users "
          "(rest); machine busy and stolen")
    print("by the hypervisor: of all cores (steal slows every process: compare ratios within "
          "one run, not across runs)")
    print(f"{'target':<8} {'rep':>3} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'requests':>9} {'errors':>6}   {'server':>6} {'pg':>6} {'pg bg':>6} {'client':>6} "
          f"{'rest':>6}  {'busy':>5} {'steal':>5}  {'server':>6} {'client':>6}")
    print(f"{'':<8} {'':>3} {'':>8} {'':>8} {'':>8} {'':>8} {'':>9} {'':>6}   "
          f"{'CPU ms per request':-^34}  {'machine':-^11}  {'of one core':-^13}")
    saturated = set()
    for s in samples:
        cpu = s.cpu.per_request_ms(s.requests) if s.cpu else None
        cpu_text = (f"{cpu['server']:>6.2f} {cpu['postgres']:>6.2f} {cpu['pg_other']:>6.2f} "
                    f"{cpu['client']:>6.2f} {cpu['other']:>6.2f}  {s.cpu.busy_share:>5.0%} "
                    f"{s.cpu.steal_share:>5.1%}  "
                    f"{s.core_share('server'):>6.0%} {s.core_share('client'):>6.0%}"
                    if cpu and s.cpu else "CPU use unknown")
        print(f"{s.target:<8} {s.repetition:>3} {s.requests_per_s:>8,.0f} {fmt(s.p50):>8} "
              f"{fmt(s.p95):>8} {fmt(s.p99):>8} {s.requests:>9,} {s.errors:>6}   {cpu_text}")
        for who in ("server", "client"):
            if s.core_share(who) >= SATURATED:
                saturated.add((s.target, who))
    for target, who in sorted(saturated):
        bound = ("its one process is the bottleneck" if who == "server" else
                 "the load generator's one process is the bottleneck, so this rate is a floor "
                 "of what the target can do")
        print(f"note: in some {target} windows the {who} used ≥ {SATURATED:.0%} of a core: "
              f"{bound}")
    print()


@dataclass(frozen=True)
class Summary:
    requests_per_s: float
    p50: float
    p95: float
    p99: float
    errors: int
    cpu_ms: dict[str, float]  # median CPU ms per request by whom; empty where unknown


def summarise(samples: list[Sample]) -> Summary:
    per_request = [s.cpu.per_request_ms(s.requests) for s in samples if s.cpu]
    cpu_ms = ({k: statistics.median(c[k] for c in per_request) for k in per_request[0]}
              if per_request else {})
    return Summary(statistics.median(s.requests_per_s for s in samples),
                   statistics.median(s.p50 for s in samples),
                   statistics.median(s.p95 for s in samples),
                   statistics.median(s.p99 for s in samples),
                   sum(s.errors for s in samples), cpu_ms)


def print_medians(summaries: dict[str, Summary], settings: Settings) -> None:
    print(f"Medians over {settings.repetitions} windows, {settings.clients} clients "
          f"(CPU ms per request as above)")
    print(f"{'target':<8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"
          f"   {'server':>6} {'pg':>6} {'client':>6}   one-process bound")
    for name, s in summaries.items():
        cpu = s.cpu_ms
        bound = (f"~{1000 / cpu['server']:,.0f} req/s (1000 / server CPU ms)"
                 if cpu.get("server") else "")
        cpu_text = (f"{cpu['server']:>6.2f} {cpu['postgres']:>6.2f} {cpu['client']:>6.2f}   "
                    f"{bound}" if cpu else "CPU use unknown")
        print(f"{name:<8} {s.requests_per_s:>8,.0f} {fmt(s.p50):>8} {fmt(s.p95):>8} "
              f"{fmt(s.p99):>8} {s.errors:>7}   {cpu_text}")
    print("(one-process bound: what the server's single process could answer with a core of "
          "its own and the load generator elsewhere)")
    print()


def floor2(value: float) -> str:
    return f"{math.floor(value * 100) / 100:.2f}"


def ceil2(value: float) -> str:
    return f"{math.ceil(value * 100) / 100:.2f}"


def print_ratios(service: Summary, ceiling: Summary, clients: int) -> None:
    throughput = service.requests_per_s / ceiling.requests_per_s
    p99 = service.p99 / ceiling.p99
    print("Ratios service/ceiling (medians; rounded against the goal)")
    print(f"  throughput  {floor2(throughput):>6}   goal ≥ {GOAL_THROUGHPUT:g} at 32 clients   "
          f"{'met' if throughput >= GOAL_THROUGHPUT else 'MISSED'}")
    print(f"  p99         {ceil2(p99):>6}   goal ≤ {GOAL_P99:g}                 "
          f"{'met' if p99 <= GOAL_P99 else 'MISSED'}")
    print(f"  p50         {ceil2(service.p50 / ceiling.p50):>6}   (no goal)")
    if clients != 32:
        print(f"  (run with {clients} clients: the goals are stated for 32)")
    print()


def print_operations(windows: list[Window]) -> None:
    merged: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    for window in windows:
        for op, values in window.latencies.items():
            merged[op] += values
        for op, count in window.errors.items():
            errors[op] += count
    total_time = sum(sum(v) for v in merged.values()) or 1.0
    print("Service per operation (all measured windows together)")
    print(f"{'operation':<15} {'count':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8} {'mean ms':>8} {'share of time':>14}")
    for op in SERVICE_OPERATIONS:
        values = sorted(merged.get(op, []))
        if not values and not errors.get(op):
            continue
        mean = statistics.fmean(values) if values else math.nan
        print(f"{op:<15} {len(values):>8,} {errors.get(op, 0):>6} {fmt(percentile(values, 50)):>8}"
              f" {fmt(percentile(values, 95)):>8} {fmt(percentile(values, 99)):>8} "
              f"{fmt(mean):>8} {sum(values) / total_time:>14.0%}")
    print()


def print_errors(windows: dict[str, list[Window]]) -> None:
    for name, group in windows.items():
        samples = [s for w in group for s in w.error_samples][:ERROR_SAMPLES]
        if samples:
            print(f"First errors of the {name} (warm-up included):")
            for text in samples:
                print(f"  {text}")
            print()


async def check_stored(pg: PgServer, service: ReferralService | None,
                       ceiling: Ceiling | None) -> None:
    """Every successful POST wrote exactly one event (service) or one row (ceiling)."""
    lines = []
    if service is not None:
        events = await pg.run(service.database, "SELECT count(*) FROM events")
        cases = await pg.run(service.database, "SELECT count(*) FROM cases")
        verdict = "match" if events == service.writes_ok else "DO NOT MATCH"
        lines.append(f"service: {service.writes_ok:,} successful POSTs, {events:,} events "
                     f"stored ({verdict}), {cases:,} cases")
    if ceiling is not None:
        rows = await pg.run(ceiling.database, "SELECT count(*) FROM items")
        verdict = "match" if rows == ceiling.writes_ok else "DO NOT MATCH"
        lines.append(f"ceiling: {ceiling.writes_ok:,} successful POSTs, {rows:,} rows stored "
                     f"({verdict})")
    print("Stored (warm-up included): " + "; ".join(lines))


# --- main -------------------------------------------------------------------------------------


async def main(settings: Settings) -> None:
    pg = PgServer(settings.admin_url, "jk_http")
    targets: list[Target] = []
    with tempfile.TemporaryDirectory(prefix="jk-http-bench-") as tmp:
        try:
            await measure(settings, pg, Path(tmp), targets)
        finally:
            for target in targets:
                await target.server.stop()
            await pg.drop_all()


async def measure(settings: Settings, pg: PgServer, workdir: Path,
                  targets: list[Target]) -> None:
    """Start the servers (appended to ``targets`` as they come up), measure, print."""
    description = await pg.describe()
    service = ceiling = None
    if settings.only != "ceiling":
        service = await start_service(pg, workdir)
        targets.append(service)
    if settings.only != "service":
        ceiling = await start_ceiling(pg, workdir)
        targets.append(ceiling)
    print_header(settings, description, service, ceiling)

    windows: dict[str, list[Window]] = {t.name: [] for t in targets}
    for target in targets:
        progress(f"warming up the {target.name} ({settings.warmup:g} s)")
        _, window = await drive(target, settings.clients, settings.warmup, 0)
        windows[target.name].append(window)
        await analyze(pg, target)
    samples: list[Sample] = []
    measured: dict[str, list[Window]] = {t.name: [] for t in targets}
    for repetition in range(1, settings.repetitions + 1):
        order = targets if repetition % 2 else list(reversed(targets))
        for target in order:
            progress(f"repetition {repetition}/{settings.repetitions}: {target.name} "
                     f"({settings.duration:g} s)")
            await asyncio.sleep(1.0)  # let the previous window's connections close
            sample, window = await drive(target, settings.clients, settings.duration,
                                         repetition)
            samples.append(sample)
            windows[target.name].append(window)
            measured[target.name].append(window)
            progress(f"  {sample.requests_per_s:,.0f} req/s, p99 {fmt(sample.p99)} ms, "
                     f"{sample.errors} errors")

    samples.sort(key=lambda s: (s.target != "service", s.repetition))
    print_samples(samples)
    summaries = {t.name: summarise([s for s in samples if s.target == t.name])
                 for t in targets}
    print_medians(summaries, settings)
    if service is not None and ceiling is not None:
        print_ratios(summaries["service"], summaries["ceiling"], settings.clients)
    if service is not None:
        print_operations(measured["service"])
    print_errors(windows)
    for target in targets:
        await target.server.stop()
    await check_stored(pg, service, ceiling)
    print(f"load        {load_average()} at the end; the load generator ran on the same "
          f"{os.cpu_count()} cores as the servers and PostgreSQL")


def run(argv: list[str] | None = None) -> None:
    settings = parse_settings(argv)
    try:
        import uvloop
    except ImportError:  # the servers need it anyway; the driver can do without
        asyncio.run(main(settings))
    else:
        uvloop.run(main(settings))


if __name__ == "__main__":
    run()
