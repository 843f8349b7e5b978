"""Requests per second and latency of the referral service over HTTP, next to a ceiling,
driven by wrk.

What is measured
----------------
* ceiling -- bench/http_ceiling_app.py: a bare FastAPI app with one POST endpoint that does
             one asyncpg INSERT (uuid, text, jsonb) inside a transaction, served as the service
             is, on a throwaway database of its own.  Load: bench/wrk/ceiling.lua, ~500-byte
             JSON bodies (a new uuid and serial each), about the size of the service's.
* upload  -- the real referral service, started as production starts it
             (``python -m jingkang.cli serve referral``: uvicorn, uvloop, httptools, one
             process) on a throwaway PostgreSQL database migrated with
             ``python -m jingkang.cli migrate referral``.  Its institution directory is seeded
             straight into the ``institutions`` table: 20 institutions in four Shijiazhuang
             counties, with room enough that none fills up.  (The directory consumer points at
             a closed port and just retries.)  Load: bench/wrk/upload.lua, every request a
             medical assessment uploaded by a hospital for a person of its own.
* mix     -- the same service under the realistic closed-loop mix, bench/wrk/mix.lua: each
             case goes through::

                 upload a medical assessment (hospital)      POST /v1/referrals/medical-assessments
                 dispatch, institution chosen by residence    POST /v1/cases/{id}/dispatch  {}
                 accept, evaluate, sign the agreement (the institution the dispatch answer names)
                 10 service records, a case read after every second one (5 x GET /v1/cases/{id})

             so a case is 20 requests, 15 of them writes; as many cases are under way as wrk
             has connections (mix.lua says how cases are scheduled over connections).

All three are driven by ``wrk -t1 -c32 --timeout 10s`` (one thread, 32 keep-alive
connections, each sending its next request when the previous one is answered).  The tokens
(HS256, as ``jingkang token`` mints them) and bodies are made in Python (jkhttp/fixture.py) as
the earlier Python driver made them, and handed to the scripts in a settings file.

After a warm-up of each (then ANALYZE, as autovacuum would have done by then), the three take
turns for ``--repetitions`` windows of ``--duration`` seconds, in the order ceiling, upload,
mix and reversed in the next repetition.  Reported per window and as medians: requests/s
(answers with the expected 2xx status), p50/p99 of every answer from wrk's own histogram,
errors (every other status, socket errors, timeouts), and CPU time per request of the server
process, of PostgreSQL backends, of wrk and of everything else.  Then the ratios to the ceiling
next to the goals (mix: throughput ≥ 0.5 x, p99 ≤ 1.5 x; upload: throughput ≥ 0.4 x), and the
mix per operation (count, errors, p50/p95/p99, timed by the script).  At the end the events
stored are checked against the successful POSTs.

wrk runs on the same machine and cores as the servers and PostgreSQL; it needs far less CPU
per request than the servers (see the client column), so the ceiling is no longer capped by
its client as it was with a Python one.  Compare the ratios of one run, not absolute rates
across runs or machines.

Reproduce
---------
Needs wrk (Debian/Ubuntu: ``apt-get install wrk``; built with LuaJIT) and a PostgreSQL server
where the user may create databases (default: the local server, trust auth; otherwise set
``JINGKANG_BENCH_PG_URL`` to an admin URL)::

    .venv/bin/pip install -e '.[test,bench]'
    .venv/bin/python bench/http_bench.py            # 3 x 20 s per target, about 4 minutes
    .venv/bin/python bench/http_bench.py --quick    # smoke run: 1 repetition of 3 s

The throwaway databases are named ``jk_http_<random>_service`` / ``..._ceiling`` and dropped at
the end.  Progress (and the server PIDs, for a profiler) goes to stderr, results to stdout.
bench/profile_bench.py profiles the service under the upload load.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pgserver import PgServer

from jkhttp.fixture import (
    COUNTIES, INSTITUTIONS_PER_COUNTY, READ_EVERY, SERVICE_RECORDS_PER_CASE, Fixture,
)
from jkhttp.machine import describe_machine, load_average
from jkhttp.report import (
    print_errors, print_medians, print_operations, print_ratios, print_runs, summarise,
)
from jkhttp.servers import Target, analyze, progress, start_ceiling, start_service
from jkhttp.wrk import CRASHED, Load, Run, run_wrk

ADMIN_URL_ENV = "JINGKANG_BENCH_PG_URL"
DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
GOALS = {"mix": (0.5, 1.5), "upload": (0.4, None)}  # throughput ≥, p99 ≤ (× the ceiling's)
SERIALS_PER_RUN = 1_000_000  # identity numbers of one wrk run (~18 million in all)


@dataclass(frozen=True)
class Settings:
    admin_url: str
    connections: int
    duration: int
    warmup: int
    repetitions: int
    workers: int


def parse_settings(argv: list[str] | None = None) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    parser.add_argument("--duration", type=int, default=20,
                        help="seconds per measured window (20)")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up seconds per target (5)")
    parser.add_argument("--repetitions", type=int, default=3, help="windows per target (3)")
    parser.add_argument("--workers", type=int, default=1,
                        help="worker processes of the service and of the ceiling alike (1)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 1 repetition of 3 s after a 1 s warm-up")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.warmup, args.repetitions = 3, 1, 1
    if min(args.connections, args.duration, args.repetitions, args.warmup, args.workers) < 1:
        parser.error("--connections, --duration, --warmup, --repetitions and --workers must "
                     "be at least 1")
    return Settings(os.environ.get(ADMIN_URL_ENV, DEFAULT_ADMIN_URL), args.connections,
                    args.duration, args.warmup, args.repetitions, args.workers)


def print_header(settings: Settings, pg: dict[str, str], fixture: Fixture,
                 targets: dict[str, Target]) -> None:
    print("HTTP benchmark: the referral service next to a bare FastAPI + asyncpg ceiling, "
          "driven by wrk")
    for line in describe_machine(pg, {os.getpid(), *(t.server.pid for t in targets.values())}):
        print(line)
    processes = ("1 process each" if settings.workers == 1 else
                 f"{settings.workers} worker processes each (and a supervisor)")
    print(f"servers     uvicorn, loop=uvloop, http=httptools, {processes}; pool of 10 "
          "connections a process")
    print(f"load        wrk -t1 -c{settings.connections} --timeout 10s, closed loop; "
          f"{settings.repetitions} x {settings.duration} s per target after a "
          f"{settings.warmup} s warm-up each (then ANALYZE); targets take turns; medians")
    sizes = fixture.body_sizes()
    reads = SERVICE_RECORDS_PER_CASE // READ_EVERY
    print(f"mix         per case: upload, dispatch, acceptance, evaluation, agreement, "
          f"{SERVICE_RECORDS_PER_CASE} service records, {reads} case reads = "
          f"{5 + SERVICE_RECORDS_PER_CASE + reads} requests; {len(COUNTIES)} counties x "
          f"{INSTITUTIONS_PER_COUNTY} institutions")
    print(f"bodies      upload {sizes['upload']} B, service record {sizes['service_record']} B, "
          f"evaluation {sizes['evaluation']} B; ceiling {sizes['ceiling']} B (POST /items, one "
          f"INSERT of uuid, text, jsonb in a transaction)")
    print()


async def check_stored(pg: PgServer, service: Target, ceiling: Target,
                       runs: list[Run], connections: int) -> None:
    """Each successful POST wrote one event (service) or one row (ceiling); requests still out
    when a wrk run ended were answered after it and so are stored but not counted."""
    for target, labels in ((service, ("upload", "mix")), (ceiling, ("ceiling",))):
        mine = [r for r in runs if r.target in labels]
        posts = sum(r.posts for r in mine)
        table = "events" if target is service else "items"
        stored = await pg.run(target.database, f"SELECT count(*) FROM {table}")
        slack = connections * len(mine)
        crashed = CRASHED.get(target.name, 0)
        if crashed:  # a crashed window stored what it sent, and no tally came back from it
            verdict = "consistent" if stored >= posts else "INCONSISTENT"
            print(f"Stored ({target.name}, warm-up included): {posts:,} successful POSTs "
                  f"counted, {stored:,} {table} ({verdict}: at least as many; {crashed} "
                  f"window(s) whose wrk crashed stored answers it never tallied)")
            continue
        verdict = ("consistent" if 0 <= stored - posts <= slack else "INCONSISTENT")
        print(f"Stored ({target.name}, warm-up included): {posts:,} successful POSTs counted, "
              f"{stored:,} {table} ({verdict}: at most {slack:,} more, the requests out when "
              f"{len(mine)} wrk runs ended)")


async def measure(settings: Settings, pg: PgServer, workdir: Path,
                  started: list[Target]) -> None:
    """Start the servers (appended to ``started``), warm up, take turns, print."""
    description = await pg.describe()
    service = await start_service(pg, workdir, settings.workers)
    started.append(service)
    ceiling = await start_ceiling(pg, workdir, settings.workers)
    started.append(ceiling)
    fixture = Fixture()
    config = fixture.write_lua_config(workdir / "wrk-config.lua")
    targets = {"ceiling": ceiling, "upload": service, "mix": service}
    print_header(settings, description, fixture, targets)
    bases = itertools.count(0, SERIALS_PER_RUN)

    async def window(name: str, seconds: int, repetition: int) -> Run:
        load = Load(name, settings.connections, seconds, config)
        return await run_wrk(load, targets[name], next(bases), workdir, name, repetition)

    every: list[Run] = []
    for name in targets:
        progress(f"warming up: {name} ({settings.warmup} s)")
        every.append(await window(name, settings.warmup, 0))
        await analyze(pg, targets[name].database)
    measured: list[Run] = []
    for repetition in range(1, settings.repetitions + 1):
        order = list(targets) if repetition % 2 else list(reversed(targets))
        for name in order:
            progress(f"repetition {repetition}/{settings.repetitions}: {name} "
                     f"({settings.duration} s)")
            await asyncio.sleep(1.0)  # let the previous window's requests finish
            run = await window(name, settings.duration, repetition)
            measured.append(run)
            progress(f"  {run.requests_per_s:,.0f} req/s, p99 {run.p99:.1f} ms, "
                     f"{run.error_count} errors")
    every += measured

    measured.sort(key=lambda r: (list(targets).index(r.target), r.repetition))
    print_runs(measured, settings.workers)
    summaries = {name: summarise([r for r in measured if r.target == name]) for name in targets}
    print_medians(summaries, settings.repetitions, settings.connections, settings.workers)
    print_ratios(summaries, GOALS, settings.connections)
    print_operations([r for r in measured if r.target == "mix"])
    print_errors({name: [r for r in every if r.target == name] for name in targets})
    for target in started:
        await target.server.stop()
    await check_stored(pg, service, ceiling, every, settings.connections)
    print(f"load        {load_average()} at the end")


async def main(settings: Settings) -> None:
    pg = PgServer(settings.admin_url, "jk_http")
    started: list[Target] = []
    with tempfile.TemporaryDirectory(prefix="jk-http-bench-") as tmp:
        try:
            await measure(settings, pg, Path(tmp), started)
        finally:
            for target in started:
                await target.server.stop()
            await pg.drop_all()


def run(argv: list[str] | None = None) -> None:
    asyncio.run(main(parse_settings(argv)))


if __name__ == "__main__":
    sys.exit(run())
