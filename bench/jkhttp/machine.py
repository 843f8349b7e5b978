"""What the report says about the machine and the code: load, busy processes, versions."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from importlib.metadata import version as package_version
from pathlib import Path

from jkhttp.cpu import CLOCK_TICKS, proc_ticks

ROOT = Path(__file__).resolve().parents[2]


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
            if not entry.isdigit():
                continue
            ticks = proc_ticks(entry)
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    words = cmdline.read().split(b"\0")
            except OSError:
                continue
            name = " ".join(Path(w.decode(errors="replace")).name if i == 0 else
                            w.decode(errors="replace") for i, w in enumerate(words[:3]))
            if ticks is not None:
                found[int(entry)] = (name.strip()[:60] or "?", ticks)
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
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                                 cwd=ROOT, check=True, capture_output=True,
                                 text=True).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return f"git {head}" + (f" with uncommitted changes in {len(changed)} files" if changed
                            else "")


def wrk_version() -> str:
    try:
        text = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    except OSError:
        return "wrk ?"
    return text.split(" Copyright")[0].strip() or "wrk ?"


def describe_machine(pg: dict[str, str], own: set[int]) -> list[str]:
    """The header lines every benchmark here prints: machine, packages, PostgreSQL, code, load."""
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    others = busy_processes(own)
    return [
        f"machine     {cores} cores ({usable} usable), {platform.machine()}, Python "
        f"{platform.python_version()}; wrk shares these cores with the servers and PostgreSQL",
        f"packages    fastapi {package_version('fastapi')}, uvicorn {package_version('uvicorn')}, "
        f"uvloop {package_version('uvloop')}, httptools {package_version('httptools')}, "
        f"asyncpg {package_version('asyncpg')}; {wrk_version()}",
        f"PostgreSQL  {pg['server_version']}: fsync={pg['fsync']}, synchronous_commit="
        f"{pg['synchronous_commit']}, wal_sync_method={pg['wal_sync_method']}, "
        f"shared_buffers={pg['shared_buffers']}",
        f"code        {code_version()}",
        f"load        {load_average()} at the start",
        f"            busy processes at the start: {', '.join(others) if others else 'none'}",
    ]
