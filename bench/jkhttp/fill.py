"""A referral store filled by COPY with cases made after real ones (bench/size_bench.py).

The service first takes one case per county through the whole mix over HTTP (the
templates).  Every filled case copies its county's template, with everything that makes a
case its own made anew and sealed as the service seals it: case id, event ids, person
(identity number, keyed hash, data key wrapped under the master key), the personal fields
sealed under that key (the upload event's and the case state's), the institution of the
county it is served by (one of five), request ids, times, the hash chain and a seal per event
under the ledger key.  So every filled case is a valid case: it reads, and its integrity
check passes.  Rows are written by COPY in batches of ``BATCH_CASES`` cases, each batch in a
transaction of its own whose id is the batch's ``tx_id``: the feed order of the store's own
appends, as if the service had appended a batch's events in one transaction.
"""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import hmac
import json
import os
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg
from stdnum.cn import ric

from jingkang.common.adapters.crypto import KeyWrapper, parse_master_key
from jingkang.common.settings import (
    DEVELOPMENT_LEDGER_KEY, DEVELOPMENT_MASTER_KEY, DEVELOPMENT_PERSON_KEY,
)
from jingkang.referral.adapters.protection import (
    DataKey, protect_event, protect_state, reveal_event, reveal_state,
)
from jingkang_events import GENESIS_HASH, LedgerKey, canonical_json
from jingkang_events._chain import chain_hash, format_time  # the store's own, not exported

from jkhttp.fixture import COUNTIES, INSTITUTIONS_PER_COUNTY

BATCH_CASES = 1_000
EVENT_COLUMNS = ("position", "event_id", "stream_id", "stream_type", "version", "type",
                 "schema_version", "data", "metadata", "recorded_at", "prev_hash", "hash",
                 "tx_id")
SEAL_COLUMNS = ("position", "tx_id", "stream_id", "version", "key_id", "seal")
KEY_COLUMNS = ("key_id", "patient_id", "wrapped_key", "created_at")
LOG_COLUMNS = ("at", "actor_id", "role", "org_id", "method", "path", "object_type",
               "object_id", "status", "outcome", "client", "request_id")
_BIRTH_FIRST = date(1950, 1, 1)
_BIRTH_DAYS = (date(2000, 12, 31) - _BIRTH_FIRST).days + 1


@dataclass
class Template:
    """A real case of one county as the service stored it, personal fields opened."""

    county: str
    institution: str  # the institution the service dispatched it to
    case_id: str
    events: list[dict[str, Any]]  # type, schema_version, data (opened), metadata (dict)
    case_row: dict[str, Any]  # the cases row, snapshot opened (a dict)
    reads: list[dict[str, Any]]  # its access_log rows


async def capture_templates(dsn: str) -> list[Template]:
    """The templates: the database's cases (one per county), opened with the dev keys."""
    wrapper = KeyWrapper(parse_master_key(DEVELOPMENT_MASTER_KEY))
    conn = await asyncpg.connect(dsn)
    try:
        templates = []
        for row in await conn.fetch("SELECT c.*, k.wrapped_key FROM cases c JOIN person_keys k "
                                    "USING (key_id) ORDER BY residence_region"):
            case = dict(row)
            key = DataKey(case["key_id"], wrapper.unwrap(case["key_id"], case.pop("wrapped_key")))
            keys = {key.key_id: key}
            events = [{"type": e["type"], "schema_version": e["schema_version"],
                       "data": reveal_event(e["type"], case["case_id"], json.loads(e["data"]),
                                            keys),
                       "metadata": json.loads(e["metadata"])}
                      for e in await conn.fetch(
                          "SELECT type, schema_version, data::text AS data, metadata::text AS "
                          "metadata FROM events WHERE stream_id = $1 ORDER BY version",
                          case["case_id"])]
            case["snapshot"] = reveal_state(case["case_id"], json.loads(case["snapshot"]), key)
            reads = [dict(r) for r in await conn.fetch(
                f"SELECT {', '.join(LOG_COLUMNS)} FROM access_log WHERE object_id = $1 "
                "ORDER BY id", case["case_id"])]
            templates.append(Template(case["residence_region"], case["institution_id"],
                                      case["case_id"], events, case, reads))
        return templates
    finally:
        await conn.close()


def _replace(value: Any, old: str, new: str) -> Any:
    """``value`` (JSON-like) with every string's ``old`` replaced by ``new``."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, dict):
        return {k: _replace(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, old, new) for v in value]
    return value


@dataclass
class Variant:
    """A template moved to one institution of its county, texts ready for substitution."""

    template: Template
    institution: str
    upload: dict[str, Any]  # the first event's data, opened
    data: list[str]  # canonical data texts of the other events (case id to substitute)
    metadata: list[str]  # canonical metadata texts (request ids to substitute)
    request_ids: list[str]  # each event's template request id
    snapshot: dict[str, Any]


def variants(templates: list[Template]) -> dict[tuple[str, int], Variant]:
    """Each template at each of its county's institutions: (county, 1..5) -> variant."""
    out = {}
    for t in templates:
        suffix = t.institution.rsplit("-", 1)[1]
        for i in range(1, INSTITUTIONS_PER_COUNTY + 1):
            old, new = f"{t.county}-{suffix}", f"{t.county}-{i}"
            events = _replace(t.events, old, new)
            out[(t.county, i)] = Variant(
                t, f"inst-{t.county}-{i}", events[0]["data"],
                [canonical_json(e["data"]) for e in events[1:]],
                [canonical_json(e["metadata"]) for e in events],
                [e["metadata"].get("request_id") or "" for e in events],
                _replace(t.case_row["snapshot"], old, new))
    return out


def identity_number(county: str, serial: int) -> str:
    born = _BIRTH_FIRST + timedelta(days=serial % _BIRTH_DAYS)
    body = f"{county}{born:%Y%m%d}{serial // _BIRTH_DAYS % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


class Maker:
    """Rows of filled cases; one per worker process."""

    def __init__(self, templates: list[Template], start: datetime, step: timedelta) -> None:
        self.variants = variants(templates)
        self.wrapper = KeyWrapper(parse_master_key(DEVELOPMENT_MASTER_KEY))
        self.ledger = LedgerKey.from_base64(DEVELOPMENT_LEDGER_KEY)
        self.person_secret = DEVELOPMENT_PERSON_KEY.encode()
        self.start, self.step = start, step
        self.per_case = len(templates[0].events)

    def case(self, serial: int, first_position: int, tx_id: int,
             rows: dict[str, list[tuple[Any, ...]]]) -> None:
        """Serial n's case: its events from ``first_position``, appended to ``rows``."""
        county = COUNTIES[serial % len(COUNTIES)]
        v = self.variants[(county, serial // len(COUNTIES) % INSTITUTIONS_PER_COUNTY + 1)]
        t = v.template
        case_id, key_id = str(uuid.uuid4()), str(uuid.uuid4())
        secret = os.urandom(32)
        key = DataKey(key_id, secret)
        number = identity_number(county, serial)
        person_key = hmac.new(self.person_secret, number.encode(), hashlib.sha256).hexdigest()
        first = _replace(v.upload, t.case_id, case_id)
        first["person"] = {**first["person"], "id_number": number}
        first["person_key"] = person_key
        datas = [canonical_json(protect_event(t.events[0]["type"], case_id, first, key))]
        datas += [text.replace(t.case_id, case_id) for text in v.data]
        prev = GENESIS_HASH
        times = []
        for version, (event, data) in enumerate(zip(t.events, datas, strict=True), start=1):
            position = first_position + version - 1
            when = self.start + self.step * position
            times.append(when)
            event_id = str(uuid.uuid4())
            metadata = v.metadata[version - 1]
            if v.request_ids[version - 1]:
                metadata = metadata.replace(v.request_ids[version - 1], str(uuid.uuid4()))
            digest = chain_hash(prev, event_id=event_id, stream_id=case_id, stream_type="case",
                                version=version, type=event["type"],
                                schema_version=event["schema_version"],
                                recorded_at=format_time(when), data_json=data,
                                metadata_json=metadata)
            rows["events"].append((position, uuid.UUID(event_id), case_id, "case", version,
                                   event["type"], event["schema_version"], data, metadata,
                                   when, prev, digest, tx_id))
            rows["event_seals"].append((position, tx_id, case_id, version, self.ledger.key_id,
                                        self.ledger.seal(position, tx_id, case_id, version,
                                                         digest)))
            prev = digest
        rows["person_keys"].append((key_id, person_key, self.wrapper.wrap(key_id, secret),
                                    times[0]))
        state = _replace(v.snapshot, t.case_id, case_id)
        state["person_key"] = person_key
        snapshot = protect_state(case_id, state, key)
        row = {**t.case_row, "case_id": case_id, "person_key": person_key, "key_id": key_id,
               "institution_id": v.institution, "served_by": f",{v.institution},",
               "created_at": times[0], "updated_at": times[-1],
               "snapshot": json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"))}
        rows["cases"].append(tuple(row.values()))
        span = (times[-1] - times[0]) / max(len(t.reads), 1)
        for i, read in enumerate(t.reads):
            rows["access_log"].append(tuple(
                {**read, "at": times[0] + span * (i + 1), "actor_id": f"staff-{v.institution}",
                 "org_id": v.institution, "path": f"/v1/cases/{case_id}",
                 "object_id": case_id}.values()))


@dataclass(frozen=True)
class Plan:
    dsn: str
    templates: list[Template]
    cases: int
    first_position: int  # of the first filled event
    start: datetime  # recorded_at of position 0; one ``step`` later per position
    step: timedelta
    case_columns: tuple[str, ...]


async def _fill_batches(plan: Plan, worker: int, workers: int) -> int:
    maker = Maker(plan.templates, plan.start, plan.step)
    conn = await asyncpg.connect(plan.dsn)
    written = 0
    try:
        batches = range(worker, -(-plan.cases // BATCH_CASES), workers)
        for batch in batches:
            async with conn.transaction():
                tx_id = int(await conn.fetchval("SELECT pg_current_xact_id()::text"))
                rows: dict[str, list[tuple[Any, ...]]] = {
                    "events": [], "event_seals": [], "person_keys": [], "cases": [],
                    "access_log": []}
                for serial in range(batch * BATCH_CASES,
                                    min((batch + 1) * BATCH_CASES, plan.cases)):
                    maker.case(serial, plan.first_position + serial * maker.per_case, tx_id,
                               rows)
                for table, columns in (("events", EVENT_COLUMNS), ("event_seals", SEAL_COLUMNS),
                                       ("person_keys", KEY_COLUMNS),
                                       ("cases", plan.case_columns),
                                       ("access_log", LOG_COLUMNS)):
                    await conn.copy_records_to_table(table, records=rows[table],
                                                     columns=list(columns))
                written += len(rows["events"])
    finally:
        await conn.close()
    return written


def _worker(plan: Plan, worker: int, workers: int) -> int:
    return asyncio.run(_fill_batches(plan, worker, workers))


async def fill(dsn: str, events: int, workers: int, progress: Any) -> tuple[int, float]:
    """Fill the database at ``dsn`` (holding the templates) with about ``events`` more events,
    in ``workers`` processes; then restart the identities, VACUUM ANALYZE and CHECKPOINT.
    Returns (events written, seconds)."""
    templates = await capture_templates(dsn)
    if len(templates) != len(COUNTIES):
        raise RuntimeError(f"expected one template case per county, found {len(templates)}")
    per_case = len(templates[0].events)
    conn = await asyncpg.connect(dsn)
    try:
        first = int(await conn.fetchval("SELECT coalesce(max(position), 0) FROM events")) + 1
        case_columns = tuple(r["attname"] for r in await conn.fetch(
            "SELECT attname FROM pg_attribute WHERE attrelid = 'cases'::regclass AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attnum"))
    finally:
        await conn.close()
    cases = events // per_case
    end = datetime.now(UTC) - timedelta(days=1)
    step = timedelta(days=365) / max(cases * per_case, 1)
    plan = Plan(dsn, templates, cases, first, end - step * (first + cases * per_case), step,
                case_columns)
    started = time.perf_counter()
    progress(f"filling {cases:,} cases ({cases * per_case:,} events) with {workers} workers")
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        written = sum(await asyncio.gather(*(loop.run_in_executor(pool, _worker, plan, w, workers)
                                             for w in range(workers))))
    filled = time.perf_counter() - started
    progress(f"  {written:,} events in {filled:.0f} s ({written / filled:,.0f}/s); "
             "VACUUM ANALYZE, CHECKPOINT")
    conn = await asyncpg.connect(dsn)
    try:
        top = int(await conn.fetchval("SELECT max(position) FROM events"))
        await conn.execute(f"ALTER TABLE events ALTER COLUMN position RESTART WITH {top + 1}")
        await conn.execute("VACUUM (ANALYZE)")
        await conn.execute("CHECKPOINT")
    finally:
        await conn.close()
    return written, filled
