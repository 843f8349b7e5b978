"""The typed Python clients under clients/python are what the pinned generator makes of
openapi/*.json today: regenerated here, they are byte for byte the committed ones."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from tools.generate_clients import CLIENTS, SERVICES, generate, package


def _differences(left: Path, right: Path) -> list[str]:
    found = []
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found += [f"{left.name}/{n} only in one" for n in comparison.left_only + comparison.right_only]
    found += [f"{left.name}/{n}" for n in comparison.diff_files]
    for name in comparison.common_dirs:
        found += _differences(left / name, right / name)
    return found


@pytest.mark.parametrize("service", SERVICES)
def test_the_committed_client_is_what_the_generator_makes(service: str, tmp_path: Path) -> None:
    fresh = generate(service, tmp_path)
    assert _differences(fresh, CLIENTS / package(service)) == [], (
        "regenerate with: .venv/bin/python tools/generate_clients.py")
