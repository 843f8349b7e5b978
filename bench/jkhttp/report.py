"""The tables bench/http_bench.py prints: per window, medians, ratios, per operation."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass

from jkhttp.cpu import SATURATED
from jkhttp.fixture import SERVICE_OPERATIONS
from jkhttp.wrk import Run, percentile

ERROR_SAMPLES = 5


def fmt(value: float, digits: int = 1) -> str:
    return "-" if math.isnan(value) else f"{value:,.{digits}f}"


def print_runs(runs: list[Run], workers: int = 1) -> None:
    print("Per window: requests/s = answers with the expected 2xx status per second; latency "
          "of every answer as wrk measured it;")
    print("errors = any other status, plus socket errors and timeouts.  CPU ms per answered "
          "request of the server process (server),")
    print("its PostgreSQL backends (pg), other PostgreSQL processes: WAL writer, checkpointer, "
          "other databases (pg bg), wrk (client),")
    print("and everything else incl. kernel and other users (rest); machine busy and stolen by "
          "the hypervisor, of all cores")
    print(f"{'target':<8} {'rep':>3} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} "
          f"{'errors':>6}   {'server':>6} {'pg':>6} {'pg bg':>6} {'client':>6} {'rest':>6}  "
          f"{'busy':>5} {'steal':>5}  {'server':>6} {'client':>6}")
    print(f"{'':<8} {'':>3} {'':>8} {'':>8} {'':>8} {'':>9} {'':>6}   "
          f"{'CPU ms per request':-^34}  {'machine':-^11}  {'of one core':-^13}")
    saturated = set()
    processes = {"server": workers, "client": 1}  # each can use a core at most
    for run in runs:
        cpu = run.cpu.per_request_ms(run.ok_total) if run.cpu else None
        cpu_text = (f"{cpu['server']:>6.2f} {cpu['postgres']:>6.2f} {cpu['pg_other']:>6.2f} "
                    f"{cpu['client']:>6.2f} {cpu['other']:>6.2f}  {run.cpu.busy_share:>5.0%} "
                    f"{run.cpu.steal_share:>5.1%}  "
                    f"{run.core_share('server'):>6.0%} {run.core_share('client'):>6.0%}"
                    if cpu and run.cpu else "CPU use unknown")
        print(f"{run.target:<8} {run.repetition:>3} {run.requests_per_s:>8,.0f} "
              f"{fmt(run.p50):>8} {fmt(run.p99):>8} {run.ok_total:>9,} {run.error_count:>6}   "
              f"{cpu_text}")
        for who, cores in processes.items():
            if run.core_share(who) >= SATURATED * cores:
                saturated.add((run.target, who))
    for target, who in sorted(saturated):
        bound = ("its processes are the bottleneck" if who == "server" else
                 "wrk's one thread is the bottleneck, so this rate is a floor of what the "
                 "target can do")
        cores = processes[who]
        print(f"note: in some {target} windows the {who} used ≥ {SATURATED:.0%} of "
              f"{'a core' if cores == 1 else f'{cores} cores'}: {bound}")
    print()


@dataclass(frozen=True)
class Summary:
    requests_per_s: float
    p50: float
    p99: float
    errors: int
    cpu_ms: dict[str, float]  # median CPU ms per request by whom; empty where unknown


def summarise(runs: list[Run]) -> Summary:
    per_request = [r.cpu.per_request_ms(r.ok_total) for r in runs if r.cpu]
    cpu_ms = ({k: statistics.median(c[k] for c in per_request) for k in per_request[0]}
              if per_request else {})
    return Summary(statistics.median(r.requests_per_s for r in runs),
                   statistics.median(r.p50 for r in runs),
                   statistics.median(r.p99 for r in runs),
                   sum(r.error_count for r in runs), cpu_ms)


def print_medians(summaries: dict[str, Summary], windows: int, connections: int,
                  workers: int = 1) -> None:
    print(f"Medians over {windows} windows each, wrk 1 thread, {connections} connections "
          f"(CPU ms per request as above)")
    print(f"{'target':<8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}   "
          f"{'server':>6} {'pg':>6} {'client':>6}   CPU bound of the server's processes")
    for name, s in summaries.items():
        cpu = s.cpu_ms
        bound = (f"~{workers * 1000 / cpu['server']:,.0f} req/s ({workers} x 1000 / server "
                 "CPU ms)" if cpu.get("server") else "")
        cpu_text = (f"{cpu['server']:>6.2f} {cpu['postgres']:>6.2f} {cpu['client']:>6.2f}   "
                    f"{bound}" if cpu else "CPU use unknown")
        print(f"{name:<8} {s.requests_per_s:>8,.0f} {fmt(s.p50):>8} {fmt(s.p99):>8} "
              f"{s.errors:>7}   {cpu_text}")
    print(f"(CPU bound: what the server's {workers} process(es) could answer with a core "
          "each of their own)")
    print()


def floor2(value: float) -> str:
    return f"{math.floor(value * 100) / 100:.2f}"


def ceil2(value: float) -> str:
    return f"{math.ceil(value * 100) / 100:.2f}"


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def print_ratios(summaries: dict[str, Summary], goals: dict[str, tuple[float, float | None]],
                 connections: int) -> None:
    """Each target against the ceiling; ``goals``: target -> (throughput ≥, p99 ≤ or None)."""
    ceiling = summaries["ceiling"]
    print("Ratios to the ceiling (medians; rounded against the goal)")
    for name, (throughput_goal, p99_goal) in goals.items():
        if name not in summaries:
            continue
        s = summaries[name]
        throughput, p99 = s.requests_per_s / ceiling.requests_per_s, s.p99 / ceiling.p99
        print(f"  {name + '/ceiling':<16} throughput {floor2(throughput):>5}  goal ≥ "
              f"{throughput_goal:g}  {_verdict(throughput >= throughput_goal):<6}   p99 "
              f"{ceil2(p99):>5}  " + (f"goal ≤ {p99_goal:g}  {_verdict(p99 <= p99_goal)}"
                                      if p99_goal else "(no goal)"))
    if connections != 32:
        print(f"  (run with {connections} connections: the goals are stated for 32)")
    print()


def print_operations(runs: list[Run]) -> None:
    """The mix per operation, all measured windows together."""
    merged: dict[str, list[float]] = {}
    errors: Counter[str] = Counter()
    sent: Counter[str] = Counter()
    for run in runs:
        for op, values in run.latencies.items():
            merged.setdefault(op, []).extend(values)
        for key, count in run.errors.items():
            errors[key.split(" ", 1)[0]] += count
        sent.update(run.sent)
    total_time = sum(sum(v) for v in merged.values()) or 1.0
    print("Mix per operation (all measured windows together; latency from request to answer "
          "as the script timed it)")
    print(f"{'operation':<15} {'count':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8} {'mean ms':>8} {'share of time':>14}")
    for op in (*SERVICE_OPERATIONS, "?"):
        values = sorted(merged.get(op, []))
        if not values and not errors.get(op):
            continue
        mean = statistics.fmean(values) if values else math.nan
        print(f"{op:<15} {len(values):>8,} {errors.get(op, 0):>6} "
              f"{fmt(percentile(values, 50)):>8} {fmt(percentile(values, 95)):>8} "
              f"{fmt(percentile(values, 99)):>8} {fmt(mean):>8} "
              f"{sum(values) / total_time:>14.0%}")
    unanswered = {op: sent[op] - len(merged.get(op, [])) - errors.get(op, 0) for op in sent}
    left = ", ".join(f"{op} {n}" for op, n in unanswered.items() if n)
    print(f"requests begun but not answered within a window (out when it ended: about one "
          f"per connection and window; or answered by an error counted under '?'): "
          f"{left or 'none'}")
    print()


def print_errors(runs: dict[str, list[Run]]) -> None:
    for name, group in runs.items():
        statuses: Counter[str] = Counter()
        for run in group:
            statuses.update(run.errors)
            statuses.update({f"socket {k}": v for k, v in run.socket_errors.items()})
        samples = [s for run in group for s in run.samples][:ERROR_SAMPLES]
        if statuses:
            print(f"Errors of the {name} (warm-up included): "
                  + ", ".join(f"{key} × {n}" for key, n in sorted(statuses.items())))
            for text in samples:
                print(f"  {text}")
            print()
