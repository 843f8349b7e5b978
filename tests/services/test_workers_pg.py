"""``jingkang serve --workers 2`` on PostgreSQL, as an operator runs it: the workers share one
rate-limit budget per client and one set of request metrics, and Ctrl-C stops them all.
SQLite, which takes one process, is refused with a clear message."""

from __future__ import annotations

import concurrent.futures
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .support import free_port, service_env, token, wait_until_healthy

pytestmark = pytest.mark.postgres


def _counted(metrics: str, route: str, status: int) -> float:
    pattern = (rf'jingkang_http_requests_total\{{method="GET",route="{re.escape(route)}",'
               rf'status="{status}"\}} ([0-9.e+]+)')
    return sum(float(value) for value in re.findall(pattern, metrics))


def test_two_workers_share_the_rate_limit_and_the_metrics(pg_url: str, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    env = service_env(tmp_path, JINGKANG_REFERRAL_DATABASE_URL=pg_url,
                      JINGKANG_RATE_LIMIT_PER_SECOND="0.01", JINGKANG_RATE_LIMIT_BURST="6",
                      JINGKANG_SHARED_STATE_DIR=str(shared))
    base = f"http://127.0.0.1:{env['JINGKANG_REFERRAL_PORT']}"
    process = subprocess.Popen([sys.executable, "-m", "jingkang.cli", "serve", "referral",
                                "--workers", "2"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    try:
        wait_until_healthy(base, process)
        auditor = token("auditor", region="130000")
        statuses = []
        for _ in range(20):  # a new connection each: the kernel hands them to either worker
            with httpx.Client(base_url=base) as http:
                statuses.append(http.get("/v1/cases", headers=auditor).status_code)
        # One budget for the client, not one per worker (which would let 12 through).
        assert statuses.count(200) == 6 and statuses.count(429) == 14, statuses
        served_by = {p.name.split("_")[1] for p in (shared / "metrics").glob("counter_*.db")}
        assert len(served_by) == 2, "both workers answered requests"
        for _ in range(6):  # whichever worker answers the scrape counts for both
            with httpx.Client(base_url=base) as http:
                metrics = http.get("/metrics").text
            assert _counted(metrics, "/v1/cases", 200) == 6
            assert _counted(metrics, "unmatched", 429) == 14
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
        assert process.returncode == 0, output.decode()
        assert not [pid for pid in served_by if Path(f"/proc/{pid}").exists()]  # workers gone
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_workers_on_the_embedded_sqlite_database_are_refused(tmp_path: Path) -> None:
    env = service_env(tmp_path, JINGKANG_WORKERS="2")
    result = subprocess.run([sys.executable, "-m", "jingkang.cli", "serve", "referral"],
                            env=env, capture_output=True, timeout=60)
    assert result.returncode == 2
    assert b"several workers need PostgreSQL" in result.stderr


def test_a_held_feed_call_answers_when_the_workers_are_told_to_stop(pg_url: str,
                                                                     tmp_path: Path) -> None:
    """Each worker, too, ends its held long-polls at once with the empty page (200) when the
    supervisor passes the stop on, instead of its graceful shutdown cutting them off."""
    env = service_env(tmp_path, JINGKANG_REFERRAL_DATABASE_URL=pg_url)
    base = f"http://127.0.0.1:{env['JINGKANG_REFERRAL_PORT']}"
    process = subprocess.Popen([sys.executable, "-m", "jingkang.cli", "serve", "referral",
                                "--workers", "2"], env=env)
    try:
        wait_until_healthy(base, process)
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            held = pool.submit(httpx.get, f"{base}/v1/events", params={"wait": 25},
                               headers=token("service"), timeout=60)
            time.sleep(1.0)  # the call is now held by one of the workers
            assert not held.done()
            started = time.monotonic()
            process.send_signal(signal.SIGTERM)
            response = held.result(timeout=60)
        assert response.status_code == 200 and response.json()["events"] == []
        assert time.monotonic() - started < 8  # not the 10 s graceful-shutdown timeout
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
