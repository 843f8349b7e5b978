"""A database outage on PostgreSQL: both services answer 503 with Retry-After while their
database refuses connections, and serve again, without one failure, once it is back.

The outage is what an operator or a failover does to a live service: every backend of the
service's database is terminated (the pooled connections die under it) and the database
refuses new connections; then it accepts them again.  Pooled connections broken by the outage
must never serve a later request.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang_events import DatabaseUnavailable, connect

from ..conftest import PG_ADMIN_URL, _dsn, create_pg_database, drop_pg_database
from ..registry.conftest import System, TravelClock, running_system, token
from ..registry.scenario import INSTITUTIONS, id_number, institution_body

AUDITOR = token("auditor", "audit")
HOSPITAL = token("hospital", "hosp-1", "130100")
CIVIL_AFFAIRS = token("civil_affairs", "ca-hebei", "130000")
ROUNDS = 3  # outage, recovery, outage, recovery, …: a broken connection must never come back


@pytest.fixture
async def system() -> AsyncIterator[System]:
    urls = (await create_pg_database(), await create_pg_database())
    try:
        await upgrade_to_head_async("referral", urls[0])
        await upgrade_to_head_async("registry", urls[1])
        async with running_system(*urls, TravelClock()) as running:
            yield running
    finally:
        await set_outage(urls, False)
        for url in urls:
            await drop_pg_database(url)


async def set_outage(urls: tuple[str, ...], down: bool) -> None:
    """Refuse (or allow again) connections to the databases; when refusing, also end every
    connection already open to them."""
    admin = await asyncpg.connect(_dsn(PG_ADMIN_URL))
    try:
        for url in urls:
            name = make_url(url).database
            allow = "false" if down else "true"
            await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {allow}')
            if down:
                await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = $1 AND pid <> pg_backend_pid()", name)
    finally:
        await admin.close()


def upload(serial: int, day: str) -> dict[str, Any]:
    return {"person": {"name": "张三", "id_number": id_number(serial),
                       "guardian": {"name": "李四", "relation": "母亲"}},
            "residence_region": "130102", "assessment_kind": "discharge", "assessed_on": day,
            "diagnosis": "精神分裂症", "risk_level": 1, "recommendation": "病情稳定",
            "consents": [{"purpose": "referral_upload", "given_by": who, "given_on": day}
                         for who in ("patient", "guardian")]}


def requests(s: System, case_id: str, serial: int) -> list[tuple[httpx.AsyncClient, str, str,
                                                                  dict[str, str], Any]]:
    """(client, method, path, headers, body): reads, commands, the feed and refusals (which
    write the access log) on both services."""
    r, g = s.referral.http, s.registry.http
    return [
        (r, "GET", f"/v1/cases/{case_id}", AUDITOR, None),
        (r, "GET", "/v1/cases", AUDITOR, None),
        (r, "GET", f"/v1/cases/{case_id}/events", AUDITOR, None),
        (r, "GET", "/v1/events", AUDITOR, None),
        (r, "POST", "/v1/referrals/medical-assessments", HOSPITAL,
         upload(serial, s.clock.today)),
        (r, "GET", "/v1/cases", {}, None),  # 401: an access-log entry
        (g, "GET", "/v1/institutions", AUDITOR, None),
        (g, "GET", "/v1/institutions/sjz-a", AUDITOR, None),
        (g, "GET", "/v1/archives/institutions/sjz-a", AUDITOR, None),
        (g, "POST", "/v1/institutions", CIVIL_AFFAIRS, institution_body(INSTITUTIONS[1], serial)
         | {"institution_id": f"inst-{serial}"}),
        (g, "GET", "/v1/institutions", {}, None),
    ]


async def send(s: System, case_id: str, serials: range) -> list[httpx.Response]:
    """Each kind of request once per serial, all at once (the serials keep creations apart)."""
    batch = [request for serial in serials for request in requests(s, case_id, serial)]
    return list(await asyncio.gather(*(
        client.request(method, path, headers=headers, json=body)
        for client, method, path, headers, body in batch)))


async def test_an_outage_answers_503_and_recovery_reuses_no_broken_connection(
        system: System) -> None:
    s = system
    urls = (s.referral_db, s.registry_db)
    await s.registry.post("/v1/institutions", institution_body(INSTITUTIONS[0], 1),
                          CIVIL_AFFAIRS, 201)
    case = await s.referral.post("/v1/referrals/medical-assessments", upload(1, s.clock.today),
                                 HOSPITAL, 201)
    for round_ in range(ROUNDS):
        serials = range(100 + 10 * round_, 110 + 10 * round_)
        # Many connections in the pools, so that the outage breaks all of them.
        warm = await send(s, case["case_id"], serials[:3])
        assert {a.status_code for a in warm} <= {200, 201, 401}, [a.text for a in warm]

        await set_outage(urls, True)
        down = await send(s, case["case_id"], serials[3:5])
        for answer in down:
            assert answer.status_code == 503, (answer.request.url, answer.text)
            assert answer.headers["content-type"] == "application/problem+json"
            assert answer.json()["code"] == "unavailable"
            assert int(answer.headers["retry-after"]) >= 1

        await set_outage(urls, False)
        back = await send(s, case["case_id"], serials[5:8])
        statuses = [(a.request.method, a.request.url.path, a.status_code) for a in back]
        assert all(status in (200, 201, 401) for *_, status in statuses), statuses


async def test_a_connection_closed_under_a_request_is_unavailable_not_a_crash() -> None:
    """The server ends a pooled connection while a request holds it: asyncpg, seeing it close,
    lets go of it (its proxy then refuses every call, ``terminate`` included).  The request
    gets ``DatabaseUnavailable`` (503 at the edge), not that refusal (a 500), and the pool
    serves the next one."""
    url = await create_pg_database()
    db = await connect(url)
    admin = await asyncpg.connect(_dsn(PG_ADMIN_URL))
    try:
        with pytest.raises(DatabaseUnavailable):
            async with db.connection() as conn:
                pid = await conn.fetchval("SELECT pg_backend_pid()")
                await admin.execute("SELECT pg_terminate_backend($1)", pid)
                await asyncio.sleep(0.2)  # the connection's end reaches the client
                await conn.fetchval("SELECT 1")
        async with db.connection() as conn:
            assert await conn.fetchval("SELECT 1") == 1
    finally:
        await admin.close()
        await db.close()
        await drop_pg_database(url)
