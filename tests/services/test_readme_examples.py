"""The README's API examples, run verbatim by bash against the real services started as
`make run` starts them (their ports substituted): a step that fails, or an answer that differs
from what the README promises, fails here."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .support import running, service_env

ROOT = Path(__file__).resolve().parents[2]


def block_after(heading: str) -> str:
    """The first ```sh block of the README section under ``heading``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(heading):]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def promised(block: str) -> list[str]:
    """The JSON fragments the README's `# →` lines promise, e.g. `"state": "dispatched"`."""
    found = []
    for line in block.splitlines():
        if line.lstrip().startswith("# →"):
            found += re.findall(r'"[a-z_]+": (?:"[^"]*"|\[[^\]]*\]|true|false|\d+)', line)
    return found


@pytest.mark.slow
def test_the_readme_examples_run_as_written(tmp_path: Path) -> None:
    if shutil.which("curl") is None:
        pytest.fail("curl is needed to run the README's examples")
    env = service_env(tmp_path)
    referral, registry = env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"]
    jingkang = str(Path(sys.executable).with_name("jingkang"))
    blocks = [block_after("## Using the referral API"), block_after("## Using the registry API")]
    script = "\n".join(blocks)
    script = (script.replace("http://127.0.0.1:8001", referral)
              .replace("http://127.0.0.1:8002", registry)
              .replace(".venv/bin/jingkang", jingkang))
    # Every request must succeed (curl fails on a 4xx or 5xx), every command too.
    prelude = "set -euo pipefail\ncurl() { command curl --fail-with-body \"$@\"; echo; }\n"
    with running(["run"], env, [referral, registry]):
        done = subprocess.run(["bash", "-c", prelude + script], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    answers = done.stdout.replace('":"', '": "').replace('":[', '": [').replace(
        '":t', '": t').replace('":f', '": f')
    answers = re.sub(r'":(\d)', r'": \1', answers)
    for fragment in promised(blocks[0]):
        assert fragment in answers, (fragment, done.stdout[-3000:])


def test_the_readme_promises_what_the_test_checks() -> None:
    fragments = promised(block_after("## Using the referral API"))
    assert '"available_actions": ["consent"]' in fragments
    assert '"state": "dispatched"' in fragments and '"valid": true' in fragments
