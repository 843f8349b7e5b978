"""The division-code table an operator can keep current: a county created after the
installed python-stdnum release is accepted once listed in the override file, and a code
retired there is refused after its date, by the services and by `jingkang token`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from stdnum.cn import uscc

from jingkang.common.adapters.region_overrides import load_region_table, parse_overrides
from jingkang.common.domain.regions import RegionTable

from .support import running, service_env, token

NEW_COUNTY = "130199"  # no such code in the bundled table
OVERRIDES = ("code,name,added_on,retired_on\n"
             f"{NEW_COUNTY},新设示范区,2026-03-01,\n"
             "130104,,,2026-01-01\n")


def test_the_override_file_adds_and_retires_codes(tmp_path: Path) -> None:
    assert RegionTable.bundled().get(NEW_COUNTY, 2026) is None
    path = tmp_path / "regions.csv"
    path.write_text(OVERRIDES, encoding="utf-8")
    table = load_region_table(str(path))
    assert table.get(NEW_COUNTY, 2026).name == "新设示范区"
    assert table.get(NEW_COUNTY, 2025) is None
    assert table.county(NEW_COUNTY, 2026) is not None
    assert NEW_COUNTY in [r.code for r in table.children("130100", 2026)]
    assert table.get("130104", 2025) is not None and table.get("130104", 2026) is None
    assert load_region_table(None).get("130104", 2026) is not None  # no file, no change


@pytest.mark.parametrize("text, complaint", [
    ("code,name\n130199,新区\n", "header"),
    ("code,name,added_on,retired_on\n13019,新区,2026-01-01,\n", "line 2"),
    ("code,name,added_on,retired_on\n130199,新区,2026/01/01,\n", "YYYY-MM-DD"),
    ("code,name,added_on,retired_on\n130199,,2026-01-01,\n", "added has a name"),
])
def test_a_bad_override_file_is_refused_naming_its_line(text: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        parse_overrides(text)


def _institution(region: str) -> dict:
    body = "52130100MJ0099001"
    return {"name": "示范区康复站", "credit_code": body + uscc.calc_check_digit(body),
            "region": region, "address": "示范路1号", "level": "township", "kind": "station",
            "area": "urban", "capacity": 10, "services": ["life_skills"]}


def test_the_services_and_the_token_command_follow_the_file(tmp_path: Path) -> None:
    path = tmp_path / "regions.csv"
    path.write_text(OVERRIDES, encoding="utf-8")
    env = service_env(tmp_path, JINGKANG_REGION_OVERRIDES_FILE=str(path))
    ca = token("civil_affairs", org="ca-hebei", region="130000")
    base = env["JINGKANG_REGISTRY_URL"]
    with running(["run"], env, [env["JINGKANG_REFERRAL_URL"], base]):
        added = httpx.post(f"{base}/v1/institutions", json=_institution(NEW_COUNTY), headers=ca)
        retired = httpx.post(f"{base}/v1/institutions", json=_institution("130104"), headers=ca)
    assert added.status_code == 201, added.text
    assert retired.status_code == 422 and retired.json()["errors"][0]["field"] == "region"
    minted = subprocess.run([sys.executable, "-m", "jingkang.cli", "token", "--role",
                             "civil_affairs", "--org", "ca", "--region", NEW_COUNTY], env=env,
                            capture_output=True, text=True)
    assert minted.returncode == 0, minted.stderr
