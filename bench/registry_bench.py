"""The registry's case archive on PostgreSQL: rebuild rate, feed lag under load, progress summary.

What is measured
----------------
1. Rebuild rate.  A referral database is filled with ``--events`` case events (default
   1,000,000) through the event store's own ``EventStore.append``: real hash chains, real
   transaction ids, stream type ``case``, stream id = case id.  The cases of a generated
   province (Hebei, 130000: its 167 counties, two institutions each) arrive between 1 June and
   20 September 2026 and take the paths of the lifecycle: medical uploads or applications
   (approved, some rejected), dispatch (some waitlisted or declined first), acceptance,
   evaluation (some unsuitable), agreement, a service record every 3-10 days, reassessments,
   relocations to another county, relapses and returns from hospital, exits, withdrawals and
   follow-ups.  No event is recorded after 30 September, so 2026Q3 is a complete quarter; about
   a third of the cases are registered before it begins.  The data has the shape of the
   referral service's events (the first few thousand are checked against its models) and is
   stored as the service stores it: personal fields sealed under each person's data key, the
   keys wrapped in ``person_keys`` (the service is started with the same master key, so its
   feed opens them for the registry).  The events are appended in time order, so the feed
   interleaves cases as a live one does.

   The referral service is then started as production starts it (``jingkang serve referral``:
   uvicorn, uvloop, httptools, one process), an empty registry database is migrated, and the
   registry's archive is timed being rebuilt from the start with
   ``jingkang.registry.adapters.rebuild.rebuild_archive`` as ``jingkang replay registry``
   rebuilds it: the tables emptied and their secondary indexes set aside, the archive consumer
   (``jingkang.registry.bootstrap.archive_consumer``, pages of 2,000, up to 32 fetched ahead,
   transactions of up to 1,000,000 events) caught up, the indexes built, the tables analyzed:
   events/s.

   Baseline, in the same run: the same pages fetched from the same service with httpx and
   parsed with ``response.json()``, nothing applied.  Baseline reads and rebuilds take turns
   (baseline, rebuild, baseline, ...; each rebuild into a fresh registry database) and the
   medians are reported; the ratio says what applying the pages costs.

2. Feed lag under load.  The registry service runs as production runs it (``jingkang serve
   registry``, its consumer following the referral's feed over the rebuilt archive), while
   ``--load-clients`` closed-loop clients drive the referral service with the mix (upload,
   dispatch, acceptance, evaluation, agreement, 10 service records, 5 case reads per case;
   from Python, bench/jkhttp/pyclient.py) for ``--load-seconds``.  A thread polls the registry's
   ``consumer_cursors`` row every 20 ms (the cursor commits in the same transaction as the
   archive rows of its page).  Each event's lag is the time of the first poll that saw the
   cursor at or past it, minus the event's ``recorded_at``: an upper bound, at most one
   polling interval above the true lag.

3. Progress summary time.  ``GET /v1/statistics/progress?region=130000&period=2026Q3`` (the
   province: one row per city) and the same for a city (130100: one row per county) on the
   registry service over the rebuilt archive, as an auditor: one warm-up call, then the median
   of ``--progress-repetitions`` calls.

4. The reporting chain's province summary.  Every city of the province submits its 2026Q3
   report (live figures) and the province accepts each, over HTTP; then
   ``GET /v1/reports/130000/2026Q3/comparison`` — the province's figures drafted from its
   cities' accepted reports beside the live ones, and their differences — is timed like part 3
   (the live summary alone is part 3's province figure).

Part 3 runs before part 2 (on a quiet machine), but is printed last.  CPU seconds by process
(this process, the referral service, the registry service, the PostgreSQL backends of each
database) are shown for parts 1 and 2: they say which process limits the rate.

Reproduce
---------
Against a PostgreSQL server where the user may create databases (default: the local server,
trust auth; otherwise set ``JINGKANG_BENCH_PG_URL`` to an admin URL)::

    .venv/bin/pip install -e '.[test,bench]'
    .venv/bin/python bench/registry_bench.py                   # 1,000,000 events
    .venv/bin/python bench/registry_bench.py --events 100000   # a quick check

The throwaway databases are named ``jk_registry_<random>_...`` and dropped at the end.
Progress (and the server PIDs, for a profiler) goes to stderr, results to stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import hashlib
import heapq
import hmac
import json
import math
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import httpx
import psycopg
from stdnum.cn import ric

from jkhttp import fixture, machine, pyclient
from jkhttp.servers import ServerProcess, clean_environment, free_port, run_checked
from pgserver import PgServer
from jingkang.common.adapters.crypto import KeyWrapper, new_master_key, parse_master_key
from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang.common.domain.regions import RegionTable
from jingkang.common.settings import DEVELOPMENT_PERSON_KEY
from jingkang.common.web.auth import mint_token
from jingkang.referral.adapters.protection import DataKey, protect_event
from jingkang.referral.bootstrap import event_types as referral_event_types
from jingkang.referral.domain.events import EVENT_TYPES
from jingkang.registry.adapters.rebuild import rebuild_archive
from jingkang.registry.bootstrap import ARCHIVE_CONSUMER, archive_consumer
from jingkang.registry.config import Settings as RegistrySettings
from jingkang_events import EventStore, Metadata, NewEvent, connect

ADMIN_URL_ENV = "JINGKANG_BENCH_PG_URL"
DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
JWT_SECRET = fixture.JWT_SECRET  # the load mix mints its tokens with it
MASTER_KEY = new_master_key()  # this run's: wraps the generated people's data keys

GOAL_REBUILD = 20_000   # events/s applied by the archive consumer from an empty start
GOAL_LAG_P99 = 1.0      # seconds from the referral's append to the registry's archive
GOAL_PROGRESS = 1.0     # seconds for one progress summary

CHINA = ZoneInfo("Asia/Shanghai")
PROVINCE, CITY, QUARTER = "130000", "130100", "2026Q3"
FIRST_ARRIVAL, LAST_ARRIVAL = date(2026, 6, 1), date(2026, 9, 20)
END = datetime(2026, 10, 1, tzinfo=CHINA)  # no event at or after: 2026Q3 is complete
INSTITUTIONS_PER_COUNTY = 2
STREAM_TYPE = "case"
FEED_PAGE = RegistrySettings.model_fields["archive_batch_size"].default  # the consumer's pages
POLL_INTERVAL = 0.02
VALIDATED_EVENTS = 5_000  # the first events are checked against the referral's event models


# --- settings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    admin_url: str
    events: int
    repetitions: int
    writers: int
    appends_per_transaction: int
    load_clients: int
    load_seconds: float
    progress_repetitions: int
    seed: int
    lag: bool = True


def parse_settings(argv: list[str] | None = None) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000,
                        help="case events in the referral database (1,000,000)")
    parser.add_argument("--repetitions", type=int, default=1,
                        help="rebuilds, each into a fresh registry database, with a baseline "
                        "read before and after each (1)")
    parser.add_argument("--writers", type=int, default=4,
                        help="concurrent writers filling the referral database (4)")
    parser.add_argument("--appends-per-transaction", type=int, default=200,
                        help="appends each writer commits together while filling (200)")
    parser.add_argument("--load-clients", type=int, default=32,
                        help="closed-loop clients driving the referral service in part 2 (32)")
    parser.add_argument("--load-seconds", type=float, default=30.0,
                        help="measured seconds of load in part 2 (30)")
    parser.add_argument("--progress-repetitions", type=int, default=7,
                        help="timed progress summaries per region, after a warm-up (7)")
    parser.add_argument("--seed", type=int, default=20260930, help="random seed of the data")
    parser.add_argument("--skip-lag", action="store_true",
                        help="leave out part 2 (feed lag under load)")
    args = parser.parse_args(argv)
    if args.events < 1_000 or args.repetitions < 1 or args.writers < 1 \
            or args.appends_per_transaction < 1 or args.load_clients < 1 \
            or args.load_seconds <= 0 or args.progress_repetitions < 1:
        parser.error("--events must be at least 1000; the other counts at least 1")
    return Settings(os.environ.get(ADMIN_URL_ENV, DEFAULT_ADMIN_URL), args.events,
                    args.repetitions, args.writers, args.appends_per_transaction,
                    args.load_clients, args.load_seconds, args.progress_repetitions, args.seed,
                    not args.skip_lag)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the generated province -------------------------------------------------------------------


@dataclass(frozen=True)
class Institution:
    institution_id: str
    name: str
    region: str


class Province:
    """Hebei's counties as valid in 2026, with two institutions in each."""

    def __init__(self) -> None:
        counties = RegionTable.bundled().counties_in(PROVINCE, 2026)
        self.counties = [c.code for c in counties]
        self.institutions = {
            c.code: [Institution(f"inst-{c.code}-{k}", f"{c.name}精神障碍社区康复服务站{k}", c.code)
                     for k in range(1, INSTITUTIONS_PER_COUNTY + 1)]
            for c in counties}


Step = tuple[datetime, list[tuple[str, dict[str, Any]]]]  # when, and (type, parameters) there


@dataclass
class PlannedCase:
    """One case's fixed facts and its steps in time order (each step is one append)."""

    index: int
    case_id: str
    serial: int
    county: str
    steps: list[Step] = field(default_factory=list)
    version: int = 0  # events appended so far
    person_key: str = ""  # keyed hash of the identity number: the patient id
    key: DataKey | None = None  # the person's data key, made with the first event


class CasePlanner:
    """Draws each case's path through the lifecycle and the times of its steps."""

    def __init__(self, province: Province, rng: random.Random) -> None:
        self.province, self.rng = province, rng
        self._arrival_days = (LAST_ARRIVAL - FIRST_ARRIVAL).days
        self.now = END  # the case being planned: its clock and its steps
        self.steps: list[Step] = []

    def plan(self, index: int) -> PlannedCase:
        rng = self.rng
        county = rng.choice(self.province.counties)
        case = PlannedCase(index, str(uuid.UUID(int=rng.getrandbits(128), version=4)), index,
                           county)
        day = FIRST_ARRIVAL + timedelta(days=rng.randrange(self._arrival_days + 1))
        self.now = _office_time(day, rng)
        self.steps = case.steps
        if self._entry():
            self._to_service(county)
        return case

    # --- drawing -------------------------------------------------------------------------

    def _at(self, low: float, high: float) -> bool:
        """Move the clock on by ``low``-``high`` days (office hours); False past the end."""
        return self._move_to(self.now + timedelta(days=self.rng.uniform(low, high)))

    def _move_to(self, moment: datetime) -> bool:
        """Move the clock to office hours on ``moment``'s day, never backwards; False past
        the end."""
        at = _office_time(moment.astimezone(CHINA).date(), self.rng)
        self.now = max(at, self.now + timedelta(minutes=self.rng.randrange(5, 90)))
        return self.now < END

    def _add(self, *events: tuple[str, dict[str, Any]]) -> None:
        self.steps.append((self.now, list(events)))

    def _institution(self, county: str, other_than: str | None = None) -> Institution:
        choices = [i for i in self.province.institutions[county]
                   if i.institution_id != other_than]
        return self.rng.choice(choices)

    # --- the path ------------------------------------------------------------------------

    def _entry(self) -> bool:
        """A medical upload, or an application and its review; False when the case ends."""
        rng = self.rng
        if rng.random() < 0.7:
            self._add(("MedicalAssessmentUploaded", {"risk_level": rng.choice((0, 1, 1, 2, 3))}))
            return True
        channel = rng.choice(("self", "guardian", "third_party"))
        self._add(("ApplicationSubmitted", {"channel": channel}))
        if not self._at(1, 4):
            return False
        if rng.random() < 0.05:
            self._add(("ApplicationRejected", {}))
            return False
        self._add(("ApplicationApproved", {}))
        if not self._at(0, 1):
            return False
        self._add(("ConsentRecorded", {}))  # sharing with an institution needs its own consent
        return True

    def _to_service(self, county: str) -> None:
        rng = self.rng
        if rng.random() < 0.04 and self._at(0, 2):
            self._add(("CaseWaitlisted", {}))
            if not self._at(5, 15):
                return
        if not self._at(0, 3):
            return
        if rng.random() < 0.02:  # withdrawn before dispatch
            self._add(("CaseClosed", {"reason": "withdrawn", "unwilling": True, "by": "sw"}))
            self._follow_up()
            return
        institution = self._institution(county)
        self._add(("CaseDispatched", {"institution": institution}))
        if rng.random() < 0.03:
            if not self._at(1, 2):
                return
            self._add(("CaseDeclined", {"institution": institution}))
            if not self._at(0, 2):
                return
            institution = self._institution(county, institution.institution_id)
            self._add(("CaseDispatched", {"institution": institution}))
        if not self._at(1, 3):
            return
        self._add(("CaseAccepted", {"institution": institution}))
        if not self._take_over(institution, suitable=rng.random() >= 0.04):
            return
        self._in_service(county, institution)

    def _take_over(self, institution: Institution, *, suitable: bool) -> bool:
        """Evaluation and agreement; False when the case ends here (or time runs out)."""
        if not self._at(1, 5):
            return False
        evaluation = ("EvaluationCompleted", {"institution": institution, "suitable": suitable})
        if not suitable:
            self._add(evaluation, ("CaseClosed", {"reason": "unsuitable", "by": institution}))
            self._follow_up()
            return False
        self._add(evaluation)
        if not self._at(0, 2):
            return False
        self._add(("AgreementSigned", {"institution": institution}))
        return True

    def _in_service(self, county: str, institution: Institution) -> None:
        """Service records every 3-10 days until the end, with what may interrupt them."""
        rng = self.rng
        start = self.now
        incidents = []
        for kind, chance, low, high in (("relapse", 0.06, 10, 80), ("relocation", 0.03, 10, 80),
                                        ("reassessment", 0.5, 50, 80),
                                        ("exit", 0.09, 20, 100), ("withdrawal", 0.06, 15, 100)):
            if rng.random() < chance:
                incidents.append((start + timedelta(days=rng.uniform(low, high)), kind))
        incidents.sort()
        next_service = start + timedelta(days=rng.uniform(3, 10))
        while True:
            if incidents and incidents[0][0] <= next_service:
                when, kind = incidents.pop(0)
                if not self._move_to(when):
                    return
                outcome = self._incident(kind, county, institution)
                if outcome is None:
                    return
                county, institution = outcome
                next_service = self.now + timedelta(days=rng.uniform(1, 7))
                continue
            if not self._move_to(next_service):
                return
            self._add(("ServiceRecorded", {"institution": institution}))
            next_service = self.now + timedelta(days=rng.uniform(3, 10))

    def _incident(self, kind: str, county: str,
                  institution: Institution) -> tuple[str, Institution] | None:
        """One interruption; where the case stands after it, or None when it has ended."""
        rng = self.rng
        if kind == "relapse":
            self._add(("RelapseReferred", {"institution": institution}))
            if not self._at(7, 30):
                return None
            self._add(("ReturnedFromHospital", {}))
        elif kind == "relocation":
            to_county = rng.choice([c for c in self.province.counties if c != county])
            target = self._institution(to_county)
            self._add(("RelocationPushed", {"institution": institution, "from": county,
                                            "to": to_county, "target": target}))
            if not self._at(2, 7):
                return None
            self._add(("RelocationAccepted", {"from": institution, "institution": target,
                                              "to": to_county}))
            if not self._take_over(target, suitable=True):
                return None
            county, institution = to_county, target
        elif kind == "reassessment":
            self._add(("ReassessmentRecorded", {"institution": institution, "exit": None}))
        elif kind == "exit":
            destination = rng.choice(("employment", "sheltered_employment",
                                      "other_rehab_service", "home"))
            self._add(("ReassessmentRecorded", {"institution": institution,
                                                "exit": destination}))
            if not self._at(1, 7):
                return None
            self._add(("CaseClosed", {"reason": "exited", "exit_destination": destination,
                                      "by": institution}))
            self._follow_up()
            return None
        else:
            reason = rng.choice(("withdrawn", "withdrawn", "deceased", "lost_contact"))
            self._add(("CaseClosed", {"reason": reason, "by": "sw",
                                      "unwilling": reason == "withdrawn" and rng.random() < 0.5}))
            self._follow_up()
            return None
        return county, institution

    def _follow_up(self) -> None:
        if self.rng.random() < 0.3 and self._at(14, 40):
            self._add(("FollowUpRecorded", {}))


def _office_time(day: date, rng: random.Random) -> datetime:
    """A moment between 08:30 and 17:30 China time on ``day``, in UTC."""
    minute = rng.randrange(8 * 60 + 30, 17 * 60 + 30)
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, rng.randrange(60),
                    rng.randrange(1_000_000), tzinfo=CHINA).astimezone(UTC)


def plan_cases(events: int, seed: int) -> list[PlannedCase]:
    """Cases until their steps hold exactly ``events`` events (the last case cut short)."""
    planner = CasePlanner(Province(), random.Random(seed))
    cases: list[PlannedCase] = []
    total = 0
    while total < events:
        case = planner.plan(len(cases))
        kept: list[Step] = []
        for when, step in case.steps:
            room = events - total
            if room <= 0:
                break
            kept.append((when, step[:room]))
            total += min(len(step), room)
        case.steps = kept
        cases.append(case)
    return cases


def in_time_order(cases: list[PlannedCase]) -> Iterator[tuple[datetime, PlannedCase, Step]]:
    """Every step of every case, earliest first: the feed interleaves cases as a live one."""
    def steps_of(case: PlannedCase) -> Iterator[tuple[datetime, int, PlannedCase, Step]]:
        for step in case.steps:
            yield step[0], case.index, case, step

    for when, _, case, step in heapq.merge(*(steps_of(c) for c in cases)):
        yield when, case, step


# --- event data, shaped like services/referral/domain/events.py --------------------------------

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
         "明", "超", "秀英", "桂英", "建华", "志强", "海燕", "文静", "国庆")
RELATIONS = ("母亲", "父亲", "配偶", "子女", "兄弟姐妹")
SERVICE_TYPES = ("medication_training", "life_skills", "social_skills", "vocational",
                 "home_guidance", "psychological", "peer_support", "family_support",
                 "recreation", "caregiver_training")
SERVICE_FORMS = ("day_training", "day_training", "home_support", "peer_support",
                 "family_expert_exchange")
_BIRTH_FIRST = date(1950, 1, 1)
_BIRTH_DAYS = (date(2000, 12, 31) - _BIRTH_FIRST).days + 1
_PERSON_KEY = DEVELOPMENT_PERSON_KEY.encode()


def _utc_json(moment: datetime) -> str:
    """A UTC time as the referral's events hold it (pydantic's JSON form)."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _day(moment: datetime, days: int = 0) -> str:
    return (moment.astimezone(CHINA).date() + timedelta(days=days)).isoformat()


class EventFactory:
    """Builds each planned event's data and metadata as the referral service stores them: the
    personal fields sealed under the person's data key (``protect_event``), the key wrapped
    under the master key and kept for ``person_keys``."""

    def __init__(self, rng: random.Random, wrapper: KeyWrapper) -> None:
        self.rng, self.wrapper = rng, wrapper
        self.key_rows: list[tuple[str, str, str, datetime]] = []  # rows of person_keys
        self.defaults: dict[str, dict[str, Any]] = {}  # fields the model fills in, by type
        self.built = 0
        self._request = 0

    def person(self, case: PlannedCase) -> tuple[dict[str, Any], str]:
        """A person with a valid identity number of their own, and its keyed hash."""
        serial, rng = case.serial, self.rng
        born = _BIRTH_FIRST + timedelta(days=serial % _BIRTH_DAYS)
        body = f"{case.county}{born:%Y%m%d}{serial // _BIRTH_DAYS % 1000:03d}"
        number = body + ric.calc_check_digit(body + "0")
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        person = {"name": name, "id_number": number, "phone": f"138{serial % 10**8:08d}",
                  "address": f"{case.county}社区{serial % 97 + 1}号楼",
                  "guardian": {"name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                               "relation": rng.choice(RELATIONS), "phone": None}}
        case.person_key = hmac.new(_PERSON_KEY, number.encode(), hashlib.sha256).hexdigest()
        return person, case.person_key

    def _key(self, case: PlannedCase, when: datetime) -> DataKey:
        """The person's data key, as ``DataKeys.active`` makes it on the case's first event."""
        if case.key is None:
            key_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
            secret = os.urandom(32)
            self.key_rows.append((key_id, case.person_key, self.wrapper.wrap(key_id, secret),
                                  when))
            case.key = DataKey(key_id, secret)
        return case.key

    def new_events(self, case: PlannedCase, when: datetime,
                   step: list[tuple[str, dict[str, Any]]]) -> list[NewEvent]:
        events = []
        for kind, p in step:
            data = {"case_id": case.case_id, **getattr(self, kind)(case, when, p)}
            if kind not in self.defaults:
                self.defaults[kind] = model_defaults(kind, data)
            data.update(self.defaults[kind])
            if self.built < VALIDATED_EVENTS:
                check_shape(kind, data)
            self.built += 1
            sealed = protect_event(kind, case.case_id, data, self._key(case, when))
            events.append(NewEvent(kind, sealed, EVENT_TYPES[kind].SCHEMA_VERSION,
                                   self._metadata(case, kind, p)))
        return events

    def _metadata(self, case: PlannedCase, kind: str, p: dict[str, Any]) -> Metadata:
        by = p.get("by") or p.get("institution")
        if isinstance(by, Institution):
            role, org = "institution", by.institution_id
        elif kind in ("MedicalAssessmentUploaded", "ReturnedFromHospital"):
            role, org = "hospital", f"hosp-{case.county[:4]}00"
        elif kind in ("CaseDispatched", "CaseWaitlisted"):
            role, org = "platform", "platform"
        elif kind == "ApplicationSubmitted" and p.get("channel") == "third_party":
            role, org = "reporter", f"committee-{case.county}"
        else:
            role, org = "social_worker", f"sw-{case.county[:4]}00"
        self._request += 1
        request = f"{self._request:032x}"
        return Metadata(actor_id=f"{role}-{org}", role=role, org_id=org, request_id=request,
                        correlation_id=request)

    # --- one method per event type ---------------------------------------------------------

    def MedicalAssessmentUploaded(self, c: PlannedCase, when: datetime,
                                  p: dict[str, Any]) -> dict[str, Any]:
        person, key = self.person(c)
        today = _day(when)
        return {"person": person, "person_key": key, "residence_region": c.county,
                "referring_org_id": f"hosp-{c.county[:4]}00", "assessment_kind": "discharge",
                "assessed_on": today, "diagnosis": "精神分裂症", "risk_level": p["risk_level"],
                "recommendation": "病情稳定，建议社区康复，定期随访与服药管理",
                "consents": [*({"purpose": "referral_upload", "given_by": giver, "given_on": today}
                               for giver in ("patient", "guardian")),
                             {"purpose": "share_with_institution", "given_by": "patient",
                              "given_on": today}],
                "registered_at": _utc_json(when), "review_due_on": _day(when, 7),
                "dispatch_due_on": _day(when, 7)}

    def ApplicationSubmitted(self, c: PlannedCase, when: datetime,
                             p: dict[str, Any]) -> dict[str, Any]:
        person, key = self.person(c)
        third = p["channel"] == "third_party"
        return {"channel": p["channel"], "reporter_kind": "committee" if third else None,
                "reporter_name": "某社区居委会" if third else None, "person": person,
                "person_key": key, "residence_region": c.county,
                "needs": "希望参加日间训练和职业康复", "applied_on": _day(when),
                "submitted_by_org_id": (f"committee-{c.county}" if third
                                        else f"sw-{c.county[:4]}00"),
                "review_due_on": _day(when, 7)}

    def ApplicationApproved(self, c: PlannedCase, when: datetime,
                            p: dict[str, Any]) -> dict[str, Any]:
        return {"needs_assessment": "有社区康复需求", "registered_at": _utc_json(when),
                "dispatch_due_on": _day(when, 7)}

    def ApplicationRejected(self, c: PlannedCase, when: datetime,
                            p: dict[str, Any]) -> dict[str, Any]:
        return {"needs_assessment": "暂无社区康复需求", "reason": "暂不符合条件"}

    def ConsentRecorded(self, c: PlannedCase, when: datetime, p: dict[str, Any]) -> dict[str, Any]:
        return {"purpose": "share_with_institution", "given_by": "patient", "given_on": _day(when)}

    def CaseWaitlisted(self, c: PlannedCase, when: datetime, p: dict[str, Any]) -> dict[str, Any]:
        return {"reason": "no operating, accepting institution with room in the residence "
                          "county or city"}

    def CaseDispatched(self, c: PlannedCase, when: datetime, p: dict[str, Any]) -> dict[str, Any]:
        inst: Institution = p["institution"]
        return {"institution_id": inst.institution_id, "institution_name": inst.name,
                "institution_region": inst.region, "chosen": "county"}

    def CaseDeclined(self, c: PlannedCase, when: datetime, p: dict[str, Any]) -> dict[str, Any]:
        return {"institution_id": p["institution"].institution_id, "reason": "暂无名额"}

    def CaseAccepted(self, c: PlannedCase, when: datetime, p: dict[str, Any]) -> dict[str, Any]:
        return {"institution_id": p["institution"].institution_id}

    def EvaluationCompleted(self, c: PlannedCase, when: datetime,
                            p: dict[str, Any]) -> dict[str, Any]:
        suitable = p["suitable"]
        return {"institution_id": p["institution"].institution_id, "evaluated_on": _day(when),
                "team": [{"name": "王医生", "profession": "psychiatrist"},
                         {"name": "赵社工", "profession": "social_worker"}],
                "suitable": suitable,
                "opinion": "适宜社区康复" if suitable else "病情不稳定，暂不适宜社区康复",
                "plan": "日间训练、服药训练" if suitable else None,
                "risk_level": self.rng.choice((0, 1, 1, 2))}

    def AgreementSigned(self, c: PlannedCase, when: datetime, p: dict[str, Any]) -> dict[str, Any]:
        return {"institution_id": p["institution"].institution_id, "signed_on": _day(when),
                "informed_consent": True, "service_agreement": True, "electronic": True,
                "signed_by_guardian": True, "document_ref": None,
                "reassessment_due_on": _day(when, 182)}

    def ServiceRecorded(self, c: PlannedCase, when: datetime, p: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        minutes = rng.choice((45, 60, 90, 120))
        started = (when - timedelta(minutes=minutes)).astimezone(CHINA).replace(microsecond=0)
        return {"institution_id": p["institution"].institution_id,
                "service_type": rng.choice(SERVICE_TYPES), "form": rng.choice(SERVICE_FORMS),
                "method": rng.choice(("group_work", "case_management")),
                "started_at": started.isoformat(), "duration_minutes": minutes,
                "staff": ["赵社工"], "notes": None if rng.random() < 0.7 else "参加积极，情绪稳定"}

    def ReassessmentRecorded(self, c: PlannedCase, when: datetime,
                             p: dict[str, Any]) -> dict[str, Any]:
        leaving = p["exit"] is not None
        return {"institution_id": p["institution"].institution_id, "assessed_on": _day(when),
                "rehabilitation_effect": "明显改善" if leaving else "有所改善",
                "disease_state": "稳定", "self_care": "基本自理",
                "employment_willingness": leaving, "employment_ability": leaving,
                "risk_level": 0 if leaving else 1, "recommend_exit": leaving,
                "exit_destination": p["exit"], "next_due_on": _day(when, 182)}

    def RelocationPushed(self, c: PlannedCase, when: datetime,
                         p: dict[str, Any]) -> dict[str, Any]:
        return {"from_institution_id": p["institution"].institution_id,
                "from_region": p["from"], "to_region": p["to"],
                "target_institution_id": p["target"].institution_id, "reason": "随家人迁居"}

    def RelocationAccepted(self, c: PlannedCase, when: datetime,
                           p: dict[str, Any]) -> dict[str, Any]:
        return {"from_institution_id": p["from"].institution_id,
                "institution_id": p["institution"].institution_id,
                "new_residence_region": p["to"]}

    def RelapseReferred(self, c: PlannedCase, when: datetime, p: dict[str, Any]) -> dict[str, Any]:
        return {"institution_id": p["institution"].institution_id,
                "hospital_org_id": f"hosp-{c.county[:4]}00", "risk_level": 3,
                "reason": "停药后复发"}

    def ReturnedFromHospital(self, c: PlannedCase, when: datetime,
                             p: dict[str, Any]) -> dict[str, Any]:
        return {"discharged_on": _day(when), "notes": None}

    def CaseClosed(self, c: PlannedCase, when: datetime, p: dict[str, Any]) -> dict[str, Any]:
        return {"reason": p["reason"], "exit_destination": p.get("exit_destination"),
                "unwilling": p.get("unwilling", False), "notes": None,
                "closed_at": _utc_json(when), "follow_up_due_on": _day(when, 91)}

    def FollowUpRecorded(self, c: PlannedCase, when: datetime,
                         p: dict[str, Any]) -> dict[str, Any]:
        return {"visited_on": _day(when), "outcome": "情况稳定"}


def model_defaults(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The optional fields the event model adds to ``data`` (with their default values)."""
    produced = EVENT_TYPES[kind].model_validate(data).model_dump(mode="json")
    return {k: v for k, v in produced.items() if k not in data}


def check_shape(kind: str, data: dict[str, Any]) -> None:
    """The data must be exactly what the referral's event model would produce."""
    produced = EVENT_TYPES[kind].model_validate(data).model_dump(mode="json")
    if produced != data:
        raise RuntimeError(f"generated {kind} differs from the model's form:\n"
                           f"  generated {data}\n  model     {produced}")


# --- filling the referral database ------------------------------------------------------------


@dataclass(frozen=True)
class Filled:
    events: int
    cases: int
    seconds: float
    types: Counter[str]


async def fill_referral(url: str, settings: Settings) -> Filled:
    """Append every planned event through ``EventStore.append``, in time order, sealed as the
    service seals them; then store the people's wrapped data keys.

    Each case belongs to one of ``writers`` concurrent writers; a writer commits
    ``appends_per_transaction`` appends (one per step: a step's events share their time) in one
    transaction, passing the store its connection, so the chains, versions and transaction ids
    are the store's own and only the commits are fewer.
    """
    progress(f"planning {settings.events:,} events")
    cases = plan_cases(settings.events, settings.seed)
    db = await connect(url, pool_size=settings.writers)
    store = EventStore(db, referral_event_types(), head_cache_size=len(cases) + 1)
    factory = EventFactory(random.Random(settings.seed + 1),
                           KeyWrapper(parse_master_key(MASTER_KEY)))
    queues: list[asyncio.Queue[Any]] = [asyncio.Queue(maxsize=4 * settings.appends_per_transaction)
                                        for _ in range(settings.writers)]
    types: Counter[str] = Counter()
    start = time.perf_counter()

    async def writer(queue: asyncio.Queue[Any]) -> None:
        done = False
        while not done:
            batch = [await queue.get()]
            while len(batch) < settings.appends_per_transaction and not queue.empty():
                batch.append(queue.get_nowait())
            if batch[-1] is None:
                batch.pop()
                done = True
            if not batch:
                continue
            async with db.transaction() as conn:
                for case_id, expected, events, when in batch:
                    await store.append(case_id, STREAM_TYPE, expected, events, conn=conn,
                                       recorded_at=when)

    async def producer() -> None:
        written = 0
        for when, case, (_, step) in in_time_order(cases):
            events = factory.new_events(case, when, step)
            types.update(e.type for e in events)
            await queues[case.index % len(queues)].put((case.case_id, case.version, events, when))
            case.version += len(events)
            written += len(events)
            if written % 100_000 < len(events):
                progress(f"  {written:,} events appended or queued, "
                         f"{written / (time.perf_counter() - start):,.0f}/s")
        for queue in queues:
            await queue.put(None)

    try:
        async with asyncio.TaskGroup() as group:  # a failing writer cancels the rest
            group.create_task(producer())
            for queue in queues:
                group.create_task(writer(queue))
        async with db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO person_keys (key_id, patient_id, wrapped_key, created_at) "
                "VALUES ($1, $2, $3, $4)", factory.key_rows)
    finally:
        await db.close()
    return Filled(sum(types.values()), len(cases), time.perf_counter() - start, types)


async def settle(pg: PgServer, database: str) -> None:
    """VACUUM ANALYZE and a checkpoint: the state autovacuum would leave a loaded table in."""
    conn = await asyncpg.connect(pg.dsn(database))
    try:
        await conn.execute("VACUUM (ANALYZE)")
        await conn.execute("CHECKPOINT")
    finally:
        await conn.close()


async def seed_directory(pg: PgServer, database: str) -> None:
    """The referral's institution directory for the load of part 2 (as bench/jkhttp/servers.py)."""
    conn = await asyncpg.connect(pg.dsn(database))
    try:
        await conn.executemany(
            "INSERT INTO institutions (institution_id, name, region, operating, accepting, "
            "capacity, source_version, updated_at) VALUES ($1, $2, $3, true, true, $4, 1, $5)",
            [(inst, name, county, fixture.INSTITUTION_CAPACITY, datetime.now(UTC))
             for inst, name, county in fixture.institutions()])
    finally:
        await conn.close()


# --- CPU accounting ---------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _ticks(pid: int | str) -> int:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def _postgres_processes() -> Iterator[tuple[int, str]]:
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/comm") as comm:
                if comm.read().strip() != "postgres":
                    continue
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                yield int(entry), cmdline.read().decode(errors="replace")
        except OSError:
            continue


class CpuMeter:
    """CPU seconds between ``start`` and ``stop``: named processes, and PostgreSQL processes by
    the database they serve (``pg <label>``; ``pg other``: WAL writer, checkpointer, ...)."""

    def __init__(self, processes: dict[str, int], databases: dict[str, str]) -> None:
        self.processes, self.databases = processes, databases
        self._before: dict[tuple[str, int], int] = {}
        self._started = 0.0
        self.seconds: dict[str, float] = {}
        self.wall = 0.0

    def _snapshot(self) -> dict[tuple[str, int], int]:
        found = {(name, pid): _ticks(pid) for name, pid in self.processes.items()}
        for pid, command in _postgres_processes():
            label = next((f"pg {label}" for label, db in self.databases.items()
                          if f" {db} " in command), "pg other")
            found[(label, pid)] = _ticks(pid)
        return found

    def start(self) -> None:
        self._before = self._snapshot()
        self._started = time.perf_counter()

    def stop(self) -> None:
        self.wall = time.perf_counter() - self._started
        used: dict[str, float] = {}
        for (label, pid), ticks in self._snapshot().items():
            grown = ticks - self._before.get((label, pid), 0)
            used[label] = used.get(label, 0.0) + grown / CLOCK_TICKS
        self.seconds = used

    def summary(self) -> str:
        """Share of one core each used over the interval, busiest first."""
        parts = sorted(self.seconds.items(), key=lambda kv: -kv[1])
        return ", ".join(f"{label} {seconds / self.wall:.0%}" for label, seconds in parts
                         if seconds / max(self.wall, 1e-9) >= 0.005)


# --- servers ----------------------------------------------------------------------------------


@dataclass
class Ports:
    referral: int
    registry: int

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{getattr(self, service)}"


def service_env(pg: PgServer, ports: Ports, referral_db: str,
                registry_db: str | None = None) -> dict[str, str]:
    """Both services' settings; the registry's database once there is one."""
    env = clean_environment() | {
        "JINGKANG_REFERRAL_DATABASE_URL": pg.sqlalchemy_url(referral_db),
        "JINGKANG_REFERRAL_PORT": str(ports.referral),
        "JINGKANG_REGISTRY_PORT": str(ports.registry),
        "JINGKANG_REFERRAL_URL": ports.url("referral"),
        "JINGKANG_REGISTRY_URL": ports.url("registry"),
        "JINGKANG_JWT_SECRET": JWT_SECRET,
        "JINGKANG_MASTER_KEY": MASTER_KEY,
        "JINGKANG_LOG_LEVEL": "warning",
        # One load generator is one client: the per-client limit would measure itself.
        "JINGKANG_RATE_LIMIT_ENABLED": "false",
    }
    if registry_db:
        env["JINGKANG_REGISTRY_DATABASE_URL"] = pg.sqlalchemy_url(registry_db)
    return env


def server(service: str, env: dict[str, str], workdir: Path, port: int) -> ServerProcess:
    return ServerProcess(service, [sys.executable, "-m", "jingkang.cli", "serve", service], env,
                         workdir, port)


def bearer(role: str, org: str, region: str) -> dict[str, str]:
    token = mint_token(JWT_SECRET, sub=f"{role}-bench", role=role, org_id=org, region=region,
                       ttl_seconds=86400)
    return {"authorization": f"Bearer {token}"}


# --- part 1: rebuild and baseline -------------------------------------------------------------


@dataclass(frozen=True)
class Timed:
    events: int
    seconds: float
    cpu: str

    @property
    def rate(self) -> float:
        return self.events / self.seconds


async def read_feed(referral_url: str, processes: dict[str, int],
                    databases: dict[str, str]) -> Timed:
    """The baseline: every page the consumer would fetch, parsed, nothing applied."""
    headers = bearer("service", "jingkang-registry", "000000")
    meter = CpuMeter(processes, databases)
    count, after = 0, None
    async with httpx.AsyncClient(base_url=referral_url, timeout=60) as http:
        meter.start()
        start = time.perf_counter()
        while True:
            params: dict[str, Any] = {"limit": FEED_PAGE, "wait": 0}
            if after:
                params["after"] = after
            response = await http.get("/v1/events", params=params, headers=headers)
            response.raise_for_status()
            page = response.json()
            if not page["events"]:
                break
            count += len(page["events"])
            after = page["next"]
        seconds = time.perf_counter() - start
        meter.stop()
    return Timed(count, seconds, meter.summary())


async def rebuild(pg: PgServer, registry_db: str, referral_url: str,
                  processes: dict[str, int], databases: dict[str, str]) -> Timed:
    """The registry's archive rebuilt from an empty start as ``jingkang replay registry``
    rebuilds it: emptied, caught up with the feed, its secondary indexes built, analyzed."""
    url = pg.sqlalchemy_url(registry_db)
    settings = RegistrySettings(registry_database_url=url, referral_url=referral_url,
                                jwt_secret=JWT_SECRET)
    db = await connect(url)
    consumer = archive_consumer(settings, db)
    meter = CpuMeter(processes, databases | {"registry": registry_db})
    try:
        meter.start()
        start = time.perf_counter()
        applied = await rebuild_archive(db, consumer)
        seconds = time.perf_counter() - start
        meter.stop()
    finally:
        await consumer.stop()
        await db.close()
    return Timed(applied, seconds, meter.summary())


async def archive_rows(pg: PgServer, registry_db: str) -> dict[str, int]:
    tables = ("archive_cases", "archive_patients", "archive_intervals", "archive_services",
              "archive_milestones")
    rows = {t: await pg.run(registry_db, f"SELECT count(*) FROM {t}") for t in tables}
    # The feed opens sealed fields for the registry: a patient without a masked name was not.
    rows["patients without a name"] = await pg.run(
        registry_db, "SELECT count(*) FROM archive_patients WHERE masked_name IS NULL")
    return rows


@dataclass
class RebuildResult:
    baselines: list[Timed] = field(default_factory=list)
    rebuilds: list[Timed] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)


async def measure_rebuild(pg: PgServer, settings: Settings, referral_db: str,
                          referral: ServerProcess) -> tuple[RebuildResult, str]:
    """Baseline and rebuild in turns; returns the results and the last registry database."""
    result = RebuildResult()
    processes = {"this process": os.getpid(), "referral": referral.pid}
    databases = {"referral": referral_db}
    registry_db = ""
    for repetition in range(1, settings.repetitions + 1):
        result.baselines.append(await read_feed(referral.base_url, processes, databases))
        progress(f"  baseline {repetition}: {result.baselines[-1].rate:,.0f} events/s")
        if registry_db:
            await pg.drop(registry_db)
        registry_db = await pg.create(f"registry{repetition}")
        await upgrade_to_head_async("registry", pg.sqlalchemy_url(registry_db))
        result.rebuilds.append(await rebuild(pg, registry_db, referral.base_url, processes,
                                             databases))
        progress(f"  rebuild {repetition}: {result.rebuilds[-1].rate:,.0f} events/s")
    result.baselines.append(await read_feed(referral.base_url, processes, databases))
    progress(f"  baseline {settings.repetitions + 1}: {result.baselines[-1].rate:,.0f} events/s")
    result.rows = await archive_rows(pg, registry_db)
    return result, registry_db


# --- part 2: feed lag under load --------------------------------------------------------------


class LoadMix(pyclient.ReferralService):
    """The mix of bench/jkhttp/pyclient.py; each upload also carries the consent to share the case with
    an institution, which dispatch asks for."""

    def upload(self, serial: int) -> bytes:
        body = json.loads(super().upload(serial))
        body["consents"].append({"purpose": "share_with_institution", "given_by": "patient",
                                 "given_on": self.today})
        return fixture.dumps(body)

_CURSOR = "SELECT cursor FROM consumer_cursors WHERE name = %s"


def _as_key(cursor: str) -> tuple[int, int]:
    tx, _, position = cursor.partition(":")
    return int(tx or 0), int(position or 0)


class CursorPoller:
    """Reads the archive consumer's cursor every ``interval`` seconds in a thread of its own
    (away from the load generator's event loop); keeps when each new cursor was first seen."""

    def __init__(self, dsn: str, interval: float = POLL_INTERVAL) -> None:
        self.dsn, self.interval = dsn, interval
        self.seen_at: list[float] = []
        self.cursors: list[tuple[int, int]] = []
        self.polls = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="cursor-poller")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def latest(self) -> tuple[int, int]:
        return self.cursors[-1] if self.cursors else (0, 0)

    def _run(self) -> None:
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            while not self._stop.is_set():
                row = conn.execute(_CURSOR, (ARCHIVE_CONSUMER,)).fetchone()
                seen = time.time()  # the row is at least this fresh
                self.polls += 1
                key = _as_key(row[0]) if row else (0, 0)
                if not self.cursors or key > self.cursors[-1]:
                    self.cursors.append(key)
                    self.seen_at.append(seen)
                self._stop.wait(self.interval)

    def lag_of(self, key: tuple[int, int], recorded_at: float) -> float | None:
        """Seconds from ``recorded_at`` until a poll saw the cursor at or past ``key``."""
        i = bisect.bisect_left(self.cursors, key)
        return None if i == len(self.cursors) else self.seen_at[i] - recorded_at


@dataclass(frozen=True)
class LagResult:
    lags: list[float]
    unapplied: int
    events_per_s: float
    requests_per_s: float
    request_p99_ms: float
    errors: int
    error_samples: list[str]
    polls_per_s: float
    cpu: str


async def feed_head(pg: PgServer, referral_db: str) -> tuple[int, int]:
    conn = await asyncpg.connect(pg.dsn(referral_db))
    try:
        row = await conn.fetchrow("SELECT tx_id, position FROM events "
                                  "ORDER BY tx_id DESC, position DESC LIMIT 1")
    finally:
        await conn.close()
    return (row[0], row[1]) if row else (0, 0)


async def events_after(pg: PgServer, referral_db: str,
                       key: tuple[int, int]) -> list[tuple[tuple[int, int], float]]:
    conn = await asyncpg.connect(pg.dsn(referral_db))
    try:
        rows = await conn.fetch("SELECT tx_id, position, recorded_at FROM events "
                                "WHERE (tx_id, position) > ($1, $2) ORDER BY tx_id, position",
                                *key)
    finally:
        await conn.close()
    return [((r[0], r[1]), r[2].timestamp()) for r in rows]


async def wait_until_applied(poller: CursorPoller, key: tuple[int, int],
                             timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while poller.latest() < key and time.monotonic() < deadline:
        await asyncio.sleep(0.1)


async def measure_lag(pg: PgServer, settings: Settings, referral_db: str, registry_db: str,
                      referral: ServerProcess, registry: ServerProcess) -> LagResult:
    poller = CursorPoller(pg.dsn(registry_db))
    poller.start()
    try:
        await wait_until_applied(poller, await feed_head(pg, referral_db))
        load = LoadMix(referral_db, referral)
        progress("  warming up the load (3 s)")
        await pyclient.drive(load, settings.load_clients, 3.0, 0)
        await wait_until_applied(poller, await feed_head(pg, referral_db))
        before = await feed_head(pg, referral_db)
        meter = CpuMeter({"this process (load)": os.getpid(), "referral": referral.pid,
                          "registry": registry.pid},
                         {"referral": referral_db, "registry": registry_db})
        polls_before = poller.polls
        progress(f"  load: {settings.load_clients} clients for {settings.load_seconds:g} s")
        meter.start()
        sample, window = await pyclient.drive(load, settings.load_clients,
                                                settings.load_seconds, 1)
        meter.stop()
        polls = poller.polls - polls_before
        head = await feed_head(pg, referral_db)
        await wait_until_applied(poller, head)
    finally:
        poller.stop()
    appended = await events_after(pg, referral_db, before)
    lags = [poller.lag_of(key, at) for key, at in appended]
    applied = sorted(lag for lag in lags if lag is not None)
    return LagResult(applied, len(lags) - len(applied), len(appended) / meter.wall,
                     sample.requests_per_s, sample.p99, sample.errors, window.error_samples,
                     polls / meter.wall,
                     meter.summary())


# --- part 3: the progress summary -------------------------------------------------------------


@dataclass(frozen=True)
class ProgressResult:
    region: str
    rows: int
    cold: float
    times: list[float]
    figures: dict[str, Any]


async def measure_progress(registry_url: str, region: str, repetitions: int) -> ProgressResult:
    headers = bearer("auditor", "audit", PROVINCE)
    params = {"region": region, "period": QUARTER}
    times = []
    async with httpx.AsyncClient(base_url=registry_url, timeout=600) as http:
        for i in range(repetitions + 1):
            start = time.perf_counter()
            response = await http.get("/v1/statistics/progress", params=params, headers=headers)
            times.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise RuntimeError(f"progress {region}: {response.status_code} {response.text}")
            if i == 0:
                body = response.json()
    total = body["total"]["values"]
    figures = {n: total[n] for n in ("5", "6", "7", "10", "11", "12", "13")}
    return ProgressResult(region, len(body["rows"]), times[0], times[1:], figures)


@dataclass
class ChainResult:
    cities: int
    setup_seconds: float
    cold: float
    times: list[float]
    accepted_total: dict[str, Any]
    live_total: dict[str, Any]
    differences: int


async def measure_chain(registry_url: str, repetitions: int) -> ChainResult:
    province = bearer("civil_affairs", "ca-province", PROVINCE)
    sign = {"filled_by": "王芳", "phone": "13800138000", "responsible": "李强"}
    async with httpx.AsyncClient(base_url=registry_url, timeout=600) as http:

        async def call(method: str, path: str, who: dict[str, str], body: Any = None) -> Any:
            response = await http.request(method, path, json=body, headers=who)
            if response.status_code not in (200, 201):
                raise RuntimeError(f"{method} {path}: {response.status_code} {response.text}")
            return response.json()

        live = await http.get("/v1/statistics/progress", headers=province,
                              params={"region": PROVINCE, "period": QUARTER})
        cities = [row["region"] for row in live.json()["rows"]
                  if row["region"] and not row.get("own_level")]
        start = time.perf_counter()
        for city in cities:
            await call("POST", f"/v1/reports/{city}/{QUARTER}/submissions",
                       bearer("civil_affairs", f"ca-{city}", city), sign)
            await call("POST", f"/v1/reports/{city}/{QUARTER}/acceptance", province,
                       {"version": 1})
        setup = time.perf_counter() - start
        times = []
        for i in range(repetitions + 1):
            start = time.perf_counter()
            body = await call("GET", f"/v1/reports/{PROVINCE}/{QUARTER}/comparison", province)
            times.append(time.perf_counter() - start)
            if i == 0:
                first = body
    figures = ("5", "10", "11", "12", "13")
    return ChainResult(len(cities), setup, times[0], times[1:],
                       {n: first["accepted"]["total"]["values"][n] for n in figures},
                       {n: first["live"]["total"]["values"][n] for n in figures},
                       len(first["differences"]))


# --- report -----------------------------------------------------------------------------------


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def print_header(settings: Settings, pg: dict[str, str]) -> None:
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print("Registry benchmark: archive rebuild, feed lag under load, progress summary")
    print(f"machine     {cores} cores ({usable} usable), {platform.machine()}, Python "
          f"{platform.python_version()}; servers, PostgreSQL and this process share them")
    print(f"packages    fastapi {package_version('fastapi')}, uvicorn {package_version('uvicorn')}"
          f", asyncpg {package_version('asyncpg')}, httpx {package_version('httpx')}")
    print(f"PostgreSQL  {pg['server_version']}: fsync={pg['fsync']}, synchronous_commit="
          f"{pg['synchronous_commit']}, shared_buffers={pg['shared_buffers']}")
    print(f"code        {machine.code_version()}")
    print("servers     jingkang serve referral|registry: uvicorn, uvloop, httptools, 1 process "
          "each")
    print(f"load        {machine.load_average()} at the start")
    others = machine.busy_processes({os.getpid()})
    print(f"            busy processes at the start: {', '.join(others) if others else 'none'}")
    print()


def print_fill(filled: Filled) -> None:
    print(f"Data: {filled.events:,} case events of {filled.cases:,} cases in {PROVINCE}'s "
          f"counties, recorded {FIRST_ARRIVAL:%d %b} - 30 Sep 2026, personal fields sealed per "
          f"person; appended with EventStore.append in {filled.seconds:,.0f} s "
          f"({filled.events / filled.seconds:,.0f} events/s)")
    mix = ", ".join(f"{t} {n / filled.events:.1%}" for t, n in filled.types.most_common())
    print(f"  mix: {mix}")
    print()


def print_rebuild(result: RebuildResult) -> None:
    rebuild_rate = statistics.median(t.rate for t in result.rebuilds)
    base_rate = statistics.median(t.rate for t in result.baselines)
    events = result.rebuilds[-1].events
    print(f"1. Rebuild: the archive consumer catching up from an empty start over {events:,} "
          f"events (pages of {FEED_PAGE})")
    for i, t in enumerate(result.rebuilds, start=1):
        print(f"   rebuild {i}:  {t.rate:>9,.0f} events/s ({t.seconds:,.1f} s); CPU of one core: "
              f"{t.cpu}")
    for i, t in enumerate(result.baselines, start=1):
        print(f"   baseline {i}: {t.rate:>9,.0f} events/s ({t.seconds:,.1f} s); CPU of one core: "
              f"{t.cpu}")
    print("   archive rows: " + ", ".join(f"{k} {v:,}" for k, v in result.rows.items()))
    print(f"   rebuild rate (median)        {rebuild_rate:>9,.0f} events/s   goal ≥ "
          f"{GOAL_REBUILD:,}   {verdict(rebuild_rate >= GOAL_REBUILD)}")
    print(f"   feed read rate, nothing applied (median)   {base_rate:>9,.0f} events/s")
    print(f"   rebuild / feed read          {rebuild_rate / base_rate:>9.2f}")
    print()


def print_lag(lag: LagResult, settings: Settings) -> None:
    p50 = pyclient.percentile(lag.lags, 50)
    p99 = pyclient.percentile(lag.lags, 99)
    print(f"2. Feed lag under load: {settings.load_clients} clients for "
          f"{settings.load_seconds:g} s on the referral service ({lag.requests_per_s:,.0f} req/s, "
          f"request p99 {lag.request_p99_ms:,.0f} ms, {lag.errors} errors), "
          f"{lag.events_per_s:,.0f} events/s appended")
    for sample in lag.error_samples[:3]:
        print(f"   error: {sample[:300]}")
    print(f"   cursor polled {lag.polls_per_s:,.0f} times/s; CPU of one core: {lag.cpu}")
    print(f"   {len(lag.lags):,} events, lag from recorded_at to the registry's archive: "
          f"p50 {p50:.3f} s, p90 {pyclient.percentile(lag.lags, 90):.3f} s, p99 {p99:.3f} s, "
          f"max {lag.lags[-1] if lag.lags else math.nan:.3f} s"
          + (f"; {lag.unapplied} never applied" if lag.unapplied else ""))
    print("   (recorded_at is stamped as the command starts: the lag includes the command's own "
          "time, the feed, and the registry's page)")
    print(f"   lag p99                      {p99:>9.3f} s        goal < {GOAL_LAG_P99:g} s     "
          f"{verdict(p99 < GOAL_LAG_P99 and not lag.unapplied)}")
    print()


def print_progress(results: list[ProgressResult], repetitions: int) -> None:
    print(f"3. Progress summary, GET /v1/statistics/progress?period={QUARTER} over the rebuilt "
          f"archive (auditor), median of {repetitions} after one warm-up")
    for r in results:
        median = statistics.median(r.times)
        figures = ", ".join(f"col {k} {v}" for k, v in r.figures.items())
        print(f"   region {r.region} ({r.rows} rows): median {median:.3f} s (min {min(r.times):.3f}"
              f", max {max(r.times):.3f}, first call {r.cold:.3f})   goal < {GOAL_PROGRESS:g} s   "
              f"{verdict(median < GOAL_PROGRESS)}")
        print(f"      total: {figures}")
    print()


def print_chain(r: ChainResult, repetitions: int) -> None:
    median = statistics.median(r.times)
    print(f"4. The province's report from its cities' accepted reports, GET /v1/reports/"
          f"{PROVINCE}/{QUARTER}/comparison (accepted beside live, with differences), median of "
          f"{repetitions} after one warm-up")
    print(f"   {r.cities} city reports submitted and accepted over HTTP in {r.setup_seconds:.1f} s")
    print(f"   median {median:.3f} s (min {min(r.times):.3f}, max {max(r.times):.3f}, first call "
          f"{r.cold:.3f})   goal < {GOAL_PROGRESS:g} s   {verdict(median < GOAL_PROGRESS)}")
    print(f"   accepted total: {r.accepted_total}")
    print(f"   live total:     {r.live_total}; rows differing: {r.differences}")
    print()


# --- main -------------------------------------------------------------------------------------


@asynccontextmanager
async def running(process: ServerProcess) -> AsyncIterator[ServerProcess]:
    await process.start()
    progress(f"{process.name}: pid {process.pid}, {process.base_url}")
    try:
        yield process
    finally:
        await process.stop()


async def main(settings: Settings) -> None:
    pg = PgServer(settings.admin_url, "jk_registry")
    with tempfile.TemporaryDirectory(prefix="jk-registry-bench-") as tmp:
        try:
            await measure(settings, pg, Path(tmp))
        finally:
            await pg.drop_all()


async def measure(settings: Settings, pg: PgServer, workdir: Path) -> None:
    print_header(settings, await pg.describe())
    referral_db = await pg.create("referral")
    ports = Ports(free_port(), free_port())
    env = service_env(pg, ports, referral_db)
    await run_checked([sys.executable, "-m", "jingkang.cli", "migrate", "referral"], env, workdir)
    await seed_directory(pg, referral_db)
    filled = await fill_referral(pg.sqlalchemy_url(referral_db), settings)
    progress(f"filled in {filled.seconds:,.0f} s; VACUUM ANALYZE, CHECKPOINT")
    await settle(pg, referral_db)
    print_fill(filled)

    async with running(server("referral", env, workdir, ports.referral)) as referral:
        progress("part 1: baseline feed reads and rebuilds")
        rebuilt, registry_db = await measure_rebuild(pg, settings, referral_db, referral)
        print_rebuild(rebuilt)
        await settle(pg, registry_db)
        env = service_env(pg, ports, referral_db, registry_db)
        async with running(server("registry", env, workdir, ports.registry)) as registry:
            progress("part 3: progress summaries")
            summaries = [await measure_progress(registry.base_url, region,
                                                settings.progress_repetitions)
                         for region in (PROVINCE, CITY)]
            progress("part 4: the reporting chain")
            chain = await measure_chain(registry.base_url, settings.progress_repetitions)
            lag = None
            if settings.lag:
                progress("part 2: feed lag under load")
                lag = await measure_lag(pg, settings, referral_db, registry_db, referral,
                                        registry)
    if lag is not None:
        print_lag(lag, settings)
    print_progress(summaries, settings.progress_repetitions)
    print_chain(chain, settings.progress_repetitions)
    print(f"load        {machine.load_average()} at the end")


def run(argv: list[str] | None = None) -> None:
    settings = parse_settings(argv)
    import uvloop

    uvloop.run(main(settings))


if __name__ == "__main__":
    run()
