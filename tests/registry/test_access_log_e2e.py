"""Every read of a case, a history or an archive, and every refused call, is in the access
log before the answer leaves; auditors read the log; nobody rewrites it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jingkang.common.adapters.access_log import AccessLog, Entry
from jingkang_events import connect

from . import scenario as sc
from .conftest import System, token


async def _log(s: System, service: str, **params: str) -> list[dict]:
    client = s.referral if service == "referral" else s.registry
    return (await client.get("/v1/audit/access-log", sc.AUDITOR, **params))["items"]


async def test_reads_and_refusals_are_logged(system: System) -> None:
    s, d = system, sc.Driver(system)
    s.clock.set(sc.JUNE)
    await d.register_institutions("june")
    case_id = await d.upload("L1", "130102")
    await d.into_service("L1", "sjz-a")
    await s.settle()

    await s.referral.get(f"/v1/cases/{case_id}", sc.HOSPITAL)
    await s.referral.get(f"/v1/cases/{case_id}/events", d.institution("sjz-a"))
    await s.referral.get(f"/v1/cases/{case_id}", token("hospital", "hosp-2", "130100"), 404)
    await s.referral.http.get(f"/v1/cases/{case_id}")  # no token: 401
    entries = await _log(s, "referral", case=case_id)
    assert [(e["method"], e["object_type"], e["role"], e["status"], e["outcome"])
            for e in entries] == [
        ("GET", "case", None, 401, "refused"),
        ("GET", "case", "hospital", 404, "refused"),
        ("GET", "case_events", "institution", 200, "success"),
        ("GET", "case", "hospital", 200, "success")]
    assert entries[-1]["actor_id"] == "hospital-hosp-1" and entries[-1]["client"] == "127.0.0.1"
    assert all(e["object_id"] == case_id for e in entries)
    # Commands are in the case's history, not here; a service following the feed is no person.
    assert not [e for e in await _log(s, "referral") if e["method"] == "POST"]
    assert not [e for e in await _log(s, "referral") if e["role"] == "service"]

    patient_id = (await s.referral.get(f"/v1/cases/{case_id}", sc.AUDITOR))["patient_id"]
    await s.registry.get(f"/v1/archives/patients/{patient_id}", sc.CIVIL_AFFAIRS)
    await s.registry.get("/v1/archives/institutions/sjz-a", token("civil_affairs", "x", "110000"),
                         403)
    archive = await _log(s, "registry")
    assert [(e["object_type"], e["object_id"], e["outcome"]) for e in archive][:2] == [
        ("institution_archive", "sjz-a", "refused"), ("patient_archive", patient_id, "success")]
    assert await _log(s, "registry", outcome="refused", actor="civil_affairs-x")
    await s.referral.get("/v1/audit/access-log", sc.HOSPITAL, 403)
    since = (s.clock.now + timedelta(days=3650)).isoformat()
    assert await _log(s, "referral", since=since) == []


async def test_the_log_is_append_only_and_kept_for_180_days(databases: tuple[str, str]) -> None:
    referral_db, _ = databases
    db = await connect(referral_db)
    log = AccessLog(db)
    now = datetime.now(UTC)
    try:
        for days in (0, 200):
            await log.record(Entry(now - timedelta(days=days), "u", "auditor", "a", "GET",
                                   "/v1/cases/x", "case", "x", 200, "127.0.0.1", None))
        for statement in ("UPDATE access_log SET status = 500",
                          "DELETE FROM access_log WHERE object_id = 'x'"):
            with pytest.raises(Exception, match="append-only"):
                async with db.transaction() as conn:
                    await conn.execute(statement)
        assert await log.purge(retention_days=365, now=now) == 0  # 200 days: kept
        assert await log.purge(retention_days=180, now=now) == 1  # past the retention
        assert len(await log.query({}, None, 10)) == 1
    finally:
        await db.close()
