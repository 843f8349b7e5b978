"""The services' logs as an operator reads them: one line per event with the service, the
time, the level and the request's id (JSON for a collector, readable lines for a terminal);
feed long-polls out of the info log; the request id answered and passed on; the process's
own metrics on /metrics."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from .support import running, service_env, token


def _serve_and_call(tmp_path: Path, fmt: str) -> tuple[list[str], httpx.Response, httpx.Response]:
    env = service_env(tmp_path, JINGKANG_LOG_FORMAT=fmt, JINGKANG_LOG_LEVEL="info")
    base = env["JINGKANG_REFERRAL_URL"]
    import subprocess
    import sys
    subprocess.run([sys.executable, "-m", "jingkang.cli", "migrate", "referral"], env=env,
                   check=True, capture_output=True)
    with running(["serve", "referral"], env, [base]) as process:
        given = httpx.get(f"{base}/v1/state-machine", headers={"X-Request-ID": "his-42.a"})
        made = httpx.get(f"{base}/v1/cases", headers={"X-Request-ID": "bad id!"})
        httpx.get(f"{base}/v1/events", params={"limit": 1},
                  headers={**token("auditor", region="130000"), "X-Request-ID": "poll-1"})
    lines = process.stderr.read().decode().splitlines()
    return lines, given, made


def test_json_lines_carry_service_time_level_and_request_id(tmp_path: Path) -> None:
    lines, given, made = _serve_and_call(tmp_path, "json")
    records = [json.loads(line) for line in lines if line.strip()]
    assert records and all(r["service"] == "referral" and r["level"] and r["time"]
                           for r in records)
    access = [r for r in records if r["logger"] == "uvicorn.access"]
    assert any(r.get("request_id") == "his-42.a" and "/v1/state-machine" in r["message"]
               for r in access)
    assert not any("/v1/events" in r["message"] for r in access)  # long-polls at debug
    assert given.headers["x-request-id"] == "his-42.a"
    generated = made.headers["x-request-id"]
    assert generated != "bad id!" and re.fullmatch(r"[0-9a-f-]{36}", generated)
    assert made.json()["code"] == "unauthenticated"


def test_console_lines_are_readable_in_a_shared_terminal(tmp_path: Path) -> None:
    lines, _, _ = _serve_and_call(tmp_path, "console")
    pattern = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d referral +[A-Z]+ +.+")
    assert lines and all(pattern.match(line) for line in lines if line.strip()), lines[:5]
    assert any(line.endswith("[his-42.a]") for line in lines)


def test_metrics_include_the_process_figures(tmp_path: Path) -> None:
    env = service_env(tmp_path)
    base = env["JINGKANG_REFERRAL_URL"]
    with running(["run"], env, [base, env["JINGKANG_REGISTRY_URL"]]):
        text = httpx.get(f"{base}/metrics").text
    for name in ("process_resident_memory_bytes", "process_cpu_seconds_total",
                 "process_open_fds", "python_gc_collections_total", "python_info"):
        assert name in text, name
