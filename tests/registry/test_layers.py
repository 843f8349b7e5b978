"""The registry's layers point one way: the application reaches adapters only through its
ports (application/ports.py), and the routes reach neither adapters nor the bootstrap's
concrete objects except through the runtime."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REGISTRY = Path(__file__).resolve().parents[2] / "services" / "registry"


def imported_modules(path: Path) -> list[str]:
    """Every module ``path`` imports, relative imports written with their leading dots."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return names


def reaches_adapters(module: str) -> bool:
    return module.startswith("..adapters") or module.startswith("jingkang.registry.adapters")


@pytest.mark.parametrize("layer", ["application", "entrypoints", "domain"])
def test_no_registry_layer_above_the_adapters_imports_them(layer: str) -> None:
    offending = {str(path.relative_to(REGISTRY)): module
                 for path in sorted((REGISTRY / layer).rglob("*.py"))
                 for module in imported_modules(path) if reaches_adapters(module)
                 or module.startswith("...adapters")}
    assert offending == {}


def test_the_check_sees_an_adapter_import() -> None:
    assert reaches_adapters("..adapters.registry_queries")
    assert reaches_adapters("jingkang.registry.adapters.tables")
    assert not reaches_adapters("..application.ports")
