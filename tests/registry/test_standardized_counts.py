"""The progress summary counts the standardized-service rule in SQL, over the facts the archive
keeps; these tests hold that count equal to the rule as ``figures.standardized`` states it,
applied to each case folded in memory from only the events recorded by the moment asked.

Random case histories (seeded) walk the lifecycle — services skipped in some months, spells
ended by relapses and relocations, reassessments, events exactly at month boundaries — and
go through the archive projection into a real database on each engine.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang.common.domain.case_contract import REGISTERED_STATES
from jingkang.registry.adapters.archive_projection import ArchiveProjection
from jingkang.registry.adapters.statistics_queries import StatisticsQueries
from jingkang.registry.domain.archive import ArchiveCase, apply
from jingkang.registry.domain.figures import CaseStanding, Rules, service_test, standardized
from jingkang.registry.domain.periods import CHINA, Period
from jingkang_events import Database, FeedCursor, RecordedEvent, connect

COUNTIES = ("130102", "130104", "130121", "130202", "130203")
START = datetime(2026, 3, 20, 9, tzinfo=CHINA)


@pytest.fixture
async def registry_db(empty_url: str) -> AsyncIterator[Database]:
    await upgrade_to_head_async("registry", empty_url)
    db = await connect(empty_url)
    try:
        yield db
    finally:
        await db.close()


def _month_start_after(moment: datetime) -> datetime:
    local = moment.astimezone(CHINA)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    return datetime(year, month, 1, tzinfo=CHINA)


def _history(serial: int, rng: random.Random) -> list[tuple[datetime, str, dict[str, Any]]]:
    """One case's events: a random walk of the lifecycle from registration."""
    county = rng.choice(COUNTIES)
    institution = f"inst-{county}-{rng.randrange(2)}"
    at = START + timedelta(days=rng.uniform(0, 200))
    events = [(at, "MedicalAssessmentUploaded", {
        "person": None, "person_key": f"p{serial}", "residence_region": county,
        "referring_org_id": "h1", "risk_level": 1})]
    state = "registered"
    while state != "closed" and len(events) < 40:
        if rng.random() < 0.25:
            at = _month_start_after(at)  # exactly at a month's first instant
        else:
            at += timedelta(days=rng.uniform(0.2, 26))
        step: list[tuple[str, dict[str, Any]]]
        if state == "registered":
            step, state = [("CaseDispatched", {"institution_id": institution})], "dispatched"
        elif state == "dispatched":
            step, state = [("CaseAccepted", {"institution_id": institution})], "accepted"
        elif state == "accepted":
            suitable = rng.random() < 0.9
            step = [("EvaluationCompleted", {"risk_level": 1, "suitable": suitable, "team": []})]
            if not suitable:
                step.append(("CaseClosed", {"reason": "unsuitable"}))
            state = "evaluated" if suitable else "closed"
        elif state == "evaluated":
            step, state = [("AgreementSigned", {"institution_id": institution})], "in_service"
        elif state == "hospitalized":
            step, state = [("ReturnedFromHospital", {})], "in_service"
        elif state == "relocating":
            if rng.random() < 0.6:
                county = rng.choice(COUNTIES)
                institution = f"inst-{county}-{rng.randrange(2)}"
                step = [("RelocationAccepted", {"institution_id": institution,
                                                "new_residence_region": county})]
                state = "accepted"
            else:
                step, state = [("RelocationDeclined", {})], "in_service"
        else:
            roll = rng.random()
            if roll < 0.6:
                step = [("ServiceRecorded", {
                    "institution_id": institution, "service_type": "life_skills",
                    "form": "individual", "method": "in_person",
                    "started_at": at.isoformat(), "duration_minutes": 60})]
            elif roll < 0.72:
                step = [("ReassessmentRecorded", {"risk_level": 1})]
            elif roll < 0.82:
                step, state = [("RelapseReferred", {"hospital_org_id": "h1",
                                                    "risk_level": 3})], "hospitalized"
            elif roll < 0.92:
                step, state = [("RelocationPushed", {"to_region": rng.choice(COUNTIES)})], \
                    "relocating"
            else:
                step, state = [("CaseClosed", {"reason": "exited",
                                               "exit_destination": "home"})], "closed"
        events += [(at, kind, data) for kind, data in step]
    return events


def _recorded(cases: dict[str, list[tuple[datetime, str, dict[str, Any]]]]) -> list[RecordedEvent]:
    """Every case's events in recorded order, shaped as the referral feed serves them."""
    flat = [(at, case_id, version, kind, data)
            for case_id, events in cases.items()
            for version, (at, kind, data) in enumerate(events, start=1)]
    flat.sort(key=lambda e: (e[0], e[1], e[2]))
    return [RecordedEvent(
        position=position, event_id=uuid.uuid4(), stream_id=case_id, stream_type="case",
        version=version, type=kind, schema_version=1, data=data, metadata={}, recorded_at=at,
        prev_hash="", hash="", cursor=FeedCursor(0, position))
        for position, (at, case_id, version, kind, data) in enumerate(flat, start=1)]


def _as_of(events: list[RecordedEvent], moment: datetime) -> dict[str, ArchiveCase]:
    """Each case folded from only the events recorded at or before ``moment``."""
    cases: dict[str, ArchiveCase] = {}
    for event in events:
        if event.recorded_at <= moment:
            case = cases.setdefault(event.stream_id, ArchiveCase(event.stream_id))
            apply(case, event.type, event.data, event.version, event.recorded_at)
    return cases


def _expected(events: list[RecordedEvent], moment: datetime, period: Period,
              rules: Rules) -> tuple[Counter[str], Counter[str]]:
    test = service_test(period, rules)
    registered, served = Counter[str](), Counter[str]()
    for case in _as_of(events, moment).values():
        if case.state not in REGISTERED_STATES:
            continue
        registered[case.residence_region] += 1
        served[case.residence_region] += standardized(CaseStanding(
            case.evaluated_at, case.agreement_at, case.assessed_at, case.service_months,
            case.in_service_months, case.in_service_since), test)
    return registered, served


async def _counted(queries: StatisticsQueries, moment: datetime, period: Period,
                   rules: Rules) -> tuple[Counter[str], Counter[str]]:
    registered, served = Counter[str](), Counter[str]()
    for row in await queries.registered("130000", moment, service_test(period, rules)):
        registered[row.place.region] += row.registered
        served[row.place.region] += row.standardized
    return registered, served


async def test_the_sql_count_is_the_rule_applied_as_of_each_moment(registry_db: Database) -> None:
    rng = random.Random(20261123)
    cases = {f"case-{n:04d}": _history(n, rng) for n in range(400)}
    events = _recorded(cases)
    # Pages of random sizes, as the consumer applies them: one to four pages a transaction,
    # the changed case rows written before each commit.  The cache is small: misses read the
    # table, and a full cache writes its changed rows early.  Batches of rows are written
    # both within a page and across pages.
    projection, at = ArchiveProjection(keep=50, write_events=45), 0
    while at < len(events):
        async with registry_db.transaction() as conn:
            for _ in range(rng.randint(1, 4)):
                size = rng.randint(1, 60)
                await projection.apply_page(events[at:at + size], conn)
                at += size
            await projection.flush(conn)

    queries = StatisticsQueries(registry_db)
    checked = 0
    for text in ("2026Q2", "2026Q3", "2026Q4", "2026H2", "2026", "2027Q1", "2027H1"):
        period = Period.parse(text)
        for rules in (Rules(), Rules(reassessment_interval_months=3),
                      Rules(monthly_service=False)):
            # As the summary asks: at the period's end for its own rate (column 13), and at
            # its start for the previous period's (column 6).
            for moment, rate_period in ((period.end, period), (period.start, period.previous())):
                expected = _expected(events, moment, rate_period, rules)
                assert await _counted(queries, moment, rate_period, rules) == expected, \
                    (text, rules, moment)
                checked += sum(expected[0].values())
    # The walk must reach every part of the rule, or the equality above proves little.
    registered, served = _expected(events, Period.parse("2026Q3").end, Period.parse("2026Q3"),
                                   Rules())
    assert 0 < sum(served.values()) < sum(registered.values())
    assert checked > 2000


async def test_a_failing_transaction_rolls_back_with_a_page_write_in_flight(
        registry_db: Database) -> None:
    """A page's rows are still being written when the next page fails: ``abandon`` (the
    consumer's ``before_rollback``) lets that write end so the rollback runs, nothing of the
    transaction stays, and applying the same events again gives every row once."""
    rng = random.Random(7)
    events = _recorded({f"case-{n:03d}": _history(n, rng) for n in range(40)})
    projection = ArchiveProjection(write_events=100)
    with pytest.raises(RuntimeError, match="next page"):
        async with registry_db.transaction() as conn:
            try:
                await projection.apply_page(events[:200], conn)  # its write is now running
                raise RuntimeError("the next page failed")
            except BaseException:
                await projection.abandon(conn)
                raise

    async def rows() -> dict[str, int]:
        async with registry_db.connection() as conn:
            return {t: await conn.fetchval(f"SELECT count(*) FROM {t}")
                    for t in ("archive_cases", "archive_intervals", "archive_services",
                              "archive_milestones", "archive_patients")}

    assert set((await rows()).values()) == {0}
    async with registry_db.transaction() as conn:
        for at in range(0, len(events), 200):
            await projection.apply_page(events[at:at + 200], conn)
        await projection.flush(conn)
    counted = await rows()
    assert counted["archive_cases"] == 40
    assert counted["archive_services"] == sum(e.type == "ServiceRecorded" for e in events) > 0
