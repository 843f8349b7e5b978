"""The work lists against the three real services on loopback ports: every filter reaches the
API and narrows the list, the cursor pages on, a bad filter value is refused in Chinese beside
its field before anything is asked, and the queues page instead of stopping at 100."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from jingkang.console.config import Settings
from jingkang.demo.accounts import DEMO_ACCOUNTS, create_console_accounts

from ..referral.payloads import upload
from ..services.support import running, service_env, token

SEEDED = 55  # more than one page of 50
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_ROWS = re.compile(r'<td><a href="/cases/([^"]+)">')


def _seed(referral: str) -> dict[str, str]:
    """55 cases in 130102 of risk level 1, and one each in 130104 (risk 4) and 130105."""
    hospital = token("hospital", org="hosp-1", region="130100")
    made: dict[str, str] = {}
    with httpx.Client(base_url=referral, headers=hospital, timeout=30) as http:
        for serial in range(SEEDED + 2):
            region, risk = {SEEDED: ("130104", 4), SEEDED + 1: ("130105", 1)}.get(
                serial, ("130102", 1))
            answer = http.post("/v1/referrals/medical-assessments", json=upload(
                serial, residence_region=region, risk_level=risk))
            assert answer.status_code == 201, answer.text
            made[f"{region}-{serial}"] = answer.json()["case_id"]
    return made


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The three services (``jingkang run``), the demo's console accounts, the seeded cases."""
    data_dir = tmp_path_factory.mktemp("worklists")
    env = service_env(data_dir)
    bases = [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"],
             f"http://127.0.0.1:{env['JINGKANG_CONSOLE_PORT']}"]
    with running(["run"], env, bases):
        create_console_accounts(Settings(_env_file=None, data_dir=data_dir))
        yield bases[2], _seed(bases[0])


@contextmanager
def signed_in(base: str, username: str) -> Iterator[httpx.Client]:
    account = next(a for a in DEMO_ACCOUNTS if a.username == username)
    with httpx.Client(base_url=base, timeout=30) as http:
        csrf = _CSRF.search(http.get("/signin").text)
        assert csrf
        answer = http.post("/signin", data={"username": account.username,
                                            "password": account.password, "csrf": csrf.group(1)})
        assert answer.status_code == 303, answer.text
        yield http


def rows(html: str) -> list[str]:
    return _ROWS.findall(html)


def test_each_filter_narrows_the_list(system: Any) -> None:
    base, made = system
    with signed_in(base, "demo-platform") as http:
        assert len(rows(http.get("/cases").text)) == 50
        by_region = http.get("/cases", params={"region": "130104"}).text
        assert rows(by_region) == [made[f"130104-{SEEDED}"]]
        assert "河北省石家庄市" in by_region  # the code's name shown beside it
        risky = http.get("/cases", params={"risk_level_min": "3"}).text
        assert rows(risky) == [made[f"130104-{SEEDED}"]]
        assert rows(http.get("/cases", params={"state": "dispatched"}).text) == []
        assert len(rows(http.get("/cases", params={"state": "registered"}).text)) == 50
        assert rows(http.get("/cases", params={"institution_id": "nowhere"}).text) == []
        assert rows(http.get("/cases", params={"updated_since": "2099-01-01"}).text) == []
        assert len(rows(http.get("/cases", params={"updated_since": "2020-01-01"}).text)) == 50
        queue = http.get("/cases", params={"due": "dispatch", "overdue": "false",
                                           "region": "130105"})
        assert rows(queue.text) == [made[f"130105-{SEEDED + 1}"]]
        assert "分派期限" in queue.text
        assert rows(http.get("/cases", params={"due": "dispatch", "overdue": "true"}).text) == []
