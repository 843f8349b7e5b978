"""Writes the typed Python clients of both APIs from openapi/*.json, with the pinned generator
(openapi-python-client, in the test extra); a test regenerates them and finds no difference.

    .venv/bin/python tools/generate_clients.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = ROOT / "clients" / "python"
SERVICES = ("referral", "registry")


def package(service: str) -> str:
    return f"jingkang_{service}_client"


def generate(service: str, into: Path) -> Path:
    """The client package of ``service`` generated under ``into``; returns its folder."""
    with tempfile.TemporaryDirectory() as work:
        config = Path(work) / "config.yml"
        config.write_text(f"package_name_override: {package(service)}\n"
                          f"project_name_override: {package(service)}\n", encoding="utf-8")
        target = Path(work) / package(service)
        generator = Path(sys.executable).with_name("openapi-python-client")
        subprocess.run([str(generator), "generate", "--path",
                        str(ROOT / "openapi" / f"{service}.json"), "--meta", "none",
                        "--config", str(config), "--output-path", str(target)],
                       check=True, capture_output=True, text=True)
        destination = into / package(service)
        if destination.exists():
            shutil.rmtree(destination)
        shutil.copytree(target, destination)
    return destination


if __name__ == "__main__":
    for name in SERVICES:
        print(f"wrote {generate(name, CLIENTS).relative_to(ROOT)}")
