"""`jingkang demo` against the real services: it prints what the README shows (the figures
depend on the day, the layout does not), and run again it keeps what is there — a baseline
someone entered included."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from .support import running, service_env, token

ROOT = Path(__file__).resolve().parents[2]


def _shape(lines: list[str]) -> list[str]:
    """A summary's lines with every figure and period replaced: what must match the README."""
    shaped = []
    for line in lines:
        line = re.sub(r"\d{4}Q\d", "QUARTER", line)
        line = re.sub(r"(?<![\w])(-|\d[\d.]*)(?![\w])", "#", line)
        shaped.append(" ".join(line.replace("\u3000", " ").split()))
    return shaped


def _summary(output: str) -> list[str]:
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("progress summary"))
    block = [lines[start]]
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        block.append(line.strip())
    return block


def _readme_summary() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## A demonstration"):]
    block = re.search(r"```\n(progress summary.*?)```", section, re.S).group(1)
    return [line.strip() if i else line for i, line in enumerate(block.splitlines())]


@pytest.mark.slow
def test_the_demo_prints_what_the_readme_shows_and_keeps_what_is_there(tmp_path: Path) -> None:
    env = service_env(tmp_path)
    bases = [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"]]
    demo = [sys.executable, "-m", "jingkang.cli", "demo"]
    with running(["run"], env, bases):
        first = subprocess.run(demo, env=env, capture_output=True, text=True, timeout=600)
        assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
        assert _shape(_summary(first.stdout)) == _shape(_readme_summary())
        quarter = re.search(r"progress summary \d+ (\d{4}Q\d)", first.stdout).group(1)
        ca = token("civil_affairs", org="ca-hebei", region="130000")
        county = "130102"
        mine = {"total_patients": 4321, "severe_at_home_police": 1, "severe_at_home_health": 1,
                "general_at_home": 1, "psychiatric_medical_staff": 1, "purchased_teams": [],
                "funding_10k_cny": "1.00"}
        put = httpx.put(f"{bases[1]}/v1/regions/{county}/baselines/{quarter}", json=mine,
                        headers=ca)
        assert put.status_code == 200, put.text
        again = subprocess.run(demo, env=env, capture_output=True, text=True, timeout=600)
        assert again.returncode == 0, again.stdout[-2000:]
        assert "kept (entered already)" in again.stdout
        assert "demo-civil-affairs" in first.stdout and "(exists already)" in again.stdout
        shown = httpx.get(f"{bases[1]}/v1/statistics/progress", headers=ca,
                          params={"region": county, "period": quarter}).json()
    assert shown["total"]["values"]["1"] == 4321  # the demo did not overwrite it
