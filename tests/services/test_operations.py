"""Both services started for real on loopback ports: operations endpoints, the feed, the run command."""

from __future__ import annotations

import base64
import concurrent.futures
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from jingkang.common.adapters.migrations import head_revision, upgrade_to_head_async

from ..conftest import create_pg_database, drop_pg_database
from .support import running, service_env, token

pytestmark = pytest.mark.slow


@pytest.fixture(params=["sqlite", "postgresql"])
async def referral_env(request: pytest.FixtureRequest, tmp_path: Path):
    """Environment for a referral service on each engine, its database migrated."""
    if request.param == "sqlite":
        env = service_env(tmp_path)
        url = f"sqlite+aiosqlite:///{tmp_path / 'referral.db'}"
        await upgrade_to_head_async("referral", url)
        yield env
        return
    url = await create_pg_database()
    await upgrade_to_head_async("referral", url)
    try:
        yield service_env(tmp_path, JINGKANG_REFERRAL_DATABASE_URL=url)
    finally:
        await drop_pg_database(url)


def _base(env: dict[str, str], service: str) -> str:
    return f"http://127.0.0.1:{env[f'JINGKANG_{service.upper()}_PORT']}"


def test_operations_endpoints_and_feed_auth(referral_env: dict[str, str]) -> None:
    base = _base(referral_env, "referral")
    with running(["serve", "referral"], referral_env, [base]):
        assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
        ready = httpx.get(f"{base}/readyz")
        assert ready.status_code == 200, ready.text
        checks = ready.json()["checks"]
        assert checks["migrations"]["ok"]
        assert checks["migrations"]["current"] == head_revision("referral")
        # The institution directory follows the registry's feed (not running here).
        assert [c["name"] for c in checks["consumers"]] == ["institution_directory"]
        assert checks["consumers"][0]["source"] == referral_env["JINGKANG_REGISTRY_URL"]

        metrics = httpx.get(f"{base}/metrics")
        assert "jingkang_store_head_position" in metrics.text
        assert "jingkang_http_requests_total" in metrics.text

        unauthenticated = httpx.get(f"{base}/v1/events")
        assert unauthenticated.status_code == 401
        assert unauthenticated.headers["content-type"] == "application/problem+json"
        assert unauthenticated.json()["code"] == "unauthenticated"
        assert httpx.get(f"{base}/v1/events", headers=token("hospital")).status_code == 403
        wrong_secret = token("auditor", secret="not-the-secret-but-just-as-long-0123456789")
        assert httpx.get(f"{base}/v1/events", headers=wrong_secret).status_code == 401
        feed = httpx.get(f"{base}/v1/events", headers=token("auditor"), params={"wait": 0})
        assert feed.status_code == 200
        assert feed.json() == {"events": [], "next": "0:0", "head": None, "remaining": 0}
        bad = httpx.get(f"{base}/v1/events", headers=token("auditor"), params={"after": "x"})
        assert bad.status_code == 422
        assert bad.json()["errors"][0]["field"] == "after"


def test_serve_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    env = service_env(tmp_path)  # nothing migrated the SQLite file
    result = subprocess.run([sys.executable, "-m", "jingkang.cli", "serve", "referral"], env=env,
                            capture_output=True, timeout=60)
    assert result.returncode != 0
    assert b"run `jingkang migrate referral` first" in result.stderr


def test_run_command_migrates_starts_both_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    env = service_env(tmp_path / "data")
    referral, registry = _base(env, "referral"), _base(env, "registry")
    with running(["run"], env, [referral, registry]) as process:
        for base in (referral, registry):
            assert httpx.get(f"{base}/readyz").status_code == 200
        assert (tmp_path / "data" / "referral.db").exists()
        assert (tmp_path / "data" / "registry.db").exists()
        printed = []
        while not printed or "Ctrl-C" not in printed[-1]:
            printed.append(process.stdout.readline().decode())
            assert printed[-1], "the run command closed its output"
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
        assert process.returncode == 0
    assert any(f"{referral}/docs" in line for line in printed)
    assert any(f"{registry}/docs" in line for line in printed)
    for base in (referral, registry):
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"{base}/healthz", timeout=1)


def test_a_held_feed_call_answers_when_the_server_is_told_to_stop(tmp_path: Path) -> None:
    """SIGTERM ends a long-poll at once with the empty page (200), instead of the graceful
    shutdown cutting it off with a 500 after its timeout."""
    env = service_env(tmp_path / "data")
    subprocess.run([sys.executable, "-m", "jingkang.cli", "migrate", "referral"], env=env,
                   check=True, capture_output=True, timeout=120)
    base = _base(env, "referral")
    with running(["serve", "referral"], env, [base]) as process, \
            concurrent.futures.ThreadPoolExecutor(1) as pool:
        held = pool.submit(httpx.get, f"{base}/v1/events", params={"wait": 25},
                           headers=token("service"), timeout=60)
        time.sleep(1.0)  # the call is now held
        assert not held.done()
        process.send_signal(signal.SIGTERM)
        response = held.result(timeout=60)
        # uvicorn ends by raising the signal again once it has shut down
        assert process.wait(timeout=30) in (0, -signal.SIGTERM)
    assert response.status_code == 200
    assert response.json()["events"] == []


def test_production_refuses_the_development_secret(tmp_path: Path) -> None:
    env = service_env(tmp_path, JINGKANG_ENVIRONMENT="production")
    del env["JINGKANG_JWT_SECRET"]
    result = subprocess.run([sys.executable, "-m", "jingkang.cli", "migrate"], env=env,
                            capture_output=True, timeout=60)
    assert result.returncode != 0
    assert b"JINGKANG_JWT_SECRET" in result.stderr


def test_token_command_prints_a_token_the_service_accepts(tmp_path: Path) -> None:
    env = service_env(tmp_path)
    minted = subprocess.run(
        [sys.executable, "-m", "jingkang.cli", "token", "--role", "auditor", "--org", "audit-1",
         "--region", "130000"], env=env, capture_output=True, timeout=60, check=True)
    import jwt

    claims = jwt.decode(minted.stdout.strip(), env["JINGKANG_JWT_SECRET"], algorithms=["HS256"])
    assert (claims["role"], claims["org_id"], claims["region"]) == ("auditor", "audit-1", "130000")


def test_production_refuses_the_development_ledger_key(tmp_path: Path) -> None:
    env = service_env(tmp_path, JINGKANG_ENVIRONMENT="production",
                      JINGKANG_PERSON_KEY_SECRET="a-person-key-for-this-test-only",
                      JINGKANG_MASTER_KEY=base64.b64encode(os.urandom(32)).decode())
    result = subprocess.run([sys.executable, "-m", "jingkang.cli", "migrate"], env=env,
                            capture_output=True, timeout=60)
    assert result.returncode != 0
    assert b"JINGKANG_LEDGER_KEY or JINGKANG_LEDGER_KEY_FILE must be set" in result.stderr
    key_file = tmp_path / "ledger.key"
    key_file.write_text(base64.b64encode(os.urandom(16)).decode(), encoding="utf-8")
    env["JINGKANG_LEDGER_KEY_FILE"] = str(key_file)
    subprocess.run([sys.executable, "-m", "jingkang.cli", "migrate", "referral"], env=env,
                   capture_output=True, timeout=60, check=True)
    short = subprocess.run([sys.executable, "-m", "jingkang.cli", "verify", "referral"], env=env,
                           capture_output=True, timeout=60)
    assert short.returncode == 2 and b"32 bytes" in short.stderr
