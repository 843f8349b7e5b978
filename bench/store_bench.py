"""Append and feed-read throughput of the event store on PostgreSQL, next to a ceiling and a peer.

What is measured
----------------
Appends per second and events per second, for 1 sequential writer and for 16 concurrent
writers, appending 1 event or a batch of 10 events per append.  Each writer appends to streams
of its own, starting a new stream every 100 appends and passing the right expected version
each time, as a service would.  Every append is a durable commit on its own.

* store     -- ``EventStore.append`` of ``jingkang_events`` (hash chain, optimistic concurrency
               checked in the statement, gap-free feed by transaction id).  Writers are asyncio
               tasks sharing one store; the schema comes from the project's Alembic migrations.
* store, sealed -- the same with a ledger key, as the services run it: each append is one
               transaction that also writes the events' seals (HMAC-SHA256) to ``event_seals``.
               The plain ``store`` row is the unsealed cost, from the same run.
* ceiling   -- plain asyncpg INSERTs into a table with the same columns, indexes and unique
               constraints (the migrated ``events`` table, triggers dropped), no chain and no
               checks: per event only a new uuid, ``json.dumps`` and the clock.  One event is
               one autocommitted INSERT; a batch is tried both as ``executemany`` inside a
               transaction and as one ``INSERT ... SELECT unnest(...)``, and the faster of the
               two is the ceiling.  Same asyncio tasks, and a pool made by the store's own
               ``connect`` (same size and settings).
* peer      -- the ``eventsourcing`` library's PostgreSQL recorders (psycopg 3), writers as
               threads, on a table made by the library's own ``create_table()``.
               ``PostgresApplicationRecorder`` is the peer the goals refer to: like the store it
               keeps a gap-free global feed (it locks the table per insert to get one).
               ``PostgresAggregateRecorder`` (no global feed) is shown for reference.

Every contender gets a fresh database for each (writers, batch) combination.  After a short
warm-up every table is ANALYZEd, as autovacuum would have done within a minute in production
(``--no-analyze`` skips this: prepared statements then keep plans made for an empty table).
The contenders then take turns, repetition by repetition, so background noise spreads over all
of them; the medians over the repetitions are reported.  At the end each contender's table is
counted to check that it holds exactly the events reported.

Feed reads: the store fills a fresh database (16 writers, batches of 10), then the whole feed is
read from the start with ``store.read_feed(cursor, limit=500)`` until a page comes back empty,
once per repetition.

All contenders write the same event: about 450 bytes of JSON data with some Chinese text, and
the store's metadata (actor, role, organisation, request id).

The output ends with the load average and the share of CPU time the hypervisor stole during
the run: on a small shared VM both move the numbers a lot, so compare ratios from one run
rather than absolute rates from different runs.

Reproduce
---------
Against a PostgreSQL server where the user may create databases (default: the local server,
trust auth; otherwise set ``JINGKANG_BENCH_PG_URL`` to an admin URL)::

    make bench                                    # installs the bench extras, then runs this
    .venv/bin/python bench/store_bench.py         # full run, about 4-5 minutes
    .venv/bin/python bench/store_bench.py --quick # smoke run: 1 repetition of 1 second

The throwaway databases are named ``jk_bench_<random>_...`` and dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import statistics
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version as package_version
from typing import Any

import asyncpg

from pgserver import PgServer
from jingkang_events import (
    EventStore, EventTypes, FeedCursor, LedgerKey, Metadata, NewEvent, connect,
)

ADMIN_URL_ENV = "JINGKANG_BENCH_PG_URL"
DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"

EVENT_TYPE = "ThingHappened"
STREAM_TYPE = "bench"
PEER_TOPIC = "bench.events:ThingHappened"
APPENDS_PER_STREAM = 100
FEED_PAGE_SIZE = 500
FEED_FILL_WRITERS = 16
FEED_FILL_BATCH = 10
PLACEHOLDER_HASH = "ab" * 32

GOAL_CEILING_SEQUENTIAL = 0.7  # one writer: store >= 0.7 x ceiling
GOAL_CEILING_CONCURRENT = 0.6  # 16 writers: store >= 0.6 x ceiling
GOAL_PEER_CONCURRENT = 3.0     # 16 writers: store >= 3 x peer
CONCURRENT_WRITERS = 16


# --- the event everyone writes ---------------------------------------------------------------

PAYLOAD: dict[str, Any] = {
    "referral_id": "R-2026-004217",
    "patient": {"name": "张伟", "district": "浦东新区", "age_band": "40-49"},
    "from_org": "浦东新区精神卫生中心",
    "to_org": "花木街道阳光心园社区康复站",
    "diagnosis": "F20.0",
    "risk_level": 2,
    "reason": "病情稳定，出院后转介至社区康复，需定期随访与服药管理。",
    "services": ["medication_management", "social_skills", "vocational_rehab"],
    "due_date": "2026-12-01",
}


def event_data(seq: int) -> dict[str, Any]:
    return {**PAYLOAD, "seq": seq}


def event_metadata(seq: int) -> Metadata:
    return Metadata(actor_id="u-20931", role="hospital", org_id="h-0017", request_id=f"req-{seq}")


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- settings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    admin_url: str
    duration: float
    repetitions: int
    warmup: float
    writer_counts: tuple[int, ...]
    batch_sizes: tuple[int, ...]
    pool_size: int
    feed_events: int
    loop: str
    analyze: bool


def _int_list(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(","))


def parse_settings(argv: list[str] | None = None) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, help="seconds per repetition (default 2)")
    parser.add_argument("--repetitions", type=int, help="repetitions per measurement (default 5)")
    parser.add_argument("--warmup", type=float, help="warm-up seconds per measurement (default 1)")
    parser.add_argument("--feed-events", type=int, help="events in the feed read test "
                        "(default 30000)")
    parser.add_argument("--writers", type=_int_list, default=(1, CONCURRENT_WRITERS),
                        help="comma-separated writer counts (default 1,16)")
    parser.add_argument("--batches", type=_int_list, default=(1, 10),
                        help="comma-separated events per append (default 1,10)")
    parser.add_argument("--pool-size", type=int, default=16,
                        help="connections per contender's pool (default 16)")
    parser.add_argument("--loop", choices=("uvloop", "asyncio"), default="uvloop",
                        help="event loop (default uvloop, as `jingkang serve` runs)")
    parser.add_argument("--no-analyze", dest="analyze", action="store_false",
                        help="skip the ANALYZE after the warm-up: measure tables whose "
                        "statistics still say empty, as in a database's first minute")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 1 repetition of 1 s, short warm-up, small feed")
    args = parser.parse_args(argv)
    quick = {"duration": 1.0, "repetitions": 1, "warmup": 0.3, "feed_events": 5_000}
    full = {"duration": 2.0, "repetitions": 5, "warmup": 1.0, "feed_events": 30_000}
    chosen = {key: getattr(args, key) if getattr(args, key) is not None
              else (quick if args.quick else full)[key] for key in full}
    if args.pool_size < max(args.writers):
        parser.error("--pool-size must be at least the largest writer count")
    return Settings(admin_url=os.environ.get(ADMIN_URL_ENV, DEFAULT_ADMIN_URL),
                    writer_counts=args.writers, batch_sizes=args.batches,
                    pool_size=args.pool_size, loop=args.loop, analyze=args.analyze, **chosen)


# --- throwaway databases ----------------------------------------------------------------------


@asynccontextmanager
async def fresh_database(server: PgServer, label: str, *, migrated: bool) -> AsyncIterator[str]:
    name = await (server.create_migrated(label) if migrated else server.create(label))
    try:
        yield name
    finally:
        await server.drop(name)


# --- writers ----------------------------------------------------------------------------------


class Streams:
    """One writer's streams: a new stream every ``APPENDS_PER_STREAM`` appends."""

    def __init__(self, new_id: Callable[[int], Any]) -> None:
        self._new_id = new_id
        self._streams = 0
        self._appends = 0
        self.stream_id = new_id(0)
        self.version = 0  # events in the current stream: the next append's expected version

    def advance(self, events: int) -> None:
        self.version += events
        self._appends += 1
        if self._appends == APPENDS_PER_STREAM:
            self._streams += 1
            self._appends = 0
            self.stream_id = self._new_id(self._streams)
            self.version = 0


AsyncStep = Callable[[], Awaitable[None]]
SyncStep = Callable[[], None]


async def drive_tasks(writers: int, duration: float,
                      make_step: Callable[[int], AsyncStep]) -> tuple[int, float]:
    """Run ``writers`` asyncio tasks appending until the deadline; (appends, seconds)."""
    steps = [make_step(i) for i in range(writers)]
    start = time.perf_counter()
    deadline = start + duration

    async def writer(step: AsyncStep) -> int:
        count = 0
        while time.perf_counter() < deadline:
            await step()
            count += 1
        return count

    counts = await asyncio.gather(*(writer(step) for step in steps))
    return sum(counts), time.perf_counter() - start


def drive_threads(writers: int, duration: float,
                  make_step: Callable[[int], SyncStep]) -> tuple[int, float]:
    """Run ``writers`` threads appending until the deadline; (appends, seconds)."""
    steps = [make_step(i) for i in range(writers)]
    counts = [0] * writers
    errors: list[BaseException] = []
    barrier = threading.Barrier(writers + 1)
    deadline = 0.0

    def writer(i: int) -> None:
        barrier.wait()
        try:
            while time.perf_counter() < deadline:
                steps[i]()
                counts[i] += 1
        except BaseException as exc:  # reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,), daemon=True) for i in range(writers)]
    for thread in threads:
        thread.start()
    start = time.perf_counter()
    deadline = start + duration
    barrier.wait()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return sum(counts), time.perf_counter() - start


@dataclass(frozen=True)
class Sample:
    appends_per_s: float
    events_per_s: float


class Contender:
    """One way of appending: ``run`` measures it, ``stored`` counts what its table holds."""

    name: str
    is_threaded = False

    def __init__(self) -> None:
        self.events_written = 0

    def step(self, batch: int, tag: str) -> Any:
        raise NotImplementedError

    async def stored(self) -> int:
        raise NotImplementedError

    async def analyze(self) -> None:
        """Refresh the table's planner statistics, as autovacuum would by now in production."""
        raise NotImplementedError

    async def run(self, writers: int, batch: int, duration: float, tag: str) -> Sample:
        def make_step(i: int) -> Any:
            return self.step(batch, f"{tag}-w{i}")

        if self.is_threaded:
            appends, seconds = await asyncio.to_thread(drive_threads, writers, duration,
                                                       make_step)
        else:
            appends, seconds = await drive_tasks(writers, duration, make_step)
        self.events_written += appends * batch
        return Sample(appends / seconds, appends * batch / seconds)


# --- the store --------------------------------------------------------------------------------


@asynccontextmanager
async def open_store(server: PgServer, label: str, pool_size: int, *,
                     sealed: bool = False) -> AsyncIterator[EventStore]:
    async with fresh_database(server, label, migrated=True) as name:
        db = await connect(server.sqlalchemy_url(name), pool_size=pool_size)
        types = EventTypes()
        types.register(EVENT_TYPE)
        store = EventStore(db, types, ledger_key=LedgerKey(os.urandom(32)) if sealed else None)
        try:
            await store.start()
            yield store
        finally:
            await store.stop()
            await db.close()


class StoreContender(Contender):
    name = "store"

    def __init__(self, store: EventStore, name: str = "store") -> None:
        super().__init__()
        self.store = store
        self.name = name

    def step(self, batch: int, tag: str) -> AsyncStep:
        store = self.store
        streams = Streams(lambda k: f"{tag}-s{k}")

        async def append() -> None:
            expected = streams.version
            events = [NewEvent(EVENT_TYPE, event_data(seq), metadata=event_metadata(seq))
                      for seq in range(expected + 1, expected + 1 + batch)]
            result = await store.append(streams.stream_id, STREAM_TYPE, expected, events)
            if result.version != expected + batch:
                raise RuntimeError(f"{streams.stream_id}: version {result.version} after "
                                   f"appending {batch} at {expected}")
            streams.advance(batch)

        return append

    async def stored(self) -> int:
        async with self.store.db.connection() as conn:
            return await conn.fetchval("SELECT count(*) FROM events")

    async def analyze(self) -> None:
        async with self.store.db.connection() as conn:
            await conn.execute("ANALYZE events")
            await conn.execute("ANALYZE event_seals")


# --- the ceiling: plain asyncpg INSERTs -------------------------------------------------------

_COLUMNS = ("event_id, stream_id, stream_type, version, type, schema_version, data, metadata, "
            "recorded_at, prev_hash, hash, tx_id")
_TX_ID = "pg_current_xact_id()::text::bigint"
CEILING_INSERT = (f"INSERT INTO {{table}} ({_COLUMNS}) "
                  f"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, {_TX_ID})")
CEILING_UNNEST = (
    f"INSERT INTO {{table}} ({_COLUMNS}) "
    f"SELECT e.event_id, e.stream_id, e.stream_type, e.version, e.type, e.schema_version, "
    f"e.data::json, e.metadata::json, e.recorded_at, e.prev_hash, e.hash, {_TX_ID} "
    f"FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[], "
    f"$7::text[], $8::text[], $9::timestamptz[], $10::text[], $11::text[]) "
    f"AS e(event_id, stream_id, stream_type, version, type, schema_version, data, metadata, "
    f"recorded_at, prev_hash, hash)"
)
CEILING_LABELS = {"insert": "ceiling: INSERT", "executemany": "ceiling: executemany in tx",
                  "unnest": "ceiling: INSERT ... unnest"}
CEILING_SETUP = [
    "DROP TRIGGER events_no_update ON events",
    "DROP TRIGGER events_no_delete ON events",
    "DROP TRIGGER events_no_truncate ON events",
    "DROP FUNCTION events_refuse_change()",
    # A twin for the unnest variant, so each variant fills a table of its own.
    "CREATE TABLE events_unnest (LIKE events INCLUDING ALL)",
]


@asynccontextmanager
async def open_ceiling(server: PgServer, label: str, pool_size: int) -> AsyncIterator[asyncpg.Pool]:
    """A raw asyncpg pool made by the store's own ``connect``: whatever the store's database
    layer sets on its pool (size, connection reset), the ceiling gets too."""
    async with fresh_database(server, label, migrated=True) as name:
        db = await connect(server.sqlalchemy_url(name), pool_size=pool_size)
        try:
            pool: asyncpg.Pool = db.pool  # type: ignore[attr-defined]  # PostgresDatabase
            async with pool.acquire() as conn:
                for statement in CEILING_SETUP:
                    await conn.execute(statement)
            yield pool
        finally:
            await db.close()


def ceiling_row(stream_id: str, seq: int) -> tuple[Any, ...]:
    """One event as a plain row: what a service must produce at the least."""
    return (uuid.uuid4(), stream_id, STREAM_TYPE, seq, EVENT_TYPE, 1, to_json(event_data(seq)),
            to_json(event_metadata(seq).to_dict()), datetime.now(UTC), PLACEHOLDER_HASH,
            PLACEHOLDER_HASH)


class CeilingContender(Contender):
    """``insert``: one INSERT per event; ``executemany``: one transaction per batch;
    ``unnest``: one multi-row INSERT per batch."""

    def __init__(self, pool: asyncpg.Pool, mode: str, table: str) -> None:
        super().__init__()
        self.pool, self.mode, self.table = pool, mode, table
        self.name = CEILING_LABELS[mode]

    def step(self, batch: int, tag: str) -> AsyncStep:
        pool, mode = self.pool, self.mode
        insert = CEILING_INSERT.format(table=self.table)
        unnest = CEILING_UNNEST.format(table=self.table)
        streams = Streams(lambda k: f"{tag}-s{k}")

        async def append() -> None:
            first = streams.version + 1
            rows = [ceiling_row(streams.stream_id, seq) for seq in range(first, first + batch)]
            async with pool.acquire() as conn:
                if mode == "insert":
                    for row in rows:
                        await conn.execute(insert, *row)
                elif mode == "executemany":
                    async with conn.transaction():
                        await conn.executemany(insert, rows)
                else:
                    await conn.execute(unnest, *map(list, zip(*rows, strict=True)))
            streams.advance(batch)

        return append

    async def stored(self) -> int:
        return await self.pool.fetchval(f"SELECT count(*) FROM {self.table}")

    async def analyze(self) -> None:
        await self.pool.execute(f"ANALYZE {self.table}")


# --- the peer: eventsourcing's PostgreSQL recorders -------------------------------------------


@asynccontextmanager
async def open_peer(server: PgServer, label: str, recorder_class: type,
                    pool_size: int) -> AsyncIterator[Any]:
    from eventsourcing.postgres import PostgresDatastore

    async with fresh_database(server, label, migrated=False) as name:
        url = server.admin
        datastore = PostgresDatastore(
            dbname=name, host=url.host or "127.0.0.1", port=url.port or 5432,
            user=url.username or "postgres", password=url.password or "",
            pool_size=pool_size, max_overflow=0)
        try:
            recorder = recorder_class(datastore)
            await asyncio.to_thread(recorder.create_table)
            yield recorder
        finally:
            await asyncio.to_thread(datastore.close)


def peer_state(seq: int) -> bytes:
    """The same data and metadata, as the bytes an eventsourcing transcoder would store."""
    return to_json({"data": event_data(seq), "metadata": event_metadata(seq).to_dict()}).encode()


class PeerContender(Contender):
    is_threaded = True

    def __init__(self, recorder: Any, name: str) -> None:
        super().__init__()
        self.recorder = recorder
        self.name = name

    def step(self, batch: int, tag: str) -> SyncStep:
        from eventsourcing.persistence import StoredEvent

        recorder = self.recorder
        streams = Streams(lambda _: uuid.uuid4())

        def append() -> None:
            first = streams.version + 1
            recorder.insert_events([
                StoredEvent(originator_id=streams.stream_id, originator_version=seq,
                            topic=PEER_TOPIC, state=peer_state(seq))
                for seq in range(first, first + batch)])
            streams.advance(batch)

        return append

    def _execute(self, statement: str) -> Any:
        with self.recorder.datastore.get_connection() as conn:
            cursor = conn.execute(statement.format(table=self.recorder.events_table_name))
            return cursor.fetchone() if cursor.description else None

    async def stored(self) -> int:
        row = await asyncio.to_thread(self._execute, "SELECT count(*) AS n FROM {table}")
        return row["n"]

    async def analyze(self) -> None:
        await asyncio.to_thread(self._execute, "ANALYZE {table}")


# --- one (writers, batch) combination ---------------------------------------------------------

SEALED = "store, sealed"
PEER_APPLICATION = "peer: ApplicationRecorder"
PEER_AGGREGATE = "peer: AggregateRecorder"


async def lineup(stack: AsyncExitStack, server: PgServer, settings: Settings, batch: int,
                 label: str) -> list[Contender]:
    """Open each contender's fresh database and return them in turn order."""
    from eventsourcing.postgres import PostgresAggregateRecorder, PostgresApplicationRecorder

    pool = settings.pool_size
    store = await stack.enter_async_context(open_store(server, f"{label}_store", pool))
    sealed = await stack.enter_async_context(
        open_store(server, f"{label}_sealed", pool, sealed=True))
    ceiling = await stack.enter_async_context(open_ceiling(server, f"{label}_ceiling", pool))
    application = await stack.enter_async_context(
        open_peer(server, f"{label}_peer_app", PostgresApplicationRecorder, pool))
    aggregate = await stack.enter_async_context(
        open_peer(server, f"{label}_peer_agg", PostgresAggregateRecorder, pool))
    ceilings = ([CeilingContender(ceiling, "insert", "events")] if batch == 1 else
                [CeilingContender(ceiling, "executemany", "events"),
                 CeilingContender(ceiling, "unnest", "events_unnest")])
    return [StoreContender(store), StoreContender(sealed, SEALED), *ceilings, PeerContender(application, PEER_APPLICATION),
            PeerContender(aggregate, PEER_AGGREGATE)]


@dataclass
class Cell:
    writers: int
    batch: int
    name: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def events_per_s(self) -> float:
        return statistics.median(s.events_per_s for s in self.samples)

    @property
    def appends_per_s(self) -> float:
        return statistics.median(s.appends_per_s for s in self.samples)


async def measure_combination(server: PgServer, settings: Settings, writers: int,
                              batch: int) -> list[Cell]:
    label = f"w{writers}b{batch}"
    async with AsyncExitStack() as stack:
        contenders = await lineup(stack, server, settings, batch, label)
        cells = [Cell(writers, batch, c.name) for c in contenders]
        for contender in contenders:
            await contender.run(writers, batch, settings.warmup, f"{label}-warm")
            if settings.analyze:
                await contender.analyze()
        for rep in range(settings.repetitions):
            for contender, cell in zip(contenders, cells, strict=True):
                cell.samples.append(await contender.run(writers, batch, settings.duration,
                                                        f"{label}-r{rep}"))
            progress(f"  {label} repetition {rep + 1}/{settings.repetitions}: " + ", ".join(
                f"{c.name} {c.samples[-1].events_per_s:,.0f}" for c in cells) + " events/s")
        for contender in contenders:
            await check_stored(contender)
    return cells


async def check_stored(contender: Contender) -> None:
    stored = await contender.stored()
    if stored != contender.events_written:
        raise RuntimeError(f"{contender.name}: {stored} events stored, "
                           f"{contender.events_written} reported")


# --- feed reads -------------------------------------------------------------------------------


async def append_concurrently(contender: StoreContender, appends: int, tag: str) -> None:
    """Make ``appends`` appends of ``FEED_FILL_BATCH`` events with ``FEED_FILL_WRITERS`` writers."""
    remaining = appends

    async def writer(i: int) -> None:
        nonlocal remaining
        append = contender.step(FEED_FILL_BATCH, f"{tag}-w{i}")
        while remaining > 0:
            remaining -= 1
            await append()

    await asyncio.gather(*(writer(i) for i in range(FEED_FILL_WRITERS)))


async def fill_feed(store: EventStore, events: int, *, analyze: bool) -> int:
    """Append ``events`` (rounded up to whole batches); the number appended.

    With ``analyze`` the statistics are refreshed after the first 2,000 events and at the end,
    as autovacuum would; without, every append keeps planning for an empty table.
    """
    contender = StoreContender(store)
    appends = -(-events // FEED_FILL_BATCH)
    first = min(appends, 2_000 // FEED_FILL_BATCH)
    await append_concurrently(contender, first, "feed-a")
    if analyze:
        await contender.analyze()
    await append_concurrently(contender, appends - first, "feed-b")
    if analyze:
        await contender.analyze()
    return appends * FEED_FILL_BATCH


async def read_whole_feed(store: EventStore) -> tuple[int, float]:
    start = time.perf_counter()
    cursor, count = FeedCursor(), 0
    while True:
        page = await store.read_feed(cursor, limit=FEED_PAGE_SIZE)
        if not page.events:
            return count, time.perf_counter() - start
        count += len(page.events)
        cursor = page.next


async def measure_feed(server: PgServer, settings: Settings) -> tuple[int, list[float]]:
    async with open_store(server, "feed", settings.pool_size) as store:
        expected = await fill_feed(store, settings.feed_events, analyze=settings.analyze)
        await read_whole_feed(store)  # warm-up: caches, prepared statements
        rates = []
        for rep in range(settings.repetitions):
            count, seconds = await read_whole_feed(store)
            if count != expected:
                raise RuntimeError(f"feed served {count} events, {expected} were appended")
            rates.append(count / seconds)
            progress(f"  feed repetition {rep + 1}/{settings.repetitions}: "
                     f"{rates[-1]:,.0f} events/s")
    return expected, rates


# --- report -----------------------------------------------------------------------------------


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def print_header(settings: Settings, pg: dict[str, str]) -> None:
    data_bytes = len(to_json(event_data(1)).encode())
    metadata_bytes = len(to_json(event_metadata(1).to_dict()).encode())
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print("Event store append and feed benchmark")
    print(f"machine     {cores} cores ({usable} usable), {platform.machine()}, "
          f"Python {platform.python_version()}, event loop {settings.loop}")
    print(f"packages    asyncpg {package_version('asyncpg')}, eventsourcing "
          f"{package_version('eventsourcing')}, psycopg {package_version('psycopg')}")
    print(f"PostgreSQL  {pg['server_version']}: fsync={pg['fsync']}, "
          f"synchronous_commit={pg['synchronous_commit']}, "
          f"wal_sync_method={pg['wal_sync_method']}, shared_buffers={pg['shared_buffers']}")
    print(f"event       {data_bytes} bytes of data JSON + {metadata_bytes} bytes of metadata; "
          f"a new stream every {APPENDS_PER_STREAM} appends")
    print(f"runs        median of {settings.repetitions} x {settings.duration:g} s after a "
          f"{settings.warmup:g} s warm-up; pool of {settings.pool_size} connections each")
    print("statistics  " + ("tables ANALYZEd after the warm-up, as autovacuum would have by now"
                          if settings.analyze else
                          "no ANALYZE: tables keep the statistics of an empty table"))
    print(f"load        {load_average()} at the start (other work on the machine skews results)")
    print()


def cpu_ticks() -> tuple[int, int, int] | None:
    """(all, idle, steal) jiffies of the whole machine, where /proc/stat tells."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    return sum(fields), fields[3] + fields[4], fields[7] if len(fields) > 7 else 0


def cpu_summary(start: tuple[int, int, int] | None) -> str:
    end = cpu_ticks()
    if start is None or end is None or end[0] == start[0]:
        return "CPU use unknown"
    elapsed, idle, steal = (e - s for e, s in zip(end, start, strict=True))
    return (f"CPU during the run: {1 - idle / elapsed:.0%} busy, {steal / elapsed:.1%} stolen by "
            f"the hypervisor")


def load_average() -> str:
    if not hasattr(os, "getloadavg"):
        return "load average unknown"
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def print_table(cells: list[Cell]) -> None:
    print(f"{'writers':>7} {'batch':>5}  {'contender':<28} {'appends/s':>10} {'events/s':>10}"
          f"  {'events/s min-max':>17}")
    previous = None
    for cell in cells:
        if previous and (previous.writers, previous.batch) != (cell.writers, cell.batch):
            print()
        rates = [s.events_per_s for s in cell.samples]
        print(f"{cell.writers:>7} {cell.batch:>5}  {cell.name:<28} {cell.appends_per_s:>10,.0f} "
              f"{cell.events_per_s:>10,.0f}  {min(rates):>8,.0f}-{max(rates):,.0f}")
        previous = cell
    print()


def ceiling_of(cells: Iterable[Cell]) -> Cell:
    return max((c for c in cells if c.name.startswith("ceiling")), key=lambda c: c.events_per_s)


def shown(ratio: float) -> str:
    """Two decimals, rounded down, so a ratio just under its goal never prints as the goal."""
    return f"{math.floor(ratio * 100) / 100:.2f}"


def verdict(ratio: float, goal: float | None) -> str:
    if goal is None:
        return f"{'':8} {'':4}"
    return f"≥ {goal:<4g}   {'met' if ratio >= goal else 'MISSED'}"


def goals_for(writers: int) -> tuple[float | None, float | None]:
    """The (store/ceiling, store/peer) goals for this many writers, where there are goals."""
    if writers >= CONCURRENT_WRITERS:
        return GOAL_CEILING_CONCURRENT, GOAL_PEER_CONCURRENT
    return (GOAL_CEILING_SEQUENTIAL if writers == 1 else None), None


def ratio_row(group: dict[str, Cell]) -> str:
    store, ceiling = group["store"], ceiling_of(group.values())
    to_ceiling = store.events_per_s / ceiling.events_per_s
    to_peer = store.events_per_s / group[PEER_APPLICATION].events_per_s
    to_aggregate = store.events_per_s / group[PEER_AGGREGATE].events_per_s
    ceiling_goal, peer_goal = goals_for(store.writers)
    return (f"{store.writers:>7} {store.batch:>5}  {ceiling.name.removeprefix('ceiling: '):<27} "
            f"{shown(to_ceiling):>13}  {verdict(to_ceiling, ceiling_goal):<15} "
            f"{shown(to_peer):>10}  {verdict(to_peer, peer_goal):<15} {shown(to_aggregate):>19}")


def print_ratios(cells: list[Cell]) -> None:
    print("Ratios of medians (events/s, rounded down); the ceiling is the faster plain-INSERT "
          "variant, the peer is the ApplicationRecorder")
    print(f"{'writers':>7} {'batch':>5}  {'ceiling used':<27} {'store/ceiling':>13}  "
          f"{'goal':<15} {'store/peer':>10}  {'goal':<15} {'store/AggregateRec.':>19}")
    for combination in dict.fromkeys((c.writers, c.batch) for c in cells):
        print(ratio_row({c.name: c for c in cells if (c.writers, c.batch) == combination}))
    print()
    print("Seals: events/s of the sealed store against the unsealed one, same run")
    for combination in dict.fromkeys((c.writers, c.batch) for c in cells):
        group = {c.name: c for c in cells if (c.writers, c.batch) == combination}
        store, sealed = group["store"], group[SEALED]
        print(f"{store.writers:>7} {store.batch:>5}  {sealed.events_per_s:>10,.0f} / "
              f"{store.events_per_s:>10,.0f} = {shown(sealed.events_per_s / store.events_per_s)}")
    print()
    print(f"Goals: with {CONCURRENT_WRITERS} concurrent writers store ≥ "
          f"{GOAL_CEILING_CONCURRENT:g} x ceiling and ≥ {GOAL_PEER_CONCURRENT:g} x peer; "
          f"with one sequential writer store ≥ {GOAL_CEILING_SEQUENTIAL:g} x ceiling.")


def print_feed(events: int, rates: list[float]) -> None:
    print()
    print(f"Feed read: store.read_feed(cursor, limit={FEED_PAGE_SIZE}) from the start until "
          f"empty, {events:,} events: median {statistics.median(rates):,.0f} events/s "
          f"(min-max {min(rates):,.0f}-{max(rates):,.0f})")


# --- main -------------------------------------------------------------------------------------


async def main(settings: Settings) -> None:
    server = PgServer(settings.admin_url, "jk_bench")
    ticks = cpu_ticks()
    try:
        print_header(settings, await server.describe())
        cells: list[Cell] = []
        for writers in settings.writer_counts:
            for batch in settings.batch_sizes:
                progress(f"measuring {writers} writer(s), {batch} event(s) per append")
                cells += await measure_combination(server, settings, writers, batch)
        progress("measuring feed reads")
        feed_events, feed_rates = await measure_feed(server, settings)
        print_table(cells)
        print_ratios(cells)
        print_feed(feed_events, feed_rates)
        print(f"{load_average()} at the end; {cpu_summary(ticks)}")
    finally:
        await server.drop_all()


def run() -> None:
    settings = parse_settings()
    if settings.loop == "uvloop":
        import uvloop

        loop_factory = uvloop.new_event_loop
    else:
        loop_factory = asyncio.new_event_loop
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        runner.run(main(settings))


if __name__ == "__main__":
    run()
