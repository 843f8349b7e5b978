"""`jingkang verify` checks every projection against the fold of its events: a read-model or
archive row changed with database access (the events and their chains untouched) is named —
service, table or case, key and column — and makes verify exit 1; untouched data passes, even
with an erased person and with an archive that lags the feed."""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import subprocess
import sys
from typing import Any

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from jingkang.common.adapters.consistency import ProjectionReport
from jingkang.referral import bootstrap as referral_bootstrap
from jingkang.referral.adapters import tables as referral_tables
from jingkang.referral.config import Settings as ReferralSettings
from jingkang.referral.entrypoints.app import create_app as create_referral
from jingkang.registry import bootstrap as registry_bootstrap
from jingkang.registry.config import Settings as RegistrySettings

from ..services.support import free_port
from . import scenario as sc
from .conftest import SECRET, Client, System, TravelClock, running_system, serving, token

ADMIN = token("admin", "ops", "130000")
FORGED_NAME = "伪造*"


async def _sql(url: str, statement: str, *args: Any) -> list[Any]:
    """A statement on a privileged connection of its own, as someone with database access."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        conn = await asyncpg.connect(parsed.set(drivername="postgresql").render_as_string(False))
        try:
            return list(await conn.fetch(statement, *args))
        finally:
            await conn.close()
    raw = sqlite3.connect(parsed.database)
    try:
        rows = raw.execute(re.sub(r"\$(\d+)", r"?\1", statement), args).fetchall()
        raw.commit()
        return rows
    finally:
        raw.close()


class Tamper:
    """Changes one column of one row, and puts the stored value back afterwards."""

    def __init__(self, url: str, table: str, key: str, value: str, column: str,
                 new: str) -> None:
        self.url, self.table, self.key, self.value, self.column = url, table, key, value, column
        self.new = new  # an SQL expression over the row
        self.old: Any = None

    async def __aenter__(self) -> Tamper:
        self.old = (await _sql(self.url, f"SELECT {self.column} FROM {self.table} "
                                         f"WHERE {self.key} = $1", self.value))[0][0]
        await _sql(self.url, f"UPDATE {self.table} SET {self.column} = {self.new} "
                             f"WHERE {self.key} = $1", self.value)
        return self

    async def __aexit__(self, *exc: Any) -> None:
        cast = "::json" if self.column == "snapshot" and self.url.startswith("postgresql") else ""
        await _sql(self.url, f"UPDATE {self.table} SET {self.column} = $2{cast} "
                             f"WHERE {self.key} = $1", self.value, self.old)


def _json_set(url: str, path: list[str], value: str) -> str:
    """An SQL expression: the snapshot with the string at ``path`` replaced."""
    if url.startswith("postgresql"):
        return (f"jsonb_set(snapshot::jsonb, '{{{','.join(path)}}}', "
                f"to_jsonb('{value}'::text))::json")
    return f"json_set(snapshot, '$.{'.'.join(path)}', '{value}')"


def _settings(s: System) -> tuple[ReferralSettings, RegistrySettings]:
    return (ReferralSettings(referral_database_url=s.referral_db, jwt_secret=SECRET),
            RegistrySettings(registry_database_url=s.registry_db, jwt_secret=SECRET,
                             referral_url=s.referral_url))


async def _check(s: System) -> list[ProjectionReport]:
    referral, registry = _settings(s)
    return [*await referral_bootstrap.check_projections(referral),
            *await registry_bootstrap.check_projections(registry)]


def _only_difference(reports: list[ProjectionReport]) -> str:
    """The one projection that differs, and its one differing row, as verify prints it."""
    differing = [r for r in reports if not r.ok]
    assert len(differing) == 1 and differing[0].differing == 1, [r.line() for r in reports]
    return differing[0].line()


def _verify_cli(s: System) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JINGKANG_REFERRAL_DATABASE_URL": s.referral_db,
           "JINGKANG_REGISTRY_DATABASE_URL": s.registry_db, "JINGKANG_JWT_SECRET": SECRET,
           "JINGKANG_REFERRAL_URL": s.referral_url}
    return subprocess.run([sys.executable, "-m", "jingkang.cli", "verify"], env=env,
                          capture_output=True, text=True, timeout=300)


async def _erase_a_closed_person(s: System, skip: set[str]) -> str:
    rows = await _sql(s.referral_db, "SELECT person_key FROM cases WHERE state = 'closed' "
                                     "ORDER BY case_id")
    patient_id = next(r[0] for r in rows if r[0] not in skip)
    await s.referral.post(f"/v1/persons/{patient_id}/erasure", {"reason": "本人申请"}, ADMIN)
    return patient_id


async def test_verify_names_each_altered_projection_row(databases: tuple[str, str]) -> None:
    referral_db, registry_db = databases
    clock = TravelClock()
    async with running_system(referral_db, registry_db, clock) as s:
        d = sc.Driver(s)
        await sc.run_june_to_september(d)
        erased = await _erase_a_closed_person(s, set())
        await s.settle()

        clean = await asyncio.to_thread(_verify_cli, s)
        assert clean.returncode == 0, clean.stdout + clean.stderr
        assert "referral: case read model: 30 cases checked, 0 differ" in clean.stdout
        institution_rows = int(re.search(r"registry: institution tables: (\d+) rows checked, "
                                         r"0 differ", clean.stdout)[1])
        archive_rows = int(re.search(r"registry: archive: (\d+) rows checked, 0 differ",
                                     clean.stdout)[1])
        assert institution_rows >= 6 + 3 + 4 and archive_rows > 30 + 30

        serving_case = d.cases["A1"]
        patient = (await _sql(referral_db, "SELECT person_key FROM cases WHERE case_id = $1",
                              serving_case))[0][0]
        capacity = (await _sql(registry_db, "SELECT capacity FROM institutions "
                                            "WHERE institution_id = 'sjz-a'"))[0][0]
        where = f"case {serving_case}"
        cases = [  # (tampered row, what verify must print)
            (Tamper(referral_db, "cases", "case_id", serving_case, "state", "'closed'"),
             f"{where}, state: stored 'closed', expected 'in_service'"),
            (Tamper(referral_db, "cases", "case_id", serving_case, "institution_id", "'ts-a'"),
             f"{where}, institution_id: stored 'ts-a', expected 'sjz-a'"),
            (Tamper(referral_db, "cases", "case_id", serving_case, "referring_org_id",
                    "'hosp-9'"),
             f"{where}, referring_org_id: stored 'hosp-9', expected 'hosp-1'"),
            (Tamper(referral_db, "cases", "case_id", serving_case, "snapshot",
                    _json_set(referral_db, ["state"], "closed")),
             f"{where}, snapshot.state: stored 'closed', expected 'in_service'"),
            (Tamper(referral_db, "cases", "case_id", serving_case, "snapshot",
                    _json_set(referral_db, ["institution_id"], "ts-a")),
             f"{where}, snapshot.institution_id: stored 'ts-a', expected 'sjz-a'"),
            # The sealed person replaced: it no longer opens, and reads as erased.
            (Tamper(referral_db, "cases", "case_id", serving_case, "snapshot",
                    _json_set(referral_db, ["protected", "ct"], "AAAA")),
             f"{where}, snapshot.person: stored (hidden), expected (hidden)"),
            (Tamper(referral_db, "cases", "case_id", serving_case, "key_id",
                    "(SELECT key_id FROM person_keys k WHERE k.patient_id <> cases.person_key "
                    "ORDER BY key_id LIMIT 1)"),
             f"{where}, key_id: stored a key of another person"),
            (Tamper(registry_db, "institutions", "institution_id", "sjz-a", "capacity", "99"),
             f"registry: institution tables: {institution_rows} rows checked, 1 differ; "
             f"first: institutions institution_id=sjz-a, capacity: stored 99, "
             f"expected {capacity}"),
            (Tamper(registry_db, "archive_cases", "case_id", serving_case, "state", "'closed'"),
             f"archive_cases case_id={serving_case}, state: stored 'closed', "
             f"expected 'in_service'"),
            (Tamper(registry_db, "archive_patients", "patient_id", patient, "masked_name",
                    f"'{FORGED_NAME}'"),
             f"archive_patients patient_id={patient}, masked_name: stored (hidden), "
             f"expected (hidden)"),
        ]
        for tamper, named in cases:
            async with tamper:
                line = _only_difference(await _check(s))
                assert named in line, (named, line)
                assert FORGED_NAME not in line and "测试" not in line  # no personal data
        assert all(r.ok for r in await _check(s))  # every row put back

        forged = [c.name for c in referral_tables.cases.columns]
        await _sql(referral_db, f"INSERT INTO cases ({', '.join(forged)}) SELECT "
                   + ", ".join("'case-forged'" if c == "case_id" else
                               "'forged-key'" if c == "person_key" else c for c in forged)
                   + " FROM cases WHERE case_id = $1", serving_case)
        line = _only_difference(await _check(s))
        assert "case case-forged, (row): stored present, expected absent" in line
        await _sql(referral_db, "DELETE FROM cases WHERE case_id = 'case-forged'")

    # The registry stopped: the referral goes on (a new case, an erasure) and the archive lags
    # its feed.  Compared up to the archive consumer's cursor, it still equals the events.
    clock.set(sc.at(10, 8))
    port = free_port()
    referral = create_referral(ReferralSettings(
        referral_database_url=referral_db, jwt_secret=SECRET, registry_url="http://127.0.0.1:9"),
        clock=clock)
    async with serving(referral, port) as base, \
            httpx.AsyncClient(base_url=base, timeout=30) as http:
        s = System(Client(http), s.registry, clock, base, s.registry_url, registry_db,
                   referral_db)
        await s.referral.post("/v1/referrals/medical-assessments", {
            "person": {"name": "测试新人", "id_number": sc.id_number(900)},
            "residence_region": "130102", "assessment_kind": "discharge",
            "assessed_on": clock.today, "diagnosis": "精神分裂症", "risk_level": 1,
            "recommendation": "建议社区康复",
            "consents": [{"purpose": p, "given_by": g, "given_on": clock.today}
                         for p in sc.CONSENT_PURPOSES for g in ("patient", "guardian")]},
            sc.HOSPITAL, 201)
        await _erase_a_closed_person(s, {erased})
        lagging = await _check(s)
        assert all(r.ok for r in lagging), [r.line() for r in lagging]
        assert lagging[0].checked == 31 and lagging[2].checked == archive_rows

        # Rows removed: a case stream without its row, an archive row gone.
        await _sql(referral_db, "DELETE FROM cases WHERE case_id = $1", serving_case)
        await _sql(registry_db, "DELETE FROM archive_services WHERE case_id = $1 "
                                "AND version = (SELECT min(version) FROM archive_services "
                                "WHERE case_id = $1)", serving_case)
        broken = await asyncio.to_thread(_verify_cli, s)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert (f"referral: case read model: 31 cases checked, 1 differ; first: case {serving_case}, "
            f"(row): stored absent, expected present") in broken.stdout
    assert re.search(rf"registry: archive: \d+ rows checked, 1 differ; first: archive_services "
                     rf"case_id={serving_case}, version=\d+, \(row\): stored absent", broken.stdout)
    assert "referral: " in broken.stdout and "0 broken" in broken.stdout  # chains intact
