"""Does an upload or a case read slow down as the event store grows?  p99 of each against a
store of ``--events`` events next to a store as good as empty, in the same run, driven by wrk.

What is filled, and why it is representative
--------------------------------------------
Two throwaway referral databases, migrated by ``jingkang migrate referral`` and seeded with
the directory of bench/http_bench.py, each served by ``jingkang serve referral`` as production
serves it.  On each, the service itself first takes one case per county through the whole mix
over HTTP (upload, dispatch, acceptance, evaluation, agreement, 10 service records, 5 reads:
15 events).  Then bench/jkhttp/fill.py copies those cases by COPY into

* ``events``: 15 events a case, in the mix's order, every case a stream of its own (there is
  no streams table: a stream's head is its last row in ``events``, found through the unique
  index on (stream_id, version)).  Data and metadata are the template's, as the service
  stored them, with the case's own ids, its own person (identity number, keyed hash) and the
  personal fields sealed under its own data key; the hash chain is computed as the store does
  (canonical JSON, chain_hash); positions are contiguous after the templates';
* ``event_seals``: a seal per event under the ledger key the service runs with;
* ``person_keys``: a data key per person, wrapped under the master key;
* ``cases``: the read-model row of each case, as the service would have written it after the
  last event: state ``in_service`` at one of the county's five institutions, the snapshot
  sealed under the person's key;
* ``access_log``: the five reads of each case.

Feed order: each batch of 1,000 cases is one transaction, and its events carry that
transaction's id, so the feed's (tx_id, position) order holds and every filled event comes
before anything the service appends later, as if the service had appended each batch in one
transaction.  Indexes stay in place while filling (the rows go through them as appends
would), then VACUUM ANALYZE and a checkpoint, as autovacuum would have left a loaded table.

Every filled case is a valid case (it reads, and ``GET /v1/cases/{id}/integrity`` passes);
what is synthetic is only that all cases of a county follow its template's times and bodies.
An upload touches: the person lock, the open-case check (``cases`` by person_key), the
person's key (``person_keys`` by patient_id), the append (unique checks on stream and event
id, five indexes of ``events``), a seal, the case row (six indexes of ``cases``).  A read
touches the case row, its key and an ``access_log`` insert.  Those are the tables filled, at
the proportions of the mix (per 15 events: one case, one person, five reads).

The "empty" store holds ``--baseline-events`` (3,000 by default: 200 cases) filled the same
way, so there are cases to read.  Reads draw at random from ``--read-sample`` cases sampled
uniformly from the whole store, with the token of the institution serving each; uploads are of
new persons (bench/wrk/upload.lua).

Measured: wrk -t1 -c32 --timeout 10s, ``--repetitions`` windows of ``--duration`` s per
(operation, store), the stores taking turns, after a warm-up of each; medians of req/s, p50
and p99, and p99 of the filled store over the empty one (goal ≤ 1.5).

Reproduce
---------
    .venv/bin/python bench/size_bench.py                       # 10,000,000 events
    .venv/bin/python bench/size_bench.py --events 1000000      # about 3 minutes to fill
    .venv/bin/python bench/size_bench.py --quick               # smoke: 30,000 events, 3 s windows

Needs wrk and a PostgreSQL server where the user may create databases
(``JINGKANG_BENCH_PG_URL``, default the local server); the databases ``jk_size_<random>_*`` are
dropped at the end.  Disk: about 1.1 GB per million events.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx

from pgserver import PgServer

from jkhttp import pyclient
from jkhttp.fill import fill
from jkhttp.fixture import COUNTIES, JWT_SECRET, Fixture, auth
from jkhttp.machine import describe_machine, load_average
from jkhttp.report import ceil2, fmt, print_errors
from jkhttp.servers import Target, migrate_service, progress, serve_referral
from jkhttp.wrk import Load, Run, run_wrk
from jingkang.common.web.auth import mint_token

ADMIN_URL_ENV = "JINGKANG_BENCH_PG_URL"
DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
GOAL_P99 = 1.5
SERIALS_PER_RUN = 1_000_000
OPERATIONS = {"upload": "upload", "read": "read"}  # operation -> wrk script


@dataclass(frozen=True)
class Settings:
    admin_url: str
    events: int
    baseline_events: int
    workers: int
    connections: int
    duration: int
    warmup: int
    repetitions: int
    read_sample: int


def parse_settings(argv: list[str] | None = None) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000,
                        help="events in the filled store (10,000,000)")
    parser.add_argument("--baseline-events", type=int, default=3_000,
                        help="events in the store as good as empty (3,000)")
    parser.add_argument("--workers", type=int, default=2, help="processes filling (2)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    parser.add_argument("--duration", type=int, default=15, help="seconds per window (15)")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up seconds (5)")
    parser.add_argument("--repetitions", type=int, default=3,
                        help="windows per operation and store (3)")
    parser.add_argument("--read-sample", type=int, default=10_000,
                        help="cases the reads draw from, per store (10,000)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 30,000 events, one 3 s window each")
    args = parser.parse_args(argv)
    if args.quick:
        args.events, args.duration, args.warmup, args.repetitions = 30_000, 3, 1, 1
    return Settings(os.environ.get(ADMIN_URL_ENV, DEFAULT_ADMIN_URL), args.events,
                    args.baseline_events, args.workers, args.connections, args.duration,
                    args.warmup, args.repetitions, args.read_sample)


async def template_cases(target: Target) -> None:
    """One case per county through the whole mix, over HTTP: the fill's templates."""
    service = pyclient.ReferralService(target.database, target.server)
    window = pyclient.Window(3600.0)
    window.begin()
    async with httpx.AsyncClient(base_url=target.server.base_url, timeout=30) as http:
        for _ in COUNTIES:
            await service.one_case(http, window)
    if window.error_samples:
        raise RuntimeError(f"template cases failed: {window.error_samples}")


async def check_filled(target: Target, fixture: Fixture,
                       cases: list[tuple[str, str]]) -> None:
    """Filled cases are valid: their chain and seals verify, and a read opens the person."""
    auditor = auth(mint_token(JWT_SECRET, sub="auditor-1", role="auditor", org_id="audit",
                              region="130000", ttl_seconds=600))
    async with httpx.AsyncClient(base_url=target.server.base_url, timeout=30) as http:
        for case_id, institution in cases:
            check = (await http.get(f"/v1/cases/{case_id}/integrity", headers=auditor)).json()
            read = await http.get(f"/v1/cases/{case_id}",
                                  headers=auth(fixture.institution[institution]))
            person = read.json().get("person") or {} if read.status_code == 200 else {}
            if not (check.get("valid") and check.get("seals_checked") == check.get(
                    "events_checked") and person.get("name") and not person.get("erased")):
                raise RuntimeError(f"filled case {case_id} is not valid: {check}; read "
                                   f"{read.status_code} {read.text[:300]}")


@dataclass
class Store:
    label: str
    target: Target
    config: Path
    events: int = 0
    fill_seconds: float = 0.0
    sizes: str = ""


async def prepare(pg: PgServer, workdir: Path, label: str, events: int, settings: Settings,
                  started: list[Target]) -> Store:
    database = await migrate_service(pg, workdir, label)
    target = await serve_referral(pg, database, workdir, label)
    started.append(target)
    await template_cases(target)
    written, seconds = await fill(pg.dsn(database), events, settings.workers, progress)
    conn = await asyncpg.connect(pg.dsn(database))
    try:
        total = int(await conn.fetchval("SELECT count(*) FROM events"))
        reads = [(r["case_id"], r["institution_id"]) for r in await conn.fetch(
            "SELECT case_id, institution_id FROM cases ORDER BY random() LIMIT $1",
            settings.read_sample)]
        sizes = await conn.fetch(
            "SELECT relname, pg_total_relation_size(oid) AS bytes FROM pg_class WHERE relname "
            "IN ('events', 'event_seals', 'cases', 'person_keys', 'access_log') ORDER BY 2 DESC")
        cases = int(await conn.fetchval("SELECT count(*) FROM cases"))
    finally:
        await conn.close()
    fixture = Fixture()
    await check_filled(target, fixture, reads[:3])
    config = fixture.write_lua_config(workdir / f"wrk-{label}.lua", reads)
    store = Store(label, target, config, total, seconds)
    store.sizes = (f"{total:,} events, {cases:,} cases; " + ", ".join(
        f"{r['relname']} {r['bytes'] / 2**20:,.0f} MB" for r in sizes) + " (with indexes)")
    progress(f"{label}: {store.sizes}")
    return store


def median(runs: list[Run], attribute: str) -> float:
    return statistics.median(getattr(r, attribute) for r in runs)


def report(stores: list[Store], runs: list[Run], settings: Settings) -> None:
    print("Per window (latency of every answer as wrk measured it)")
    print(f"{'operation':<9} {'store':<8} {'rep':>3} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'answers':>8} {'errors':>6}  {'server CPU ms/req':>17}")
    for run in sorted(runs, key=lambda r: (r.target, r.repetition)):
        operation, store = run.target.split(":")
        cpu = run.cpu.per_request_ms(run.ok_total)["server"] if run.cpu else float("nan")
        print(f"{operation:<9} {store:<8} {run.repetition:>3} {run.requests_per_s:>8,.0f} "
              f"{fmt(run.p50):>8} {fmt(run.p99):>8} {run.ok_total:>8,} {run.error_count:>6}  "
              f"{fmt(cpu, 2):>17}")
    print()
    print(f"Medians over {settings.repetitions} windows, wrk 1 thread, {settings.connections} "
          "connections")
    empty, filled = stores
    print(f"{'operation':<9} {'empty req/s':>11} {'filled req/s':>12} {'empty p99':>10} "
          f"{'filled p99':>10}  {'p99 filled/empty':>16}  goal ≤ {GOAL_P99:g}")
    for operation in OPERATIONS:
        a = [r for r in runs if r.target == f"{operation}:{empty.label}"]
        b = [r for r in runs if r.target == f"{operation}:{filled.label}"]
        ratio = median(b, "p99") / median(a, "p99")
        print(f"{operation:<9} {median(a, 'requests_per_s'):>11,.0f} "
              f"{median(b, 'requests_per_s'):>12,.0f} {median(a, 'p99'):>10.1f} "
              f"{median(b, 'p99'):>10.1f}  {ceil2(ratio):>16}  "
              f"{'met' if ratio <= GOAL_P99 else 'MISSED'}")
    print()
    print_errors({label: [r for r in runs if r.target.endswith(label)]
                  for label in (empty.label, filled.label)})


async def measure(settings: Settings, pg: PgServer, workdir: Path,
                  servers: list[Target]) -> None:
    description = await pg.describe()
    started = time.perf_counter()
    stores = [await prepare(pg, workdir, "empty", settings.baseline_events, settings, servers),
              await prepare(pg, workdir, "filled", settings.events, settings, servers)]
    print("Store size: an upload and a case read against a filled store and one as good as "
          "empty, driven by wrk")
    for line in describe_machine(description, {os.getpid(), *(s.target.server.pid
                                                                for s in stores)}):
        print(line)
    for store in stores:
        print(f"{store.label:<11} {store.sizes}; filled in {store.fill_seconds:,.0f} s "
              f"({store.events / max(store.fill_seconds, 1e-9):,.0f} events/s)")
    print(f"set-up      {time.perf_counter() - started:,.0f} s in all; reads draw from "
          f"{settings.read_sample:,} cases sampled from each store")
    print(f"load        wrk -t1 -c{settings.connections} --timeout 10s; {settings.repetitions} x "
          f"{settings.duration} s per operation and store after a {settings.warmup} s warm-up "
          "each; stores take turns; medians")
    print()
    bases = itertools.count(SERIALS_PER_RUN, SERIALS_PER_RUN)

    async def window(operation: str, store: Store, seconds: int, repetition: int) -> Run:
        load = Load(OPERATIONS[operation], settings.connections, seconds, store.config)
        return await run_wrk(load, store.target, next(bases), workdir,
                             f"{operation}:{store.label}", repetition)

    for operation in OPERATIONS:
        for store in stores:
            progress(f"warming up: {operation} on {store.label} ({settings.warmup} s)")
            await window(operation, store, settings.warmup, 0)
    runs: list[Run] = []
    for repetition in range(1, settings.repetitions + 1):
        for operation in OPERATIONS:
            order = stores if repetition % 2 else list(reversed(stores))
            for store in order:
                progress(f"repetition {repetition}/{settings.repetitions}: {operation} on "
                         f"{store.label} ({settings.duration} s)")
                await asyncio.sleep(1.0)
                run = await window(operation, store, settings.duration, repetition)
                runs.append(run)
                progress(f"  {run.requests_per_s:,.0f} req/s, p99 {run.p99:.1f} ms, "
                         f"{run.error_count} errors")
    report(stores, runs, settings)
    print(f"load        {load_average()} at the end")


async def main(settings: Settings) -> None:
    pg = PgServer(settings.admin_url, "jk_size")
    servers: list[Target] = []
    with tempfile.TemporaryDirectory(prefix="jk-size-bench-") as tmp:
        try:
            await measure(settings, pg, Path(tmp), servers)
        finally:
            for target in servers:
                await target.server.stop()
            await pg.drop_all()


if __name__ == "__main__":
    asyncio.run(main(parse_settings()))
