"""The structure of the code, pinned (docs/architecture.md): layers point one way, the two
services share code only through services/common and libs/, no import circles, and modules
and classes a reader can hold in one sitting.  Imports are read with ``ast``, so an import
inside a function or under ``TYPE_CHECKING`` counts too."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"jingkang": ROOT / "services", "jingkang_events": ROOT / "libs" / "events"}
SERVICES = ("referral", "registry", "console")
WEB_AND_DATABASE = ("fastapi", "starlette", "sqlalchemy", "httpx", "asyncpg", "aiosqlite",
                    "uvicorn", "alembic")
MAX_MODULE_LINES, MAX_CLASS_LINES = 300, 200
# Modules over the limit and import circles allowed for now: none.  A module that must grow
# past the limit for a while is named here, and the test fails again once it fits.
OVERSIZED: set[str] = set()
KNOWN_CIRCLES: set[tuple[str, ...]] = set()


@dataclass(frozen=True)
class Module:
    name: str
    path: Path

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"


@cache
def modules() -> dict[str, Module]:
    found = {}
    for package, base in PACKAGES.items():
        for path in base.rglob("*.py"):
            parts = list(path.relative_to(base).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            name = ".".join([package, *parts])
            found[name] = Module(name, path)
    return found


def imported(module: Module) -> set[str]:
    """Every module name ``module`` imports, absolute, with each imported name appended too
    (``from .x import y`` may import the module ``x.y``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(module.path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.name.split(".")
                base = base if module.is_package else base[:-1]
                base = base[:len(base) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            # ``from . import x`` imports the submodule x; its package is already importing
            names |= {f"{source}.{alias.name}" for alias in node.names}
            if node.module or not node.level:
                names.add(source)
    return names


def layer_of(name: str) -> tuple[str, str] | None:
    """(service, layer) of a service module, e.g. ("referral", "application")."""
    parts = name.split(".")
    if parts[0] == "jingkang" and len(parts) > 2 and parts[1] in (*SERVICES, "common"):
        return parts[1], parts[2]
    return None


def offenders(layer: str, forbidden) -> dict[str, list[str]]:  # noqa: ANN001
    found = {}
    for name, module in sorted(modules().items()):
        where = layer_of(name)
        if where is None or where[1] != layer:
            continue
        bad = sorted(i for i in imported(module) if forbidden(where[0], i))
        if bad:
            found[name] = bad
    return found


def _in(service: str, layer: str, name: str) -> bool:
    return name == f"jingkang.{service}.{layer}" or name.startswith(f"jingkang.{service}.{layer}.")


def _outside_libraries(name: str) -> bool:
    return name.split(".")[0] in WEB_AND_DATABASE


@pytest.mark.parametrize("layer", ["domain", "application", "entrypoints"])
def test_no_layer_above_the_adapters_imports_them(layer: str) -> None:
    assert offenders(layer, lambda s, i: _in(s, "adapters", i)) == {}


def test_services_common_is_layered_too() -> None:
    """Its modules sit in domain/, application/, adapters/ and web/, beside the settings and
    the runtime every service's composition root builds on."""
    top = {p.name for p in (ROOT / "services" / "common").glob("*.py")}
    assert top == {"__init__.py", "settings.py", "runtime.py"}


# The edge: each service's routes, and services/common/web (middleware, tokens, problems).
EDGES = ("entrypoints", "web")


def _edge(service: str, name: str) -> bool:
    return any(_in(service, edge, name) or _in("common", edge, name) for edge in EDGES)


def test_the_domain_imports_no_other_layer_and_no_web_or_database_library() -> None:
    assert offenders("domain", lambda s, i: _outside_libraries(i) or _edge(s, i) or any(
        _in(s, other, i) or _in("common", other, i)
        for other in ("application", "adapters", "bootstrap", "config", "settings",
                      "runtime"))) == {}


def test_the_application_imports_no_edge_and_no_web_or_database_library() -> None:
    assert offenders("application", lambda s, i: _outside_libraries(i) or _edge(s, i) or _in(
        s, "bootstrap", i) or _in("common", "adapters", i)) == {}


def test_no_adapter_imports_the_edge() -> None:
    assert offenders("adapters", lambda s, i: _edge(s, i)) == {}


def test_the_two_services_never_import_each_other() -> None:
    crossing = {name: sorted(i for i in imported(m) if any(
        i.startswith(f"jingkang.{other}") for other in SERVICES if other != name.split(".")[1]))
        for name, m in modules().items()
        if name.split(".")[:2] in (["jingkang", s] for s in SERVICES)}
    assert {name: bad for name, bad in crossing.items() if bad} == {}


def circles() -> set[tuple[str, ...]]:
    """Strongly connected groups of more than one module in the import graph (Tarjan)."""
    graph = {name: {i for i in imported(m) if i in modules() and i != name}
             for name, m in modules().items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: set[tuple[str, ...]] = set()

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.add(tuple(sorted(group)))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_import_circles_but_the_known_ones_being_broken() -> None:
    assert circles() == KNOWN_CIRCLES


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_longer_than_a_reader_holds_in_one_sitting() -> None:
    sources = [p for base in ("services", "libs", "tools") for p in (ROOT / base).rglob("*.py")]
    long = {str(p.relative_to(ROOT)) for p in sources if _lines(p) > MAX_MODULE_LINES}
    assert long == OVERSIZED


def test_no_class_is_longer_than_the_limit() -> None:
    long = {}
    for module in modules().values():
        if str(module.path.relative_to(ROOT)) in OVERSIZED:
            continue
        for node in ast.walk(ast.parse(module.path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_CLASS_LINES:
                    long[f"{module.name}.{node.name}"] = length
    assert long == {}


def test_the_checks_see_what_they_look_for() -> None:
    """The checks are not vacuous: they find known imports, layers and circles."""
    service = modules()["jingkang.referral.application.service"]
    assert "jingkang.common.application.pipeline" in imported(service)
    assert "jingkang.referral.domain.scope" in imported(service)
    assert layer_of("jingkang.registry.adapters.tables") == ("registry", "adapters")
    assert _in("referral", "adapters", "jingkang.referral.adapters.case_repository")
    assert offenders("adapters", lambda s, i: _in(s, "application", i))  # adapters use ports
    assert _edge("referral", "jingkang.common.web.problems")
    assert offenders("web", lambda s, i: _in("common", "adapters", i))  # the edge wires them
    assert len(modules()) > 100
