"""The hardened edge of both services, served on loopback ports: security headers, CORS, the
request-body limits of size and time, the per-client rate limit, the access log's bound on
unauthenticated calls and the tokens' lifetime."""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import jwt as pyjwt
import pytest

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang.common.settings import CommonSettings
from jingkang.common.web.auth import mint_token
from jingkang.common.web.rate_limit import TokenBuckets
from jingkang.referral.config import Settings as ReferralSettings
from jingkang.referral.entrypoints.app import create_app as create_referral
from jingkang.registry.config import Settings as RegistrySettings
from jingkang.registry.entrypoints.app import create_app as create_registry

from .support import free_port, serving

SECRET = "hardening-tests-secret-0123456789abcdef0123"
MIB = 1024 * 1024
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff", "x-frame-options": "DENY",
    "referrer-policy": "no-referrer", "cache-control": "no-store",
    "cross-origin-resource-policy": "same-origin",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
}
DESK = "https://desk.example"


def token(role: str, org: str, region: str = "130000", sub: str = "u1") -> dict[str, str]:
    jwt = mint_token(SECRET, sub=sub, role=role, org_id=org, region=region)
    return {"Authorization": f"Bearer {jwt}"}


AUDITOR = token("auditor", "audit")
HOSPITAL = token("hospital", "hosp-1", "130100")
CIVIL_AFFAIRS = token("civil_affairs", "ca-sjz", "130100")


@dataclass
class Services:
    referral: httpx.AsyncClient
    registry: httpx.AsyncClient

    def __iter__(self) -> Iterator[httpx.AsyncClient]:
        return iter((self.referral, self.registry))




@contextlib.asynccontextmanager
async def running(tmp_path: Path, **settings: Any) -> AsyncIterator[Services]:
    """Both services on migrated SQLite files, each following the other's feed."""
    urls = {"referral": f"sqlite+aiosqlite:///{tmp_path / 'referral.db'}",
            "registry": f"sqlite+aiosqlite:///{tmp_path / 'registry.db'}"}
    for service, url in urls.items():
        await upgrade_to_head_async(service, url)
    ports = {"referral": free_port(), "registry": free_port()}
    bases = {s: f"http://127.0.0.1:{p}" for s, p in ports.items()}
    common = {"jwt_secret": SECRET, "log_level": "warning", "referral_url": bases["referral"],
              "registry_url": bases["registry"], "_env_file": None, **settings}
    referral = create_referral(ReferralSettings(referral_database_url=urls["referral"], **common))
    registry = create_registry(RegistrySettings(registry_database_url=urls["registry"], **common))
    async with serving(registry, ports["registry"]), serving(referral, ports["referral"]), \
            httpx.AsyncClient(base_url=bases["referral"], timeout=30) as r, \
            httpx.AsyncClient(base_url=bases["registry"], timeout=30) as g:
        yield Services(r, g)


async def feed_head(http: httpx.AsyncClient) -> dict[str, Any] | None:
    page = await http.get("/v1/events", params={"limit": 1}, headers=AUDITOR)
    assert page.status_code == 200, page.text
    return page.json()["head"]


def assert_secured(response: httpx.Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (response.request.url, name, response.headers)
    assert "strict-transport-security" not in response.headers


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == code
    return response.json()


def chunked(body: bytes, size: int = 64 * 1024) -> Any:
    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), size):
            yield body[start:start + size]
    return chunks()


def upload(padding: int = 0) -> bytes:
    """A valid medical assessment, padded with JSON whitespace to the size a test needs."""
    day = (date.today() - timedelta(days=2)).isoformat()
    body = {"person": {"name": "张三", "id_number": "11010519491231002X",
                       "guardian": {"name": "李四", "relation": "母亲"}},
            "residence_region": "130102", "assessment_kind": "discharge", "assessed_on": day,
            "diagnosis": "精神分裂症", "risk_level": 1, "recommendation": "病情稳定，建议社区康复",
            "consents": [{"purpose": "referral_upload", "given_by": who, "given_on": day}
                         for who in ("patient", "guardian")]}
    return json.dumps(body, ensure_ascii=False).encode() + b" " * padding


# Security headers ------------------------------------------------------------------------

async def test_security_headers_on_every_kind_of_answer(tmp_path: Path) -> None:
    reads = {"referral": "/v1/state-machine", "registry": "/v1/institutions"}
    async with running(tmp_path) as services:
        for service, http in zip(reads, services, strict=True):
            answers = [
                await http.get(reads[service], headers=AUDITOR),  # 200
                await http.get(reads[service]),  # 401
                await http.get("/v1/no-such-thing", headers=AUDITOR),  # 404
                await http.get("/v1/events", params={"after": "x"}, headers=AUDITOR),  # 422
                await http.get("/v1/events", headers=AUDITOR),
                await http.get("/healthz"), await http.get("/metrics"),
                await http.get("/openapi.json"),
            ]
            assert [a.status_code for a in answers] == [200, 401, 404, 422, 200, 200, 200, 200]
            for answer in answers:
                assert_secured(answer)
            for page in ("/docs", "/redoc"):  # the docs load their scripts from the service
                docs = await http.get(page)
                assert docs.status_code == 200
                assert "https:" not in docs.headers["content-security-policy"]
                assert "https:" not in docs.text and "/docs-assets/" in docs.text
                assert "frame-ancestors 'none'" in docs.headers["content-security-policy"]
                assert docs.headers["x-frame-options"] == "DENY"


async def test_hsts_only_when_the_deployment_says_https(tmp_path: Path) -> None:
    async with running(tmp_path, hsts=True) as services:
        for http in services:
            for path in ("/healthz", "/v1/no-such-thing"):
                answer = await http.get(path)
                assert answer.headers["strict-transport-security"].startswith("max-age=")


# CORS ------------------------------------------------------------------------------------

def preflight(http: httpx.AsyncClient, origin: str) -> Any:
    return http.options("/v1/events", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type, idempotency-key"})


async def test_no_cors_unless_configured(tmp_path: Path) -> None:
    async with running(tmp_path) as services:
        for http in services:
            answers = [await preflight(http, DESK),
                       await http.get("/v1/events", headers={**AUDITOR, "Origin": DESK})]
            assert answers[1].status_code == 200
            for answer in answers:
                assert not [h for h in answer.headers if h.startswith("access-control-")]
                assert_secured(answer)


async def test_cors_for_the_configured_origins_only(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JINGKANG_CORS_ORIGINS", f"{DESK}/, https://his.example")
    async with running(tmp_path) as services:
        for http in services:
            allowed = await preflight(http, DESK)
            assert allowed.status_code == 200
            assert allowed.headers["access-control-allow-origin"] == DESK
            assert {"GET", "POST", "PUT", "PATCH"} <= set(
                allowed.headers["access-control-allow-methods"].split(", "))
            assert "idempotency-key" in allowed.headers["access-control-allow-headers"].lower()
            assert_secured(allowed)
            read = await http.get("/v1/events", headers={**AUDITOR, "Origin": DESK})
            assert read.headers["access-control-allow-origin"] == DESK
            assert {"etag", "location", "retry-after"} <= {
                h.strip().lower() for h in read.headers["access-control-expose-headers"].split(",")}
            evil = "https://evil.example"
            other = [await preflight(http, evil),
                     await http.get("/v1/events", headers={**AUDITOR, "Origin": evil})]
            assert other[0].status_code == 400
            for answer in other:
                assert "access-control-allow-origin" not in answer.headers


def test_cors_origins_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JINGKANG_CORS_ORIGINS", '["https://a.example", "https://b.example/"]')
    assert CommonSettings(_env_file=None).cors_origins == ["https://a.example", "https://b.example"]
    monkeypatch.setenv("JINGKANG_CORS_ORIGINS", "https://a.example,https://b.example")
    assert CommonSettings(_env_file=None).cors_origins == ["https://a.example", "https://b.example"]
    monkeypatch.setenv("JINGKANG_CORS_ORIGINS", "")
    assert CommonSettings(_env_file=None).cors_origins == []
    monkeypatch.setenv("JINGKANG_CORS_ORIGINS", "*")
    with pytest.raises(ValueError, match="refused"):
        CommonSettings(_env_file=None)


# Body limit ------------------------------------------------------------------------------

async def test_oversized_bodies_are_refused_and_write_nothing(tmp_path: Path) -> None:
    path = "/v1/referrals/medical-assessments"
    too_big = upload(padding=MIB)  # valid JSON: only its size is wrong
    async with running(tmp_path) as services:
        http = services.referral
        declared = await http.post(path, content=too_big, headers={
            **HOSPITAL, "Content-Type": "application/json", "Idempotency-Key": "big-1"})
        streamed = await http.post(path, content=chunked(too_big), headers={
            **HOSPITAL, "Content-Type": "application/json", "Idempotency-Key": "big-2"})
        for answer in (declared, streamed):
            assert_problem(answer, 413, "payload_too_large")
            assert_secured(answer)
        assert "transfer-encoding" in streamed.request.headers
        assert await feed_head(http) is None
        # The same body under the limit, streamed, is accepted: the limit is what refused it.
        fits = await http.post(path, content=chunked(upload(padding=MIB - 4096)), headers={
            **HOSPITAL, "Content-Type": "application/json", "Idempotency-Key": "fits-1"})
        assert fits.status_code == 201, fits.text
        assert (await feed_head(http))["position"] == 1

        registry = services.registry
        institution = await registry.post(
            "/v1/institutions", content=b"{" + b" " * MIB + b"}",
            headers={**CIVIL_AFFAIRS, "Content-Type": "application/json"})
        assert_problem(institution, 413, "payload_too_large")
        assert await feed_head(registry) is None


async def test_the_csv_import_takes_up_to_5_mib(tmp_path: Path) -> None:
    csv_headers = {**CIVIL_AFFAIRS, "Content-Type": "text/csv"}
    async with running(tmp_path) as services:
        http = services.registry
        junk = b"a,b,c\n" * (2 * MIB // 6 + 1)
        answer = await http.post("/v1/institutions/imports", content=junk, headers=csv_headers)
        assert_problem(answer, 422, "invalid_csv")  # read and refused as CSV, not for its size
        for content in (b"a,b,c\n" * (5 * MIB // 6 + 1), chunked(b"a,b,c\n" * MIB)):
            assert_problem(await http.post("/v1/institutions/imports", content=content,
                                           headers=csv_headers), 413, "payload_too_large")
        assert await feed_head(http) is None


# Rate limit ------------------------------------------------------------------------------

async def test_a_client_over_its_burst_waits_and_others_do_not(tmp_path: Path) -> None:
    reads = {"referral": "/v1/state-machine", "registry": "/v1/institutions"}
    busy, other = token("auditor", "audit", sub="busy"), token("auditor", "audit", sub="other")
    async with running(tmp_path, rate_limit_burst=5, rate_limit_per_second=1) as services:
        for service, http in zip(reads, services, strict=True):
            answers = [await http.get(reads[service], headers=busy) for _ in range(8)]
            assert [a.status_code for a in answers[:5]] == [200] * 5
            limited = next(a for a in answers[5:] if a.status_code == 429)
            assert_problem(limited, 429, "rate_limited")
            assert_secured(limited)
            assert int(limited.headers["retry-after"]) >= 1
            assert (await http.get(reads[service], headers=other)).status_code == 200
            for path in ("/healthz", "/readyz", "/metrics"):
                assert {(await http.get(path)).status_code for _ in range(8)} == {200}
            assert 'status="429"' in (await http.get("/metrics")).text


async def test_the_limit_can_be_turned_off(tmp_path: Path) -> None:
    async with running(tmp_path, rate_limit_enabled=False, rate_limit_burst=1) as services:
        for http in services:
            assert {(await http.get("/v1/no-such-thing")).status_code for _ in range(5)} == {404}


def test_buckets_refill_and_their_table_stays_bounded() -> None:
    buckets = TokenBuckets(per_second=2, burst=4, max_clients=100)
    assert [buckets.take("a", 0.0) for _ in range(5)] == [0, 0, 0, 0, 0.5]
    assert buckets.take("a", 0.5) == 0  # one token back after half a second
    for n in range(10_000):
        buckets.take(f"client-{n}", 1.0)
    assert len(buckets.table) == 100
    buckets.take("late", 1.0 + buckets.refill_seconds)  # everyone else idle long enough to be full
    assert list(buckets.table) == ["late"]


def made_up_token() -> dict[str, str]:
    """Shaped like a JWT, signed by no one: what a client trying to dodge the limit sends."""
    parts = (secrets.token_urlsafe(12), secrets.token_urlsafe(24), secrets.token_urlsafe(32))
    return {"Authorization": "Bearer " + ".".join(parts)}


async def test_made_up_tokens_share_their_address_bucket(tmp_path: Path) -> None:
    """A new made-up token with each request got a new full bucket (600 requests, no 429):
    unverified tokens are keyed by the client address now.  60 requests per service."""
    reads = {"referral": "/v1/state-machine", "registry": "/v1/institutions"}
    async with running(tmp_path, rate_limit_burst=20, rate_limit_per_second=1) as services:
        for service, http in zip(reads, services, strict=True):
            answers = [await http.get(reads[service], headers=made_up_token())
                       for _ in range(60)]
            statuses = [a.status_code for a in answers]
            assert statuses[:20] == [401] * 20
            assert statuses.count(429) >= 39, statuses
            # A valid token from the same address has its own bucket: its principal's.
            assert (await http.get(reads[service], headers=AUDITOR)).status_code == 200


async def test_unauthenticated_calls_write_a_bounded_number_of_entries(tmp_path: Path) -> None:
    """Each refused call without a valid token wrote an access-log entry that no one may
    delete for 180 days; now 5 per address and minute here, the rest counted.  30 requests
    with made-up tokens and 10 without any per service."""
    async with running(tmp_path, rate_limit_enabled=False,
                       access_log_unauthenticated_per_minute=5) as services:
        for http in services:
            for _ in range(30):
                assert (await http.get("/v1/no-such-thing", headers=made_up_token())
                        ).status_code == 404
            for _ in range(10):
                assert (await http.get("/v1/events")).status_code == 401
            log = await http.get("/v1/audit/access-log", params={"outcome": "refused"},
                                 headers=AUDITOR)
            anonymous = [e for e in log.json()["items"] if e["actor_id"] is None]
            assert len(anonymous) == 5, anonymous
            assert all(e["client"] == "127.0.0.1" for e in anonymous)
            metrics = (await http.get("/metrics")).text
            assert "jingkang_access_log_unrecorded_total 35.0" in metrics
            # A caller with a valid token is recorded every time.
            for _ in range(8):
                await http.get("/v1/no-such-thing", headers=AUDITOR)
            log = await http.get("/v1/audit/access-log", params={"actor": "u1"},
                                 headers=AUDITOR)
            assert len(log.json()["items"]) == 8


# Body timeout ----------------------------------------------------------------------------

async def slow_post(base: str, path: str, *, chunked_body: bool) -> tuple[bytes, float]:
    """POST a body one byte every 0.2 s; the answer's first bytes and the seconds it took."""
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    framing = "Transfer-Encoding: chunked" if chunked_body else "Content-Length: 200"
    head = (f"POST {path} HTTP/1.1\r\nHost: {host}\r\n"
            f"Authorization: {CIVIL_AFFAIRS['Authorization']}\r\n"
            f"Content-Type: application/json\r\n{framing}\r\n\r\n")
    writer.write(head.encode())

    async def trickle() -> None:
        with contextlib.suppress(OSError):
            for _ in range(200):
                writer.write(b"1\r\n \r\n" if chunked_body else b" ")
                await writer.drain()
                await asyncio.sleep(0.2)

    started = asyncio.get_running_loop().time()
    sending = asyncio.create_task(trickle())
    try:
        answer = await asyncio.wait_for(reader.read(4096), timeout=10)
        try:  # then the server closes
            rest = await asyncio.wait_for(reader.read(), timeout=10)
        except ConnectionResetError:  # closed while the trickle still wrote: an end as well
            rest = b""
        assert rest == b"" or b"408" in answer
    finally:
        sending.cancel()
        writer.close()
    return answer, asyncio.get_running_loop().time() - started


async def test_a_body_sent_byte_by_byte_times_out_with_408(tmp_path: Path) -> None:
    """Without a body timeout the route waited for the trickle for ever (the read below gave
    up after 10 s).  Two slow bodies per service (Content-Length and chunked)."""
    async with running(tmp_path, body_timeout_seconds=1) as services:
        for http, path in ((services.referral, "/v1/referrals/medical-assessments"),
                           (services.registry, "/v1/institutions")):
            for chunked_body in (False, True):
                answer, seconds = await slow_post(str(http.base_url).rstrip("/"), path,
                                                  chunked_body=chunked_body)
                assert answer.startswith(b"HTTP/1.1 408"), answer
                assert b"application/problem+json" in answer and b"request_timeout" in answer
                assert 0.9 < seconds < 5, seconds
            assert await feed_head(http) is None


# Tokens ----------------------------------------------------------------------------------

async def test_long_lived_tokens_and_odd_claims_are_refused(tmp_path: Path) -> None:
    """A token valid for ten years, or with a number for its organisation, was accepted."""
    ten_years = {"Authorization": "Bearer " + mint_token(
        SECRET, sub="u1", role="auditor", org_id="audit", region="130000",
        ttl_seconds=10 * 365 * 86_400)}
    now = int(time.time())
    numeric_org = {"Authorization": "Bearer " + pyjwt.encode(
        {"sub": "u1", "role": "auditor", "org_id": 123, "region": "130000", "iat": now,
         "exp": now + 600}, SECRET, algorithm="HS256")}
    async with running(tmp_path) as services:
        for http in services:
            for headers in (ten_years, numeric_org):
                answer = await http.get("/v1/events", headers=headers)
                assert_problem(answer, 401, "invalid_token")
            assert (await http.get("/v1/events", headers=AUDITOR)).status_code == 200
