"""CPU time by whom during a window, from /proc: the server, its PostgreSQL backends, other
PostgreSQL processes, the load generator (wrk, a child of this process) and the rest."""

from __future__ import annotations

import os
from dataclasses import dataclass

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
SATURATED = 0.85  # a process using this share of a core or more is (near) its limit


def proc_ticks(pid: int | str) -> int | None:
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
        ticks = proc_ticks(entry)
        if ticks is not None:
            (ours if f" {database} " in command else rest)[int(entry)] = ticks
    return ours, rest


@dataclass
class CpuSnapshot:
    machine: tuple[int, int, int] | None
    server: int | None
    pg_ours: dict[int, int]
    pg_rest: dict[int, int]


def cpu_snapshot(server_pid: int, database: str) -> CpuSnapshot:
    ours, rest = _postgres_ticks(database)
    return CpuSnapshot(_machine_ticks(), tree_ticks(server_pid), ours, rest)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listing:
            return [int(child) for child in listing.read().split()]
    except OSError:
        return []


def tree_ticks(pid: int) -> int | None:
    """CPU ticks of a process and of its children alive (a server's worker processes)."""
    own = proc_ticks(pid)
    if own is None:
        return None
    return own + sum(tree_ticks(child) or 0 for child in _children(pid))


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


def cpu_use(start: CpuSnapshot, end: CpuSnapshot, client_seconds: float) -> CpuUse | None:
    """What was used between the snapshots; ``client_seconds``: the load generator's CPU."""
    if None in (start.machine, end.machine, start.server, end.server):
        return None

    def grown(before: dict[int, int], after: dict[int, int]) -> int:
        return sum(ticks - before.get(pid, 0) for pid, ticks in after.items())

    busy = end.machine[0] - start.machine[0]  # type: ignore[index]
    total = end.machine[1] - start.machine[1]  # type: ignore[index]
    steal = end.machine[2] - start.machine[2]  # type: ignore[index]
    server = end.server - start.server  # type: ignore[operator]
    pg_ours, pg_rest = grown(start.pg_ours, end.pg_ours), grown(start.pg_rest, end.pg_rest)
    other = max(busy / CLOCK_TICKS - (server + pg_ours + pg_rest) / CLOCK_TICKS
                - client_seconds, 0.0)
    return CpuUse(server / CLOCK_TICKS, pg_ours / CLOCK_TICKS, pg_rest / CLOCK_TICKS,
                  client_seconds, other, busy / total if total else 0.0,
                  steal / total if total else 0.0)
