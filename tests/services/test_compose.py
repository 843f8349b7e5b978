"""docker-compose.yml, checked without a Docker engine: interpolated as `docker compose`
interpolates it, validated against the Compose Specification's schema, and the exact
environment it gives the services used to migrate and start them on this machine."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import yaml
from sqlalchemy.engine import make_url

from tests.conftest import create_pg_database, drop_pg_database
from tools.generate_secrets import fresh_secrets
from tools.generate_secrets import main as generate_secrets

from .support import free_port, running

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
SCHEMA = json.loads((Path(__file__).parent / "compose" / "compose-spec.json").read_text())
_VARIABLE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[?-])([^}]*))?\}")
SERVING = ("postgres", "referral", "registry")


class MissingVariable(ValueError):
    pass


def interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's interpolation: ``${X}``, ``${X:?message}`` (unset or empty stops with the
    message), ``${X:-default}``, and ``$$`` for a dollar."""
    def value(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, operator, argument = match.groups()
        current = env.get(name)
        empty = current is None or (current == "" and operator and operator.startswith(":"))
        if operator in (":?", "?") and empty:
            raise MissingVariable(f"required variable {name} is missing a value: {argument}")
        if operator in (":-", "-") and empty:
            return argument
        return current or ""
    return _VARIABLE.sub(value, text)


def compose(env: dict[str, str]) -> dict[str, Any]:
    return yaml.safe_load(interpolate(COMPOSE.read_text(encoding="utf-8"), env))


def test_the_compose_file_is_valid_against_the_compose_specification() -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(compose(fresh_secrets()))


def test_a_missing_secret_stops_compose_and_says_what_to_run() -> None:
    for name in fresh_secrets():
        secrets = fresh_secrets()
        del secrets[name]
        with pytest.raises(MissingVariable, match="tools/generate_secrets.py"):
            compose(secrets)


def test_no_variable_falls_back_to_a_default() -> None:
    used = _VARIABLE.findall(COMPOSE.read_text(encoding="utf-8"))
    assert used and all(operator == ":?" for _, operator, _ in used if _), used
    assert {name for name, _, _ in used if name} == set(fresh_secrets())


def test_the_long_running_services_restart_and_report_their_health() -> None:
    services = compose(fresh_secrets())["services"]
    for name in SERVING:
        assert services[name]["restart"] == "unless-stopped", name
        assert services[name]["healthcheck"]["test"], name
    assert services["migrate"]["restart"] == "no"


def test_the_secrets_file_is_written_once_and_never_overwritten(tmp_path: Path) -> None:
    target = tmp_path / ".env"
    assert generate_secrets(["--output", str(target)]) == 0
    first = target.read_text()
    assert target.stat().st_mode & 0o777 == 0o600
    assert generate_secrets(["--output", str(target)]) == 1
    assert target.read_text() == first
    assert set(_env_file(target)) == set(fresh_secrets())


def _env_file(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines()
                if line and not line.startswith("#"))


async def test_the_services_start_with_the_environment_compose_passes(tmp_path: Path) -> None:
    """The services' own production checks accept what the file passes: `migrate` exits 0 and
    both services answer /readyz (PostgreSQL and the peers on this machine instead of the
    compose network's hosts)."""
    generate_secrets(["--output", str(tmp_path / ".env")])
    secrets = _env_file(tmp_path / ".env")
    environment = compose(secrets)["services"]["referral"]["environment"]
    assert environment == compose(secrets)["services"]["registry"]["environment"]
    referral_db, registry_db = await create_pg_database(), await create_pg_database()
    try:
        ports = {"referral": free_port(), "registry": free_port()}
        env = {**environment, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
               "JINGKANG_HOST": "127.0.0.1", "JINGKANG_DATA_DIR": str(tmp_path),
               "JINGKANG_LOG_LEVEL": "warning",
               "JINGKANG_REFERRAL_PORT": str(ports["referral"]),
               "JINGKANG_REGISTRY_PORT": str(ports["registry"])}
        for service, local in (("referral", referral_db), ("registry", registry_db)):
            given = make_url(environment[f"JINGKANG_{service.upper()}_DATABASE_URL"])
            assert given.password == secrets["POSTGRES_PASSWORD"]
            env[f"JINGKANG_{service.upper()}_DATABASE_URL"] = local  # this machine's server
            env[f"JINGKANG_{service.upper()}_URL"] = f"http://127.0.0.1:{ports[service]}"
        done = subprocess.run([sys.executable, "-m", "jingkang.cli", "migrate", "all"], env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        for service in ("referral", "registry"):
            base = f"http://127.0.0.1:{ports[service]}"
            with running(["serve", service], env, [base]):
                assert httpx.get(f"{base}/readyz", timeout=10).status_code == 200
    finally:
        await drop_pg_database(referral_db)
        await drop_pg_database(registry_db)


def _copied_by_the_image() -> list[str]:
    """The sources of the Dockerfile's COPY lines (the image holds nothing else)."""
    sources = []
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if line.startswith("COPY "):
            sources += line.split()[1:-1]
    return sources


def test_the_image_installs_every_module(tmp_path: Path) -> None:
    """What the Dockerfile copies builds a distribution with every module of every package
    pyproject.toml maps (the services, the library, the generated clients: a package left out
    of pyproject.toml, or a folder the image does not copy, fails here) and the migrations."""
    context = tmp_path / "app"
    context.mkdir()
    for source in _copied_by_the_image():
        target = context / source
        target.parent.mkdir(parents=True, exist_ok=True)
        copy = shutil.copytree if (ROOT / source).is_dir() else shutil.copy
        copy(ROOT / source, target)
    assert (context / "migrations").is_dir() and (context / "alembic.ini").is_file()
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                            "--wheel-dir", str(tmp_path / "wheel"), str(context)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    [wheel] = (tmp_path / "wheel").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package_dirs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-dir"]
    assert {"jingkang", "jingkang_events"} <= set(package_dirs)
    expected = {f"{package}/{path.relative_to(ROOT / folder)}"
                for package, folder in package_dirs.items()
                for path in (ROOT / folder).rglob("*.py")}
    assert expected - names == set()


# pip's own notes about this machine's package indexes, not about the project
_INDEX_NOTE = re.compile(r"^WARNING: Location '[^']*' is ignored")


def test_a_clean_editable_install_prints_no_warnings(tmp_path: Path) -> None:
    """`pip install -e .` into a fresh environment: no setuptools warning (the licence as an
    SPDX expression; no editable-install notice, tools/quiet_setuptools.py)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "venv")],
                   check=True, timeout=120)
    done = subprocess.run([sys.executable, "-m", "pip", "--python",
                           str(tmp_path / "venv" / "bin" / "python"), "install", "--quiet",
                           "--no-deps", "--editable", str(ROOT)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    printed = [line for line in (done.stdout + done.stderr).splitlines()
               if line.strip() and not _INDEX_NOTE.match(line)]
    assert printed == []
