"""/docs and /redoc render their operations in a real browser with every other host out of
reach, as on a hospital's intranet (headless Chromium from the system, driven by Playwright)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .support import running, service_env

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    found = shutil.which("chromium") or (CHROMIUM if os.path.exists(CHROMIUM) else None)
    if found is None:
        message = "Chromium is not installed (Debian: chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + ": CI must run the browser tests")
        pytest.skip(message)
    return found


@pytest.mark.slow
def test_the_api_documents_render_with_no_other_host_reachable(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    executable = chromium()
    env = service_env(tmp_path)
    bases = [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"]]
    shots = Path(os.environ.get("JINGKANG_RENDER_DIR", tmp_path))
    with running(["run"], env, bases), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        page = browser.new_page()
        elsewhere: list[str] = []

        def only_loopback(route, request) -> None:  # type: ignore[no-untyped-def]
            if request.url.startswith("http://127.0.0.1:"):
                route.continue_()
            else:
                elsewhere.append(request.url)
                route.abort()

        page.route("**/*", only_loopback)
        for base, operation in ((bases[0], "upload_medical_assessment"),
                                (bases[1], "register_institution")):
            page.goto(f"{base}/docs")
            page.wait_for_selector(".opblock", timeout=30_000)
            assert page.locator(".opblock").count() > 10
            assert page.locator(f"[id*='{operation}']").count() >= 1
            page.screenshot(path=str(shots / f"docs-{operation}.png"))
            page.goto(f"{base}/redoc")
            page.wait_for_selector("[data-section-id]", timeout=30_000)
            assert page.locator("[data-section-id]").count() > 10
        browser.close()
    assert elsewhere == []
