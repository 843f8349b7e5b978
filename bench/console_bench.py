"""The console's work list against the bare API call it makes, over 10,000 cases in scope.

What is measured
----------------
The three services started as ``jingkang run`` starts them (SQLite under a temporary data
directory; ``--data-dir`` to keep one), 10,000 medical assessments uploaded through the
referral API (a hospital's token, ``--concurrency`` at a time; every case in 130102, so all are
in the platform's scope), the demo's console accounts created as ``jingkang demo`` does.  Then,
sequentially and in turns so both see the same database and machine state:

* console -- ``GET /cases`` (the first page of 50, rendered) and ``GET /queues/dispatch``
             through the console, signed in as ``demo-platform`` (a session cookie);
* api     -- the call each of those pages makes, ``GET /v1/cases?limit=50`` (and
             ``?due=dispatch&limit=50``), with a platform token, straight to the referral
             service.

``--requests`` timed requests of each after 5 untimed ones; median and p95 in milliseconds.
Goal: the console's case list under 300 ms median.  Progress goes to stderr, figures to stdout.

    .venv/bin/python bench/console_bench.py                # 10,000 cases, 50 requests each
    .venv/bin/python bench/console_bench.py --cases 500    # a smoke run
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from stdnum.cn import ric

from jingkang.common.web.auth import mint_token
from jingkang.console.config import Settings
from jingkang.demo.accounts import DEMO_ACCOUNTS, create_console_accounts

SECRET = "console-bench-secret-0123456789abcdef0123456789"
GOAL_MS = 300
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(data_dir: Path) -> dict[str, str]:
    ports = {name: free_port() for name in ("REFERRAL", "REGISTRY", "CONSOLE")}
    env = {**os.environ, "JINGKANG_DATA_DIR": str(data_dir), "JINGKANG_JWT_SECRET": SECRET,
           "JINGKANG_LOG_LEVEL": "warning",
           "JINGKANG_RATE_LIMIT_ENABLED": "false"}  # the seeding is one client, far over 50/s
    for name, port in ports.items():
        env[f"JINGKANG_{name}_PORT"] = str(port)
        env[f"JINGKANG_{name}_URL"] = f"http://127.0.0.1:{port}"
    return env


def wait_healthy(base: str, process: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"jingkang run exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{base} did not become healthy")


def id_number(serial: int) -> str:
    """A valid, distinct identity number per serial (Beijing Dongcheng, born from 1960 on)."""
    born = date(1960, 1, 1) + timedelta(days=serial // 900)
    body = f"110101{born:%Y%m%d}{100 + serial % 900:03d}"
    return body + ric.calc_check_digit(body + "0")


def assessment(serial: int) -> dict[str, Any]:
    return {
        "person": {"name": "张三", "id_number": id_number(serial), "phone": "13800138000",
                   "address": "长安区建设北大街1号",
                   "guardian": {"name": "李四", "relation": "母亲"}},
        "residence_region": "130102", "assessment_kind": "discharge",
        "assessed_on": "2026-10-30", "diagnosis": "精神分裂症", "risk_level": 1 + serial % 5,
        "recommendation": "病情稳定，建议社区康复",
        "consents": [{"purpose": purpose, "given_by": giver, "given_on": "2026-10-30"}
                     for purpose in ("referral_upload", "share_with_institution", "relocation")
                     for giver in ("patient", "guardian")],
    }


async def seed(referral: str, cases: int, concurrency: int) -> None:
    token = mint_token(SECRET, sub="bench-hospital", role="hospital", org_id="hosp-bench",
                       region="130100", ttl_seconds=24 * 3600)
    serials = iter(range(cases))
    started = time.monotonic()

    async def worker(http: httpx.AsyncClient) -> None:
        for serial in serials:
            answer = await http.post("/v1/referrals/medical-assessments",
                                     json=assessment(serial))
            if answer.status_code != 201:
                raise SystemExit(f"upload {serial}: {answer.status_code} {answer.text[:300]}")
            if serial and serial % 1000 == 0:
                progress(f"seeded {serial} of {cases} "
                         f"({serial / (time.monotonic() - started):.0f}/s)")

    async with httpx.AsyncClient(base_url=referral, timeout=60,
                                 headers={"Authorization": f"Bearer {token}"}) as http:
        await asyncio.gather(*(worker(http) for _ in range(concurrency)))
    progress(f"seeded {cases} cases in {time.monotonic() - started:.1f} s")


def signed_in_console(base: str) -> httpx.Client:
    account = next(a for a in DEMO_ACCOUNTS if a.username == "demo-platform")
    http = httpx.Client(base_url=base, timeout=60)
    csrf = _CSRF.search(http.get("/signin").text)
    answer = http.post("/signin", data={"username": account.username,
                                        "password": account.password,
                                        "csrf": csrf.group(1) if csrf else ""})
    if answer.status_code != 303:
        raise SystemExit(f"console sign-in: {answer.status_code}")
    return http


def timed(http: httpx.Client, path: str, params: dict[str, Any], expect: str) -> float:
    started = time.perf_counter()
    answer = http.get(path, params=params)
    elapsed = (time.perf_counter() - started) * 1000
    if answer.status_code != 200 or expect not in answer.text:
        raise SystemExit(f"{path}: {answer.status_code} {answer.text[:300]}")
    return elapsed


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def measure(env: dict[str, str], requests: int) -> list[tuple[str, list[float]]]:
    token = mint_token(SECRET, sub="bench-platform", role="platform", org_id="platform",
                       region="130000", ttl_seconds=24 * 3600)
    api = httpx.Client(base_url=env["JINGKANG_REFERRAL_URL"], timeout=60,
                       headers={"Authorization": f"Bearer {token}"})
    console = signed_in_console(env["JINGKANG_CONSOLE_URL"])
    targets = [
        ("console GET /cases", console, "/cases", {}, "个案列表"),
        ("api     GET /v1/cases?limit=50", api, "/v1/cases", {"limit": 50}, "next_cursor"),
        ("console GET /queues/dispatch", console, "/queues/dispatch", {}, "分派队列"),
        ("api     GET /v1/cases?due=dispatch&limit=50", api, "/v1/cases",
         {"due": "dispatch", "limit": 50}, "next_cursor"),
    ]
    samples: dict[str, list[float]] = {name: [] for name, *_ in targets}
    for round_ in range(requests + 5):  # in turns; the first five warm up
        for name, http, path, params, expect in targets:
            elapsed = timed(http, path, params, expect)
            if round_ >= 5:
                samples[name].append(elapsed)
    api.close()
    console.close()
    return list(samples.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="console-bench-"))
    env = environment(data_dir)
    process = subprocess.Popen([sys.executable, "-m", "jingkang.cli", "run"], env=env,
                               stdout=sys.stderr)  # its banner is progress, not figures
    try:
        for name in ("REFERRAL", "REGISTRY", "CONSOLE"):
            wait_healthy(env[f"JINGKANG_{name}_URL"], process)
        progress(f"services up (pid {process.pid}), data in {data_dir}")
        with contextlib.redirect_stdout(sys.stderr):
            create_console_accounts(Settings(_env_file=None, data_dir=data_dir))
        asyncio.run(seed(env["JINGKANG_REFERRAL_URL"], args.cases, args.concurrency))
        results = measure(env, args.requests)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    print(f"{args.cases} cases in scope, {args.requests} sequential requests each "
          f"(SQLite, one process per service)")
    print(f"{'target':<46} {'median ms':>10} {'p95 ms':>8}")
    for name, values in results:
        print(f"{name:<46} {statistics.median(values):>10.1f} {p95(values):>8.1f}")
    console_median = statistics.median(results[0][1])
    verdict = "met" if console_median < GOAL_MS else "NOT met"
    print(f"goal: console case list < {GOAL_MS} ms median: {verdict} ({console_median:.1f} ms)")


if __name__ == "__main__":
    main()
