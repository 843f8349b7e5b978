"""The mix driven from Python (httpx), for bench/registry_bench.py's feed-lag load.

bench/http_bench.py drives the service with wrk (bench/wrk/mix.lua), which leaves the
servers the cores a Python client would take; this driver stays for the registry benchmark,
which loads the referral while it follows the feed.  N workers, each an asyncio task with an
``httpx.AsyncClient`` of its own (HTTP/1.1, keep-alive), walk cases of their own through the
same steps and bodies as mix.lua, in a closed loop.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import time
from collections import defaultdict
from contextlib import AsyncExitStack
from dataclasses import dataclass, field

import httpx

from jkhttp.fixture import READ_EVERY, SERVICE_RECORDS_PER_CASE, Fixture, auth
from jkhttp.servers import ServerProcess
from jkhttp.wrk import percentile

ERROR_SAMPLES = 5


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

    def all_latencies(self) -> list[float]:
        return sorted(itertools.chain.from_iterable(self.latencies.values()))


@dataclass(frozen=True)
class Sample:
    requests_per_s: float
    p50: float
    p99: float
    requests: int
    errors: int


class ReferralService:
    """The mix's cases against one referral service."""

    def __init__(self, database: str, server: ServerProcess) -> None:
        self.database, self.server = database, server
        self.serials = itertools.count()
        self.fixture = Fixture()
        self.today = self.fixture.today
        self.hospital = auth(self.fixture.hospital)
        self.platform = auth(self.fixture.platform)
        self.institution = {inst: auth(token)
                            for inst, token in self.fixture.institution.items()}

    def upload(self, serial: int) -> bytes:
        return self.fixture.upload(serial)

    async def worker(self, http: httpx.AsyncClient, window: Window) -> None:
        while not window.closed():
            await self.one_case(http, window)

    async def one_case(self, http: httpx.AsyncClient, window: Window) -> None:
        f = self.fixture
        created = await window.call(http, "upload", "POST", "/v1/referrals/medical-assessments",
                                    self.hospital, self.upload(next(self.serials)), 201)
        if created is None:
            return
        case = f"/v1/cases/{created.json()['case_id']}"
        dispatched = await window.call(http, "dispatch", "POST", f"{case}/dispatch",
                                       self.platform, f.dispatch, 200)
        if dispatched is None:
            return
        chosen = (dispatched.json().get("institution") or {}).get("institution_id")
        if chosen not in self.institution:
            window.flow_error("dispatch", f"no institution chosen: {dispatched.text[:300]}")
            return
        staff = self.institution[chosen]
        for op, path, body in (("acceptance", "acceptance", f.accept),
                               ("evaluation", "evaluations", f.evaluation),
                               ("agreement", "agreements", f.agreement)):
            if await window.call(http, op, "POST", f"{case}/{path}", staff, body, 200) is None:
                return
        for record in range(1, SERVICE_RECORDS_PER_CASE + 1):
            if await window.call(http, "service_record", "POST", f"{case}/service-records",
                                 staff, f.service_record, 200) is None:
                return
            if record % READ_EVERY == 0 and await window.call(
                    http, "get_case", "GET", case, staff, None, 200) is None:
                return


async def drive(target: ReferralService, clients: int, duration: float,
                repetition: int = 0) -> tuple[Sample, Window]:
    """One window: connect every client, then all send for ``duration`` seconds."""
    window = Window(duration)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with AsyncExitStack() as stack:
        https = [await stack.enter_async_context(httpx.AsyncClient(
            base_url=target.server.base_url, http1=True, http2=False, limits=limits,
            timeout=httpx.Timeout(60.0))) for _ in range(clients)]
        await asyncio.gather(*(http.get("/healthz") for http in https))  # connections open
        window.begin()
        await asyncio.gather(*(target.worker(http, window) for http in https))
    if not target.server.alive():
        raise RuntimeError(f"the service died:\n{target.server.log_tail()}")
    ordered = window.all_latencies()
    sample = Sample(window.ok / duration, percentile(ordered, 50), percentile(ordered, 99),
                    window.ok, sum(window.errors.values()))
    return sample, window
