"""One measured window: wrk with one of the scripts under bench/wrk, and what it tallied."""

from __future__ import annotations

import asyncio
import json
import math
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jkhttp.cpu import CpuUse, cpu_snapshot, cpu_use
from jkhttp.servers import Target

SCRIPTS = Path(__file__).resolve().parents[1] / "wrk"
TIMEOUT = "10s"  # wrk's default of 2 s would count slow answers as errors and drop them
SOCKET_ERRORS = ("connect", "read", "write", "timeout")  # "status" is tallied by the scripts


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk not found: install it (Debian/Ubuntu: apt-get install wrk)")
    return found


def percentile(ordered: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of an ascending sequence."""
    if not ordered:
        return math.nan
    return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)]


@dataclass
class Run:
    """What one wrk run tallied: per operation (its script's names) and as wrk saw it."""

    target: str
    repetition: int
    duration: float  # seconds, as wrk measured its run
    answered: int  # every answer wrk read
    p50: float  # ms, wrk's own histogram of every answer
    p99: float
    ok: Counter[str] = field(default_factory=Counter)
    sent: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)  # "op status" -> count
    socket_errors: Counter[str] = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=dict)  # ms, mix only
    posts: int = 0
    samples: list[str] = field(default_factory=list)
    cpu: CpuUse | None = None
    wall: float = 0.0  # seconds between the CPU snapshots

    @property
    def ok_total(self) -> int:
        return sum(self.ok.values())

    @property
    def requests_per_s(self) -> float:
        return self.ok_total / self.duration if self.duration else math.nan

    @property
    def error_count(self) -> int:
        return sum(self.errors.values()) + sum(self.socket_errors.values())

    def core_share(self, who: str) -> float:
        """The share of one core that ``who`` (server or client) used during the window."""
        if self.cpu is None or not self.wall:
            return math.nan
        return getattr(self.cpu, who) / self.wall


def _counter(value: Any) -> Counter[str]:
    return Counter({k: int(v) for k, v in value.items()} if isinstance(value, dict) else {})


def parse(target: str, repetition: int, data: dict[str, Any]) -> Run:
    run = Run(target, repetition, data["duration_us"] / 1e6, int(data["requests"]),
              data["p50_us"] / 1000, data["p99_us"] / 1000)
    run.socket_errors = Counter({k: int(v) for k, v in data["socket_errors"].items()
                                 if k in SOCKET_ERRORS and v})
    for thread in data["threads"]:
        run.ok.update(_counter(thread["ok"]))
        run.sent.update(_counter(thread["sent"]))
        run.errors.update(_counter(thread["errors"]))
        run.posts += int(thread["posts"])
        run.samples += list(thread["samples"] or [])
        for op, values in (thread["lat"] or {}).items():
            run.latencies.setdefault(op, []).extend(v / 1000 for v in values)
    return run


@dataclass(frozen=True)
class Load:
    """How to drive: a script, connections (one thread), seconds, the scripts' settings file."""

    script: str  # ceiling, upload or mix
    connections: int
    seconds: int
    config: Path


async def run_wrk(load: Load, target: Target, base: int, workdir: Path, label: str,
                  repetition: int = 0) -> Run:
    """One window of ``load`` against ``target``; serials (identity numbers) from ``base``.
    Debian's wrk 4.1.0 now and then dies of a segmentation fault (signal 11) with a Lua
    script, in wrk itself: that window is run again, on new serials, once or twice."""
    for attempt in range(3):
        try:
            return await _run_wrk_once(load, target, base + attempt * 500_000, workdir, label,
                                       repetition)
        except WrkCrashed as crash:
            CRASHED[target.name] = CRASHED.get(target.name, 0) + 1
            print(f"wrk crashed ({crash}); the window is run again", file=sys.stderr)
    raise RuntimeError(f"wrk crashed three times running {load.script}")


# Windows whose wrk crashed, by target: what they stored was never tallied.
CRASHED: dict[str, int] = {}


class WrkCrashed(RuntimeError):
    """wrk was killed by a signal (not a refusal of ours: its exit status is negative)."""


async def _run_wrk_once(load: Load, target: Target, base: int, workdir: Path, label: str,
                        repetition: int) -> Run:
    out = workdir / f"wrk-{label}-{repetition}-{base}.json"
    env = os.environ | {"JK_CONFIG": str(load.config), "JK_BASE": str(base), "JK_OUT": str(out)}
    argv = [wrk_binary(), "-t1", f"-c{load.connections}", f"-d{load.seconds}s",
            "--timeout", TIMEOUT, "-s", str(SCRIPTS / f"{load.script}.lua"),
            target.server.base_url]
    before = cpu_snapshot(target.server.pid, target.database)
    started = asyncio.get_running_loop().time()
    with open(workdir / f"wrk-{label}.log", "ab") as log:
        process = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = await asyncio.to_thread(os.wait4, process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = asyncio.get_running_loop().time() - started
    after = cpu_snapshot(target.server.pid, target.database)
    if process.returncode < 0:
        raise WrkCrashed(f"signal {-process.returncode}")
    if process.returncode != 0 or not out.exists():
        raise RuntimeError(f"wrk failed ({process.returncode}): {' '.join(argv)}; see "
                           f"{workdir / f'wrk-{label}.log'}")
    if not target.server.alive():
        raise RuntimeError(f"{target.name} died:\n{target.server.log_tail()}")
    run = parse(label, repetition, json.loads(out.read_text(encoding="utf-8", errors="replace")))
    run.cpu = cpu_use(before, after, usage.ru_utime + usage.ru_stime)
    run.wall = wall
    return run
