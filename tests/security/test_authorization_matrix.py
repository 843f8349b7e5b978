"""The authorization matrix: every endpoint of both services × every role × an object that
belongs to the caller's own organisation or region ("in") and one of another ("out"), and
every endpoint without a token.

The expected answers are the two tables below, written from API.md, DOMAIN.md (Who uses the
system), docs/referral.md (Scope) and docs/registry.md, not computed from the code's rules.
A cell reads `in/out` (one value: the same for both):

    ok       allowed: any answer but 401/403/404 and 5xx (a 409 or 422 of the object's state
             is fine; the status is recorded and printed)
    seen     allowed, 200, and the page lists at least one item
    empty    allowed, 200, and the page lists nothing (the filter names another org/region)
    401 403 404
             refused with exactly this status, and nothing written: neither service's event
             store holds one event more afterwards

The callers, one per role (the `in` objects are theirs):

    hospital       hosp-1        130100     civil_affairs  ca-sjz      130100 (石家庄市)
    social_worker  sw-sjz        130100     auditor        audit       130000
    reporter       committee-7   130104     admin          ops         130000
    institution    sjz-a         130102     service        jingkang-registry  000000
    platform       platform      130000

The `in` objects live in Shijiazhuang (130102, institution sjz-a, hospital hosp-1, reported by
committee-7), the `out` ones in Tangshan (130202, institution ts-a, hospital hosp-2, reported
by committee-9).  Each case command has its own pair of cases in the state the command needs,
so an allowed caller meets a real transition; lists are filtered to 130100 (in) or 130200
(out); creations name a residence or region inside (in) or outside (out) the caller's.  All
reads run before the first command, so no command changes what a read sees.

Where the documents say nothing, a cell follows what the services do, and says so here:
a social worker or a reporter may file for a person living anywhere (applications, `out`); the
`service` role reads cases, their histories and lists like the platform (docs/referral.md names
platform, auditor and admin); civil affairs read the history of an institution outside their
region (its profile is public); a hospital reads any institution's archive.  Where two
documents differ, API.md's conventions win: a CSV import with a row outside the caller's
jurisdiction is a scope refusal, 403, although docs/registry.md makes every bad row 422.

A new endpoint without a row fails `test_every_endpoint_has_a_row`.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from jingkang.common.web.auth import ROLES, mint_token
from jingkang.referral.entrypoints.app import create_app as create_referral
from jingkang.registry.entrypoints.app import create_app as create_registry
from jingkang.common.settings import DEVELOPMENT_LEDGER_KEY
from jingkang_events import Database, Ledger, LedgerKey, connect

from ..registry.conftest import SECRET, System, token
from ..registry.scenario import STAFF_Q2, baseline, credit_code, id_number, institution_body

COLUMNS = {"hosp": "hospital", "sw": "social_worker", "rep": "reporter", "inst": "institution",
           "plat": "platform", "ca": "civil_affairs", "wj": "health_commission",
           "cl": "disabled_federation", "aud": "auditor", "admin": "admin", "svc": "service",
           "anon": "anonymous"}

REFERRAL = """
method path                                   hosp       sw         rep        inst       plat       ca         wj         cl         aud        admin      svc        anon
GET    /healthz                               ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok
GET    /readyz                                ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok
GET    /metrics                               ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok
GET    /v1/events                             403        403        403        403        ok         403        403        403        ok         403        ok         401
GET    /v1/state-machine                      ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         401
GET    /v1/cases                              seen/empty seen/empty seen/empty seen/empty seen       seen/empty empty      empty      seen       seen       seen       401
GET    /v1/cases/{case_id}                    ok/404     ok/404     ok/404     ok/404     ok         ok/404     404        404        ok         ok         ok         401
GET    /v1/cases/{case_id}/events             ok/404     ok/404     ok/404     ok/404     ok         ok/404     404        404        ok         ok         ok         401
GET    /v1/cases/{case_id}/integrity          403        403        403        403        403        403        403        403        ok         ok         403        401
GET    /v1/cases/{case_id}/placement          403        403        403        403        ok         403        403        403        403        403        403        401
GET    /v1/audit/access-log                   403        403        403        403        403        403        403        403        ok         403        403        401
GET    /v1/integrity/key                      403        403        403        403        403        403        403        403        ok         ok         403        401
GET    /v1/integrity/checkpoints/latest       403        403        403        403        403        403        403        403        ok         ok         403        401
GET    /v1/integrity/checkpoints/{tree_size}  403        403        403        403        403        403        403        403        ok         ok         403        401
GET    /v1/integrity/proofs/inclusion         403        403        403        403        403        403        403        403        ok         ok         403        401
GET    /v1/integrity/proofs/consistency       403        403        403        403        403        403        403        403        ok         ok         403        401
POST   /v1/referrals/medical-assessments      ok         403        403        403        403        403        403        403        403        403        403        401
POST   /v1/referrals/applications             403        ok         ok         403        403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/review             403        ok/404     403        403        403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/reconfirmation     403        ok/404     403        403        403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/dispatch           403        403        403        403        ok         403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/acceptance         403        403        403        ok/404     403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/evaluations        403        403        403        ok/404     403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/agreements         403        403        403        ok/404     403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/service-records    403        403        403        ok/404     403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/reassessments      403        403        403        ok/404     403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/relocations        403        403        403        ok/404     403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/relapses           403        403        403        ok/404     403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/hospital-returns   ok/404     403        403        ok/404     403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/exit               403        403        403        ok/404     403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/withdrawal         403        ok/404     403        ok/404     403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/follow-ups         403        ok/404     403        ok/404     403        403        403        403        403        403        403        401
POST   /v1/cases/{case_id}/consents           ok/404     ok/404     403        ok/404     403        403        403        403        403        403        403        401
POST   /v1/persons/{patient_id}/erasure       403        403        403        403        403        403        403        403        403        ok         403        401
"""

REGISTRY = """
method path                                         hosp       sw         rep        inst       plat       ca         wj         cl         aud        admin      svc        anon
GET    /healthz                                     ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok
GET    /readyz                                      ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok
GET    /metrics                                     ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok
GET    /v1/events                                   403        403        403        403        403        403        403        403        ok         403        ok         401
GET    /v1/institutions                             seen       seen       seen       seen       seen       seen       seen       seen       seen       seen       seen       401
GET    /v1/institutions/{institution_id}            ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         ok         401
GET    /v1/institutions/{institution_id}/events     403        403        403        403        403        ok         403        403        ok         ok         403        401
GET    /v1/archives/patients                        seen/empty seen/empty 403        seen/empty 403        seen/empty 403        403        seen       seen       403        401
GET    /v1/archives/patients/{patient_id}           ok/404     ok/404     403        ok/404     403        ok/404     403        403        ok         ok         403        401
GET    /v1/archives/institutions/{institution_id}   ok         ok/403     403        ok/403     403        ok/403     403        403        ok         ok         403        401
GET    /v1/statistics/progress                      403        403        403        403        403        ok/403     ok/403     ok/403     ok         ok         403        401
GET    /v1/statistics/coverage                      403        403        403        403        403        ok/403     ok/403     ok/403     ok         ok         403        401
GET    /v1/statistics/outcomes                      403        403        403        403        403        ok/403     ok/403     ok/403     ok         ok         403        401
GET    /v1/integrity/key                            403        403        403        403        403        403        403        403        ok         ok         403        401
GET    /v1/integrity/checkpoints/latest             403        403        403        403        403        403        403        403        ok         ok         403        401
GET    /v1/integrity/checkpoints/{tree_size}        403        403        403        403        403        403        403        403        ok         ok         403        401
GET    /v1/integrity/proofs/inclusion               403        403        403        403        403        403        403        403        ok         ok         403        401
GET    /v1/integrity/proofs/consistency             403        403        403        403        403        403        403        403        ok         ok         403        401
GET    /v1/audit/access-log                         403        403        403        403        403        403        403        403        ok         403        403        401
POST   /v1/institutions                             403        403        403        403        403        ok/403     403        403        403        ok         403        401
POST   /v1/institutions/imports                     403        403        403        403        403        ok/403     403        403        403        ok         403        401
PATCH  /v1/institutions/{institution_id}            403        403        403        ok/403     403        ok/403     403        403        403        ok         403        401
POST   /v1/institutions/{institution_id}/staff-reports
                                                    403        403        403        ok/403     403        ok/403     403        403        403        ok         403        401
POST   /v1/institutions/{institution_id}/status     403        403        403        403        403        ok/403     403        403        403        ok         403        401
PUT    /v1/regions/{region_code}/baselines/{period} 403        403        403        403        403        ok/403     403        403        403        ok         403        401
PUT    /v1/reports/{region}/{period}/draft          403        403        403        403        403        ok/403     403        403        403        403        403        401
POST   /v1/reports/{region}/{period}/submissions    403        403        403        403        403        ok/403     403        403        403        403        403        401
POST   /v1/reports/{region}/{period}/return         403        403        403        403        403        ok/403     403        403        403        403        403        401
POST   /v1/reports/{region}/{period}/acceptance     403        403        403        403        403        ok/403     403        403        403        403        403        401
GET    /v1/reports/due                              403        403        403        403        403        ok/403     ok/403     ok/403     ok         ok         403        401
GET    /v1/reports/{region}/{period}                403        403        403        403        403        ok/403     ok/403     ok/403     ok         ok         403        401
GET    /v1/reports/{region}/{period}/versions/{version}
                                                    403        403        403        403        403        ok/403     ok/403     ok/403     ok         ok         403        401
GET    /v1/reports/{region}/{period}/comparison     403        403        403        403        403        ok/403     ok/403     ok/403     ok         ok         403        401
POST   /v1/report-scans                             403        403        403        403        403        ok         403        403        403        403        403        401
GET    /v1/report-scans/{sha256}                    403        403        403        403        403        ok/404     ok/404     ok/404     ok         ok         403        401
"""

# Reads and writes across organisations and regions named one by one, with callers beyond the
# table's: (caller, service, method, path, expected).  A body is the table's for the endpoint.
CROSS_ORG = [
    ("inst ts-a", "referral", "GET", "/v1/cases/{read_in}", "404"),
    ("inst ts-a", "referral", "GET", "/v1/cases/{read_in}/events", "404"),
    ("inst ts-a", "referral", "POST", "/v1/cases/{service_in}/service-records", "404"),
    ("inst ts-a", "registry", "GET", "/v1/archives/patients/{read_in_patient}", "404"),
    ("inst ts-a", "registry", "GET", "/v1/archives/institutions/sjz-a", "403"),
    ("inst ts-a", "registry", "PATCH", "/v1/institutions/sjz-a", "403"),
    ("inst ts-a", "registry", "POST", "/v1/institutions/sjz-a/staff-reports", "403"),
    ("hosp-2", "referral", "GET", "/v1/cases/{upload_in}", "404"),
    ("hosp-2", "referral", "GET", "/v1/cases/{upload_in}/events", "404"),
    ("hosp-2", "referral", "POST", "/v1/cases/{returns_in}/hospital-returns", "404"),
    ("hosp-2", "registry", "GET", "/v1/archives/patients/{upload_in_patient}", "404"),
    ("hosp-1", "referral", "POST", "/v1/cases/{relapsed_elsewhere}/hospital-returns", "403"),
    ("ca 110000", "referral", "GET", "/v1/cases/{read_in}", "404"),
    ("ca 110000", "referral", "GET", "/v1/cases?region=130000", "empty"),
    ("ca 110000", "registry", "GET", "/v1/archives/patients?region=130000", "empty"),
    ("ca 110000", "registry", "GET", "/v1/archives/patients/{read_in_patient}", "404"),
    ("ca 110000", "registry", "GET", "/v1/archives/institutions/sjz-a", "403"),
    ("ca 110000", "registry", "GET", "/v1/statistics/progress?region=130000&period=2026Q2",
     "403"),
    ("ca 110000", "registry", "GET", "/v1/statistics/coverage?region=130000", "403"),
    ("ca 110000", "registry", "GET", "/v1/statistics/outcomes?region=130000&period=2026Q2",
     "403"),
    ("ca 110000", "registry", "PATCH", "/v1/institutions/sjz-a", "403"),
    ("ca 110000", "registry", "PUT", "/v1/regions/130102/baselines/2026Q2", "403"),
    ("ca 130200", "registry", "POST", "/v1/institutions/sjz-s/status", "403"),
    ("sw 110000", "referral", "POST", "/v1/cases/{withdrawal_in}/withdrawal", "404"),
    ("sw 110000", "referral", "GET", "/v1/cases?region=130000", "empty"),
    ("rep committee-9", "referral", "GET", "/v1/cases/{read_in}", "404"),
    # sjz-s served a case that moved to ts-a, and offered ts-a another that is moving:
    # docs/referral.md, Scope: an institution sees the cases it served before and a relocation
    # offered to it, and acts only on the cases that are with it now.
    ("inst sjz-s", "referral", "GET", "/v1/cases/{moved_away}", "ok"),
    ("inst sjz-s", "referral", "GET", "/v1/cases?region=130200", "seen"),
    ("inst sjz-s", "referral", "POST", "/v1/cases/{moved_away}/service-records", "403"),
    ("inst sjz-s", "registry", "GET", "/v1/archives/patients?region=130200", "seen"),
    ("inst ts-a", "referral", "GET", "/v1/cases/{offered}", "ok"),
    ("inst ts-a", "referral", "GET", "/v1/cases?region=130100", "seen"),
    ("inst ts-a", "referral", "POST", "/v1/cases/{offered}/service-records", "403"),
    ("forged", "referral", "GET", "/v1/cases", "401"),
    ("forged", "registry", "GET", "/v1/institutions", "401"),
    ("expired", "referral", "GET", "/v1/cases/{read_in}", "401"),
    ("expired", "registry", "POST", "/v1/institutions", "401"),
]

# --- the callers ---------------------------------------------------------------------------

CALLERS: dict[str, dict[str, str]] = {
    "hospital": token("hospital", "hosp-1", "130100"),
    "social_worker": token("social_worker", "sw-sjz", "130100"),
    "reporter": token("reporter", "committee-7", "130104"),
    "institution": token("institution", "sjz-a", "130102"),
    "platform": token("platform", "platform", "130000"),
    "civil_affairs": token("civil_affairs", "ca-sjz", "130100"),
    "health_commission": token("health_commission", "wj-sjz", "130100"),
    "disabled_federation": token("disabled_federation", "cl-sjz", "130100"),
    "auditor": token("auditor", "audit", "130000"),
    "admin": token("admin", "ops", "130000"),
    "service": token("service", "jingkang-registry", "000000"),
    "anonymous": {},
}
OTHERS: dict[str, dict[str, str]] = {
    "inst ts-a": token("institution", "ts-a", "130202"),
    "inst sjz-s": token("institution", "sjz-s", "130104"),
    "hosp-1": CALLERS["hospital"],
    "hosp-2": token("hospital", "hosp-2", "130200"),
    "ca 110000": token("civil_affairs", "ca-beijing", "110000"),
    "ca 130200": token("civil_affairs", "ca-ts", "130200"),
    "sw 110000": token("social_worker", "sw-beijing", "110000"),
    "rep committee-9": token("reporter", "committee-9", "130200"),
    "forged": {"Authorization": "Bearer " + mint_token(
        "another-secret-0123456789abcdef0123456789", sub="x", role="admin", org_id="ops",
        region="130000")},
    "expired": {"Authorization": "Bearer " + mint_token(
        SECRET, sub="x", role="admin", org_id="ops", region="130000", ttl_seconds=-3600)},
}
SETUP_CA = token("civil_affairs", "ca-hebei", "130000")
PLATFORM = CALLERS["platform"]


@dataclass(frozen=True)
class Side:
    reporter: dict[str, str]
    social_worker: dict[str, str]
    county: str
    institution: str
    hospital: str

    @property
    def institution_token(self) -> dict[str, str]:
        return token("institution", self.institution, self.county)


SIDES = {
    "in": Side(CALLERS["reporter"], CALLERS["social_worker"], "130102", "sjz-a", "hosp-1"),
    "out": Side(OTHERS["rep committee-9"], token("social_worker", "sw-ts", "130200"), "130202",
                "ts-a", "hosp-2"),
    # the relocations of the named checks, with a reporter and institutions of their own
    "former": Side(token("reporter", "committee-8", "130104"), CALLERS["social_worker"],
                   "130102", "sjz-s", "hosp-3"),
}
# (id, county, township, level, kind, area, capacity, registered in): sjz-s and ts-s are the
# ones whose status the matrix changes.
INSTITUTIONS = [
    ("sjz-a", "130102", "130102001", "township", "station", "urban", 20, "-"),
    ("sjz-s", "130104", None, "village", "day_care", "urban", 10, "-"),
    ("ts-a", "130202", None, "county", "comprehensive_centre", "urban", 20, "-"),
    ("ts-s", "130224", None, "village", "work_therapy", "rural", 10, "-"),
]

# --- parsing the tables --------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    service: str
    method: str
    path: str
    cells: dict[str, tuple[str, str]]  # role → (in, out)


TOKENS = {"ok", "seen", "empty", "401", "403", "404"}


def parse(service: str, table: str) -> list[Row]:
    lines = [line for line in table.strip().splitlines() if line.strip()]
    header = lines[0].split()
    assert header[:2] == ["method", "path"] and header[2:] == list(COLUMNS), header
    words: list[str] = []
    for line in lines[1:]:  # a row may go on on the next line (a long path)
        words += line.split()
    rows, width = [], 2 + len(COLUMNS)
    assert len(words) % width == 0, f"{service}: a row has a missing or extra cell"
    for start in range(0, len(words), width):
        method, path, *cells = words[start:start + width]
        parsed = {}
        for column, cell in zip(COLUMNS.values(), cells, strict=True):
            pair = tuple(cell.split("/")) if "/" in cell else (cell, cell)
            assert len(pair) == 2 and set(pair) <= TOKENS, (service, method, path, cell)
            parsed[column] = pair
        rows.append(Row(service, method, path, parsed))
    return rows


ROWS = parse("referral", REFERRAL) + parse("registry", REGISTRY)


def documented_endpoints() -> set[tuple[str, str, str]]:
    endpoints = set()
    for service, app in (("referral", create_referral()), ("registry", create_registry())):
        for path, operations in app.openapi()["paths"].items():
            for method in operations:
                if method in ("get", "put", "post", "patch", "delete"):
                    endpoints.add((service, method.upper(), path))
    return endpoints


def test_every_endpoint_has_a_row() -> None:
    """Every (method, path) of both OpenAPI documents has exactly one row, and no row names
    an endpoint that is gone; every row has a cell for every role."""
    in_table = [(r.service, r.method, r.path) for r in ROWS]
    duplicates = [e for e, n in Counter(in_table).items() if n > 1]
    documented = documented_endpoints()
    missing = sorted(documented - set(in_table))
    stale = sorted(set(in_table) - documented)
    assert not (missing or stale or duplicates), (
        f"endpoints without a row: {missing}; rows without an endpoint: {stale}; "
        f"rows twice: {duplicates}")
    assert set(COLUMNS.values()) == {*ROLES, "anonymous"}
    assert set(REQUESTS) == set(in_table), sorted(set(in_table) ^ set(REQUESTS))


# --- the objects ---------------------------------------------------------------------------


@dataclass
class World:
    """What the setup made: per case command a pair of cases, the objects of the reads."""

    today: str
    kits: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # kit → side → case
    extra: dict[str, str] = field(default_factory=dict)  # CROSS_ORG placeholders
    # per service: a checkpoint's tree size and the id of an event it covers
    checkpoints: dict[str, tuple[int, str]] = field(default_factory=dict)
    serial: itertools.count = field(default_factory=lambda: itertools.count(500))

    def case(self, kit: str, scope: str) -> str:
        return self.kits[kit][scope]["case_id"]

    def patient(self, kit: str, scope: str) -> str:
        return self.kits[kit][scope]["patient_id"]


async def submitted_reports(system: System) -> dict[str, str]:
    """Each side's county submits its reports of 2025Q4, 2026Q1 and 2026Q2 (with a scan), for
    the city to accept, return and read."""
    scans = {}
    for scope, who in COUNTY_CA.items():
        response = await system.registry.http.post(
            "/v1/report-scans", content=SCAN + scope.encode(),
            headers={**who, "Content-Type": "application/pdf"})
        assert response.status_code == 201, response.text
        scans[f"scan_{scope}"] = response.json()["sha256"]
        for period in ("2025Q4", "2026Q1", "2026Q2"):
            await system.registry.post(
                f"/v1/reports/{SIDES[scope].county}/{period}/submissions",
                {**REPORT_LINES, "scan_sha256": scans[f"scan_{scope}"]}, who, 201)
    return scans


def person(serial: int) -> dict[str, Any]:
    return {"name": f"测试{serial}号", "id_number": id_number(serial),
            "guardian": {"name": "家属", "relation": "母亲"}}


def consents(today: str, *purposes: str, givers: tuple[str, ...] = ("patient",)) -> list[dict]:
    return [{"purpose": p, "given_by": g, "given_on": today} for p in purposes for g in givers]


def upload_body(w: World, county: str) -> dict[str, Any]:
    return {"person": person(next(w.serial)), "residence_region": county,
            "assessment_kind": "discharge", "assessed_on": w.today, "diagnosis": "精神分裂症",
            "risk_level": 1, "recommendation": "病情稳定，建议社区康复",
            "consents": consents(w.today, "referral_upload", "share_with_institution",
                                 "relocation", givers=("patient", "guardian"))}


def report_body(w: World, county: str) -> dict[str, Any]:
    return {"channel": "third_party", "person": person(next(w.serial)),
            "residence_region": county, "needs": "希望参加日间训练", "applied_on": w.today,
            "reporter_kind": "committee", "reporter_name": "某社区居委会",
            "consents": consents(w.today, "share_with_institution", "relocation")}


def bodies(w: World) -> dict[str, Any]:
    """A valid body for each case command (valid, so that scope is what decides)."""
    t = w.today
    return {
        "review": {"approved": True, "needs_assessment": "有康复需求"},
        "reconfirmation": {"willing": True, "situation": "仍愿意参加社区康复"},
        "acceptance": {"accepted": True},
        "evaluations": {"evaluated_on": t, "suitable": True, "opinion": "适宜社区康复",
                        "plan": "日间训练", "risk_level": 1,
                        "team": [{"name": "王医生", "profession": "psychiatrist"},
                                 {"name": "赵社工", "profession": "social_worker"}]},
        "agreements": {"signed_on": t, "informed_consent": True, "service_agreement": True,
                       "electronic": True, "signed_by_guardian": True},
        "service-records": {"service_type": "life_skills", "form": "day_training",
                            "method": "group_work", "started_at": f"{t}T09:00:00+08:00",
                            "duration_minutes": 60, "staff": ["赵社工"]},
        "reassessments": {"assessed_on": t, "rehabilitation_effect": "明显改善",
                          "disease_state": "稳定", "self_care": "完全自理",
                          "employment_willingness": True, "employment_ability": True,
                          "risk_level": 0, "recommend_exit": False},
        "exit_reassessment": {"assessed_on": t, "rehabilitation_effect": "明显改善",
                              "disease_state": "稳定", "self_care": "完全自理",
                              "employment_willingness": True, "employment_ability": True,
                              "risk_level": 0, "recommend_exit": True,
                              "exit_destination": "home"},
        "relapses": {"hospital_org_id": "hosp-1", "risk_level": 4, "reason": "停药后复发"},
        "hospital-returns": {"discharged_on": t},
        "exit": {"destination": "home"},
        "withdrawal": {"reason": "withdrawn", "unwilling": False},
        "follow-ups": {"visited_on": t, "outcome": "生活稳定"},
        "consents": {"purpose": "relocation", "given_by": "guardian", "on": t},
        "erasure": {"reason": "本人申请删除（测试）"},
    }


class Builder:
    """Takes cases through the referral API to the state a kit needs."""

    STAGES = ("pending_review", "registered", "dispatched", "accepted", "evaluated",
              "in_service")

    def __init__(self, system: System, world: World) -> None:
        self.s, self.w, self.body = system, world, bodies(world)

    async def _act(self, case_id: str, action: str, body: dict[str, Any],
                   who: dict[str, str]) -> dict[str, Any]:
        return await self.s.referral.post(f"/v1/cases/{case_id}/{action}", body, who)

    async def case(self, scope: str, stage: str) -> dict[str, Any]:
        """A third-party report of the side's reporter, taken to ``stage``: one of STAGES, or
        `green` (in service again after a relapse to the side's hospital), `hospitalized`,
        `exit_ready` (a reassessment recommends the exit) or `closed` (exited)."""
        side, b = SIDES[scope], self.body
        case = await self.s.referral.post("/v1/referrals/applications",
                                          report_body(self.w, side.county), side.reporter, 201)
        cid, inst = case["case_id"], side.institution_token
        steps = [("review", b["review"], side.social_worker),
                 ("dispatch", {"institution_id": side.institution}, PLATFORM),
                 ("acceptance", b["acceptance"], inst), ("evaluations", b["evaluations"], inst),
                 ("agreements", b["agreements"], inst)]
        relapse = {**b["relapses"], "hospital_org_id": side.hospital}
        extra = {"green": [("relapses", relapse, inst), ("hospital-returns",
                                                         b["hospital-returns"], inst)],
                 "hospitalized": [("relapses", relapse, inst)],
                 "exit_ready": [("reassessments", b["exit_reassessment"], inst)],
                 "closed": [("reassessments", b["exit_reassessment"], inst),
                            ("exit", b["exit"], inst)]}
        todo = steps[:self.STAGES.index(stage)] if stage in self.STAGES else steps + extra[stage]
        for action, body, who in todo:
            case = await self._act(cid, action, body, who)
        expected = {"green": "in_service", "exit_ready": "in_service"}.get(stage, stage)
        assert case["state"] == expected, (stage, case["state"])
        return case

    async def upload(self, hospital: dict[str, str], county: str) -> dict[str, Any]:
        return await self.s.referral.post("/v1/referrals/medical-assessments",
                                          upload_body(self.w, county), hospital, 201)


# kit → the state its pair of cases is in
KITS = {"read": "green", "review": "pending_review", "reconfirmation": "registered",
        "dispatch": "registered", "acceptance": "dispatched", "evaluations": "accepted",
        "agreements": "evaluated", "service-records": "in_service",
        "reassessments": "in_service", "relocations": "in_service", "relapses": "in_service",
        "hospital-returns": "hospitalized", "exit": "exit_ready", "withdrawal": "in_service",
        "follow-ups": "closed", "consents": "green", "erasure": "closed"}


async def build_world(system: System) -> World:
    world = World(today=system.clock.today)
    for serial, spec in enumerate(INSTITUTIONS, start=300):
        await system.registry.post("/v1/institutions", institution_body(spec, serial),
                                   SETUP_CA, 201)
    await system.registry.post("/v1/institutions/sjz-a/staff-reports",
                               {"period": "2026Q2", "lines": STAFF_Q2}, SETUP_CA)
    await system.settle()  # the referral service's directory knows the institutions
    build = Builder(system, world)
    for kit, stage in KITS.items():
        world.kits[kit] = {scope: await build.case(scope, stage) for scope in ("in", "out")}
    # The cross-organisation checks' own objects.
    upload_in = await build.upload(CALLERS["hospital"], "130102")
    elsewhere = await build.upload(CALLERS["hospital"], "130102")
    b, sjz_a, ts_a = build.body, SIDES["in"].institution_token, SIDES["out"].institution_token
    for action, body in (("dispatch", {"institution_id": "sjz-a"}),
                         ("acceptance", b["acceptance"]), ("evaluations", b["evaluations"]),
                         ("agreements", b["agreements"]),
                         ("relapses", {**b["relapses"], "hospital_org_id": "hosp-2"})):
        await build._act(elsewhere["case_id"], action, body,
                         PLATFORM if action == "dispatch" else sjz_a)
    relocation = {"to_region": "130202", "target_institution_id": "ts-a", "reason": "随家人迁居"}
    sjz_s = SIDES["former"].institution_token
    offered = await build.case("former", "in_service")
    await build._act(offered["case_id"], "relocations", relocation, sjz_s)
    moved = await build.case("former", "in_service")
    await build._act(moved["case_id"], "relocations", relocation, sjz_s)
    for action in ("acceptance", "evaluations", "agreements"):
        moved = await build._act(moved["case_id"], action, b[action], ts_a)
    assert moved["state"] == "in_service"
    world.extra = {
        "read_in": world.case("read", "in"), "read_in_patient": world.patient("read", "in"),
        "service_in": world.case("service-records", "in"),
        "returns_in": world.case("hospital-returns", "in"),
        "withdrawal_in": world.case("withdrawal", "in"),
        "upload_in": upload_in["case_id"], "upload_in_patient": upload_in["patient_id"],
        "relapsed_elsewhere": elsewhere["case_id"], "moved_away": moved["case_id"],
        "offered": offered["case_id"]}
    world.extra |= await submitted_reports(system)
    await system.settle()  # the registry's archive holds every case
    for service, db_url in (("referral", system.referral_db), ("registry", system.registry_db)):
        world.checkpoints[service] = await checkpoint_of(db_url, service)
    return world


async def checkpoint_of(db_url: str, service: str) -> tuple[int, str]:
    """A checkpoint of the store signed with the services' (default) ledger key, and the id of
    the first event it covers."""
    db = await connect(db_url)
    try:
        ledger = Ledger(db, service, LedgerKey.from_base64(DEVELOPMENT_LEDGER_KEY))
        await ledger.checkpoint()
        made = await ledger.latest()
        first = await anext(ledger.leaves())
        async with db.connection() as conn:
            event_id = await conn.fetchval("SELECT event_id FROM events WHERE position = $1",
                                           first.position)
        return made.tree_size, str(event_id)
    finally:
        await db.close()


def integrity(service: str, path: str, **params: Any) -> Recipe:
    def recipe(w: World, scope: str) -> Request:
        size, event_id = w.checkpoints[service]
        values = {"size": size, "event_id": event_id}
        return Request(path.format(**values),
                       {k: str(v).format(**values) for k, v in params.items()} or None)

    return recipe


# --- the requests of each row --------------------------------------------------------------


@dataclass
class Request:
    path: str
    params: dict[str, Any] | None = None
    json: Any = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


Recipe = Callable[[World, str], Request]
REPORT_LINES = {"filled_by": "王芳", "phone": "13800138000", "responsible": "李强"}
SCAN = b"%PDF-1.4\n% a signed and stamped form "
COUNTY_CA = {"in": token("civil_affairs", "ca-changan", "130102"),
             "out": token("civil_affairs", "ca-lunan", "130202")}
SIDE_CITY = {"in": "130100", "out": "130200"}
SIDE_INSTITUTION = {"in": "sjz-a", "out": "ts-a"}


def plain(path: str, **params: Any) -> Recipe:
    return lambda w, scope: Request(path, params or None)


def by_city(path: str, **params: Any) -> Recipe:
    return lambda w, scope: Request(path, {"region": SIDE_CITY[scope], **params})


def case_read(suffix: str = "") -> Recipe:
    return lambda w, scope: Request(f"/v1/cases/{w.case('read', scope)}{suffix}")


def case_command(action: str, body: Callable[[World, str], Any] | None = None) -> Recipe:
    def recipe(w: World, scope: str) -> Request:
        payload = body(w, scope) if body else bodies(w)[action]
        return Request(f"/v1/cases/{w.case(action, scope)}/{action}", json=payload)
    return recipe


def institution(suffix: str = "", *, body: Callable[[World, str], Any] | None = None,
                ids: dict[str, str] = SIDE_INSTITUTION) -> Recipe:
    return lambda w, scope: Request(f"/v1/institutions/{ids[scope]}{suffix}",
                                    json=body(w, scope) if body else None)


def new_institution(w: World, scope: str) -> dict[str, Any]:
    n = next(w.serial)
    county = SIDES[scope].county
    spec = (f"mx-{n}", county, None, "village", "station", "urban", 10, "-")
    return institution_body(spec, n)


def csv_import(w: World, scope: str) -> Request:
    n, county = next(w.serial), SIDES[scope].county
    header = "institution_id,name,credit_code,region,address,level,kind,area,capacity"
    row = f"mx-{n},mx-{n} 康复站,{credit_code(n)},{county},康复路{n}号,village,station,urban,10"
    return Request("/v1/institutions/imports", content=f"{header}\n{row}\n".encode(),
                   headers={"Content-Type": "text/csv"})


REQUESTS: dict[tuple[str, str, str], Recipe] = {
    ("referral", "GET", "/healthz"): plain("/healthz"),
    ("referral", "GET", "/readyz"): plain("/readyz"),
    ("referral", "GET", "/metrics"): plain("/metrics"),
    ("referral", "GET", "/v1/events"): plain("/v1/events", limit=1),
    ("referral", "GET", "/v1/state-machine"): plain("/v1/state-machine"),
    ("referral", "GET", "/v1/cases"): by_city("/v1/cases"),
    ("referral", "GET", "/v1/cases/{case_id}"): case_read(),
    ("referral", "GET", "/v1/cases/{case_id}/events"): case_read("/events"),
    ("referral", "GET", "/v1/cases/{case_id}/integrity"): case_read("/integrity"),
    ("referral", "GET", "/v1/cases/{case_id}/placement"): case_read("/placement"),
    ("referral", "GET", "/v1/audit/access-log"): plain("/v1/audit/access-log", limit=5),
    ("referral", "GET", "/v1/integrity/key"): plain("/v1/integrity/key"),
    ("referral", "GET", "/v1/integrity/checkpoints/latest"): plain(
        "/v1/integrity/checkpoints/latest"),
    ("referral", "GET", "/v1/integrity/checkpoints/{tree_size}"): integrity(
        "referral", "/v1/integrity/checkpoints/{size}"),
    ("referral", "GET", "/v1/integrity/proofs/inclusion"): integrity(
        "referral", "/v1/integrity/proofs/inclusion", event_id="{event_id}", tree_size="{size}"),
    ("referral", "GET", "/v1/integrity/proofs/consistency"): integrity(
        "referral", "/v1/integrity/proofs/consistency", first=1, second="{size}"),
    ("referral", "POST", "/v1/referrals/medical-assessments"): lambda w, scope: Request(
        "/v1/referrals/medical-assessments", json=upload_body(w, SIDES[scope].county)),
    ("referral", "POST", "/v1/referrals/applications"): lambda w, scope: Request(
        "/v1/referrals/applications", json=report_body(w, SIDES[scope].county)),
    **{("referral", "POST", f"/v1/cases/{{case_id}}/{action}"): case_command(action)
       for action in ("review", "reconfirmation", "acceptance", "evaluations", "agreements",
                      "service-records", "reassessments", "relapses", "hospital-returns",
                      "exit", "withdrawal", "follow-ups", "consents")},
    ("referral", "POST", "/v1/cases/{case_id}/dispatch"): case_command(
        "dispatch", lambda w, scope: {"institution_id": SIDE_INSTITUTION[scope]}),
    ("referral", "POST", "/v1/cases/{case_id}/relocations"): case_command(
        "relocations", lambda w, scope: {
            "to_region": {"in": "130202", "out": "130102"}[scope],
            "target_institution_id": {"in": "ts-a", "out": "sjz-a"}[scope],
            "reason": "随家人迁居"}),
    ("referral", "POST", "/v1/persons/{patient_id}/erasure"): lambda w, scope: Request(
        f"/v1/persons/{w.patient('erasure', scope)}/erasure", json=bodies(w)["erasure"]),

    ("registry", "GET", "/healthz"): plain("/healthz"),
    ("registry", "GET", "/readyz"): plain("/readyz"),
    ("registry", "GET", "/metrics"): plain("/metrics"),
    ("registry", "GET", "/v1/events"): plain("/v1/events", limit=1),
    ("registry", "GET", "/v1/institutions"): by_city("/v1/institutions"),
    ("registry", "GET", "/v1/institutions/{institution_id}"): institution(),
    ("registry", "GET", "/v1/institutions/{institution_id}/events"): institution("/events"),
    ("registry", "GET", "/v1/archives/patients"): by_city("/v1/archives/patients"),
    ("registry", "GET", "/v1/archives/patients/{patient_id}"): lambda w, scope: Request(
        f"/v1/archives/patients/{w.patient('read', scope)}"),
    ("registry", "GET", "/v1/archives/institutions/{institution_id}"): lambda w, scope: Request(
        f"/v1/archives/institutions/{SIDE_INSTITUTION[scope]}"),
    ("registry", "GET", "/v1/statistics/progress"): by_city("/v1/statistics/progress",
                                                            period="2026Q2"),
    ("registry", "GET", "/v1/statistics/coverage"): by_city("/v1/statistics/coverage"),
    ("registry", "GET", "/v1/statistics/outcomes"): by_city("/v1/statistics/outcomes",
                                                            period="2026Q2"),
    ("registry", "GET", "/v1/audit/access-log"): plain("/v1/audit/access-log", limit=5),
    ("registry", "GET", "/v1/integrity/key"): plain("/v1/integrity/key"),
    ("registry", "GET", "/v1/integrity/checkpoints/latest"): plain(
        "/v1/integrity/checkpoints/latest"),
    ("registry", "GET", "/v1/integrity/checkpoints/{tree_size}"): integrity(
        "registry", "/v1/integrity/checkpoints/{size}"),
    ("registry", "GET", "/v1/integrity/proofs/inclusion"): integrity(
        "registry", "/v1/integrity/proofs/inclusion", event_id="{event_id}", tree_size="{size}"),
    ("registry", "GET", "/v1/integrity/proofs/consistency"): integrity(
        "registry", "/v1/integrity/proofs/consistency", first=1, second="{size}"),
    ("registry", "POST", "/v1/institutions"): lambda w, scope: Request(
        "/v1/institutions", json=new_institution(w, scope)),
    ("registry", "POST", "/v1/institutions/imports"): csv_import,
    ("registry", "PATCH", "/v1/institutions/{institution_id}"): institution(
        body=lambda w, scope: {"capacity": 20 + next(w.serial) % 50}),
    ("registry", "POST", "/v1/institutions/{institution_id}/staff-reports"): institution(
        "/staff-reports", body=lambda w, scope: {"period": "2026Q2", "lines": STAFF_Q2}),
    ("registry", "POST", "/v1/institutions/{institution_id}/status"): institution(
        "/status", body=lambda w, scope: {"action": "suspend", "reason": "整改"},
        ids={"in": "sjz-s", "out": "ts-s"}),
    ("registry", "PUT", "/v1/regions/{region_code}/baselines/{period}"): lambda w, scope: Request(
        f"/v1/regions/{SIDES[scope].county}/baselines/2026Q2",
        json=baseline(50, 5, 6, 30, 2, [], "3.00")),
    ("registry", "PUT", "/v1/reports/{region}/{period}/draft"): lambda w, scope: Request(
        f"/v1/reports/{SIDE_CITY[scope]}/2026Q2/draft", json=REPORT_LINES),
    ("registry", "POST", "/v1/reports/{region}/{period}/submissions"): lambda w, scope: Request(
        f"/v1/reports/{SIDE_CITY[scope]}/2026Q2/submissions", json=REPORT_LINES),
    # The counties' reports the setup submitted: the city returns one and accepts another.
    ("registry", "POST", "/v1/reports/{region}/{period}/return"): lambda w, scope: Request(
        f"/v1/reports/{SIDES[scope].county}/2026Q1/return",
        json={"version": 1, "reason": "请核实"}),
    ("registry", "POST", "/v1/reports/{region}/{period}/acceptance"): lambda w, scope: Request(
        f"/v1/reports/{SIDES[scope].county}/2025Q4/acceptance", json={"version": 1}),
    ("registry", "GET", "/v1/reports/due"): by_city("/v1/reports/due"),
    ("registry", "GET", "/v1/reports/{region}/{period}"): lambda w, scope: Request(
        f"/v1/reports/{SIDES[scope].county}/2026Q2"),
    ("registry", "GET", "/v1/reports/{region}/{period}/versions/{version}"): lambda w, scope: (
        Request(f"/v1/reports/{SIDES[scope].county}/2026Q2/versions/1")),
    ("registry", "GET", "/v1/reports/{region}/{period}/comparison"): lambda w, scope: Request(
        f"/v1/reports/{SIDE_CITY[scope]}/2026Q2/comparison"),
    ("registry", "POST", "/v1/report-scans"): lambda w, scope: Request(
        "/v1/report-scans", content=SCAN + str(next(w.serial)).encode(),
        headers={"Content-Type": "application/pdf"}),
    ("registry", "GET", "/v1/report-scans/{sha256}"): lambda w, scope: Request(
        f"/v1/report-scans/{w.extra['scan_' + scope]}"),
}

# --- running the table ---------------------------------------------------------------------


class Heads:
    """The number of events in each service's store: a refusal must leave both as they were."""

    def __init__(self, referral: Database, registry: Database) -> None:
        self.dbs = {"referral": referral, "registry": registry}

    async def __call__(self) -> dict[str, int]:
        heads = {}
        for name, db in self.dbs.items():
            async with db.connection() as conn:
                heads[name] = await conn.fetchval("SELECT count(*) FROM events")
        return heads


def verdict(expected: str, response: httpx.Response) -> str | None:
    """None when the answer is what the cell says, else what is wrong."""
    status = response.status_code
    if expected in ("401", "403", "404"):
        return None if status == int(expected) else f"expected {expected}, got {status}"
    if status in (401, 403, 404):
        return f"allowed ({expected}), got {status}"
    if status >= 500:
        return f"allowed ({expected}), got a server error {status}"
    if expected == "ok":
        return None
    if status != 200:
        return f"expected a 200 page ({expected}), got {status}"
    items = response.json().get("items")
    if expected == "seen" and not items:
        return "expected items in scope, the page is empty"
    if expected == "empty" and items:
        return f"expected nothing from another org/region, the page lists {len(items)}"
    return None


def _excerpt(response: httpx.Response) -> str:
    text = response.text
    try:
        body = response.json()
        text = json.dumps({k: body[k] for k in ("code", "detail") if k in body} or body,
                          ensure_ascii=False)
    except ValueError:
        pass
    return text[:160]


@dataclass
class Run:
    system: System
    heads: Heads
    world: World
    wrong: list[str] = field(default_factory=list)
    allowed: dict[tuple[str, str, str], Counter] = field(default_factory=lambda: defaultdict(Counter))
    cells: int = 0

    async def cell(self, label: str, service: str, method: str, endpoint: str,
                   request: Request, who: dict[str, str], expected: str) -> None:
        client = (self.system.referral if service == "referral" else self.system.registry).http
        before = await self.heads()
        response = await client.request(method, request.path, params=request.params,
                                        json=request.json, content=request.content,
                                        headers={**request.headers, **who})
        after = await self.heads()
        self.cells += 1
        problem = verdict(expected, response)
        if problem is None and (expected in ("401", "403", "404") or response.status_code >= 400):
            written = {k: after[k] - before[k] for k in after if after[k] != before[k]}
            if written:
                problem = f"answered {response.status_code} but wrote events {written}"
        if problem is not None:
            self.wrong.append(f"{service} {method} {endpoint} [{label}]: {problem} "
                              f"({request.path}: {_excerpt(response)})")
        elif expected not in ("401", "403", "404"):
            self.allowed[(service, method, endpoint)][response.status_code] += 1


def summary(run: Run) -> str:
    lines = [(f"{run.cells} cells ({len(ROWS)} endpoints × {len(ROLES)} roles × 2 scopes "
              f"+ {len(ROWS)} without a token + {len(CROSS_ORG)} named checks); "
              "answers of the allowed cells:")]
    for (service, method, path), statuses in run.allowed.items():
        answers = ", ".join(f"{s}×{n}" for s, n in sorted(statuses.items()))
        lines.append(f"  {service:8} {method:5} {path:48} {answers}")
    return "\n".join(lines)


async def test_authorization_matrix(system: System) -> None:
    """Every cell of both tables and every cross-organisation check, on each engine; all the
    wrong cells are listed together."""
    world = await build_world(system)
    referral_db, registry_db = await connect(system.referral_db), await connect(system.registry_db)
    run = Run(system, Heads(referral_db, registry_db), world)
    try:
        # Reads first: no command of the table changes what a read of it sees.
        for row in sorted(ROWS, key=lambda r: r.method != "GET"):
            recipe = REQUESTS[(row.service, row.method, row.path)]
            for role in ROLES:
                for index, scope in enumerate(("in", "out")):
                    await run.cell(f"{role}/{scope}", row.service, row.method, row.path,
                                   recipe(world, scope), CALLERS[role], row.cells[role][index])
            await run.cell("no token", row.service, row.method, row.path, recipe(world, "in"),
                           {}, row.cells["anonymous"][0])
        await cross_organisation(run)
    finally:
        await referral_db.close()
        await registry_db.close()
    print(summary(run))
    if run.wrong:
        pytest.fail(f"{len(run.wrong)} of {run.cells} cells wrong:\n" + "\n".join(run.wrong),
                    pytrace=False)


async def cross_organisation(run: Run) -> None:
    w = run.world
    for who, service, method, template, expected in CROSS_ORG:
        path, _, query = template.format(**w.extra).partition("?")
        params = dict(p.split("=") for p in query.split("&")) if query else None
        endpoint = next(r for r in ROWS if r.service == service and r.method == method
                        and _matches(r.path, path))
        request = REQUESTS[(service, method, endpoint.path)](w, "in")
        request = Request(path, params, request.json, request.content, request.headers)
        await run.cell(who, service, method, endpoint.path, request, OTHERS[who], expected)


def _matches(template: str, path: str) -> bool:
    parts, actual = template.split("/"), path.split("/")
    return len(parts) == len(actual) and all(
        p == a or (p.startswith("{") and p.endswith("}")) for p, a in zip(parts, actual))

