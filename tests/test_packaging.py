"""A wheel holds only the packages pyproject.toml lists: a package left off installs from a
checkout in editable mode and is missing from a real install (the Docker image)."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _declared() -> tuple[set[str], dict[str, str]]:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    return set(setuptools["packages"]), setuptools["package-dir"]


def _data_packages() -> set[str]:
    """Folders of data files (templates, static files), listed as packages of their own."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    return set(setuptools.get("package-data", {}))


def _on_disk(package_dir: dict[str, str]) -> set[str]:
    found = set()
    for name, folder in package_dir.items():
        base = ROOT / folder
        for init in base.rglob("__init__.py"):
            relative = init.parent.relative_to(base).parts
            found.add(".".join((name, *relative)))
    return found


def test_every_package_on_disk_is_listed_for_the_wheel():
    declared, package_dir = _declared()
    assert _on_disk(package_dir) - declared == set()


def test_every_listed_package_exists():
    declared, package_dir = _declared()
    assert declared - _on_disk(package_dir) - _data_packages() == set()
    for name in _data_packages():
        top, *rest = name.split(".")
        assert (ROOT / package_dir[top]).joinpath(*rest).is_dir(), name
