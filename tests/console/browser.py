"""Real Chromium for the console's browser tests: the Debian ``chromium`` package driven by
Playwright (never a browser Playwright downloads).  Without it the tests skip saying so;
under CI=true they fail instead."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.services.support import free_port, running, service_env

CHROMIUM = os.environ.get("JINGKANG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking"]
# Where the pages are photographed: a temporary folder, so a test run changes no file of the
# checkout; JINGKANG_RENDER_DIR=docs/console regenerates the documentation's pictures.
SCREENSHOTS = Path(os.environ.get("JINGKANG_RENDER_DIR") or tempfile.mkdtemp(prefix="console-"))
ADMIN_PASSWORD = "administrator password 1"


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright)"
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def need_browser() -> None:
    missing = _missing()
    if missing is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run under CI=true: {missing}")
    pytest.skip(f"browser tests skipped: {missing}")


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def the_system(data_dir: Path) -> Iterator[tuple[str, str]]:
    """The three real services on loopback ports, with a first administrator; yields the
    console's URL and the administrator's TOTP secret."""
    console_port = free_port()
    env = service_env(data_dir, JINGKANG_CONSOLE_PORT=str(console_port))
    made = subprocess.run(
        [sys.executable, "-m", "jingkang.cli", "create-admin", "root", "--region", "130000",
         "--name", "系统管理员", "--password-stdin"],
        input=ADMIN_PASSWORD + "\n", env=env, capture_output=True, text=True, check=True)
    secret = made.stdout.split("authenticator app): ")[1].split()[0]
    bases = [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"],
             f"http://127.0.0.1:{console_port}"]
    with running(["run"], env, bases):
        yield bases[2], secret
