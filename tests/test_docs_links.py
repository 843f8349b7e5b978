"""Every file the README and the docs link to or show is in the repository (a picture or a
page renamed without its links is caught here, not by a reader)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_every_local_link_and_picture_of_the_docs_exists() -> None:
    missing = []
    for document in _documents():
        for target in LINK.findall(document.read_text(encoding="utf-8")):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (document.parent / target).exists():
                missing.append(f"{document.relative_to(ROOT)} → {target}")
    assert missing == []


def test_the_readme_shows_every_workspace_of_the_console() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"docs/console/([a-z0-9-]+)-1366\.png", readme))
    taken = {p.name.removesuffix("-1366.png") for p in (ROOT / "docs/console").glob("*-1366.png")}
    assert taken - shown == set()
